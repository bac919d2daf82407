"""The /submit/ forms in real Chromium: valid answers make a file the real build accepts,
mistakes show the GOV.UK error summary, hostile text round-trips, the send links carry the
file, a published listing can be edited, and axe finds nothing in any state."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import axe_violations, format_violations, run_build, run_check
from helpers_contrib import (
    copy_content,
    decode_link,
    fill_valid_opportunity,
    from_issue,
    make_file,
    serve_siteurl,
    set_web_address_name,
)
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
    base, query = decode_link(page.locator("#submit-github").get_attribute("href"))
    assert base == "https://github.com/example-ics/volunteer-portal/new/main"
    assert query == {"filename": path, "value": text}
    assert path == "content/opportunities/aire-valley-hospitals/link-check.yaml"


def test_send_to_the_portal_team_and_email_links_carry_the_whole_file(opportunity_form, tmp_path):
    """Decode the prefilled issue and email links; the issue body is what from_issue turns back into the file."""
    page = opportunity_form
    fill_valid_opportunity(page, "send-check")
    path, text = make_file(page)
    base, query = decode_link(page.get_by_role("link", name="Send to the portal team").get_attribute("href"))
    assert base == "https://github.com/example-ics/volunteer-portal/issues/new"
    assert query["title"] == "List an opportunity: Garden helper at the health centre"
    assert query["labels"] == "new-listing"
    assert f"File: {path}\n\n```yaml\n{text}```" in query["body"]
    assert page.locator("#submit-issue-fallback").is_hidden()
    base, query = decode_link(page.get_by_role("link", name="Email it").get_attribute("href"))
    assert base == "mailto:volunteering@example.org.uk"
    assert query["subject"] == "List an opportunity: Garden helper at the health centre"
    if page.locator("#submit-email-fallback").is_hidden():
        assert query["body"].endswith(f"File: {path}\n\n{text}")
    else:  # too long for an email link: the page says to paste the text, which it offers to copy
        assert "Paste the text of the file here" in query["body"]
    # the issue body, run through the real command, gives back exactly the same file
    content = copy_content(tmp_path)
    done = from_issue(content, _issue_body(page))
    assert done.returncode == 0, done.stderr
    assert (content / path.removeprefix("content/")).read_text(encoding="utf-8") == text


def _issue_body(page) -> str:
    return decode_link(page.get_by_role("link", name="Send to the portal team").get_attribute("href"))[1]["body"]


def test_a_long_listing_falls_back_to_copy_and_paste(opportunity_form):
    page = opportunity_form
    fill_valid_opportunity(page, "long-one")
    page.get_by_label("What will volunteers do?").fill("Long words. " * 700)
    make_file(page)
    assert page.get_by_role("link", name="Send to the portal team").count() == 0  # hidden
    fallback = page.locator("#submit-issue-fallback")
    assert fallback.is_visible()
    base, query = decode_link(fallback.get_by_role("link", name="Open a new issue").get_attribute("href"))
    assert base == "https://github.com/example-ics/volunteer-portal/issues/new" and "body" not in query
    assert query["labels"] == "new-listing"
    assert page.locator("#submit-email-fallback").is_visible()
    assert "value" not in decode_link(page.locator("#submit-github").get_attribute("href"))[1]


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
    page.get_by_label("Sum up the role in one sentence").fill(HOSTILE["summary"])
    page.get_by_label("What will volunteers do?").fill(HOSTILE["description"])
    page.get_by_label("Where it can lead").fill(HOSTILE["pathway"])
    page.get_by_label("What to do").fill(HOSTILE["apply.instructions"])
    page.get_by_label("Access notes").fill(HOSTILE["access.notes"].strip())
    page.get_by_label("Phone number to apply").fill("01134960000")
    page.get_by_label("Skills").fill("yes\nno\n0123\n: colon first\n\"quoted\"")
    page.get_by_label("Keywords").fill("null\n~\ntrue\n- dash")
    page.get_by_label("English", exact=True).check()
    page.get_by_label("Polish", exact=True).check()
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
    assert data["languages"] == ["en", "pl"]


def test_mistakes_show_the_error_summary_focused_with_a_link_to_each_field(opportunity_form):
    page = opportunity_form
    page.get_by_text("More options", exact=True).click()
    page.get_by_label("Date posted").fill("")
    page.get_by_text("More options", exact=True).click()  # closed again: an error inside opens it
    page.get_by_role("button", name="Check your answers").click()
    summary = page.locator("#error-summary")
    summary.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error: ")
    links = summary.locator("a")
    messages = links.all_inner_texts()
    assert messages == [
        "Enter the name of the role",
        "Select your organisation",
        "Enter a one-sentence summary",
        "Enter what volunteers will do",
        "Select at least one kind of volunteering",
        "Select at least one place where it happens",
        "Enter the name of the place, or tick “It can be done from home or online”",
        "Select at least one time of the week",
        "Select how long the role lasts",
        "Enter a web address, an email address or a phone number for applying",
        "Enter the date posted",
        "Enter a web address name",
    ]
    assert page.locator("#form-more").get_attribute("open") is not None
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
    page.get_by_label("Youngest age").fill("sixteen")
    page.get_by_label("Shortest stay, in months").fill("200")
    page.get_by_label("Email address to apply").fill("not-an-email")
    page.get_by_label("Start (required)", exact=True).fill("2027-03-14T10:00")
    page.get_by_label("End (required)", exact=True).fill("2027-03-14T09:00")
    page.get_by_role("button", name="Check your answers").click()
    page.locator("#error-summary").wait_for(state="visible")
    assert page.locator("#error-summary a").all_inner_texts() == [
        "The name of the role must be 90 characters or fewer",
        "Enter a UK postcode like LS9 7TF",
        "Enter the hours a week as a number, for example 3",
        "The shortest stay in months must be a number from 1 to 120",
        "Enter the youngest age as a whole number, for example 16",
        "Enter an email address like volunteering@example.org.uk",
        "The closing date must be the same as or after the date posted",
        "The end of the session must be after its start",
        "The web address name avth-ward-welcome-volunteer is already used. Choose another one",
    ]
    # fixing them clears the summary and makes the file
    set_web_address_name(page, "fixed-now")
    page.get_by_label("What is the role called?").fill("Fixed")
    page.get_by_label("Postcode").fill("LS9 7TF")
    page.get_by_label("Closing date").fill("")
    page.get_by_label("Hours a week").fill("2 to 4")
    page.get_by_label("Youngest age").fill("18")
    page.get_by_label("Shortest stay, in months").fill("")
    page.get_by_label("Email address to apply").fill("help@example.org.uk")
    page.get_by_label("Web address to apply").fill("www.example.org.uk/apply")
    page.get_by_label("End (required)", exact=True).fill("2027-03-14T12:00")
    _, text = make_file(page)
    assert page.locator("#error-summary").is_hidden()
    assert page.title().startswith("Error: ") is False
    data = parse_yaml(text).data
    assert data["sessions"] == [{"start": "2027-03-14T10:00", "end": "2027-03-14T12:00"}]
    assert data["commitment"]["hours_per_week"] == {"min": 2, "max": 4}
    assert data["apply"]["url"] == "https://www.example.org.uk/apply"  # web addresses get https://


@pytest.mark.parametrize("path", ["/submit/", "/submit/organisation/"])
def test_forms_have_no_axe_violations_in_any_state(page, site_server, example_site, path):
    serve_siteurl(page, example_site)
    page.goto(site_server.url + path)
    page.locator("#submit-form").wait_for(state="visible")

    def no_violations(state):
        violations = axe_violations(page)
        assert violations == [], (state, format_violations(violations))

    no_violations("empty")
    page.get_by_text("More options", exact=True).click()
    no_violations("more options open")
    page.get_by_role("button", name="Check your answers").click()
    page.locator("#error-summary").wait_for(state="visible")
    no_violations("errors")
    if path == "/submit/":
        page.get_by_label("Find a language").fill("ur")
        no_violations("languages searched")
        page.get_by_label("Find a language").fill("")
        fill_valid_opportunity(page, "axe-check")
        make_file(page)
        no_violations("ready to send, with the preview")
        slug = next(iter(open_opportunities()))
        page.goto(f"{site_server.url}/submit/?edit={slug}")
        page.get_by_text("The form shows", exact=False).wait_for()
        no_violations("editing")


def test_organisation_form_makes_a_valid_profile(page, site_server, example_site, tmp_path):
    serve_siteurl(page, example_site)
    page.goto(site_server.url + "/submit/organisation/")
    page.locator("#submit-form").wait_for(state="visible")
    page.get_by_label("Organisation name").fill("Kirkgate \"Friends\": Café #2")
    page.get_by_text("More options", exact=True).click()
    assert page.get_by_label("Web address name").input_value() == "kirkgate-friends-cafe-2"
    page.get_by_label("Web address name").fill("kirkgate-friends")
    page.get_by_role("radio", name="Voluntary and community group").check()
    page.get_by_label("Kirklees", exact=True).check()
    page.get_by_label("Website").fill("kirkgate.example.org.uk")
    page.get_by_label("Email address").fill("hello@kirkgate.example.org.uk")
    page.get_by_label("Phone number").fill("01484 496000")
    assert page.get_by_label("Email address").get_attribute("autocomplete") == "email"
    path, text = make_file(page)
    assert path == "content/organisations/kirkgate-friends.yaml"
    # sent as an issue for a person to read (its label is not the one the listing robot acts on)
    _, query = decode_link(page.get_by_role("link", name="Send to the portal team").get_attribute("href"))
    assert (query["title"], query["labels"]) == ("Add an organisation: Kirkgate \"Friends\": Café #2", "new-organisation")
    assert f"File: {path}" in query["body"] and "File: content/opportunities/" not in query["body"]
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
    assert page.locator("#submit-nojs").is_visible()
    alternatives = page.locator(".submit-other")
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
    page.get_by_text("More options", exact=True).click()
    expected = page.evaluate(
        """() => {
            const seen = new Set();
            return Array.from(document.querySelectorAll('#submit-form input, #submit-form select, #submit-form textarea, #submit-form button, #submit-form summary'))
              .filter(el => el.getClientRects().length)  // shown
              .filter(el => el.type !== 'radio' || (!seen.has(el.name) && seen.add(el.name)))  // one Tab stop per radio group
              .map(el => el.id || el.textContent.trim());
        }"""
    )
    page.get_by_label("What is the role called?").focus()
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
    ("What is the role called?", "🙂" * 90), ("What is the role called?", "🙂" * 91),
    ("Sum up the role in one sentence", "s" * 200), ("Sum up the role in one sentence", "s" * 201),
    ("Hours a week", "0"), ("Hours a week", "168"), ("Hours a week", "169"), ("Hours a week", "2.5"), ("Hours a week", "two"),
    ("Youngest age", "99"), ("Youngest age", "100"), ("Youngest age", "-1"), ("Youngest age", "1.5"),
    ("Shortest stay, in months", "0"), ("Shortest stay, in months", "120"), ("Shortest stay, in months", "121"),
    ("Closing date", "2026-11-19"), ("Closing date", "2026-11-20"),
    ("What will volunteers do?", "[apply](https://example.org/a_(b))"), ("What will volunteers do?", "[mail us](mailto:a@example.org)"),
    ("What will volunteers do?", "[x](javascript:alert(1))"), ("What will volunteers do?", '<a href="http://example.org">x</a>'),
    ("Support notes", "<data:text/html,hi>"), ("Training", "Call [us](tel:01134960000)"),
]


PARITY_REJECTED = [
    ("Postcode", "LS9 7T"), ("Postcode", "ABC 123"),
    ("Web address to apply", "http://example.org"), ("Web address to apply", "https://"), ("Web address to apply", "https://exa mple.org"),
    ("Email address to apply", "a@b"), ("Email address to apply", "a b@c.de"),
    ("Phone number to apply", "12345"), ("Phone number to apply", "call us"),
    ("What is the role called?", "🙂" * 91), ("Sum up the role in one sentence", "s" * 201),
    ("Hours a week", "0"), ("Hours a week", "169"), ("Hours a week", "two"),
    ("Youngest age", "100"), ("Youngest age", "-1"), ("Youngest age", "1.5"),
    ("Shortest stay, in months", "0"), ("Shortest stay, in months", "121"),
    ("Closing date", "2026-11-19"),
    ("What will volunteers do?", "[x](javascript:alert(1))"), ("What will volunteers do?", '<a href="http://example.org">x</a>'),
    ("Support notes", "<data:text/html,hi>"),
]


def form_value(label: str, value: str):
    """What the form puts in the file for this text (numbers become numbers, lines become lists)."""
    if label in ("Hours a week", "Youngest age", "Shortest stay, in months") and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def test_browser_checks_agree_with_the_build(opportunity_form):
    """Each value is judged the same way by the form's checks (check.js) and by the build's validator."""
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
        page.get_by_role("button", name="Check your answers").click()
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
    page.get_by_role("button", name="Check your answers").click()
    summary = page.locator("#error-summary a")
    summary.first.wait_for()
    assert summary.evaluate_all("links => links.map(a => [a.getAttribute('href'), a.textContent])") == [
        ["#f-locations-1-area", "Select the area the place is in"],
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


# -- editing, the preview, keyboard-only use ---------------------------------------------------


def open_opportunities() -> dict[str, tuple[str, dict]]:
    """Open listings read straight from the content files: slug -> (repository path, data with dates as text)."""
    from conftest import ROOT

    found = {}
    for path in sorted((ROOT / "content" / "opportunities").rglob("*.yaml")):
        data = parse_yaml(path.read_text(encoding="utf-8")).data
        data = json.loads(json.dumps(data, default=str))  # YAML dates as YYYY-MM-DD text, as the form writes them
        if data.get("closes") is None or date.fromisoformat(data["closes"]) >= BUILD_DAY:
            found[path.stem] = (path.relative_to(ROOT).as_posix(), data)
    return found


def tab_to(page, element_id: str, limit: int = 400) -> None:
    """Press Tab until the element has focus (the keyboard is the only way through the form)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_keyboard_only_completion_with_languages_chosen_by_name(page, site_server, example_site, tmp_path):
    serve_siteurl(page, example_site)
    page.goto(site_server.url + "/submit/")
    page.locator("#submit-form").wait_for(state="visible")
    tab_to(page, "f-title")
    page.keyboard.type("Befriending at home")
    tab_to(page, "f-organisation")
    page.keyboard.type("Aire Valley")  # a focused select picks the option people type
    tab_to(page, "f-summary")
    page.keyboard.type("Visit an older person at home for a chat and a cup of tea.")
    tab_to(page, "f-description")
    page.keyboard.type("You will visit once a week.")
    tab_to(page, "f-activities")  # Befriending, the first kind
    page.keyboard.press("Space")
    tab_to(page, "f-settings-4")  # Home visits
    page.keyboard.press("Space")
    tab_to(page, "f-remote")
    page.keyboard.press("Space")
    tab_to(page, "f-commitment-schedule")
    page.keyboard.press("Space")
    tab_to(page, "f-commitment-duration")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Ongoing
    tab_to(page, "f-languages-search")
    page.keyboard.type("Urdu")
    assert page.locator("#f-languages-count").text_content() == "1 language shown"
    page.keyboard.press("Enter")  # ticks the only language shown, never sends the form
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("pol")
    page.keyboard.press("Enter")
    tab_to(page, "f-apply-email")
    page.keyboard.type("befriending@example.org.uk")
    tab_to(page, "submit-check")
    page.keyboard.press("Enter")
    page.locator("#submit-result").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "submit-result-title"
    path = page.locator("#submit-path").inner_text()
    assert path == "content/opportunities/aire-valley-hospitals/befriending-at-home.yaml"
    data = parse_yaml(page.locator("#submit-yaml").input_value()).data
    assert data["languages"] == ["pl", "ur"]  # chosen by name, written as codes (in the list's A to Z order)
    assert (data["activities"], data["settings"], data["remote"]) == (["befriending"], ["home-visits"], True)
    assert data["commitment"] == {"schedule": ["weekday-daytime"], "duration": "ongoing"}
    tab_to(page, "submit-issue")  # and on to the first way to send it
    content = copy_content(tmp_path)
    done = from_issue(content, _issue_body(page))
    assert done.returncode == 0, done.stderr


