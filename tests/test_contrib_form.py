"""The /submit/ forms in real Chromium: valid answers make a file the real build accepts,
mistakes show the GOV.UK error summary, hostile text round-trips, and axe finds nothing."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import axe_violations, format_violations, run_build, run_check
from helpers_contrib import copy_content, decode_github_link, fill_valid_opportunity, make_file, serve_siteurl
from portal_content.loader import load_content
from portal_content.yamlsafe import parse_yaml

pytestmark = pytest.mark.browser

BUILD_DAY = date(2026, 11, 26)  # conftest's TEST_EPOCH


def settings():
    """The example site's settings, as the build reads them."""
    from conftest import ROOT
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))


@pytest.fixture
def opportunity_form(page, site_server, example_site):
    serve_siteurl(page, example_site)
    page.goto(site_server.url + "/submit/")
    page.locator("#submit-form").wait_for(state="visible")
    return page


def test_valid_answers_make_a_file_the_build_publishes(opportunity_form, example_site, tmp_path):
    page = opportunity_form
    fill_valid_opportunity(page, "garden-helper-test")
    path, text = make_file(page)
    assert path == "content/opportunities/aire-valley-hospitals/garden-helper-test.yaml"
    assert page.evaluate("document.activeElement.id") == "submit-result-title"
    assert page.locator("#error-summary").is_hidden()

    content = copy_content(tmp_path)
    target = content / path.removeprefix("content/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    result = run_build(content, tmp_path / "output")
    assert result.returncode == 0, result.log
    assert "garden-helper-test" not in result.stderr  # no warning about the new file either

    page_html = (tmp_path / "output" / "opportunities" / "garden-helper-test" / "index.html").read_text(encoding="utf-8")
    assert "Garden helper at the health centre" in page_html
    assert "Help keep the health centre garden tidy" in page_html

    def gardening(site):
        stats = json.loads((site / "stats" / "stats.json").read_text(encoding="utf-8"))
        return next(row["count"] for row in stats["facets"]["activities"] if row["key"] == "gardening-and-environment")

    assert gardening(result.output) == gardening(example_site) + 1

    data = parse_yaml(text).data
    assert data["commitment"] == {"hours_per_week": 2.5, "schedule": ["weekends"], "duration": "ongoing"}
    assert data["locations"] == [{"name": "Example Health Centre", "postcode": "LS9 7TF", "area": "leeds"}]
    assert data["requirements"] == {"min_age": 16, "dbs_check": "basic"}
    assert data["support"] == {"expenses": True}
    assert data["closes"] == "2027-01-31"


def test_create_file_link_has_the_path_and_the_text(opportunity_form):
    page = opportunity_form
    fill_valid_opportunity(page, "link-check")
    path, text = make_file(page)
    base, query = decode_github_link(page.locator("#submit-github").get_attribute("href"))
    assert base == "https://github.com/example-ics/volunteer-portal/new/main"
    assert query == {"filename": path, "value": text}
    assert path == "content/opportunities/aire-valley-hospitals/link-check.yaml"


def test_copy_and_download_give_the_same_text(opportunity_form):
    page = opportunity_form
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.url.split("/submit/")[0])
    fill_valid_opportunity(page, "copy-check")
    _, text = make_file(page)
    page.get_by_role("button", name="Copy the text").click()
    page.get_by_text("The text is copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the file").click()
    download = info.value
    assert download.suggested_filename == "copy-check.yaml"
    assert Path(download.path()).read_text(encoding="utf-8") == text


HOSTILE = {
    "title": 'He said "hi": #1 - yes',
    "summary": "yes",
    "description": "- not a list: really\n# not a comment\n  indented 'single' and \"double\" \\ backslash\n\n007 no null ~ true",
    "pathway": "Café – naïve Ünïcödé 🙂 中文 עברית",
    "apply.instructions": "key: value\n- dash\n---\n...\n%YAML 1.2\n&anchor *alias !tag |\n> fold",
    "access.notes": "\ttab, then 0x1F and 0o17 and 1e3 and .inf",
}


