"""The public site in a real browser: axe-core, keyboard, reflow, target size, no JavaScript.

Debian's Chromium (Playwright) opens the built example site served on
127.0.0.1, at its real ``SITEURL`` addresses (see ``helpers_site.SiteBrowser``).
axe-core sweeps every HTML page at desktop width; the other checks take one
page of every kind the issue names (home, list pages 1 and 2, an open and a
closed opportunity, organisations, each facet and facet index, principles,
a content page, 404), chosen from the content model, never by hard-coded slug
(see ``helpers_site.page_path``):

- axe-core (WCAG 2.0/2.1/2.2 A and AA) at 320 px as well;
- keyboard: the first Tab shows a skip link into <main>; Tab reaches every
  focusable element in page order with a visible, unobscured focus style,
  also in forced colours (Windows High Contrast);
- reflow (WCAG 1.4.10/1.4.12): nothing scrolls sideways or is cut off at
  320 x 256 CSS px, at 400% zoom, or with the WCAG text-spacing overrides;
- target size (WCAG 2.5.8) of links in <nav> (header, breadcrumbs, pagination);
- without JavaScript: every page shows its content and links can be followed;
- no request ever goes to another origin.

Figures for the closing note are printed in the "public site checks" section
at the end of the run.
"""

from __future__ import annotations

import pytest
from conftest import AXE_TAGS, add_axe_to_every_page, axe_violations, format_violations, package_version
from helpers_site import (
    PAGE_KINDS,
    PAGE_SIZE,
    SiteBrowser,
    assert_styled,
    read_example_settings,
    site_check_summary,
)
from helpers_yaml_model import read_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NARROW = {"width": 320, "height": 256}  # WCAG 1.4.10: 320 CSS px wide, 256 tall
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def site_browser(browser, site_server, example_site):
    settings = read_example_settings()
    siteurl = settings["SITEURL"].rstrip("/")
    return SiteBrowser(browser, site_server.url, siteurl, read_site(), example_site)


