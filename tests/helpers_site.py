"""Shared helpers for the public-site browser and HTML-validity tests.

Which pages to check is decided from the content files (read independently by
``helpers_yaml_model``, at the test build date) and from the built output, never
from hard-coded slugs, so the tests keep working when the example content changes.

The example build writes absolute links to ``SITEURL`` (http://127.0.0.1:8000);
:func:`open_context` routes that origin to the session's test server so pages,
styles and links work in the browser exactly as they would on the real host.
"""

from __future__ import annotations

import html.parser
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ROOT
from helpers_yaml_model import Site
from pelican.settings import read_settings

PAGE_SIZE = 20  # the issue: 20 opportunities a page on every list


def read_example_settings() -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"))


class _NextLinkFinder(html.parser.HTMLParser):
    """Finds the ``rel="next"`` link of a paginated list page."""

    def __init__(self):
        super().__init__()
        self.next_href: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("a", "link") and "next" in (values.get("rel") or "").split() and values.get("href") and not self.next_href:
            self.next_href = values["href"]


def next_page_path(output: Path, path: str, siteurl: str) -> str:
    """The site path of the page after ``path`` (a list page), read from its ``rel="next"`` link."""
    finder = _NextLinkFinder()
    finder.feed((output / path / "index.html").read_text(encoding="utf-8"))
    assert finder.next_href, f"/{path} has no rel=\"next\" link to its second page"
    absolute = urljoin(f"{siteurl}/{path}", finder.next_href)
    assert absolute.startswith(siteurl + "/"), f"the next-page link of /{path} leaves the site: {finder.next_href}"
    return absolute[len(siteurl) + 1 :]


def busiest_term(site: Site, facet: str) -> str:
    """The key of the facet term with the most open opportunities (ties: by key)."""
    counts: Counter[str] = Counter()
    for opportunity in site.open_opportunities:
        terms = opportunity.areas if facet == "areas" else getattr(opportunity, facet)
        counts.update(term.key for term in terms)
    assert counts, f"no open opportunity has any {facet}"
    return min(counts, key=lambda key: (-counts[key], key))


def fullest(opportunities):
    """The opportunity that fills in the most fields, so its page shows the most components."""
    return max(opportunities, key=lambda opportunity: (len(json.dumps(opportunity.data, default=str)), opportunity.slug))


def content_page_slug() -> str:
    """An ordinary content page: ``about`` when there is one, else the first by name."""
    pages = sorted(path.stem for path in (ROOT / "content" / "pages").glob("*.md"))
    assert pages, "content/pages/ has no Markdown page"
    return "about" if "about" in pages else pages[0]


def page_path(kind: str, site: Site, output: Path, siteurl: str) -> str:
    """The site path (from the root, no leading slash) of one page of the given kind."""
    opened = site.open_opportunities
    if kind == "home":
        return ""
    if kind == "opportunities page 1":
        return "opportunities/"
    if kind == "opportunities page 2":
        assert len(opened) > PAGE_SIZE, f"the example content needs more than {PAGE_SIZE} open opportunities to have a page 2"
        return next_page_path(output, "opportunities/", siteurl)
    if kind == "open opportunity":
        return fullest(opened).url
    if kind == "closed opportunity":
        closed = [opportunity for opportunity in site.opportunities if not opportunity.is_open]
        assert closed, "the example content needs a closed opportunity (closes before the build date)"
        return fullest(closed).url
    if kind == "organisations":
        return "organisations/"
    if kind == "organisation":
        return max(site.organisations, key=lambda org: (len(org.open_opportunities), org.slug)).url
    for facet, index in FACET_KINDS.items():
        if kind == index:
            return f"{facet}/"
        if kind == FACET_PAGE[facet]:
            return f"{facet}/{busiest_term(site, facet)}/"
    if kind == "principles":
        return "principles/"
    if kind == "principle":
        assert site.principles, "the example content has no principles"
        return site.principles[0].url
    if kind == "content page":
        return f"{content_page_slug()}/"
    if kind == "not found":
        return "404.html"
    raise ValueError(kind)


FACET_KINDS = {"areas": "areas index", "activities": "activities index", "settings": "settings index"}
FACET_PAGE = {"areas": "area", "activities": "activity", "settings": "setting"}
PAGE_KINDS = [
    "home",
    "opportunities page 1",
    "opportunities page 2",
    "open opportunity",
    "closed opportunity",
    "organisations",
    "organisation",
    "areas index",
    "area",
    "activities index",
    "activity",
    "settings index",
    "setting",
    "principles",
    "principle",
    "content page",
    "not found",
]


