"""The Pagefind index of the example site, read through Pagefind itself in Chromium."""

from __future__ import annotations

import json
import re

import pytest
from helpers_search import (
    CONTENT,
    expected_filters,
    must_be_indexed,
    must_not_be_indexed,
    open_pagefind,
    opportunities,
    organisations,
    pagefind_search,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def pagefind_page(page, site_server):
    open_pagefind(page, site_server.url)
    return page


def test_build_writes_the_pagefind_bundle(example_site):
    assert (example_site / "pagefind" / "pagefind.js").is_file()
    entry = json.loads((example_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # Forced to one language: one index, not one per lang attribute.
    assert list(entry["languages"]) == ["en"]


def test_only_open_opportunities_organisations_principles_and_content_pages_are_indexed(example_site, pagefind_page):
    entry = json.loads((example_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = {result["url"] for result in pagefind_search(pagefind_page, None)}
    assert entry["languages"]["en"]["page_count"] == len(indexed)
    assert must_be_indexed() <= indexed
    assert not indexed & must_not_be_indexed()
    # Anything else indexed is a content page of another plugin, never a list or facet page.
    assert not any(url.startswith(("/opportunities/", "/areas/", "/activities/", "/settings/", "/page/")) for url in indexed - must_be_indexed())
    assert not any("/page/" in url for url in indexed)


def test_filters_are_what_the_content_says(pagefind_page):
    filters = pagefind_page.evaluate("() => window.pf.filters()")
    expected = expected_filters()
    assert set(expected) >= {"area", "activity", "setting", "organisation", "sector", "schedule", "duration", "dbs-check", "remote"}
    # Organisations, principles and content pages carry kind:other (search lists them after opportunities).
    others = {path for path in must_be_indexed() if not path.startswith("/opportunities/")}
    assert filters == {**expected, "kind": {"other": len(others)}}


def test_search_page_lists_every_filter_value_with_its_build_time_count(example_site):
    html = (example_site / "search" / "index.html").read_text(encoding="utf-8")
    labels = json.loads(re.search(r'<script type="application/json" id="search-labels">(.*?)</script>', html, re.S).group(1))
    counts = {group["name"]: {key: count for key, _, count in group["values"]} for group in labels if group["values"]}
    expected = expected_filters()
    for name in [name for name in expected if name.startswith("near-")]:
        del expected[name]  # the Near box's filters have no checkboxes
    assert counts == expected
    assert all(label for group in labels for _, label, _ in group["values"])


def test_closed_opportunities_are_not_found(pagefind_page):
    closed = [opportunity for opportunity in opportunities() if not opportunity.is_open]
    still_open = [opportunity for opportunity in opportunities() if opportunity.is_open]
    assert closed, "the example content should have closed opportunities"
    for opportunity in closed:
        found = {result["url"] for result in pagefind_search(pagefind_page, opportunity.data["title"])}
        assert opportunity.url_path not in found, f"closed {opportunity.slug} is in the search index"
    # The same search finds an open one by its title, so the check above can fail.
    found = [result["url"] for result in pagefind_search(pagefind_page, still_open[0].data["title"])]
    assert still_open[0].url_path in found


def test_every_indexed_page_has_every_sort_key(pagefind_page):
    """Pagefind drops a page without a sort key from sorted results; none may drop out."""
    everything = {result["url"] for result in pagefind_search(pagefind_page, None)}
    for sort in ({"posted": "desc"}, {"closes": "asc"}):
        assert {result["url"] for result in pagefind_search(pagefind_page, None, {"sort": sort})} == everything, sort


def test_closing_soonest_puts_dated_opportunities_first_in_date_order(pagefind_page):
    results = pagefind_search(pagefind_page, None, {"sort": {"closes": "asc"}})
    closes = {o.url_path: o.data["closes"] for o in opportunities() if o.is_open and o.data.get("closes")}
    assert closes, "the example content should have open opportunities with a closing date"
    first = results[: len(closes)]
    assert {result["url"] for result in first} == set(closes)
    order = [closes[result["url"]] for result in first]
    assert order == sorted(order)


def test_newest_first_follows_the_posted_date(pagefind_page):
    results = pagefind_search(pagefind_page, None, {"sort": {"posted": "desc"}})
    posted = {opportunity.url_path: opportunity.data["posted"] for opportunity in opportunities() if opportunity.is_open}
    order = [posted[result["url"]] for result in results if result["url"] in posted]
    assert len(order) == len(posted)
    assert order == sorted(order, reverse=True)
    # Pages that are not opportunities come after every opportunity.
    assert all(result["url"] in posted for result in results[: len(posted)])


def test_result_meta_carries_what_a_card_shows(pagefind_page):
    opportunity = next(o for o in opportunities() if o.is_open and o.data.get("closes"))
    data = opportunity.data
    area_labels = pagefind_page.evaluate("() => JSON.parse(document.getElementById('search-labels').textContent)")
    area_labels = {key: label for key, label, _ in next(group["values"] for group in area_labels if group["name"] == "area")}
    results = pagefind_search(pagefind_page, None, {"filters": {"organisation": data["organisation"]}})
    result = next(result for result in results if result["url"] == opportunity.url_path)
    closes = data["closes"]
    assert result["meta"]["title"] == data["title"]
    assert result["meta"]["summary"] == data["summary"]
    assert result["meta"]["closes"] == f"Apply by {closes.day} {closes:%B %Y}"
    assert result["meta"]["url"] == f"opportunities/{opportunity.slug}/"
    assert result["meta"]["organisation"]
    assert result["meta"]["areas"] == ", ".join(sorted(area_labels[key] for key in opportunity.areas))
    assert result["meta"]["where"] and result["meta"]["time"]


def organisation_word() -> tuple[str, str]:
    """A long word of one organisation's description that starts no word in any other content file."""
    words_in = {path: set(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower())) for path in sorted(CONTENT.rglob("*.*"))}
    with_open = {opportunity.data["organisation"] for opportunity in opportunities() if opportunity.is_open}
    for slug, data in organisations().items():
        if slug not in with_open:
            continue
        source = CONTENT / "organisations" / f"{slug}.yaml"
        for word in sorted(set(re.findall(r"[a-z]{9,}", (data.get("description") or "").lower()))):
            if not any(any(other.startswith(word[:6]) for other in words) for path, words in words_in.items() if path != source):
                return word, slug
    raise AssertionError("no distinctive word in an organisation's description")


def test_an_organisations_words_find_its_page_not_every_opportunity_repeating_them(pagefind_page):
    """Opportunity pages repeat "About <organisation>"; kept out of the index, it costs no memory or bytes."""
    word, slug = organisation_word()
    found = {result["url"] for result in pagefind_search(pagefind_page, word)}
    assert f"/organisations/{slug}/" in found, (word, found)
    assert not any(url.startswith("/opportunities/") for url in found), (word, found)


def test_postcodes_find_the_opportunities_held_there(pagefind_page):
    """The facts list is out of the index, but "the right place" must still be searchable."""
    postcodes = sorted(
        {place["postcode"] for opportunity in opportunities() if opportunity.is_open for place in opportunity.data.get("locations") or [] if place.get("postcode")}
    )
    assert len(postcodes) >= 3
    for postcode in postcodes[:: max(1, len(postcodes) // 4)]:
        expected = {
            opportunity.url_path
            for opportunity in opportunities()
            if opportunity.is_open and any(place.get("postcode") == postcode for place in opportunity.data.get("locations") or [])
        }
        found = [result["url"] for result in pagefind_search(pagefind_page, postcode)]
        assert expected <= set(found), (postcode, found, expected)
        assert found[0] in expected, (postcode, found, expected)
