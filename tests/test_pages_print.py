"""Printed opportunity pages (link workers hand them to patients): the essentials, no site furniture."""

from __future__ import annotations

import pytest
from helpers_pages_model import SITEURL
from helpers_yaml_model import read_site


def route_site_to_folder(page, site):
    """Serve SITEURL from the built folder, so absolute links and the stylesheet load as on the host."""

    def handle(route):
        path = route.request.url[len(SITEURL) :].split("?")[0].split("#")[0]
        target = site / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        if target.is_file():
            route.fulfill(path=str(target))
        else:
            route.fulfill(status=404, body="")

    page.route(f"{SITEURL}/**", handle)


@pytest.mark.browser
def test_printed_opportunity_keeps_facts_and_apply_details_and_drops_navigation(page, example_site):
    opportunity = next(item for item in read_site().open_opportunities if item.apply.url)
    route_site_to_folder(page, example_site)
    page.goto(f"{SITEURL}/{opportunity.url}")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-nav", ".site-footer", ".breadcrumbs", ".related", ".button"):
        if page.locator(selector).count():
            assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1").is_visible()
    assert page.locator(".summary-list").first.is_visible()
    visible_text = page.locator("main").inner_text()
    assert opportunity.apply.url in visible_text, "the apply address is written out on paper"
    assert f"{SITEURL}/{opportunity.url}" in visible_text, "the page says where it came from"
    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()
    assert not page.locator(".print-only").first.is_visible(), "print-only lines stay off screen"