def test_hostile_text_round_trips_exactly_through_yaml_and_the_loader(opportunity_form, tmp_path):
    page = opportunity_form
    fill_valid_opportunity(page, "hostile-text", title=HOSTILE["title"])
    page.get_by_label("Summary").fill(HOSTILE["summary"])
    page.get_by_label("Description").first.fill(HOSTILE["description"])
    page.get_by_label("Where it can lead").fill(HOSTILE["pathway"])
    page.get_by_label("What to do").fill(HOSTILE["apply.instructions"])
    page.get_by_label("Access notes").fill(HOSTILE["access.notes"].strip())
    page.get_by_label("Phone number to apply").fill("01134960000")
    page.get_by_label("Skills").fill("yes\nno\n0123\n: colon first\n\"quoted\"")
    page.get_by_label("Keywords").fill("null\n~\ntrue\n- dash")
    page.get_by_label("Languages").fill("en\nNO")
    _, text = make_file(page)

    content = copy_content(tmp_path)
    (content / "opportunities" / "hostile-text.yaml").write_text(text, encoding="utf-8")
    result = load_content(content, settings())
    assert result.errors == [], result.errors
    data = next(opp for opp in result.site.opportunities if opp.slug == "hostile-text").data
    assert data["title"] == HOSTILE["title"]
    assert data["summary"] == HOSTILE["summary"]
    assert data["description"] == HOSTILE["description"]
    assert data["pathway"] == HOSTILE["pathway"]
    assert data["apply"]["instructions"] == HOSTILE["apply.instructions"]
    assert data["access"]["notes"] == HOSTILE["access.notes"].strip()
    assert data["apply"]["phone"] == "01134960000"
    assert data["requirements"]["skills"] == ["yes", "no", "0123", ": colon first", '"quoted"']
    assert data["tags"] == ["null", "~", "true", "- dash"]
    assert data["languages"] == ["en", "NO"]


def test_mistakes_show_the_error_summary_focused_with_a_link_to_each_field(opportunity_form):
    page = opportunity_form
    page.get_by_label("Date posted").fill("")
    page.get_by_role("button", name="Make the file").click()
    summary = page.locator("#error-summary")
    summary.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error: ")
    links = summary.locator("a")
    messages = links.all_inner_texts()
    assert messages == [
        "Enter a short name for the web address",
        "Enter role name",
        "Select organisation",
        "Enter summary",
        "Enter description",
        "Select at least one option for kinds of volunteering",
        "Select at least one option for where it happens",
        "Enter the name of the place, or tick “It can be done from home or online”",
        "Select at least one option for when",
        "Select how long the role lasts",
        "Give a web address, an email address or a phone number for applying",
        "Enter date posted",
    ]
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("href").removeprefix("#")
        link.click()
        assert page.evaluate("document.activeElement.id") == target
        # the inline message is shown next to the field and announced with it
        error = page.locator(f"#{target}-error")
        assert error.is_visible()
        assert error.text_content() == "Error: " + messages[index]
        described = page.evaluate(
            """id => { const el = document.getElementById(id);
                       const holder = (el.type === 'checkbox' || el.type === 'radio') ? el.closest('fieldset') : el;
                       return holder.getAttribute('aria-describedby') || ''; }""",
            target,
        )
        assert f"{target}-error" in described.split()


def test_rules_beyond_required_match_the_build(opportunity_form):
    page = opportunity_form
    fill_valid_opportunity(page, "avth-ward-welcome-volunteer", title="x" * 91)
    page.get_by_label("Postcode").fill("not a postcode")
    page.get_by_label("Closing date").fill("2026-11-01")
    page.get_by_label("Hours a week").fill("lots")
    page.get_by_label("Youngest age").fill("120")
    page.get_by_label("Email address to apply").fill("not-an-email")
    page.get_by_label("Start (required)", exact=True).fill("2027-03-14T10:00")
    page.get_by_label("End (required)", exact=True).fill("2027-03-14T09:00")
    page.get_by_role("button", name="Make the file").click()
    page.locator("#error-summary").wait_for(state="visible")
    assert page.locator("#error-summary a").all_inner_texts() == [
        "The short name avth-ward-welcome-volunteer is already used. Choose another one",
        "Role name must be 90 characters or fewer",
        "Enter a UK postcode like LS9 7TF",
        "Hours a week must be a number, like 3",
        "Youngest age must be a number from 0 to 99",
        "Enter an email address like volunteering@example.org.uk",
        "The closing date must be the same as or after the date posted",
        "The end of the session must be after its start",
    ]
    page.get_by_label("Languages").fill("en\nenglish!")
    page.get_by_role("button", name="Make the file").click()
    assert "Enter a language code like en, ur or pl" in page.locator("#error-summary a").all_inner_texts()
    page.get_by_label("Languages").fill("")
    # fixing them clears the summary and makes the file
    page.get_by_label("Short name for the web address").fill("fixed-now")
    page.get_by_label("Role name").fill("Fixed")
    page.get_by_label("Postcode").fill("LS9 7TF")
    page.get_by_label("Closing date").fill("")
    page.get_by_label("Hours a week").fill("")
    page.get_by_label("Youngest age").fill("18")
    page.get_by_label("Email address to apply").fill("help@example.org.uk")
    page.get_by_label("End (required)", exact=True).fill("2027-03-14T12:00")
    _, text = make_file(page)
    assert page.locator("#error-summary").is_hidden()
    assert page.title().startswith("Error: ") is False
    assert parse_yaml(text).data["sessions"] == [{"start": "2027-03-14T10:00", "end": "2027-03-14T12:00"}]