def test_the_preview_shows_the_listing_as_text_as_it_is_typed(opportunity_form):
    page = opportunity_form
    preview = page.locator("#submit-preview")
    page.get_by_label("What is the role called?").fill("<b>Bold</b> helper")
    page.get_by_label("Sum up the role in one sentence").fill("Help & chat <script>x</script>")
    page.get_by_label("Organisation", exact=False).first.select_option(label="Aire Valley Teaching Hospitals NHS Trust")
    page.get_by_label("Name of the place").fill("Example Health Centre")
    page.get_by_role("radio", name="Leeds", exact=True).check()
    page.get_by_label("Hours a week").fill("2 to 4")
    page.get_by_label("Weekends", exact=True).check()
    page.get_by_role("radio", name="Ongoing", exact=True).check()
    page.get_by_label("Closing date").fill("2027-01-31")
    card = preview.locator(".card")
    card.locator(".card__title").filter(has_text="<b>Bold</b> helper").wait_for()
    assert card.locator("b, script").count() == 0  # typed text stays text
    assert card.locator(".card__summary").inner_text() == "Help & chat <script>x</script>"
    assert card.locator(".card__organisation").inner_text() == "Aire Valley Teaching Hospitals NHS Trust"
    facts = dict(zip(card.locator("dt").all_inner_texts(), card.locator("dd").all_inner_texts(), strict=True))
    assert facts["Where"] == "Leeds"
    assert facts["Time"] == "2 to 4 hours a week, weekends, ongoing"
    assert facts["Closing date"] == "Apply by 31 January 2027"


