"""The partner widget and the iframe page in Chromium, embedded from another origin with no CORS headers."""

from __future__ import annotations

import gzip

import pytest
from conftest import ROOT, StaticServer, axe_violations, format_violations
from helpers_feeds import HOSTILE_ORGANISATION, HOSTILE_TITLES
from playwright.sync_api import expect
from portal_content.vocabularies import Vocabularies

import pelicanconf

pytestmark = pytest.mark.browser
LABELS = Vocabularies(getattr(pelicanconf, "PORTAL_VOCABULARIES", None)).labels
WIDGET = ROOT / "plugins" / "portal_embed" / "static" / "embed.js"

PARTNER_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>A partner's page</title>
<style>
  body {{ font-family: Georgia, serif; }}
  /* Rules a partner site might have: none of them may reach inside the widget. */
  li {{ display: none; }}
  h2 {{ color: rgb(200, 0, 0); }}
  .themed {{ --vp-link-colour: rgb(11, 83, 148); }}
</style>
<script>window.__pwned = undefined;</script>
</head>
<body>
<main>
<h1>Volunteer with us</h1>
{body}
</main>
</body>
</html>
"""


@pytest.fixture(scope="module")
def partner(tmp_path_factory):
    """The partner's own site: a second origin, plain static hosting, no CORS headers."""
    folder = tmp_path_factory.mktemp("partner")
    server = StaticServer(folder)
    server.folder = folder
    yield server
    server.close()


def partner_page(partner, page, name: str, body: str) -> list:
    (partner.folder / f"{name}.html").write_text(PARTNER_PAGE.format(body=body), encoding="utf-8")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{partner.url}/{name}.html")
    return errors


def texts(locator) -> list[str]:
    return locator.evaluate_all("nodes => nodes.map(node => node.textContent)")


def test_widget_is_small():
    size = len(gzip.compress(WIDGET.read_bytes(), compresslevel=9))
    print(f"\nembed.js: {WIDGET.stat().st_size} bytes, {size} bytes gzipped")
    assert size < 5120


def test_widget_on_another_origin_shows_exactly_the_filtered_opportunities(portal, partner, page):
    assert portal.url != partner.url
    leeds = portal.facts.selections()["areas/leeds"][:3]
    first = portal.facts.open[0]
    activity, setting = first.data["activities"][0], first.data["settings"][0]
    both = [o for o in portal.facts.open if activity in o.data["activities"] and setting in o.data["settings"]]
    body = (
        f'<script src="{portal.url}/embed/embed.js" data-area="leeds" data-limit="3" async></script>\n'
        f'<div class="themed"><script src="{portal.url}/embed/embed.js" data-activity="{activity}" data-setting="{setting}" '
        f'data-limit="100" data-title="Chosen for you" async></script></div>'
    )
    errors = partner_page(partner, page, "filtered", body)
    area_widget, combined_widget = page.locator(".volunteer-portal-widget").nth(0), page.locator(".volunteer-portal-widget").nth(1)

    expect(area_widget.locator("li")).to_have_count(len(leeds))
    expect(combined_widget.locator("li")).to_have_count(len(both))
    assert len(leeds) == 3 and both
    assert texts(area_widget.locator("li a")) == [o.title for o in leeds]
    assert area_widget.locator("li a").evaluate_all("links => links.map(a => a.href)") == [portal.opportunity_url(o) for o in leeds]
    assert texts(combined_widget.locator("li a")) == [o.title for o in both]
    expect(area_widget.locator("h2")).to_have_text(f"Volunteering in {LABELS['areas']['leeds']}")
    expect(combined_widget.locator("h2")).to_have_text("Chosen for you")
    for item, opportunity in zip(texts(area_widget.locator("li")), leeds, strict=True):
        assert opportunity.organisation["name"] in item
        assert " ".join(opportunity.data["summary"].split()) in item
        assert ("Closing date: " if opportunity.closes else "No closing date") in item
    expect(area_widget.get_by_role("link", name="See all opportunities")).to_have_attribute("href", f"{portal.url}/areas/leeds/")

    # Shadow DOM: the partner's rules stay out, its font and custom properties come in.
    expect(area_widget.locator("li").first).to_be_visible()
    assert area_widget.locator("h2").evaluate("h => getComputedStyle(h).color") != "rgb(200, 0, 0)"
    assert area_widget.locator("li a").first.evaluate("a => getComputedStyle(a).fontFamily") == "Georgia, serif"
    assert combined_widget.locator("li a").first.evaluate("a => getComputedStyle(a).color") == "rgb(11, 83, 148)"
    link = pelicanconf.PORTAL_COLOURS["link"].lstrip("#")
    assert area_widget.locator("li a").first.evaluate("a => getComputedStyle(a).color") == "rgb({}, {}, {})".format(*(int(link[i : i + 2], 16) for i in (0, 2, 4)))

    # The links work: every page exists, and following one leaves the partner's site for the portal.
    for href in area_widget.locator("a").evaluate_all("links => links.map(a => a.href)"):
        assert page.request.get(href).status == 200, href
    target = portal.opportunity_url(leeds[0])
    area_widget.get_by_role("link", name=leeds[0].title).click()
    page.wait_for_url(target)
    assert errors == []