@pytest.mark.parametrize("path", ["/submit/", "/submit/organisation/"])
def test_forms_have_no_axe_violations_with_and_without_errors(page, site_server, example_site, path):
    serve_siteurl(page, example_site)
    page.goto(site_server.url + path)
    page.locator("#submit-form").wait_for(state="visible")
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
    page.get_by_role("button", name="Make the file").click()
    page.locator("#error-summary").wait_for(state="visible")
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_organisation_form_makes_a_valid_profile(page, site_server, example_site, tmp_path):
    serve_siteurl(page, example_site)
    page.goto(site_server.url + "/submit/organisation/")
    page.locator("#submit-form").wait_for(state="visible")
    page.get_by_label("Organisation name").fill("Kirkgate \"Friends\": Café #2")
    assert page.get_by_label("Short name for the web address").input_value() == "kirkgate-friends-caf-2"
    page.get_by_label("Short name for the web address").fill("kirkgate-friends")
    page.get_by_role("radio", name="Voluntary and community group").check()
    page.get_by_label("Kirklees", exact=True).check()
    page.get_by_label("Website").fill("https://kirkgate.example.org.uk")
    page.get_by_label("Email address").fill("hello@kirkgate.example.org.uk")
    page.get_by_label("Phone number").fill("01484 496000")
    assert page.get_by_label("Email address").get_attribute("autocomplete") == "email"
    path, text = make_file(page)
    assert path == "content/organisations/kirkgate-friends.yaml"
    content = copy_content(tmp_path)
    (content / "organisations" / "kirkgate-friends.yaml").write_text(text, encoding="utf-8")
    done = run_check(content)
    assert done.returncode == 0, done.stdout + done.stderr
    data = parse_yaml(text).data
    assert data == {
        "name": "Kirkgate \"Friends\": Café #2",
        "sector": "vcse",
        "areas": ["kirklees"],
        "website": "https://kirkgate.example.org.uk",
        "contact": {"email": "hello@kirkgate.example.org.uk", "phone": "01484 496000"},
    }


def test_without_javascript_the_page_offers_other_ways(page_without_js, site_server):
    page = page_without_js
    page.goto(site_server.url + "/submit/")
    assert page.locator("#submit-form").is_hidden()
    alternatives = page.locator("#submit-nojs")
    assert alternatives.is_visible()
    assert alternatives.get_by_role("link", name="volunteering@example.org.uk").first.get_attribute("href") == "mailto:volunteering@example.org.uk"
    template = alternatives.get_by_role("link", name="opportunity template file")
    assert template.get_attribute("href").endswith("/submit/templates/opportunity.yaml")
    issue = alternatives.get_by_role("link", name="“List an opportunity” form on GitHub")
    assert issue.get_attribute("href") == "https://github.com/example-ics/volunteer-portal/issues/new?template=list-an-opportunity.yml"


def test_another_regions_vocabularies_appear_in_the_form(tmp_path, browser):
    """Settings, not code: a region with its own areas (and no repository) gets them in the form."""
    from conftest import ROOT, StaticServer

    settings_file = tmp_path / "region.py"
    settings_file.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        "PORTAL_VOCABULARIES = {**PORTAL_VOCABULARIES, 'areas': {**PORTAL_VOCABULARIES['areas'], 'harrogate': 'Harrogate and Knaresborough'}}\n"
        "PORTAL_REPOSITORY_URL = ''\n",
        encoding="utf-8",
    )
    result = run_build(ROOT / "content", tmp_path / "out", settings=settings_file)
    assert result.returncode == 0, result.log
    # a site without a repository offers email only, never a broken GitHub link
    html = (result.output / "submit" / "index.html").read_text(encoding="utf-8")
    assert 'id="submit-github"' not in html and "issues/new" not in html
    server = StaticServer(result.output)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url + "/submit/")
        assert page.get_by_role("radio", name="Harrogate and Knaresborough").count() == 1
        schema = json.loads(page.locator("#schema").text_content())
        assert "harrogate" in schema["properties"]["locations"]["items"]["properties"]["area"]["enum"]
        context.close()
    finally:
        server.close()