def test_edit_round_trip_every_open_listing_then_change_one_field(page, site_server, example_site):
    """/submit/?edit=<slug> gives back each published file's data exactly; one change changes one line."""
    serve_siteurl(page, example_site)
    listings = open_opportunities()
    for slug, (path, expected) in listings.items():
        page.goto(f"{site_server.url}/submit/?edit={slug}")
        page.get_by_text("The form shows", exact=False).wait_for()
        made_path, text = make_file(page)
        assert made_path == path, slug  # the result replaces that file
        assert parse_yaml(text).data == expected, slug
    slug = max(listings, key=lambda key: len(json.dumps(listings[key][1])))  # the fullest listing
    page.goto(f"{site_server.url}/submit/?edit={slug}")
    page.get_by_text("The form shows", exact=False).wait_for()
    _, before = make_file(page)
    page.get_by_label("Sum up the role in one sentence").fill("A new summary.")
    _, after = make_file(page)
    changed = [line for line in set(before.splitlines()) ^ set(after.splitlines())]
    assert sorted(changed) == sorted([f'summary: "{listings[slug][1]["summary"]}"', 'summary: "A new summary."'])
    assert page.get_by_role("link", name="Send to the portal team").get_attribute("href").count("Update%20listing") == 1


def test_still_recruiting_moves_the_review_date_six_months_on(page, site_server, example_site):
    serve_siteurl(page, example_site)
    page.clock.set_fixed_time(datetime(2026, 11, 26, 12, 0))
    slug, (path, expected) = next(iter(open_opportunities().items()))
    page.goto(f"{site_server.url}/submit/?edit={slug}&confirm=1")  # the reminder issue's one-click link
    page.locator("#submit-result").wait_for(state="visible")
    assert page.locator("#submit-path").inner_text() == path
    data = parse_yaml(page.locator("#submit-yaml").input_value()).data
    assert data == {**expected, "review_by": "2027-05-26"}  # 26 November 2026, six months on
    # and the button does the same from the edit page
    page.goto(f"{site_server.url}/submit/?edit={slug}")
    page.get_by_role("button", name="Still recruiting").click()
    page.locator("#submit-result").wait_for(state="visible")
    assert parse_yaml(page.locator("#submit-yaml").input_value()).data["review_by"] == "2027-05-26"


