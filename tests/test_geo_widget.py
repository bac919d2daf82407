"""The partner widget's data-near/data-within and the iframe page's ?near=&within=, in Chromium.

Expected lists come from the content files and Code-Point Open rows read by the test.
"""

from __future__ import annotations

import pytest
from helpers_geo import centre_of, miles, miles_text, postcode_point
from playwright.sync_api import expect
from test_embed_widget import partner, partner_page, texts  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def expected_near(facts, district: str, reach: float) -> list[tuple[str, str]]:
    centre = centre_of(f"{district} ")
    found = []
    for opening in facts.open:  # newest first, as the widget's data lists them
        points = [postcode_point(place["postcode"]) for place in opening.data.get("locations") or [] if place.get("postcode")]
        if points and min(miles(centre, point) for point in points) <= reach:
            found.append((min(miles(centre, point) for point in points), opening.title))
    found.sort(key=lambda entry: entry[0])  # stable: equal distances keep the newest-first order
    return [(title, miles_text(distance)) for distance, title in found]


def test_widget_lists_nearest_first_within_reach(portal, partner, page):  # noqa: F811
    expected = expected_near(portal.facts, "LS9", 5)
    assert 3 <= len(expected) < len(portal.facts.open)
    body = f'<script src="{portal.url}/embed/embed.js" data-near="ls9" data-within="5" data-limit="100" async></script>'
    errors = partner_page(partner, page, "near", body)
    widget = page.locator(".volunteer-portal-widget")
    expect(widget.locator("li")).to_have_count(len(expected))
    assert texts(widget.locator("li a")) == [title for title, _ in expected]
    metas = texts(widget.locator("li .meta"))
    assert [meta.split(". ")[0] for meta in metas] == [words for _, words in expected]
    assert errors == []


def test_widget_says_so_for_a_district_that_does_not_exist(portal, partner, page):  # noqa: F811
    errors = partner_page(partner, page, "near-unknown", f'<script src="{portal.url}/embed/embed.js" data-near="LS0" async></script>')
    expect(page.locator(".volunteer-portal-widget")).to_contain_text("There is no postcode district LS0.")
    assert errors == []


def test_iframe_page_filters_by_near_and_within(portal, page):  # noqa: F811
    expected = expected_near(portal.facts, "HX1", 3)
    assert expected
    page.goto(f"{portal.url}/embed/?near=HX1%203PT&within=3")  # a whole postcode: its district's centre
    expect(page.locator("li:visible")).to_have_count(len(expected))
    assert texts(page.locator("li:visible a")) == [title for title, _ in expected]
    assert [text.split(". ")[0] for text in texts(page.locator("li:visible .meta"))] == [words for _, words in expected]