def test_keyboard_reaches_every_control_in_page_order(opportunity_form):
    page = opportunity_form
    expected = page.evaluate(
        """() => {
            const seen = new Set();
            return Array.from(document.querySelectorAll('#submit-form input, #submit-form select, #submit-form textarea, #submit-form button'))
              .filter(el => el.type !== 'radio' || (!seen.has(el.name) && seen.add(el.name)))  // one Tab stop per radio group
              .map(el => el.id || el.textContent.trim());
        }"""
    )
    page.get_by_label("Short name for the web address").focus()
    visited = [page.evaluate("document.activeElement.id")]
    for _ in range(3 * len(expected)):  # date and time inputs take a Tab per part (day, month, year...)
        if len(visited) == len(expected):
            break
        page.keyboard.press("Tab")
        current = page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
        if current != visited[-1]:
            visited.append(current)
    assert visited == expected
    # Space ticks a checkbox; arrow keys choose a radio button
    page.get_by_label("Befriending", exact=True).focus()
    page.keyboard.press("Space")
    assert page.get_by_label("Befriending", exact=True).is_checked()
    page.get_by_role("radio", name="One-off", exact=True).focus()
    page.keyboard.press("ArrowDown")
    assert page.get_by_role("radio", name="Fixed term", exact=True).is_checked()


# (label, value, how the form turns it into data) -- the browser and the build must agree on each.
PARITY_CASES = [
    ("Postcode", "LS9 7TF"), ("Postcode", "ls97tf"), ("Postcode", "SW1A 1AA"), ("Postcode", "LS9 7T"), ("Postcode", "ABC 123"),
    ("Web address to apply", "https://example.org"), ("Web address to apply", "http://example.org"),
    ("Web address to apply", "https://"), ("Web address to apply", "https://exa mple.org"),
    ("Email address to apply", "a@b.co"), ("Email address to apply", "a@b"), ("Email address to apply", "a b@c.de"),
    ("Phone number to apply", "0113 496 0000"), ("Phone number to apply", "+44 113 496 0000"),
    ("Phone number to apply", "12345"), ("Phone number to apply", "call us"),
    ("Languages", "en-GB"), ("Languages", "english!"), ("Languages", "x"),
    ("Role name", "🙂" * 90), ("Role name", "🙂" * 91), ("Summary", "s" * 200), ("Summary", "s" * 201),
    ("Hours a week", "0"), ("Hours a week", "168"), ("Hours a week", "169"), ("Hours a week", "2.5"), ("Hours a week", "two"),
    ("Youngest age", "99"), ("Youngest age", "100"), ("Youngest age", "-1"), ("Youngest age", "1.5"),
    ("Shortest stay, in months", "0"), ("Shortest stay, in months", "120"), ("Shortest stay, in months", "121"),
    ("Closing date", "2026-11-19"), ("Closing date", "2026-11-20"), ("Review date", "2026-11-19"),
    ("Description", "[apply](https://example.org/a_(b))"), ("Description", "[mail us](mailto:a@example.org)"),
    ("Description", "[x](javascript:alert(1))"), ("Description", '<a href="http://example.org">x</a>'),
    ("Support notes", "<data:text/html,hi>"), ("Training", "Call [us](tel:01134960000)"),
]


PARITY_REJECTED = [
    ("Postcode", "LS9 7T"), ("Postcode", "ABC 123"),
    ("Web address to apply", "http://example.org"), ("Web address to apply", "https://"), ("Web address to apply", "https://exa mple.org"),
    ("Email address to apply", "a@b"), ("Email address to apply", "a b@c.de"),
    ("Phone number to apply", "12345"), ("Phone number to apply", "call us"),
    ("Languages", "english!"), ("Languages", "x"),
    ("Role name", "🙂" * 91), ("Summary", "s" * 201),
    ("Hours a week", "0"), ("Hours a week", "169"), ("Hours a week", "two"),
    ("Youngest age", "100"), ("Youngest age", "-1"), ("Youngest age", "1.5"),
    ("Shortest stay, in months", "0"), ("Shortest stay, in months", "121"),
    ("Closing date", "2026-11-19"), ("Review date", "2026-11-19"),
    ("Description", "[x](javascript:alert(1))"), ("Description", '<a href="http://example.org">x</a>'),
    ("Support notes", "<data:text/html,hi>"),
]