def test_editing_a_listing_that_is_not_there_says_so(opportunity_form, site_server):
    page = opportunity_form
    page.goto(f"{site_server.url}/submit/?edit=no-such-listing")
    status = page.locator("#submit-edit-status")
    status.filter(has_text="could not find").wait_for()
    assert page.locator("#submit-form").is_visible()
    assert page.get_by_role("button", name="Still recruiting").count() == 0  # nothing to confirm


def test_edit_works_under_a_sub_path(browser, example_site):
    """The listing is fetched from the open data next to the page, wherever the site is mounted."""
    import functools
    import http.server
    import threading

    from test_site_anywhere import MOUNT, _MountedHandler

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_MountedHandler, directory=str(example_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        slug, (path, expected) = next(iter(open_opportunities().items()))
        base = f"http://127.0.0.1:{server.server_address[1]}{MOUNT}"
        page.goto(f"{base}submit/?edit={slug}")
        page.get_by_text("The form shows", exact=False).wait_for()
        assert f"{base}api/opportunities.json" in requests
        assert f"{base}theme/js/submit/main.js" in requests
        made_path, text = make_file(page)
        assert (made_path, parse_yaml(text).data) == (path, expected)
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_hidden_characters_are_refused_by_the_build_s_text_rules(opportunity_form):
    """The schema's x-text-rules (the build's rule for control characters) apply in the form too."""
    page = opportunity_form
    fill_valid_opportunity(page, "hidden-character")
    page.get_by_label("Where it can lead").fill("Jobs\u0007 later")
    page.get_by_role("button", name="Check your answers").click()
    page.locator("#error-summary").wait_for(state="visible")
    assert page.locator("#error-summary a").evaluate_all("links => links.map(a => [a.getAttribute('href'), a.textContent])") == [
        ["#f-pathway", "This answer has a hidden character (U+0007) that cannot be shown on a web page. "
                       "It often comes from copying and pasting: delete the text and type it again"],
    ]
    page.get_by_label("Where it can lead").fill("Jobs later")
    _, text = make_file(page)
    assert parse_yaml(text).data["pathway"] == "Jobs later"
