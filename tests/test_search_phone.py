"""/search/ on a phone: results first, the filters panel, chosen-filter chips, the summary
sentence, honest answers for words that match nothing and "Did you mean".

Expected values come from the content YAML (helpers_search), never from the code under test.
Figures for the closing note (first result's position, "dog" before and after) are printed
with -s and recorded in the site check summary.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import axe_violations, format_violations
from helpers_search import (
    open_pagefind,
    opportunities,
    organisations,
    pagefind_search,
    serve_siteurl_locally,
    show_all_results,
    wait_for_search,
)

import pelicanconf

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
SMALL = {"width": 320, "height": 256}


@pytest.fixture
def phone(browser, example_site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    serve_siteurl_locally(page, example_site, pelicanconf.SITEURL)
    yield page
    context.close()


def open_search(page, base_url: str, query: str = "") -> int:
    page.goto(f"{base_url}/search/{query}")
    page.wait_for_selector("#search-q", state="visible")
    return wait_for_search(page, 0)


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def content_text(opportunity) -> str:
    """The words people can search an opportunity by: its title, summary, description and kinds of work."""
    data = opportunity.data
    return " ".join([data["title"], data["summary"], data["description"], " ".join(data["activities"]).replace("-", " ")])


def matching(prefix: str) -> set[str]:
    """Open opportunities with a word starting with ``prefix`` in their main text (from the YAML)."""
    return {o.url_path for o in opportunities() if o.is_open and any(word.startswith(prefix) for word in words_of(content_text(o)))}


def test_the_first_result_is_on_the_first_screen_after_searching(phone, site_server, capsys):
    shown = open_search(phone, site_server.url)
    phone.fill("#search-q", "befriending")
    phone.press("#search-q", "Enter")
    wait_for_search(phone, shown)
    first = phone.locator("#search-results > li").first
    box = first.bounding_box()
    title = first.locator("h3").bounding_box()
    assert title["y"] + title["height"] <= PHONE["height"], f"the first result's title ends at {title['y'] + title['height']} px"
    with capsys.disabled():
        print(f"\n[figure] 390x844: first result starts at y={box['y']:.0f} px (title ends at {title['y'] + title['height']:.0f} px)")
    # The filters stay folded away on a phone: the page does not start with 14 groups.
    assert phone.is_hidden("#search-filters")


def test_on_a_tiny_screen_pressing_search_brings_the_results_into_view(browser, site_server, example_site, capsys):
    context = browser.new_context(viewport=SMALL)
    try:
        page = context.new_page()
        serve_siteurl_locally(page, example_site, pelicanconf.SITEURL)
        shown = open_search(page, site_server.url)
        page.fill("#search-q", "befriending")
        page.press("#search-q", "Enter")
        wait_for_search(page, shown)
        page.wait_for_function("() => document.getElementById('search-results-heading').getBoundingClientRect().top < 10")
        heading = page.locator("#search-results-heading").bounding_box()
        first = page.locator("#search-results > li").first.bounding_box()
        assert -1 <= heading["y"] < SMALL["height"]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= SMALL["width"]
        with capsys.disabled():
            print(f"\n[figure] 320x256: after Search the results heading is at y={heading['y']:.0f} px, first result at y={first['y']:.0f} px")
    finally:
        context.close()


def test_the_filters_panel_opens_and_closes_with_the_keyboard(phone, site_server):
    shown = open_search(phone, site_server.url, "?q=volunteer")
    toggle = phone.locator("#search-filters-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("b => b.getAttribute('aria-controls')") == "search-filters"
    assert phone.get_by_role("button", name="Filters", exact=True).count() == 1
    toggle.focus()
    phone.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert phone.is_visible("#search-filters")
    # Tab into the panel, tick the first area with Space.
    for _ in range(10):
        phone.keyboard.press("Tab")
        if phone.evaluate("() => document.activeElement.name === 'area'"):
            break
    area = phone.evaluate("() => document.activeElement.value")
    phone.keyboard.press("Space")
    shown = wait_for_search(phone, shown)
    assert phone.get_by_role("button", name="Filters (1 chosen)").count() == 1
    total = phone.locator("#search-results > li").count() + (1 if phone.is_visible("#search-more") else 0)
    assert total > 0
    show = phone.locator("#search-show")
    expected_name = re.compile(r"^Show \d+ results?$")
    assert expected_name.match(show.inner_text())
    # Escape closes the panel and gives focus back to the Filters button.
    phone.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("() => document.activeElement.id") == "search-filters-toggle"
    assert phone.is_hidden("#search-filters")
    # "Show N results" closes it and takes focus to the results.
    phone.keyboard.press("Enter")
    assert phone.is_visible("#search-filters")
    show.focus()
    phone.keyboard.press("Enter")
    assert phone.is_hidden("#search-filters")
    assert phone.evaluate("() => document.activeElement.id") == "search-results-heading"
    assert parse_qs(urlsplit(phone.url).query)["area"] == [area]


def test_chosen_filters_are_buttons_that_remove_them(phone, site_server):
    open_ones = [o for o in opportunities() if o.is_open]
    area = sorted({a for o in open_ones for a in o.areas})[0]
    schedule = "weekends"
    shown = open_search(phone, site_server.url, f"?area={area}&schedule={schedule}")
    chips = phone.locator("#search-chips button")
    assert chips.count() == 2
    area_label = phone.evaluate(f"() => document.getElementById('filter-area-{area}').labels[0].firstChild.textContent.trim()")
    chip = phone.get_by_role("button", name=f"Remove filter: {area_label}")
    assert chip.count() == 1
    assert chip.evaluate("b => [...b.childNodes].filter(n => !n.matches?.('.visually-hidden')).map(n => n.textContent).join('')") == f"{area_label}✕"
    assert set(show_all_results(phone)) == {o.url_path for o in open_ones if area in o.areas and schedule in o.data["commitment"]["schedule"]}
    chip.focus()
    phone.keyboard.press("Enter")
    wait_for_search(phone, shown)
    assert parse_qs(urlsplit(phone.url).query) == {"schedule": [schedule]}
    assert not phone.is_checked(f"#filter-area-{area}")
    assert phone.locator("#search-chips button").count() == 1
    assert phone.evaluate("() => document.activeElement.closest('#search-chips') !== null"), "focus moves to the chip left"
    assert set(show_all_results(phone)) == {o.url_path for o in open_ones if schedule in o.data["commitment"]["schedule"]}


def test_the_summary_says_which_filters_in_plain_english(phone, site_server):
    open_ones = [o for o in opportunities() if o.is_open]
    expected = [o for o in open_ones if "leeds" in o.areas and "weekends" in o.data["commitment"]["schedule"]
                and (o.data.get("requirements") or {}).get("dbs_check", "none") == "none"]
    open_search(phone, site_server.url, "?area=leeds&schedule=weekends&dbs-check=none")
    count = f"{len(expected)} {'opportunity' if len(expected) == 1 else 'opportunities'}"
    assert phone.inner_text("#search-status") == f"{count} in Leeds, at weekends, no DBS check."


def test_a_word_found_nowhere_says_so_with_next_steps(phone, site_server, capsys):
    assert not matching("dog"), "the example content must not mention dogs for this test"
    open_pagefind(phone, site_server.url)
    raw = len(pagefind_search(phone, "dog"))
    open_search(phone, site_server.url, "?q=dog")
    assert phone.locator("#search-results > li").count() == 0
    assert phone.inner_text("#search-status") == "No opportunities match “dog”."
    help_links = {urlsplit(a).path for a in phone.eval_on_selector_all("#search-help a", "as => as.map(a => a.href)")}
    assert {"/opportunities/", "/areas/", "/activities/"} <= help_links
    violations = axe_violations(phone)
    assert violations == [], format_violations(violations)
    with capsys.disabled():
        print(f"\n[figure] 'dog': Pagefind alone returns {raw} pages (62 before this change); the search page shows 0 and says so")


def test_a_misspelling_gets_did_you_mean_and_real_matches(phone, site_server):
    expected = matching("befriend")
    assert len(expected) >= 2
    shown = open_search(phone, site_server.url, "?q=befrinding")
    assert phone.locator("#search-results > li").count() == 0
    suggestion = phone.locator("#search-suggestion a")
    suggestion.wait_for()
    assert phone.inner_text("#search-suggestion") == "Did you mean befriending?"
    violations = axe_violations(phone)
    assert violations == [], format_violations(violations)
    suggestion.click()
    wait_for_search(phone, shown)
    assert parse_qs(urlsplit(phone.url).query) == {"q": ["befriending"]}
    found = [path for path in show_all_results(phone) if path.startswith("/opportunities/")]
    assert set(found[:6]) <= expected, "the first results are befriending roles"
    assert expected <= set(found)


def test_organisations_are_labelled_with_a_clean_first_sentence(phone, site_server):
    orgs = organisations()
    slug, data = next((slug, data) for slug, data in sorted(orgs.items()) if "befriend" in data["name"].lower())
    open_search(phone, site_server.url, "?q=befriending")
    show_all_results(phone)
    cards = phone.eval_on_selector_all(
        "#search-results > li",
        "cards => cards.map(c => ({path: new URL(c.querySelector('h3 a').href).pathname, kind: c.querySelector('.card__kind')?.textContent || '', summary: c.querySelector('.card__summary').textContent}))",
    )
    organisation = next(card for card in cards if card["path"] == f"/organisations/{slug}/")
    assert organisation["kind"] == "Organisation"
    first_sentence = re.match(r".+?[.!?](?=\s|$)", " ".join(data["description"].split())).group(0)
    assert organisation["summary"] == first_sentence
    kinds = [card["kind"] for card in cards]
    assert kinds == sorted(kinds, key=bool), "opportunities come before other pages"


def test_axe_finds_nothing_with_the_panel_open_and_chips_shown(phone, site_server):
    open_search(phone, site_server.url, "?q=volunteer&area=leeds&schedule=weekends")
    phone.click("#search-filters-toggle")
    assert phone.is_visible("#search-filters")
    violations = axe_violations(phone)
    assert violations == [], format_violations(violations)


def test_without_javascript_no_search_box_is_offered(browser, site_server, example_site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        serve_siteurl_locally(page, example_site, pelicanconf.SITEURL)
        page.goto(f"{site_server.url}/")
        assert page.locator("form.search-form").count() >= 1
        assert page.locator("form.search-form:visible").count() == 0
        assert page.is_visible("main a.button[href$='/opportunities/']"), "Find opportunities stays"
        page.goto(f"{site_server.url}/opportunities/")
        page.click(".site-menu__button")
        assert page.is_visible(".site-nav")
        assert page.locator("form.search-form:visible").count() == 0
    finally:
        context.close()