def test_widget_markup_has_no_accessibility_violations(portal, partner, page):
    partner_page(partner, page, "accessible", f'<script src="{portal.url}/embed/embed.js" data-area="leeds" async></script>')
    expect(page.locator(".volunteer-portal-widget li").first).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_widget_says_so_when_a_filter_matches_nothing_or_cannot_load(portal, partner, page):
    lists = portal.facts.selections()
    organisation, area = next(
        (organisation, area.split("/")[1])
        for organisation in sorted(portal.facts.organisations)
        for area in lists
        if area.startswith("areas/") and lists[f"organisations/{organisation}"] and not {o.slug for o in lists[f"organisations/{organisation}"]} & {o.slug for o in lists[area]}
    )
    body = (
        f'<script src="{portal.url}/embed/embed.js" data-area="atlantis" async></script>\n'
        f'<script src="{portal.url}/embed/embed.js" data-organisation="{organisation}" data-area="{area}" async></script>'
    )
    errors = partner_page(partner, page, "unknown", body)
    unknown, empty = page.locator(".volunteer-portal-widget").nth(0), page.locator(".volunteer-portal-widget").nth(1)
    expect(unknown).to_contain_text("could not be loaded")
    expect(unknown.get_by_role("link", name="See all opportunities")).to_have_attribute("href", f"{portal.url}/")
    expect(empty).to_contain_text("There are no opportunities to show at the moment.")
    expect(empty.locator("li")).to_have_count(0)
    expect(empty.get_by_role("link", name="See all opportunities")).to_have_attribute("href", f"{portal.url}/organisations/{organisation}/")
    assert errors == []


def test_hostile_content_never_runs_on_the_partner_page(hostile_portal, partner, page):
    body = (
        f'<script src="{hostile_portal.url}/embed/embed.js" data-limit="100" async></script>\n'
        f'<iframe title="Opportunities" src="{hostile_portal.url}/embed/" width="600" height="400"></iframe>'
    )
    errors = partner_page(partner, page, "hostile", body)
    widget = page.locator(".volunteer-portal-widget")
    expect(widget.locator("li")).to_have_count(len(HOSTILE_TITLES))
    assert sorted(texts(widget.locator("li a"))) == sorted(HOSTILE_TITLES)
    assert set(texts(widget.locator("li p:nth-child(2)"))) == {HOSTILE_ORGANISATION}
    assert widget.evaluate("host => host.shadowRoot.querySelectorAll('script, img, svg, iframe').length") == 0
    hrefs = widget.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(href.startswith(hostile_portal.url + "/") for href in hrefs)
    frame = page.frame_locator("iframe")
    expect(frame.locator("li a")).to_have_count(len(HOSTILE_TITLES))
    assert sorted(texts(frame.locator("li a"))) == sorted(HOSTILE_TITLES)
    page.wait_for_timeout(300)  # give any injected handler (img onerror, svg onload) time to fire
    for each in page.frames:
        assert each.evaluate("window.__pwned") is None, each.url
    for path in ("embed/", "partners/", "feeds/all.json"):
        page.goto(f"{hostile_portal.url}/{path}")
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None, path
    assert errors == []


def test_iframe_page_filters_by_its_address_and_links_open_in_the_top_window(portal, partner, page):
    leeds = portal.facts.selections()["areas/leeds"][:3]
    src = f"{portal.url}/embed/?area=leeds&amp;limit=3"
    errors = partner_page(partner, page, "framed", f'<iframe title="Volunteering opportunities" src="{src}" width="600" height="800"></iframe>')
    frame = page.frame_locator("iframe")
    expect(frame.locator("li:visible")).to_have_count(len(leeds))
    assert texts(frame.locator("li:visible a")) == [o.title for o in leeds]
    expect(frame.locator("h1")).to_have_text(f"Volunteering in {LABELS['areas']['leeds']}")
    expect(frame.get_by_role("link", name="See all opportunities")).to_have_attribute("href", f"{portal.url}/areas/leeds/")
    assert set(frame.locator("a").evaluate_all("links => links.map(a => a.target)")) == {"_top"}
    frame.get_by_role("link", name=leeds[0].title).click()
    page.wait_for_url(portal.opportunity_url(leeds[0]))
    assert errors == []


def test_iframe_page_combines_filters_and_reports_no_matches(portal, page):
    first = portal.facts.open[0]
    organisation, activity = first.org_slug, first.data["activities"][0]
    expected = [o for o in portal.facts.open if o.org_slug == organisation and activity in o.data["activities"]]
    page.goto(f"{portal.url}/embed/?organisation={organisation}&activity={activity}")
    expect(page.locator("li:visible")).to_have_count(len(expected))
    assert texts(page.locator("li:visible a")) == [o.title for o in expected]
    expect(page.locator("#no-opportunities")).to_be_hidden()
    page.goto(f"{portal.url}/embed/?area=atlantis")
    expect(page.locator("li:visible")).to_have_count(0)
    expect(page.locator("#no-opportunities")).to_be_visible()


def test_iframe_page_lists_every_open_opportunity_without_javascript(portal, page_without_js):
    page_without_js.goto(f"{portal.url}/embed/?area=leeds&limit=3")
    expect(page_without_js.locator("li:visible")).to_have_count(len(portal.facts.open))
    assert texts(page_without_js.locator("li a")) == [o.title for o in portal.facts.open]


@pytest.mark.parametrize("path", ["embed/", "partners/"])
def test_portal_pages_for_partners_have_no_accessibility_violations(portal, page, path):
    page.goto(f"{portal.url}/{path}")
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


@pytest.mark.parametrize("path", ["embed/", "partners/"])
def test_portal_pages_for_partners_reflow_on_a_narrow_phone(portal, browser, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    narrow = context.new_page()
    narrow.goto(f"{portal.url}/{path}")
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