def form_value(label: str, value: str):
    """What submit.js puts in the file for this text (numbers become numbers, lines become lists)."""
    if label in ("Hours a week", "Youngest age", "Shortest stay, in months") and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
        number = float(value)
        return int(number) if number.is_integer() else number
    if label == "Languages":
        return [value]
    return value


def test_browser_checks_agree_with_the_build(opportunity_form):
    """Each value is judged the same way by submit.js and by the build's validator."""
    from portal_content.schema import site_schema
    from portal_content.validate import SchemaChecker, opportunity_problems
    from portal_content.vocabularies import Vocabularies

    page = opportunity_form
    fill_valid_opportunity(page, "parity-check")
    _, text = make_file(page)
    base = parse_yaml(text)
    checker = SchemaChecker(site_schema("opportunity", Vocabularies(settings().get("PORTAL_VOCABULARIES"))))
    paths = {}
    disagreements, rejected = [], []
    for label, value in PARITY_CASES:
        control = page.get_by_label(label, exact=False).first
        field_id = control.get_attribute("id")
        path = control.get_attribute("data-path").split(".")
        paths[label] = path
        original = control.input_value()
        control.fill(value)
        page.get_by_role("button", name="Make the file").click()
        summary_targets = page.locator("#error-summary a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        browser_error = (not page.locator("#error-summary").is_hidden()) and f"#{field_id}" in summary_targets
        control.fill(original)

        data = json.loads(json.dumps(base.data, default=str))
        node = data
        for part in path[:-1]:
            node = node.setdefault(int(part) if part.isdigit() else part, {}) if isinstance(node, dict) else node[int(part)]
        node[path[-1]] = form_value(label, value)
        found = checker.problems(data, base, "x.yaml") + opportunity_problems(data, base, "x.yaml", {"aire-valley-hospitals"}, BUILD_DAY)
        field = ".".join(path).replace(".0.", "[1].")
        build_error = any(not problem.warning and problem.field.startswith(field) for problem in found)
        if browser_error != build_error:
            disagreements.append((label, value, browser_error, build_error))
        if build_error:
            rejected.append((label, value))
    assert disagreements == []
    assert rejected == PARITY_REJECTED  # so the agreement above is about real mistakes too


def test_add_another_place_and_session(opportunity_form, tmp_path):
    page = opportunity_form
    fill_valid_opportunity(page, "two-places")
    page.get_by_role("button", name="Add another place").click()
    assert page.evaluate("document.activeElement.id") == "f-locations-1-name"
    page.keyboard.type("Second Site")
    page.get_by_role("group", name="Place 2").get_by_label("Postcode").fill("BD9 6RJ")
    page.get_by_label("Start (required)", exact=True).fill("2027-03-14T10:00")
    page.get_by_label("End (required)", exact=True).fill("2027-03-14T12:00")
    page.get_by_role("button", name="Add another session").click()
    session = page.get_by_role("group", name="Dated session 2")
    session.get_by_label("Start (required)", exact=True).fill("2027-03-21T10:00")
    session.get_by_label("End (required)", exact=True).fill("2027-03-21T09:00")
    # the second place has no area, and the second session ends before it starts
    page.get_by_role("button", name="Make the file").click()
    summary = page.locator("#error-summary a")
    summary.first.wait_for()
    assert summary.evaluate_all("links => links.map(a => [a.getAttribute('href'), a.textContent])") == [
        ["#f-locations-1-area", "Select area"],
        ["#f-sessions-1-end", "The end of the session must be after its start"],
    ]
    summary.first.click()
    assert page.evaluate("document.activeElement.id") == "f-locations-1-area"
    page.keyboard.press("ArrowDown")  # Calderdale, the second area
    session.get_by_label("End (required)", exact=True).fill("2027-03-21T12:00")
    _, text = make_file(page)
    data = parse_yaml(text).data
    assert data["locations"] == [
        {"name": "Example Health Centre", "postcode": "LS9 7TF", "area": "leeds"},
        {"name": "Second Site", "postcode": "BD9 6RJ", "area": "calderdale"},
    ]
    assert data["sessions"] == [{"start": "2027-03-14T10:00", "end": "2027-03-14T12:00"}, {"start": "2027-03-21T10:00", "end": "2027-03-21T12:00"}]
    content = copy_content(tmp_path)
    (content / "opportunities" / "two-places.yaml").write_text(text, encoding="utf-8")
    result = load_content(content, settings())
    assert result.errors == [], result.errors
    assert [location.area.key for location in next(o for o in result.site.opportunities if o.slug == "two-places").locations] == ["leeds", "calderdale"]