@dataclass
class SiteBrowser:
    """Opens pages of the built example site at their real addresses (``SITEURL``)."""

    browser: object
    server_url: str
    siteurl: str
    site: Site
    output: Path
    foreign_requests: list[str] = field(default_factory=list)

    def path(self, kind: str) -> str:
        return page_path(kind, self.site, self.output, self.siteurl)

    def url(self, path: str) -> str:
        return f"{self.siteurl}/{path}"

    def open_context(self, **options):
        """A browser context whose requests to ``SITEURL`` go to the test server; any other origin is refused."""
        context = self.browser.new_context(**options)

        def handle(route):
            url = route.request.url
            if url.startswith(self.siteurl + "/"):
                route.continue_(url=self.server_url + url[len(self.siteurl) :])
            elif url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                self.foreign_requests.append(url)
                route.abort()

        context.route("**/*", handle)
        return context

    def goto(self, page, path: str):
        """Open a page and check it arrived whole: HTTP 200 and every stylesheet loaded."""
        response = page.goto(self.url(path), wait_until="load")
        assert response is not None and response.ok, f"/{path}: HTTP {response.status if response else 'no response'}"
        wait_for_scripts(page)
        assert_styled(page)
        return response


# Module scripts that do all their work as they run, with only static imports: the load event has
# waited for them already. Waiting for "networkidle" (500 ms with no request) after every page
# that has only these cost most of the browser tests' time.
DRAWN_BY_LOAD = ("/js/shortlist/buttons.js",)


def wait_for_scripts(page) -> None:
    """Scripts that go on fetching after the load event (search, widget, near box) finish first."""
    sources = page.eval_on_selector_all("script[src]", "scripts => scripts.map(script => new URL(script.src).pathname)")
    if any(not source.endswith(DRAWN_BY_LOAD) for source in sources):
        page.wait_for_load_state("networkidle")


def assert_styled(page) -> None:
    """The page has styles and every linked stylesheet loaded with rules: unstyled pages make the checks meaningless."""
    found = page.evaluate(
        """() => ({sheets: document.styleSheets.length,
                   failed: [...document.querySelectorAll('link[rel~="stylesheet"]')]
                       .filter(link => !link.media || matchMedia(link.media).matches)
                       .filter(link => { try { return !link.sheet || !link.sheet.cssRules.length; } catch (error) { return false; } })
                       .map(link => link.href)})"""
    )
    assert found["sheets"], f"{page.url}: no stylesheet"
    assert not found["failed"], f"{page.url}: stylesheets missing or empty: {found['failed']}"


class SiteCheckSummary:
    """Collects the figures the lead reports and prints them at the end of the pytest run."""

    def __init__(self):
        self.tallies: dict[str, dict[str, tuple[int, int]]] = {}  # check -> {page: (problems, elements checked)}
        self.lines: dict[str, str] = {}

    def tally(self, check: str, page: str, problems: int, elements: int = 0) -> None:
        self.tallies.setdefault(check, {})[page] = (problems, elements)

    def record(self, check: str, line: str) -> None:
        self.lines[check] = line

    def report(self) -> list[str]:
        lines = []
        for check, pages in self.tallies.items():
            elements = sum(count for _, count in pages.values())
            checked = f"{len(pages)} pages" + (f" ({elements} elements)" if elements else "")
            lines.append(f"{check}: {checked} checked, {sum(problems for problems, _ in pages.values())} problems")
        return sorted(lines + list(self.lines.values()))

    def merge(self, data: dict) -> None:
        """Add a pytest-xdist worker's figures (see ``pytest_sessionfinish``) to this process's."""
        for check, pages in data["tallies"].items():
            self.tallies.setdefault(check, {}).update({page: tuple(figures) for page, figures in pages.items()})
        self.lines.update(data["lines"])

    def pytest_sessionfinish(self, session):
        """Under pytest-xdist the figures are gathered in workers: hand them to the controller, which prints them."""
        output = getattr(session.config, "workeroutput", None)
        if output is not None:
            output["site_checks"] = {"tallies": self.tallies, "lines": self.lines}

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter):
        if self.tallies or self.lines:
            terminalreporter.section("public site checks")
            for line in self.report():
                terminalreporter.write_line(line)


def site_check_summary(config) -> SiteCheckSummary:
    """The one summary of this pytest run, registered as a plugin on first use."""
    summary = config.pluginmanager.get_plugin("site-check-summary")
    if summary is None:
        summary = SiteCheckSummary()
        config.pluginmanager.register(summary, "site-check-summary")
    return summary
