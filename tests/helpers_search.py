"""Helpers for the search tests and the benchmark.

Expected index contents are computed straight from the content YAML (not from the
plugin's own code), so a mistake in the plugin shows up as a difference.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from conftest import ROOT, TEST_EPOCH
from helpers_geo import centre_of, normalise, postcode_point

CONTENT = ROOT / "content"
BUILD_DATE = datetime.fromtimestamp(int(TEST_EPOCH), tz=UTC).date()


@dataclass
class ContentOpportunity:
    slug: str
    source: Path
    data: dict
    areas: list[str]
    is_open: bool

    @property
    def url_path(self) -> str:
        return f"/opportunities/{self.slug}/"


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def organisations(content: Path = CONTENT) -> dict[str, dict]:
    return {path.stem: _read(path) for path in sorted((content / "organisations").glob("*.yaml"))}


def opportunities(content: Path = CONTENT, build_date: date = BUILD_DATE) -> list[ContentOpportunity]:
    """Every opportunity file, with its areas (locations', else its organisation's) and open state."""
    orgs = organisations(content)
    found = []
    for path in sorted((content / "opportunities").rglob("*.yaml")):
        data = _read(path)
        areas = sorted({location["area"] for location in data.get("locations") or []}) or sorted(orgs[data["organisation"]]["areas"])
        closes = data.get("closes")
        found.append(ContentOpportunity(path.stem, path, data, areas, closes is None or closes >= build_date))
    return found


WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# What each schedule means in day-parts (the contract: "a listing with only schedule matches the day-parts its schedule implies").
SCHEDULE_DAY_PARTS = {
    "weekday-daytime": [f"{day}-{part}" for day in WEEK[:5] for part in ("morning", "afternoon")],
    "weekday-evenings": [f"{day}-evening" for day in WEEK[:5]],
    "weekends": [f"{day}-{part}" for day in WEEK[5:] for part in ("morning", "afternoon", "evening")],
    "flexible": [f"{day}-{part}" for day in WEEK for part in ("morning", "afternoon", "evening")],
}


def expected_filters(content: Path = CONTENT) -> dict[str, dict[str, int]]:
    """Filter name -> value -> number of open opportunities, as the content files say."""
    orgs = organisations(content)
    counts: dict[str, Counter] = {}

    def add(name, values):
        counts.setdefault(name, Counter()).update(values)

    for opportunity in opportunities(content):
        if not opportunity.is_open:
            continue
        data = opportunity.data
        commitment = data["commitment"]
        support = data.get("support") or {}
        access = data.get("access") or {}
        add("area", opportunity.areas)
        add("activity", data["activities"])
        add("setting", data["settings"])
        add("organisation", [data["organisation"]])
        add("sector", [orgs[data["organisation"]]["sector"]])
        add("schedule", commitment["schedule"])
        add("duration", [commitment["duration"]])
        add("dbs-check", [(data.get("requirements") or {}).get("dbs_check", "none")])
        add("remote", ["yes" if data.get("remote") else "no"])
        add("suitable-for", data.get("suitable_for") or [])
        add("wheelchair", [access["wheelchair"]] if access.get("wheelchair") else [])
        add("expenses", [] if support.get("expenses") is None else ["yes" if support["expenses"] else "no"])
        add("language", data.get("languages") or [])
        add("gp-approach", [data["gp_approach"]] if data.get("gp_approach") else [])
        add("times", commitment.get("times") or sorted({part for name in commitment["schedule"] for part in SCHEDULE_DAY_PARTS[name]}))
        for name, value in near_filter_values(data):
            add(name, [value])
    return {name: dict(counter) for name, counter in counts.items() if counter}


def near_filter_values(data: dict) -> list[tuple[str, str]]:
    """The Near box's filters for one opportunity: ("near-ls9", "-12 35") per place, ("near-home", "yes").

    Values are the place's position to 4 decimals as ten-thousandths of a degree from the
    district's anchor: its centre (mean of the district's Code-Point rows) in whole hundredths.
    """
    found = set()
    for place in data.get("locations") or []:
        if place.get("postcode"):
            district = normalise(place["postcode"]).split(" ")[0]
            centre = centre_of(district + " ")
            anchor = [round(value * 100) * 100 for value in centre]
            lat, lon = postcode_point(place["postcode"])
            found.add((f"near-{district.lower()}", f"{round(lat * 10000) - anchor[0]} {round(lon * 10000) - anchor[1]}"))
    if data.get("remote"):
        found.add(("near-home", "yes"))
    return sorted(found)


def must_be_indexed(content: Path = CONTENT) -> set[str]:
    """Paths of the open opportunities, organisations, principles and content pages."""
    return (
        {opportunity.url_path for opportunity in opportunities(content) if opportunity.is_open}
        | {f"/organisations/{path.stem}/" for path in (content / "organisations").glob("*.yaml")}
        | {f"/principles/{path.stem.split('-', 1)[1]}/" for path in (content / "principles").glob("*.md")}
        | {f"/{path.stem}/" for path in (content / "pages").glob("*.md")}
    )


def must_not_be_indexed(content: Path = CONTENT) -> set[str]:
    """Lists, closed opportunities, the search page itself and the 404 page."""
    closed = {opportunity.url_path for opportunity in opportunities(content) if not opportunity.is_open}
    return closed | {"/", "/opportunities/", "/organisations/", "/principles/", "/search/", "/404.html"}


def distinctive_word(content: Path = CONTENT) -> tuple[str, ContentOpportunity]:
    """A long word found in one open opportunity's description and in no other content file.

    Its first letters must not start a word anywhere else either, so stemming
    ("gardening" ~ "garden") cannot match another page.
    """
    words_in = {path: set(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower())) for path in sorted(content.rglob("*.*"))}
    for opportunity in opportunities(content):
        if not opportunity.is_open:
            continue
        for word in sorted(set(re.findall(r"[a-z]{9,}", opportunity.data["description"].lower()))):
            stem = word[:6]
            elsewhere = any(
                any(other.startswith(stem) for other in words)
                for path, words in words_in.items()
                if path != opportunity.source
            )
            if not elsewhere:
                return word, opportunity
    raise AssertionError("no distinctive word in the example content")


def open_pagefind(page, base_url: str) -> None:
    """Load a page of the site and Pagefind's JS API into ``window.pf``."""
    page.goto(f"{base_url}/search/")
    page.evaluate(
        """async (root) => {
            window.pf = await import(root + '/pagefind/pagefind.js');
            await window.pf.init();
        }""",
        base_url,
    )


