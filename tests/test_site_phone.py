"""Every page type on a phone with enlarged text and with long unbroken tokens in every field.

The example content plus listings whose title, summary, organisation name, place, tags, skills
and apply details are long unbroken tokens (hostile titles included), built for real. Each page
type is checked four ways: 200% text-only zoom on a 390 px phone (Chromium's default font size
32 px, what people with low vision set), 320 x 256 CSS px, 400% page zoom and the WCAG 1.4.12
text spacing. Nothing may scroll sideways or be cut off, and no ordinary word may be split
across lines (only the long tokens may break).
"""

from __future__ import annotations

import pytest
from conftest import StaticServer, run_build
from helpers_phone import LONG_ORG, LONG_SLUG, LONG_TERMS, WORDS_SPLIT_JS, text_zoom_context, write_long_token_content
from test_site_browser import OVERFLOW_JS, TEXT_SPACING_CSS

import pelicanconf

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SITEURL = pelicanconf.SITEURL.rstrip("/")
PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 256}


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("long-tokens")
    slugs = write_long_token_content(root / "content")
    result = run_build(root / "content", root / "out")
    assert result.returncode == 0, result.log
    server = StaticServer(root / "out")
    yield server, root / "out", slugs
    server.close()


def page_paths(output, slugs) -> dict[str, str]:
    closed = next(path.parent.name for path in sorted((output / "opportunities").glob("*/index.html")) if 'name="robots" content="noindex"' in path.read_text(encoding="utf-8"))
    principle = sorted(path.name for path in (output / "principles").iterdir() if path.is_dir())[0]
    return {
        "home": "",
        "opportunities page 1": "opportunities/",
        "opportunities page 2": "opportunities/page/2/",
        "long-token opportunity": f"opportunities/{LONG_SLUG}/",
        "closed opportunity": f"opportunities/{closed}/",
        "organisations": "organisations/",
        "long-token organisation": f"organisations/{LONG_ORG}/",
        "areas index": "areas/",
        "area": f"areas/{LONG_TERMS['area']}/",
        "activities index": "activities/",
        "activity": f"activities/{LONG_TERMS['activities'][0]}/",
        "settings index": "settings/",
        "setting": f"settings/{LONG_TERMS['settings'][0]}/",
        "principles": "principles/",
        "principle": f"principles/{principle}/",
        "content page": "about/",
        "search results": "search/?q=helper",
        "shortlist": f"shortlist/?ids={','.join(slugs)}",
        "not found": "404.html",
        "sessions": "sessions/",
        "near a district": "near/" + sorted(path.name for path in (output / "near").iterdir() if any(c.isdigit() for c in path.name))[0] + "/",
        "near a town": "near/keighley/",
        "list an opportunity": "submit/",
        "describe an organisation": "submit/organisation/",
        "guide for organisations": "contributing/",
        "partners": "partners/",
        "stats": "stats/",
    }


def route_siteurl(context, server_url: str) -> None:
    context.route(f"{SITEURL}/**", lambda route: route.continue_(url=server_url + route.request.url[len(SITEURL):]))


def check_page(page, url: str, width: int, *, text_spacing: bool = False) -> list[str]:
    page.goto(url, wait_until="load")
    if page.locator("#search").count():
        page.wait_for_function("() => Number(document.getElementById('search-results').dataset.search || 0) > 0")
    if page.locator("#shortlist").count():
        page.wait_for_selector("#shortlist-items[data-ready]", state="attached")
    if text_spacing:  # a user style sheet: adopted, as the Content-Security-Policy forbids inline styles
        page.evaluate("css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css); document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }", TEXT_SPACING_CSS)
    found = page.evaluate(OVERFLOW_JS)
    problems = []
    if found["scrollWidth"] > width:
        problems.append(f"page is {found['scrollWidth']} px wide")
    problems += found["problems"]
    problems += [f"word split: {word}" for word in page.evaluate(WORDS_SPLIT_JS)]
    return problems


def test_long_tokens_reach_the_pages_tested(long_site):
    _, output, slugs = long_site
    paths = page_paths(output, slugs)
    for kind in ("home", "opportunities page 1", "area", "activity", "setting", "long-token organisation"):
        html = (output / paths[kind] / "index.html").read_text(encoding="utf-8")
        assert LONG_SLUG in html, f"{kind}: the long-token listing is not on /{paths[kind]}"


def test_text_only_zoom_200_percent_on_a_phone(browser, long_site, tmp_path):
    server, output, slugs = long_site
    context = text_zoom_context(browser, tmp_path / "profile", viewport=PHONE)
    try:
        route_siteurl(context, server.url)
        page = context.new_page()
        page.goto(f"{server.url}/")
        assert page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)") == 32, "text zoom is on"
        failures = {kind: check_page(page, f"{SITEURL}/{path}", PHONE["width"]) for kind, path in page_paths(output, slugs).items()}
    finally:
        context.close()
    failures = {kind: problems for kind, problems in failures.items() if problems}
    assert not failures, "\n".join(f"{kind}: {problems}" for kind, problems in failures.items())


@pytest.mark.parametrize(("case", "zoom", "text_spacing"), [("320x256", 1, False), ("400% zoom", 4, False), ("text spacing", 1, True)])
def test_long_tokens_never_widen_a_page_at_320_css_pixels(browser, long_site, case, zoom, text_spacing):
    server, output, slugs = long_site
    context = browser.new_context(viewport=NARROW, device_scale_factor=zoom)
    try:
        route_siteurl(context, server.url)
        page = context.new_page()
        failures = {kind: check_page(page, f"{SITEURL}/{path}", NARROW["width"], text_spacing=text_spacing) for kind, path in page_paths(output, slugs).items()}
    finally:
        context.close()
    failures = {kind: problems for kind, problems in failures.items() if problems}
    assert not failures, "\n".join(f"{kind}: {problems}" for kind, problems in failures.items())


def test_the_header_is_compact_on_a_phone_and_its_menu_works_by_keyboard(browser, long_site, tmp_path):
    server, _, _ = long_site
    context = text_zoom_context(browser, tmp_path / "profile", viewport=PHONE)
    try:
        route_siteurl(context, server.url)
        page = context.new_page()
        page.goto(f"{SITEURL}/opportunities/{LONG_SLUG}/")
        header = page.locator(".site-header").bounding_box()
        assert header["height"] < PHONE["height"] / 3, f"the header is {header['height']:.0f} px tall at 200% text"
        assert page.is_hidden(".site-nav")
        menu = page.get_by_role("group").filter(has=page.locator(".site-menu__button"))
        assert menu.count() == 1 and page.locator(".site-menu__button").inner_text() == "Menu"
        page.focus(".site-menu__button")
        page.keyboard.press("Enter")
        assert page.is_visible(".site-nav") and page.is_visible("#header-search")
        page.keyboard.press("Enter")
        assert page.is_hidden(".site-nav")
        # The breadcrumbs show only the way back up.
        assert page.locator(".breadcrumbs__link:visible").all_inner_texts() == ["Volunteering opportunities"]
    finally:
        context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        route_siteurl(context, server.url)
        page = context.new_page()
        page.goto(f"{SITEURL}/opportunities/")
        assert page.is_hidden(".site-menu__button"), "no menu button where there is room"
        assert page.is_visible(".site-nav") and page.is_visible("#header-search")
    finally:
        context.close()
