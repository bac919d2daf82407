"""/search/ in Chromium: typing, filters, the URL as state, Back, reload, keyboard, axe, no JS."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import axe_violations, format_violations
from helpers_search import (
    distinctive_word,
    first_query_bytes,
    gzipped_size,
    opportunities,
    searches_shown,
    serve_siteurl_locally,
    show_all_results,
    wait_for_search,
)

import pelicanconf

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(autouse=True)
def _site_at_its_siteurl(request, example_site):
    for name in ("page", "page_without_js"):
        if name in request.fixturenames:
            serve_siteurl_locally(request.getfixturevalue(name), example_site, pelicanconf.SITEURL)


def open_search(page, base_url: str, query: str = "") -> int:
    page.goto(f"{base_url}/search/{query}")
    page.wait_for_selector("#search-q", state="visible")
    return wait_for_search(page, 0)


def state_in_url(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def result_paths(page) -> list[str]:
    return page.eval_on_selector_all("#search-results > li h3 a", "links => links.map(a => new URL(a.href).pathname)")


def busiest_area() -> tuple[str, set[str]]:
    """The area with most open opportunities (not all of them), and their paths."""
    open_ones = [o for o in opportunities() if o.is_open]
    counts = Counter(area for o in open_ones for area in o.areas)
    area = next(area for area, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if count < len(open_ones))
    return area, {o.url_path for o in open_ones if area in o.areas}


def area_label(page, area: str) -> str:
    return page.inner_text(f'label[for="filter-area-{area}"]').rsplit(" (", 1)[0]


def test_a_distinctive_word_finds_its_opportunity_first(page, site_server):
    word, opportunity = distinctive_word()
    shown = open_search(page, site_server.url)
    page.fill("#search-q", word)
    wait_for_search(page, shown)
    assert result_paths(page)[0] == opportunity.url_path
    assert page.inner_text("#search-results > li:first-child h3") == opportunity.data["title"]
    assert state_in_url(page) == {"q": [word]}
    assert page.inner_text("#search-status") == f"1 opportunity matches “{word}”."


def test_an_area_filter_narrows_the_results_to_that_area(page, site_server):
    area, in_area = busiest_area()
    shown = open_search(page, site_server.url)
    page.check(f'input[name="area"][value="{area}"]')
    wait_for_search(page, shown)
    assert state_in_url(page) == {"area": [area]}
    assert set(show_all_results(page)) == in_area
    # Each card says where, as the lists do (a role done only from home says so instead).
    label = area_label(page, area)
    by_path = {o.url_path: o for o in opportunities()}
    cards = page.eval_on_selector_all(
        "#search-results > li", "cards => cards.map(c => [new URL(c.querySelector('a').href).pathname, c.querySelector('dd').textContent])"
    )
    for path, where in cards:
        assert label in where if by_path[path].data.get("locations") else where == "From home or online"


def test_word_and_area_together_narrow_and_every_result_is_in_the_area(page, site_server):
    area, in_area = busiest_area()
    shown = open_search(page, site_server.url)
    page.fill("#search-q", "volunteer")
    shown = wait_for_search(page, shown)
    everywhere = set(show_all_results(page))
    page.check(f'input[name="area"][value="{area}"]')
    wait_for_search(page, shown)
    narrowed = set(show_all_results(page))
    assert narrowed and narrowed < everywhere
    assert narrowed <= in_area
    assert state_in_url(page) == {"q": ["volunteer"], "area": [area]}


def test_reloading_the_url_restores_the_search(page, site_server):
    area, in_area = busiest_area()
    shown = open_search(page, site_server.url)
    page.fill("#search-q", "volunteer")
    shown = wait_for_search(page, shown)
    page.check(f'input[name="area"][value="{area}"]')
    shown = wait_for_search(page, shown)
    page.select_option("#search-sort", "closing")
    wait_for_search(page, shown)
    before = result_paths(page)
    url = page.url
    assert state_in_url(page) == {"q": ["volunteer"], "area": [area], "sort": ["closing"]}

    page.reload()
    wait_for_search(page, 0)
    assert page.url == url
    assert page.input_value("#search-q") == "volunteer"
    assert page.is_checked(f'input[name="area"][value="{area}"]')
    assert page.eval_on_selector_all("#search-filter-groups input:checked", "boxes => boxes.length") == 1
    assert page.input_value("#search-sort") == "closing"
    assert result_paths(page) == before


def test_a_shared_link_opens_with_several_values_ticked(page, site_server):
    open_ones = [o for o in opportunities() if o.is_open]
    schedules = sorted({s for o in open_ones for s in o.data["commitment"]["schedule"]})[:2]
    query = "?" + "&".join(f"schedule={s}" for s in schedules)
    open_search(page, site_server.url, query)
    for schedule in schedules:
        assert page.is_checked(f'input[name="schedule"][value="{schedule}"]')
    expected = {o.url_path for o in open_ones if set(o.data["commitment"]["schedule"]) & set(schedules)}
    assert set(show_all_results(page)) == expected


def test_back_restores_the_previous_search(page, site_server):
    area, _ = busiest_area()
    shown = open_search(page, site_server.url)
    page.fill("#search-q", "volunteer")
    shown = wait_for_search(page, shown)
    word_only = result_paths(page)
    page.check(f'input[name="area"][value="{area}"]')
    shown = wait_for_search(page, shown)
    assert state_in_url(page) == {"q": ["volunteer"], "area": [area]}

    page.go_back()
    shown = wait_for_search(page, shown)
    assert state_in_url(page) == {"q": ["volunteer"]}
    assert not page.is_checked(f'input[name="area"][value="{area}"]')
    assert result_paths(page) == word_only

    page.go_back()
    wait_for_search(page, shown)
    assert state_in_url(page) == {}
    assert page.input_value("#search-q") == ""
    assert result_paths(page) == []


def test_clear_filters_unticks_everything(page, site_server):
    area, _ = busiest_area()
    shown = open_search(page, site_server.url, f"?q=volunteer&area={area}&remote=no")
    assert page.eval_on_selector_all("#search-filter-groups input:checked", "boxes => boxes.length") == 2
    page.click("#search-clear")
    wait_for_search(page, shown)
    assert page.eval_on_selector_all("#search-filter-groups input:checked", "boxes => boxes.length") == 0
    assert state_in_url(page) == {"q": ["volunteer"]}


def test_filter_groups_are_fieldsets_with_counts(page, site_server):
    open_search(page, site_server.url)
    legends = page.eval_on_selector_all("#search-filter-groups fieldset > legend", "ls => ls.map(l => l.textContent)")
    assert {"Area", "Activity", "Time of week", "DBS check", "Wheelchair access"} <= set(legends)
    area, in_area = busiest_area()
    assert page.inner_text(f'label[for="filter-area-{area}"]').endswith(f"({len(in_area)})")


def test_the_skip_link_moves_focus_to_the_results(page, site_server):
    open_search(page, site_server.url, "?q=volunteer")
    press_tab_until(page, "el.id === 'search-q'")
    press_tab_until(page, "el.classList.contains('search__skip')", limit=3)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => Boolean(document.activeElement.closest('.search__results'))")


def test_filter_data_loads_only_for_open_groups_and_only_once_there_is_a_search(page, site_server):
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    shown = open_search(page, site_server.url)
    assert not [url for url in fetched if "/pagefind/index/" in url or "/pagefind/filter/" in url], "an empty page asks for nothing"
    assert page.locator('details[data-group="schedule"]').evaluate("details => details.open") is False
    page.click('details[data-group="schedule"] > summary')
    open_ones = [o for o in opportunities() if o.is_open]
    expected = Counter(s for o in open_ones for s in o.data["commitment"]["schedule"])
    for schedule, count in expected.items():
        page.wait_for_selector(f'label[for="filter-schedule-{schedule}"] .search-filter__count:text("({count})")')

    page.fill("#search-q", "volunteer")
    wait_for_search(page, shown)
    filter_files = [url for url in fetched if "/pagefind/filter/" in url]
    assert len(filter_files) == 3, "Area and Time of week (the open groups) and kind (opportunities before other pages)"
    found = Counter(s for path in show_all_results(page) for o in open_ones if o.url_path == path for s in o.data["commitment"]["schedule"])
    for schedule in expected:
        assert page.inner_text(f'label[for="filter-schedule-{schedule}"]').endswith(f"({found[schedule]})")


def test_no_axe_violations_with_results_and_filters_shown(page, site_server):
    area, _ = busiest_area()
    open_search(page, site_server.url, f"?q=volunteer&area={area}")
    assert page.locator("#search-results > li").count() > 0
    assert page.locator("#search-filter-groups fieldset").count() > 5
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def press_tab_until(page, condition: str, limit: int = 600) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({condition}); }}"):
            return
    raise AssertionError(f"Tab never reached: {condition}")


def test_the_whole_flow_works_with_the_keyboard_alone(page, site_server):
    area, in_area = busiest_area()
    shown = open_search(page, site_server.url)
    press_tab_until(page, "el.id === 'search-q'")
    page.keyboard.type("volunteer")
    shown = wait_for_search(page, shown)
    press_tab_until(page, f"el.type === 'checkbox' && el.name === 'area' && el.value === '{area}'")
    page.keyboard.press("Space")
    wait_for_search(page, shown)
    assert state_in_url(page) == {"q": ["volunteer"], "area": [area]}
    first = result_paths(page)[0]
    assert first in in_area
    press_tab_until(page, "el.closest('#search-results') && el.tagName === 'A'")
    assert page.evaluate("() => new URL(document.activeElement.href).pathname") == first
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == first


def test_without_javascript_the_page_links_to_every_way_to_browse(page_without_js, site_server, example_site):
    page = page_without_js
    page.goto(f"{site_server.url}/search/?q=garden")
    assert page.is_hidden("#search")
    assert page.is_visible("#search-fallback")
    assert "needs JavaScript" in page.inner_text("#search-fallback")
    links = {urlsplit(href).path for href in page.eval_on_selector_all("#search-fallback a", "as => as.map(a => a.href)")}
    open_ones = [o for o in opportunities() if o.is_open]
    expected = {"/opportunities/"}
    expected |= {f"/areas/{area}/" for o in open_ones for area in o.areas}
    expected |= {f"/activities/{key}/" for o in open_ones for key in o.data["activities"]}
    expected |= {f"/settings/{key}/" for o in open_ones for key in o.data["settings"]}
    assert expected <= links
    # Only real pages: the facet pages it links to exist in the build.
    for path in links:
        if path.startswith(("/areas/", "/activities/", "/settings/")):
            assert (example_site / path.strip("/") / "index.html").is_file(), path


def test_the_page_has_no_inline_script_and_no_third_party_requests(page, site_server, example_site):
    html = (example_site / "search" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    for attributes, _body in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_search(page, site_server.url, "?q=volunteer")
    assert requested and all(urlsplit(url).hostname == "127.0.0.1" for url in requested), requested
    assert searches_shown(page) > 0


def test_when_the_index_cannot_load_the_page_falls_back_to_the_links(page, site_server):
    page.route("**/pagefind/pagefind.js", lambda route: route.fulfill(status=404, body="Not found"))
    page.goto(f"{site_server.url}/search/?q=volunteer")
    page.wait_for_function("() => document.getElementById('search-fallback-reason').textContent.includes('not working')")
    assert page.is_hidden("#search")
    assert page.is_visible("#search-fallback a[href$='/opportunities/']")


def test_first_search_transfers_under_300_kb(page, site_server, example_site, capsys):
    """Issue 5: a first search (page, one word, one filter) under 300 kB transferred, as a host sends it (text gzipped)."""
    area, _ = busiest_area()
    measured = first_query_bytes(page, site_server.url, "volunteer", f"area={area}")
    assert measured["requests"] > 10, "the page, its script, Pagefind and its index files"
    assert 0 < measured["body_bytes"] <= measured["bytes"], measured
    transferred = measured["headers"] + sum(gzipped_size(example_site, url) for url in measured["urls"])
    with capsys.disabled():
        print(f"\n[figure] first search: {measured['bytes']:,} bytes uncompressed, {transferred:,} transferred with text gzipped")
    assert transferred < 300_000, measured


def test_fits_a_320_pixel_screen_without_sideways_scrolling(browser, site_server, example_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        serve_siteurl_locally(page, example_site, pelicanconf.SITEURL)
        open_search(page, site_server.url, f"?q=volunteer&area={busiest_area()[0]}")
        assert page.locator("#search-results > li").count() > 0
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
        violations = axe_violations(page)
        assert violations == [], format_violations(violations)
    finally:
        context.close()