def pagefind_search(page, term, options=None) -> list[dict]:
    """Run a Pagefind search in the page; every result's data (url, meta, filters)."""
    return page.evaluate(
        """async ([term, options]) => {
            const search = await window.pf.search(term, options || {});
            return Promise.all(search.results.map((result) => result.data()));
        }""",
        [term, options],
    )


def wait_for_search(page, after: int) -> int:
    """Wait until the search page has shown a search newer than ``after``; return its number."""
    page.wait_for_function(
        "(after) => Number(document.getElementById('search-results').dataset.search || 0) > after", arg=after
    )
    return searches_shown(page)


def searches_shown(page) -> int:
    return int(page.get_attribute("#search-results", "data-search") or 0)


def show_all_results(page) -> list[str]:
    """Press "Show more results" until every result is shown; their link paths."""
    while page.is_visible("#search-more"):
        before = page.locator("#search-results > li").count()
        page.click("#search-more")
        page.wait_for_function("(n) => document.querySelectorAll('#search-results > li').length > n", arg=before)
    return page.eval_on_selector_all("#search-results > li h3 a", "links => links.map(a => new URL(a.href).pathname)")


def first_query_bytes(page, base_url: str, term: str | None, filter: str) -> dict:
    """Bytes a first search downloads: open /search/, type ``term`` (unless None), tick ``filter`` ("area=leeds").

    Counts every response (HTML, CSS, JS, Pagefind's wasm, index, filter and fragment
    files, from the page and its worker) from navigation to the filtered results.
    Returns {"bytes": total (headers + bodies as sent), "body_bytes": bodies only, "requests": n,
    "headers": header bytes, "urls": every URL fetched} (see :func:`gzipped_size` for what a host sends).
    The page must reach the build's SITEURL (stylesheet, search.js): build with
    SITEURL = base_url, or call :func:`serve_siteurl_locally` on the page first.
    """
    group, value = filter.split("=", 1)
    seen: list = []

    def record(request):
        seen.append(request)

    page.context.on("requestfinished", record)
    try:
        page.goto(f"{base_url}/search/")
        page.wait_for_selector("#search-q", state="visible")
        shown = searches_shown(page)
        if term is not None:  # None: a first search with no word, only the filter ticked
            page.fill("#search-q", term)
            shown = wait_for_search(page, shown)
        if not page.locator(f'details[data-group="{group}"]').evaluate("details => details.open"):
            page.click(f'details[data-group="{group}"] > summary')
        page.check(f'#search-filter-groups input[name="{group}"][value="{value}"]')
        wait_for_search(page, shown)
        page.wait_for_load_state("networkidle")
    finally:
        page.context.remove_listener("requestfinished", record)
    bodies = headers = 0
    for request in seen:
        sizes = request.sizes()
        response = request.response()
        # Chromium reports 0 for a worker's own script; its Content-Length says what was sent.
        declared = int((response.headers.get("content-length") if response else None) or 0)
        bodies += max(sizes["responseBodySize"], declared)
        headers += sizes["responseHeadersSize"]
    return {"bytes": bodies + headers, "body_bytes": bodies, "requests": len(seen), "headers": headers, "urls": [request.url for request in seen]}


# Pagefind's own files are gzipped already; a host compresses only text.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt"}


def gzipped_size(output: Path, url: str) -> int:
    """Size of the file behind ``url`` as a host sends it: gzipped when it is text, else as it is."""
    path = output / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return 0
    data = path.read_bytes()
    return len(gzip.compress(data, mtime=0)) if path.suffix in COMPRESSIBLE else len(data)


def serve_siteurl_locally(page, site: Path, site_url: str) -> None:
    """Answer requests for the build's absolute SITEURL (the stylesheet, header links) from ``site``.

    The example build's links point at SITEURL (http://127.0.0.1:8000, `make serve`);
    tests serve the same files on a free port, so this makes both addresses one site
    (allowing the page's origin to load search.js, a module script, from SITEURL).
    """
    cors = {"Access-Control-Allow-Origin": "*"}

    def fulfil(route):
        path = urlsplit(route.request.url).path
        target = site / path.lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            route.fulfill(path=str(target), headers=cors)
        else:
            route.fulfill(status=404, body="Not found", headers=cors)

    page.route(f"{site_url}/**", fulfil)
