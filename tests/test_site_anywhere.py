"""The built site works wherever it is served: any port, and under a sub-path.

The example site is built once (``example_site``) for ``SITEURL`` = http://127.0.0.1:8000,
then served where that address is wrong: by `make serve`'s own server on a random
port, and by a server that mounts it at /some/sub/path/ (a GitHub Pages project
site, a downloaded artifact). In Chromium, a page of every type must load its
stylesheet, every request it makes must succeed, every internal link must resolve
and stay inside the mount, and search must find an opportunity. The formats that
need absolute addresses (canonical, feeds, sitemap, open data) keep SITEURL.

Pages are chosen from the content files (plain YAML reading), not from the build.
"""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import ROOT, run_build
from helpers_feeds import write_opportunity, write_organisation
from helpers_search import distinctive_word, opportunities, wait_for_search
from helpers_site import assert_styled, wait_for_scripts

import pelicanconf

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SITEURL = pelicanconf.SITEURL
MOUNT = "/some/sub/path/"
CONTENT = ROOT / "content"


def sample_paths() -> list[str]:
    """One page of every type, from the content files and settings (no leading slash)."""
    found = opportunities()
    open_ones = [opportunity for opportunity in found if opportunity.is_open]
    closed = [opportunity for opportunity in found if not opportunity.is_open]
    assert len(open_ones) > 20 and closed, "the example content needs a second list page and a closed opportunity"
    first = open_ones[0]
    principle = sorted((CONTENT / "principles").glob("*.md"))[0].stem.split("-", 1)[1]
    content_page = sorted((CONTENT / "pages").glob("*.md"))[0].stem
    area = next(iter(pelicanconf.PORTAL_VOCABULARIES["areas"]))
    return [
        "",
        "opportunities/",
        "opportunities/page/2/",
        first.url_path.lstrip("/"),
        closed[0].url_path.lstrip("/"),
        "organisations/",
        f"organisations/{first.data['organisation']}/",
        "areas/",
        f"areas/{area}/",
        f"activities/{first.data['activities'][0]}/",
        f"settings/{first.data['settings'][0]}/",
        "principles/",
        f"principles/{principle}/",
        f"{content_page}/",
        "search/",
        "partners/",
        "submit/",
        "submit/organisation/",
        "contributing/",
        "stats/",
        "embed/",
    ]


class _MountedHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under MOUNT, as a host serving many sites would; 404 elsewhere."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".wasm": "application/wasm"}

    def translate_path(self, path):
        if not path.startswith(MOUNT):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(MOUNT) :])

    def log_message(self, *args):
        pass


class _ProjectSiteHandler(_MountedHandler):
    """Like a GitHub Pages project site: a missing page anywhere under MOUNT gets the site's 404.html."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def project_site(tmp_path_factory):
    """The example site built for a project site's address (SITEURL ending in /some/sub/path), served there."""
    folder = tmp_path_factory.mktemp("project-site")
    settings = folder / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\n"
        f"SITEURL = 'https://example.github.io{MOUNT.rstrip('/')}'\n",
        encoding="utf-8",
    )
    result = run_build(ROOT / "content", folder / "output", settings=settings)
    assert result.returncode == 0, result.log
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_ProjectSiteHandler, directory=str(folder / "output")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{MOUNT}"
    server.shutdown()
    server.server_close()