@pytest.fixture
def open_page(site_browser):
    """A function that opens a page with the given context options (closed after the test)."""
    contexts = []
    site_browser.foreign_requests.clear()

    def open_page(**options):
        context = site_browser.open_context(**options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    assert not site_browser.foreign_requests, f"pages asked for other sites (no third-party requests allowed): {site_browser.foreign_requests}"


# -- axe-core -------------------------------------------------------------------


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_violations_on_a_phone(kind, site_browser, open_page, request):
    """The narrow layout has its own styles (stacked header, menus): check it too."""
    path = site_browser.path(kind)
    page = open_page(viewport=NARROW)
    site_browser.goto(page, path)
    violations = axe_violations(page)
    site_check_summary(request.config).tally(f"axe-core {package_version('axe-core')} (WCAG 2.0/2.1/2.2 A+AA), 320 px wide", path, sum(len(v["nodes"]) for v in violations))
    assert not violations, f"/{path} ({kind}) at 320 px:\n{format_violations(violations)}"


# axe's best-practice rules: one <h1>, headings in order, all content inside landmarks, unique landmarks.
BEST_PRACTICE = "best-practice"


def test_axe_finds_no_violations_on_any_page_of_the_site(site_browser, open_page, request):
    """Every HTML file, desktop width: the pages the issue names, and every other one, because
    organisation text, principles and content pages vary the markup from page to page.
    Also axe's best-practice rules (GOV.UK and NHS.UK pages meet them too)."""
    named = {site_browser.path(kind) for kind in PAGE_KINDS}
    paths = sorted(path.relative_to(site_browser.output).as_posix().removesuffix("index.html") for path in site_browser.output.rglob("*.html"))
    assert named <= set(paths), f"pages the issue names are missing from the build: {sorted(named - set(paths))}"
    page = open_page(viewport=DESKTOP)
    add_axe_to_every_page(page)
    found: dict[str, list[str]] = {}  # one problem (rule and element) -> the pages that have it
    for path in paths:
        site_browser.goto(page, path)
        # One axe run for both rule sets (a rule runs when it has any of the tags), split by tag as two runs would.
        found_here = axe_violations(page, tags=[*AXE_TAGS, BEST_PRACTICE])
        violations = [violation for violation in found_here if set(violation["tags"]) & set(AXE_TAGS)]
        advice = [violation for violation in found_here if BEST_PRACTICE in violation["tags"]]
        site_check_summary(request.config).tally(f"axe-core {package_version('axe-core')} (WCAG 2.0/2.1/2.2 A+AA), desktop", path, sum(len(v["nodes"]) for v in violations))
        site_check_summary(request.config).tally(f"axe-core {package_version('axe-core')} best practice (headings, landmarks), desktop", path, sum(len(v["nodes"]) for v in advice))
        for violation in violations + advice:
            for node in violation["nodes"]:
                found.setdefault(f"{violation['id']} ({violation['impact']}): {violation['help']}\n    {node}", []).append(f"/{path}")
    assert not found, f"axe-core found {len(found)} problems:\n" + "\n".join(
        f"{problem}\n    on {len(pages)} page(s): {', '.join(pages[:4])}" for problem, pages in sorted(found.items())
    )


# -- keyboard -------------------------------------------------------------------

# Everything a keyboard user can reach, in DOM order, with what we compare its focus style by.
FOCUSABLE_JS = r"""() => {
    const selector = 'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], '
        + '[contenteditable=""], [contenteditable="true"], audio[controls], video[controls]';
    const radioGroups = new Set();
    const focusable = [...document.querySelectorAll(selector)].filter(el => {
        if (el.matches(':disabled, input[type=hidden]') || el.closest('[inert]')) return false;
        if (el.hasAttribute('tabindex') && el.tabIndex < 0) return false;
        if (el.localName === 'summary' && el.parentElement.firstElementChild !== el) return false;
        if (!el.checkVisibility({visibilityProperty: true})) return false;
        if (el.matches('input[type=radio]')) {
            if (radioGroups.has(el.name)) return false;
            radioGroups.add(el.name);
        }
        return true;
    });
    window.__focusable = focusable;
    window.__describe = el => {
        const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `<${el.localName}${el.id ? '#' + el.id : ''}${el.getAttribute('href') ? ' href="' + el.getAttribute('href') + '"' : ''}> "${text}"`;
    };
    const opaque = colour => colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour);
    window.__focusStyle = el => {
        const s = getComputedStyle(el);
        return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset].join(' '),
                visibleOutline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && opaque(s.outlineColor),
                boxShadow: s.boxShadow, background: s.backgroundColor, opaqueBackground: opaque(s.backgroundColor)};
    };
    window.__unfocused = focusable.map(el => window.__focusStyle(el));
    return focusable.map(el => window.__describe(el));
}"""

FOCUSED_JS = r"""() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const index = window.__focusable.indexOf(el);
    const focused = window.__focusStyle(el);
    const unfocused = index >= 0 ? window.__unfocused[index] : null;
    // A visible change: an outline that shows, a new box-shadow, or (GOV.UK style) a new background colour.
    const indicator = unfocused !== null && (
        (focused.visibleOutline && focused.outline !== unfocused.outline)
        || (focused.boxShadow !== 'none' && focused.boxShadow !== unfocused.boxShadow)
        || (focused.opaqueBackground && focused.background !== unfocused.background));
    // WCAG 2.4.11: the focused element is not hidden behind something else (a sticky header, a banner).
    const box = el.getClientRects()[0] || el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const obscured = hit !== null && hit !== el && !el.contains(hit) && !(el.labels && [...el.labels].some(l => l.contains(hit)));
    return {index, description: window.__describe(el), indicator, obscured, focused, unfocused};
}"""


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_first_tab_focuses_a_visible_skip_link_to_main(kind, site_browser, open_page):
    path = site_browser.path(kind)
    page = open_page(viewport=DESKTOP)
    site_browser.goto(page, path)
    page.keyboard.press("Tab")
    skip = page.evaluate(
        """() => {
            const el = document.activeElement;
            const main = document.querySelector('main');
            const r = el.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return {tag: el.localName, href: el.getAttribute('href') || '', text: el.innerText.trim(),
                    mainId: main ? main.id : null,
                    visible: r.width >= 1 && r.height >= 1 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth
                             && r.bottom <= innerHeight && hit !== null && (hit === el || el.contains(hit))};
        }"""
    )
    assert skip["tag"] == "a" and skip["mainId"] and skip["href"].endswith("#" + skip["mainId"]), f"/{path}: the first Tab focused {skip}, not a skip link to <main id>"
    assert skip["visible"], f"/{path}: the skip link is not visible when focused: {skip}"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#" + skip["mainId"]
    page.keyboard.press("Tab")
    after = page.evaluate(
        """() => {
            const main = document.querySelector('main'), el = document.activeElement;
            return main.contains(el) || Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    assert after, f"/{path}: after following the skip link, Tab does not continue inside the main content"


def tab_through(page) -> tuple[list[str], dict[int, dict], list[int]]:
    """Press Tab until focus leaves the page; return the focusable elements, what each stop showed, and the order."""
    expected = page.evaluate(FOCUSABLE_JS)
    reached: dict[int, dict] = {}
    order = []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is None or focused["index"] in reached:
            break  # past the last element: focus leaves the document, or wraps round
        reached[focused["index"]] = focused
        order.append(focused["index"])
    return expected, reached, order


KEYBOARD_CASES = [(kind, "desktop") for kind in PAGE_KINDS] + [
    (kind, "320 px") for kind in ("home", "opportunities page 1", "open opportunity", "closed opportunity", "area")
]


@pytest.mark.parametrize(("kind", "width"), KEYBOARD_CASES)
def test_tab_reaches_every_interactive_element_with_a_visible_focus(kind, width, site_browser, open_page, request):
    path = site_browser.path(kind)
    page = open_page(viewport=DESKTOP if width == "desktop" else NARROW)
    site_browser.goto(page, path)
    expected, reached, order = tab_through(page)
    assert expected, f"/{path}: no interactive element at all"
    missing = [expected[i] for i in range(len(expected)) if i not in reached]
    failing = len(missing) + sum(1 for f in reached.values() if f["index"] < 0 or not f["indicator"] or f["obscured"])
    site_check_summary(request.config).tally(f"keyboard ({width}): reached by Tab with a visible, unobscured focus", path, failing, len(expected))
    assert not missing, f"/{path}: Tab never reaches {len(missing)} of {len(expected)} interactive elements:\n  " + "\n  ".join(missing)
    unexpected = [focused["description"] for focused in reached.values() if focused["index"] < 0]
    assert not unexpected, f"/{path}: Tab stops on elements that are hidden or not interactive: {unexpected}"
    assert order == sorted(order), f"/{path}: the tab order does not follow the page order: {[expected[i] for i in order]}"
    invisible = [f"{f['description']}: focused {f['focused']} vs {f['unfocused']}" for f in reached.values() if not f["indicator"]]
    assert not invisible, f"/{path}: no visible focus indicator (outline or box-shadow) on:\n  " + "\n  ".join(invisible)
    obscured = [focused["description"] for focused in reached.values() if focused["obscured"]]
    assert not obscured, f"/{path}: focused elements hidden behind other content: {obscured}"


@pytest.mark.parametrize("kind", ["home", "opportunities page 2", "open opportunity", "principles"])
def test_focus_stays_visible_in_forced_colours(kind, site_browser, open_page):
    """Windows High Contrast replaces backgrounds and drops box-shadows: only an outline still shows focus."""
    path = site_browser.path(kind)
    page = open_page(viewport=DESKTOP, forced_colors="active")
    site_browser.goto(page, path)
    assert page.evaluate("() => matchMedia('(forced-colors: active)').matches")
    expected, reached, _ = tab_through(page)
    assert len(reached) == len(expected), f"/{path}: Tab reached {len(reached)} of {len(expected)} elements"
    invisible = [f["description"] for f in reached.values() if not (f["focused"]["visibleOutline"] and f["focused"]["outline"] != f["unfocused"]["outline"])]
    assert not invisible, f"/{path}: no focus outline in forced colours on: {invisible}"


# -- reflow (WCAG 1.4.10) -------------------------------------------------------

OVERFLOW_JS = r"""() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const visuallyHidden = el => el.getBoundingClientRect().width <= 1 || el.getBoundingClientRect().height <= 1;
    const name = el => `<${el.localName}${el.className ? '.' + [...el.classList].join('.') : ''}>`;
    const scrolls = el => { for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (['auto', 'scroll'].includes(s.overflowX) && a !== document.body && a !== document.documentElement) return true;
        if (['hidden', 'clip'].includes(s.overflowX) && visuallyHidden(a)) return true;
    } return false; };
    const visible = [...document.body.querySelectorAll('*')].filter(el => el.checkVisibility({visibilityProperty: true}));
    // Content sticking out past the right edge (clipped or making the page scroll), outside any scroll box.
    const cut = visible.filter(el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.right > width + 1 && r.left < width && !scrolls(el);
    }).map(el => `${name(el)} right edge at ${Math.round(el.getBoundingClientRect().right)} px`);
    // Boxes that hide part of their own text (overflow hidden with more content than room).
    const clipped = visible.filter(el => {
        const s = getComputedStyle(el);
        return (['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY)) && !visuallyHidden(el)
            && (el.innerText || '').trim() && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    }).map(el => `${name(el)} hides part of "${el.innerText.trim().slice(0, 30)}"`);
    return {width, scrollWidth, problems: cut.concat(clipped).slice(0, 10)};
}"""

# WCAG 1.4.12: people override spacing with a user stylesheet; nothing may be cut off.
TEXT_SPACING_CSS = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""

REFLOW_CASES = {"320x256": (1, False), "1280x1024 at 400% zoom": (4, False), "320x256 with WCAG text spacing": (1, True)}


@pytest.mark.parametrize("case", REFLOW_CASES)
def test_no_page_scrolls_sideways_at_320_css_pixels(case, site_browser, open_page, request):
    zoom, text_spacing = REFLOW_CASES[case]
    page = open_page(viewport=NARROW, device_scale_factor=zoom)
    failures = []
    for kind in PAGE_KINDS:
        path = site_browser.path(kind)
        site_browser.goto(page, path)
        if text_spacing:
            # A constructed stylesheet, as a user style sheet would be: the page's policy blocks <style> tags.
            page.evaluate("css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css); document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }", TEXT_SPACING_CSS)
        found = page.evaluate(OVERFLOW_JS)
        failed = found["scrollWidth"] > NARROW["width"] or bool(found["problems"])
        if failed:
            failures.append(f"/{path}: page {found['scrollWidth']} px wide at {found['width']} px; {found['problems']}")
        site_check_summary(request.config).tally(f"reflow at 320 x 256 CSS px ({case})", path, int(failed))
    assert not failures, "\n".join(failures)


# -- target size (WCAG 2.2, 2.5.8) ----------------------------------------------

TARGETS_JS = r"""() => {
    const targets = [...document.querySelectorAll('nav a[href], nav button, nav input, nav select')]
        .filter(el => el.checkVisibility({visibilityProperty: true}))
        .map(el => ({el, r: el.getBoundingClientRect()}));
    const small = t => t.r.width < 24 || t.r.height < 24;
    const centre = t => [t.r.left + t.r.width / 2, t.r.top + t.r.height / 2];
    const distanceToRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
    const failures = [];
    for (const t of targets.filter(small)) {
        const c = centre(t);
        // The spacing exception: a 24 px circle on the target's centre must not touch another target or its circle.
        const crowded = targets.filter(o => o !== t && (small(o) ? Math.hypot(c[0] - centre(o)[0], c[1] - centre(o)[1]) < 24 : distanceToRect(c, o.r) < 12));
        const text = el => el.textContent.trim().replace(/\s+/g, ' ');
        if (crowded.length) failures.push(`<${t.el.localName} href="${t.el.getAttribute('href')}"> "${text(t.el)}" is `
            + `${Math.round(t.r.width)}x${Math.round(t.r.height)} px and too close to "${text(crowded[0].el)}"`);
    }
    return {count: targets.length, failures};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["desktop", "320 px"])
def test_navigation_and_pagination_targets_are_big_enough(viewport, site_browser, open_page, request):
    summary = site_check_summary(request.config)
    page = open_page(viewport=viewport)
    failures: dict[str, str] = {}  # the same header link fails on every page: name the first
    checked = 0
    for kind in PAGE_KINDS:
        path = site_browser.path(kind)
        site_browser.goto(page, path)
        found = page.evaluate(TARGETS_JS)
        checked += found["count"]
        summary.tally(f"target size of links in <nav> (WCAG 2.5.8) at {viewport['width']} px", path, len(found["failures"]), found["count"])
        for failure in found["failures"]:
            failures.setdefault(failure, path)
    assert checked, "no links in <nav> elements on any page: header, breadcrumbs and pagination belong in <nav>"
    assert not failures, "targets smaller than 24x24 CSS px without enough space around them:\n" + "\n".join(
        f"/{path}: {failure}" for failure, path in failures.items()
    )


# -- without JavaScript ---------------------------------------------------------


def test_every_page_shows_its_content_without_javascript(site_browser, open_page, request):
    page = open_page(viewport=DESKTOP, java_script_enabled=False)
    for kind in PAGE_KINDS:
        path = site_browser.path(kind)
        site_browser.goto(page, path)
        main = page.locator("main")
        assert main.count() == 1 and main.is_visible(), f"/{path}: no visible <main>"
        heading = page.locator("h1")
        assert heading.count() == 1 and heading.inner_text().strip(), f"/{path}: needs exactly one non-empty <h1>"
        assert len(main.inner_text().strip()) > len(heading.inner_text().strip()), f"/{path}: <main> shows nothing but its heading"
        assert page.locator("header a[href]").count(), f"/{path}: no links in the header"
        site_check_summary(request.config).tally("pages that work without JavaScript", path, 0)


def click_link_to(page, site_browser: SiteBrowser, path: str, *, within: str = "body") -> None:
    """Click the first visible link in ``within`` that leads to ``path``, and wait for the new page."""
    target = site_browser.url(path)
    links = page.locator(f"{within} a[href]")
    for index in range(links.count()):
        link = links.nth(index)
        if link.is_visible() and page.evaluate("([a, url]) => a.href.split('#')[0] === url", [link.element_handle(), target]):
            with page.expect_navigation(wait_until="load"):
                link.click()
            assert page.url == target, f"clicking a link to /{path} opened {page.url}"
            return
    raise AssertionError(f"{page.url}: no visible link in {within} to /{path}")


def test_following_links_works_without_javascript(site_browser, open_page):
    site = site_browser.site
    page = open_page(viewport=DESKTOP, java_script_enabled=False)
    site_browser.goto(page, "")
    click_link_to(page, site_browser, "opportunities/")
    click_link_to(page, site_browser, site_browser.path("opportunities page 2"), within="main")
    on_page_two = site.open_opportunities[PAGE_SIZE : 2 * PAGE_SIZE]
    click_link_to(page, site_browser, on_page_two[0].url, within="main")
    assert page.locator("h1").inner_text().strip() == on_page_two[0].title
    click_link_to(page, site_browser, on_page_two[0].organisation.url, within="main")
    assert on_page_two[0].organisation.name in page.locator("h1").inner_text()
    click_link_to(page, site_browser, "", within="header")
    area = site_browser.path("area")
    click_link_to(page, site_browser, "areas/")
    click_link_to(page, site_browser, area, within="main")
    label = site.vocabularies.term("areas", area.split("/")[1]).label
    assert label in page.locator("h1").inner_text()
    site_browser.goto(page, "principles/")
    click_link_to(page, site_browser, site.principles[0].url, within="main")
    assert page.locator("h1").inner_text().strip() == site.principles[0].title


def test_the_404_page_works_at_any_missing_address(site_browser, open_page):
    """Hosts serve 404.html at whatever address was not found: its styles and links must still work there."""
    page = open_page(viewport=DESKTOP, java_script_enabled=False)
    body = (site_browser.output / "404.html").read_bytes()
    missing = site_browser.url("opportunities/no-such-role/deeper/")
    page.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8"))
    response = page.goto(missing, wait_until="load")
    assert response is not None and response.status == 404
    assert_styled(page)
    click_link_to(page, site_browser, "opportunities/")
