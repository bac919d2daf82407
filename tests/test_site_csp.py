"""Browser hardening: the Content-Security-Policy and referrer policy are on every page and in force,
every script of the site still works under them, the widget keeps two portals apart and sends no
referrer, and the form refuses what the build refuses."""

from __future__ import annotations

import re

import pytest
from conftest import StaticServer
from helpers_feeds import EXAMPLE, read_content
from playwright.sync_api import expect
from test_embed_widget import partner, partner_page  # noqa: F401 (fixtures)

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
REFERRER = '<meta name="referrer" content="strict-origin-when-cross-origin">'

# Collects every violation the browser reports, from the first byte of the page on.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""


def policy(text: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in (piece.strip() for piece in text.split(";")) if part}


def test_every_page_has_the_policies_before_anything_they_govern(example_site):
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = CSP.findall(html)
        assert len(found) == 1, path
        head = html[: html.index("</head>")]
        first = min(head.find(tag) for tag in ("<script", "<link", "<style", "<base") if tag in head)
        assert head.index("Content-Security-Policy") < first, f"{path}: the policy must come before what it governs"
        assert REFERRER in html, path
        rules = policy(found[0])
        assert rules["script-src"] == ["'self'", "'wasm-unsafe-eval'"], path  # no 'unsafe-inline', no 'unsafe-eval'
        assert rules["object-src"] == ["'none'"]
        assert rules["base-uri"] == ["'self'"] and rules["form-action"] == ["'self'"]
        assert rules["style-src"] == ["'self'"] and rules["default-src"] == ["'self'"]
        assert "<style" not in html and " style=" not in html, f"{path}: inline styles are blocked by style-src"


@pytest.fixture
def watched(browser):
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()


def test_an_injected_inline_script_and_handler_are_blocked(example_site, tmp_path, watched):
    """A page of the site with markup an attacker got past every other defence: nothing of it runs."""
    html = (example_site / "about" / "index.html").read_text(encoding="utf-8")
    injected = (
        '<script>window.__pwned = "inline"</script>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="window.__pwned = \'handler\'" onload="window.__pwned = \'handler\'">'
        '<a id="js-link" href="javascript:window.__pwned=\'link\'">x</a>'
    )
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text(html.replace("<main", injected + "<main", 1), encoding="utf-8")
    server = StaticServer(tmp_path)
    try:
        watched.goto(f"{server.url}/about/")
        watched.locator("#js-link").click()
        watched.wait_for_function("window.__violations.length >= 3")
        assert watched.evaluate("window.__pwned") is None
        violations = watched.evaluate("window.__violations")
        assert all(v.startswith("script-src") for v in violations), violations
    finally:
        server.close()


def assert_no_violations(page):
    assert page.evaluate("window.__violations") == []
    assert page.errors == []


def test_search_works_under_the_policy(site_server, watched):
    watched.goto(f"{site_server.url}/search/?q=garden")
    expect(watched.locator("#search-results li").first).to_be_visible()
    assert_no_violations(watched)


def test_submit_form_works_under_the_policy(site_server, watched):
    watched.goto(f"{site_server.url}/submit/")
    watched.locator("#submit-form").wait_for(state="visible")
    watched.get_by_role("button", name="Check your answers").click()
    expect(watched.locator("#error-summary")).to_be_visible()
    assert_no_violations(watched)


def test_the_form_refuses_a_control_character_like_the_build(site_server, watched):
    watched.goto(f"{site_server.url}/submit/")
    watched.locator("#submit-form").wait_for(state="visible")
    watched.get_by_label("What is the role called?").fill("Ward \u0007 companion")
    watched.get_by_role("button", name="Check your answers").click()
    summary = watched.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a").first).to_contain_text("(U+0007)")


@pytest.mark.parametrize("path", ["", "opportunities/", "stats/", "partners/", "principles/", "organisations/", "shortlist/", "sessions/", "about/"])
def test_other_pages_load_with_no_violation(site_server, example_site, watched, path):
    assert (example_site / path / "index.html").is_file()
    watched.goto(f"{site_server.url}/{path}")
    expect(watched.locator("main")).to_be_visible()
    assert_no_violations(watched)


def test_iframe_page_works_under_the_policy_and_takes_a_short_plain_title(site_server, watched):
    title = "<b>Ours</b>\u0007 " + "x" * 200
    watched.goto(f"{site_server.url}/embed/?area=leeds&title={title}")
    heading = watched.locator("h1")
    expect(heading).to_have_text(("<b>Ours</b>  " + "x" * 200)[:80].strip())
    assert watched.locator("h1 b").count() == 0
    leeds = read_content(EXAMPLE).selections()["areas/leeds"]
    expect(watched.locator("li:visible")).to_have_count(len(leeds))
    assert_no_violations(watched)


def test_two_portals_widgets_on_one_page_each_show_their_own(portal, hostile_portal, partner, page):  # noqa: F811
    requests = []
    page.on("request", lambda request: requests.append(request))
    errors = partner_page(
        partner, page, "two-portals",
        f'<div id="one"><script src="{portal.url}/embed/embed.js" data-limit="100" async></script></div>\n'
        f'<div id="two"><script src="{hostile_portal.url}/embed/embed.js" data-limit="100" async></script></div>',
    )
    one = page.locator("#one .volunteer-portal-widget")
    two = page.locator("#two .volunteer-portal-widget")
    expect(one.locator("li")).to_have_count(len(portal.facts.open))
    expect(two.locator("li")).to_have_count(len(hostile_portal.facts.open))
    assert sorted(one.locator("li a").all_text_contents()) == sorted(o.title for o in portal.facts.open)
    assert sorted(two.locator("li a").all_text_contents()) == sorted(o.title for o in hostile_portal.facts.open)
    data_requests = [request for request in requests if "/embed/data/" in request.url]
    assert len(data_requests) == 2
    assert all("referer" not in request.all_headers() for request in data_requests)
    assert errors == []


@pytest.mark.parametrize("folder", ["opportunities", "near", "organisations"])
def test_a_page_in_each_folder_loads_with_no_violation(site_server, example_site, watched, folder):
    first = sorted(path for path in (example_site / folder).iterdir() if (path / "index.html").is_file() and path.name != "page")[0]
    watched.goto(f"{site_server.url}/{folder}/{first.name}/")
    expect(watched.locator("main")).to_be_visible()
    assert_no_violations(watched)