def serve_mounted(directory: Path, handler=_MountedHandler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{MOUNT}"


@pytest.fixture(scope="module")
def unseen_mounted(tmp_path_factory):
    """A content folder the project has never seen, built with the project's own pelicanconf.py, under MOUNT."""
    folder = tmp_path_factory.mktemp("unseen")
    content = folder / "content"
    write_organisation(content, "riverside-group", name="Riverside Group", areas=("leeds",))
    write_opportunity(content, "tea-helper", organisation="riverside-group", title="Tea helper", posted="2026-11-01")
    write_opportunity(content, "gate-greeter", organisation="riverside-group", title="Gate greeter", area="wakefield", posted="2026-10-01")
    (content / "principles").mkdir()
    (content / "principles" / "01-be-kind.md").write_text("---\ntitle: Be kind\nsummary: Kindness first.\norder: 1\n---\nBe kind.\n", encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("Title: About\nSlug: about\n\nSee [all roles](/opportunities/).\n", encoding="utf-8")
    result = run_build(content, folder / "output")
    assert result.returncode == 0, result.log
    server, url = serve_mounted(folder / "output")
    yield url
    server.shutdown()
    server.server_close()


def test_an_unseen_content_folder_works_under_a_sub_path(browser, unseen_mounted):
    paths = ["", "opportunities/", "opportunities/tea-helper/", "organisations/riverside-group/", "areas/leeds/", "principles/", "principles/be-kind/", "about/", "search/", "partners/"]
    check_pages(browser, unseen_mounted, paths, enough_links=30)


@pytest.fixture(scope="module")
def mounted(example_site):
    """The example site at http://127.0.0.1:<random port>/some/sub/path/."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_MountedHandler, directory=str(example_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{MOUNT}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def served(example_site):
    """The example site served by `make serve`'s own command on a free port (not the 8000 of SITEURL)."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), str(example_site), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("Serving the site on http://127.0.0.1:"), line
        url = line.split()[4]
        assert urlsplit(url).port != urlsplit(SITEURL).port
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class PageVisit:
    """Opens a page, recording every request that fails, and reads its internal links."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.failures: list[str] = []
        # net::ERR_ABORTED is the browser cancelling a request (the favicon, fetched after "load",
        # when the next page opens): not a fault. check_pages fetches every linked address itself.
        self.page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED" and self.failures.append(f"{request.url} ({request.failure})"))
        self.page.on("response", lambda response: response.status >= 400 and self.failures.append(f"{response.url} (HTTP {response.status})"))

    def open(self, path: str, expect: int = 200):
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None and response.status == expect, f"{self.base}{path}: HTTP {response.status if response else '-'}"
        wait_for_scripts(self.page)
        assert_styled(self.page)
        return response

    def links(self) -> list[str]:
        """Every address the page links to or loads, as the browser resolves it."""
        return self.page.eval_on_selector_all(
            "a[href], link[href]:not([rel=canonical]), script[src], img[src], iframe[src], form[action]",
            """elements => elements.map(e => e.href || e.src || e.action).filter(Boolean)""",
        )

    def close(self):
        self.context.close()


def check_pages(browser, base: str, paths: list[str], enough_links: int = 100) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    visit = PageVisit(browser, base)
    checked: dict[str, int] = {}
    problems = []
    try:
        for path in paths:
            visit.open(path)
            for link in visit.links():
                target = link.split("#")[0]
                if target.startswith(SITEURL + "/") and not base.startswith(SITEURL + "/"):
                    problems.append(f"/{path}: {link} is the build's absolute address, not where the site is served")
                    continue
                if not target.startswith(origin):
                    continue  # another site, mailto:, tel:
                if not target.startswith(base):
                    problems.append(f"/{path}: {link} leaves {base}")
                    continue
                if target not in checked:
                    checked[target] = status(target)
                if checked[target] != 200:
                    problems.append(f"/{path}: {link} is HTTP {checked[target]}")
        problems += [f"request failed: {failure}" for failure in visit.failures]
    finally:
        visit.close()
    assert len(checked) > enough_links, "the checker followed the site's links"
    assert not problems, "\n".join(problems[:40])


def test_every_page_type_works_on_another_port(browser, served):
    check_pages(browser, served, sample_paths())


def test_every_page_type_works_under_a_sub_path(browser, mounted):
    assert status(mounted.rstrip("/").rsplit("/", 1)[0] + "/index.html") == 404, "the mount is the only place the site is"
    check_pages(browser, mounted, sample_paths())


def test_search_works_under_a_sub_path(browser, mounted):
    word, opportunity = distinctive_word()
    visit = PageVisit(browser, mounted)
    try:
        visit.open("search/")
        visit.page.wait_for_selector("#search-q", state="visible")
        shown = wait_for_search(visit.page, 0)
        visit.page.fill("#search-q", word)
        wait_for_search(visit.page, shown)
        first = visit.page.eval_on_selector("#search-results > li h3 a", "a => a.href")
        assert first == mounted + opportunity.url_path.lstrip("/")
        visit.page.click("#search-results > li h3 a")
        visit.page.wait_for_url(first)
        assert visit.page.inner_text("h1") == opportunity.data["title"].strip()
        assert_styled(visit.page)
        assert not visit.failures, visit.failures
    finally:
        visit.close()


@pytest.mark.parametrize("missing", ["no-such-page/", "opportunities/no-such-role/", "a/b/c/d/e.html"])
def test_make_serve_answers_a_missing_page_with_the_site_404_page(browser, served, missing):
    """Static hosts send 404.html for a missing page at any depth; its links start from the site root."""
    visit = PageVisit(browser, served)
    try:
        visit.open(missing, expect=404)
        assert visit.page.inner_text("h1") == "Page not found"
        for link in visit.links():
            target = link.split("#")[0]
            if target.startswith(served) and target != served + missing:
                assert status(target) == 200, link
        visit.failures = [failure for failure in visit.failures if missing not in failure]
        assert not visit.failures, visit.failures
    finally:
        visit.close()


def test_addresses_for_other_sites_stay_absolute(example_site):
    """Canonical links, feeds, the sitemap and open data are read away from the site: they keep SITEURL."""
    opportunity = next(item for item in opportunities() if item.is_open)
    html = (example_site / opportunity.url_path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITEURL}{opportunity.url_path}">' in html
    assert f'"url": "{SITEURL}{opportunity.url_path}"' in html, "JSON-LD"
    feed = feedparser.parse((example_site / "feeds" / "all.atom.xml").read_bytes())
    assert f"{SITEURL}{opportunity.url_path}" in {entry.link for entry in feed.entries}
    sitemap = ET.parse(example_site / "sitemap.xml").getroot()
    locations = [element.text for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and all(location.startswith(SITEURL + "/") for location in locations)
    records = json.loads((example_site / "api" / "opportunities.json").read_text(encoding="utf-8"))
    assert f"{SITEURL}{opportunity.url_path}" in {record["url"] for record in records["opportunities"]}
    assert (example_site / "robots.txt").read_text(encoding="utf-8").count(f"Sitemap: {SITEURL}/sitemap.xml") == 1


@pytest.mark.parametrize("missing", ["no-such-page/", "opportunities/no-such-role/", "a/b/c/"])
def test_the_404_page_works_at_any_depth_of_a_project_site(browser, project_site, missing):
    """On a GitHub Pages project site the host sends 404.html for any missing path: its links start from SITEURL's path."""
    visit = PageVisit(browser, project_site)
    try:
        visit.open(missing, expect=404)
        assert visit.page.inner_text("h1") == "Page not found"
        links = [link.split("#")[0] for link in visit.links()]
        assert [link for link in links if link.startswith(project_site)], "links to the site"
        for link in links:
            if link.startswith(project_site) and link != project_site + missing:
                assert status(link) == 200, link
        assert not [failure for failure in visit.failures if missing not in failure], visit.failures
    finally:
        visit.close()
