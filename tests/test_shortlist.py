"""The shortlist: add on cards and opportunity pages, /shortlist/ from its address in a fresh
browser, share links, print as a handout with contacts and one QR code per opportunity, no JS.

Expected values (titles, contacts) come from the content YAML (helpers_search).
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import axe_violations, format_violations
from helpers_search import opportunities, serve_siteurl_locally

import pelicanconf

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
A4 = {"width": 794, "height": 1123}  # A4 at 96 dpi


def new_page(browser, example_site, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    serve_siteurl_locally(page, example_site, pelicanconf.SITEURL)
    return context, page


def contact_opportunities():
    """Open opportunities with a phone or email to apply (their handout must spell them out), newest first."""
    found = [o for o in opportunities() if o.is_open and (o.data["apply"].get("phone") or o.data["apply"].get("email"))]
    return sorted(found, key=lambda o: (str(o.data["posted"]), o.data["title"]), reverse=True)


def wait_for_list(page) -> None:
    page.wait_for_selector("#shortlist-items[data-ready]", state="attached")


def test_the_round_trip_add_share_open_elsewhere_and_print(browser, site_server, example_site):
    chosen = contact_opportunities()[:3]
    assert len(chosen) == 3
    context, page = new_page(browser, example_site, viewport=PHONE)
    try:
        # Add two from their pages and one from a list's card.
        for opportunity in chosen[:2]:
            page.goto(f"{site_server.url}{opportunity.url_path}")
            button = page.locator(f'[data-shortlist="{opportunity.slug}"] > .shortlist-button')
            assert button.inner_text() == "Add to shortlist"
            button.click()
            assert button.inner_text() == "Remove from shortlist"
        page.goto(f"{site_server.url}/opportunities/")
        card_button = None
        for _ in range(5):
            card_button = page.locator(f'li.card[data-shortlist="{chosen[2].slug}"] .shortlist-button')
            if card_button.count():
                break
            page.click("a[rel=next]")
        card_button.click()
        page.click(".site-menu__button")
        assert page.inner_text("[data-shortlist-link]") == "Your shortlist (3)"
        stored = page.evaluate("() => JSON.parse(localStorage.getItem('shortlist'))")
        assert stored == [o.slug for o in chosen]
        assert page.evaluate("() => document.cookie") == "", "no cookies"

        page.click("[data-shortlist-link] a")
        wait_for_list(page)
        address = page.url
        assert parse_qs(urlsplit(address).query) == {"ids": [",".join(o.slug for o in chosen)]}
        assert page.input_value("#shortlist-link") == address
        assert "kept on this device only" in page.inner_text(".shortlist__privacy")
        email = unquote(page.get_attribute("#shortlist-email", "href"))
        assert email.startswith("mailto:?subject=")
        for opportunity in chosen:
            assert opportunity.data["title"] in email and opportunity.url_path in email
        assert address in email
        sms = page.get_attribute("#shortlist-sms", "href")
        assert sms.startswith("sms:") and unquote(sms).endswith(address)
        violations = axe_violations(page)
        assert violations == [], format_violations(violations)
    finally:
        context.close()

    # The same address in a fresh browser (nothing stored) shows the same list.
    context, page = new_page(browser, example_site, viewport=A4)
    try:
        page.goto(address)
        wait_for_list(page)
        titles = page.eval_on_selector_all("#shortlist-items .handout__title", "hs => hs.map(h => h.textContent.trim())")
        assert titles == [o.data["title"] for o in chosen]
        assert page.is_visible("#shortlist-shared"), "it offers to keep a list that came from a link"
        assert page.evaluate("() => localStorage.getItem('shortlist')") is None

        page.emulate_media(media="print")
        for selector in (".site-header", ".site-footer", "#shortlist-share", ".shortlist-button"):
            assert page.locator(f"{selector}:visible").count() == 0, selector
        items = page.locator("#shortlist-items > li")
        assert items.count() == 3
        for index, opportunity in enumerate(chosen):
            item = items.nth(index)
            text = item.inner_text()
            apply = opportunity.data["apply"]
            for value in (apply.get("phone"), apply.get("email"), apply.get("url")):
                if value:
                    assert value in text, f"{opportunity.slug}: {value} is not printed"
            assert opportunity.data["summary"] in text
            assert "DBS check" in text
            assert item.locator("svg.qr-code:visible").count() == 1, "one QR code per opportunity"
            assert opportunity.url_path in item.locator(".handout__address").inner_text()
        page.emulate_media(media="screen")
        page.check("#shortlist-large")
        page.emulate_media(media="print")
        sizes = page.eval_on_selector_all("#shortlist-items .handout__title", "hs => hs.map(h => parseFloat(getComputedStyle(h).fontSize))")
        assert min(sizes) >= 30, f"large print titles are {sizes} px"
    finally:
        context.close()


def test_clear_shortlist_empties_it_and_unknown_ids_say_so(browser, site_server, example_site):
    chosen = contact_opportunities()[:2]
    context, page = new_page(browser, example_site, viewport=PHONE)
    try:
        page.goto(f"{site_server.url}/shortlist/?ids={chosen[0].slug},no-such-role,../../etc,{chosen[1].slug}")
        wait_for_list(page)
        items = page.locator("#shortlist-items > li")
        assert items.count() == 3, "the bad id is dropped; the unknown one is named"
        assert "could not find the opportunity “no-such-role”" in items.nth(1).inner_text()
        page.click("#shortlist-keep")
        assert page.evaluate("() => JSON.parse(localStorage.getItem('shortlist'))") == [chosen[0].slug, "no-such-role", chosen[1].slug]
        page.click("#shortlist-clear")
        page.wait_for_function("() => document.getElementById('shortlist-items').children.length === 0")
        assert page.evaluate("() => localStorage.getItem('shortlist')") is None
        assert page.is_visible("#shortlist-empty")
        assert urlsplit(page.url).query == ""
    finally:
        context.close()


def test_without_javascript_the_shortlist_page_explains_itself(browser, site_server, example_site):
    context, page = new_page(browser, example_site, viewport=PHONE, java_script_enabled=False)
    try:
        page.goto(f"{site_server.url}/shortlist/?ids={contact_opportunities()[0].slug}")
        assert page.is_hidden("#shortlist")
        text = page.inner_text("#shortlist-fallback")
        assert "needs JavaScript" in text and "print" in text
        links = {urlsplit(href).path for href in page.eval_on_selector_all("#shortlist-fallback a", "as => as.map(a => a.href)")}
        assert {"/opportunities/", "/areas/", "/activities/", "/settings/"} <= links
        page.goto(f"{site_server.url}/opportunities/")
        assert page.locator(".shortlist-button").count() == 0, "no buttons that cannot work"
    finally:
        context.close()


def test_printing_search_results_shows_contacts_not_the_filters(browser, site_server, example_site):
    context, page = new_page(browser, example_site, viewport=A4)
    try:
        page.goto(f"{site_server.url}/search/?area=leeds")
        page.wait_for_function("() => Number(document.getElementById('search-results').dataset.search || 0) > 0")
        page.emulate_media(media="print")
        assert page.locator("#search-filters:visible").count() == 0
        assert page.locator("#search-chips:visible").count() == 0
        first = page.locator("#search-results > li").first
        slug = first.get_attribute("data-shortlist")
        opportunity = next(o for o in opportunities() if o.slug == slug)
        text = first.inner_text()
        assert "DBS check" in text
        for key in ("phone", "email", "url"):
            if opportunity.data["apply"].get(key):
                assert str(opportunity.data["apply"][key]) in text, key
    finally:
        context.close()
