"""The search index in shards (portal_search.indexer): the example site indexed in several
Pagefind runs and merged again by the search page (theme/static/js/search/shards.js).

Expected values come from the content files (helpers_search, helpers_geo), never from the
index or the code under test.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from urllib.parse import quote, urlsplit

import pytest
from conftest import ROOT, StaticServer, run_build
from helpers_geo import miles, postcode_point
from helpers_search import (
    expected_filters,
    must_be_indexed,
    opportunities,
    serve_siteurl_locally,
    show_all_results,
    wait_for_search,
)
from portal_content.search_facets import EVERY_PAGE_WORD
from portal_search.indexer import plan_shards, shard_count, shard_of

import pelicanconf

SHARD_PAGES = 20  # the example site's 80-odd indexed pages in several shards


# -- The plan (no build) ------------------------------------------------------------------


def test_every_page_is_in_exactly_one_shard_and_stays_there_as_the_site_grows():
    pages = [f"opportunities/role-{number}/index.html" for number in range(1000)]
    shards = plan_shards(pages, 300)
    assert len(shards) == 4  # the smallest power of two with at most 300 pages a shard on average
    assert sorted(page for shard in shards for page in shard) == sorted(pages)
    # One more page moves no other page while the number of shards is the same.
    grown = plan_shards([*pages, "opportunities/new-role/index.html"], 300)
    assert [set(shard) - {"opportunities/new-role/index.html"} for shard in grown] == [set(shard) for shard in shards]
    assert all(shard_of(page, 4) == number for number, shard in enumerate(shards) for page in shard)


def test_the_number_of_shards_doubles_only_when_the_pages_outgrow_it():
    assert [shard_count(pages, 100) for pages in (0, 1, 100, 101, 200, 201, 400, 401)] == [1, 1, 1, 2, 2, 4, 4, 8]


# -- A sharded build ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sharded_settings(tmp_path_factory):
    settings = tmp_path_factory.mktemp("settings") / "settings.py"
    settings.write_text(
        f"exec(compile(open({str(ROOT / 'pelicanconf.py')!r}, encoding='utf-8').read(), 'pelicanconf.py', 'exec'))\n"
        f"PAGEFIND_SHARD_PAGES = {SHARD_PAGES}\n",
        encoding="utf-8",
    )
    return settings


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory, sharded_settings):
    output = tmp_path_factory.mktemp("sharded") / "output"
    result = run_build(ROOT / "content", output, settings=sharded_settings)
    assert result.returncode == 0, result.log
    return output


@pytest.fixture(scope="module")
def sharded_server(sharded_site):
    server = StaticServer(sharded_site)
    yield server
    server.close()


def entries(site):
    bundle = site / "pagefind"
    folders = ["", *json.loads((bundle / "shards.json").read_text(encoding="utf-8"))]
    return {folder: json.loads((bundle / folder / "pagefind-entry.json").read_text(encoding="utf-8")) for folder in folders}


def test_the_index_is_written_in_shards_that_hold_every_indexed_page_once(sharded_site):
    found = entries(sharded_site)
    assert len(found) > 1
    assert sum(entry["languages"]["en"]["page_count"] for entry in found.values()) == len(must_be_indexed())
    # Shard 0 is the whole bundle; the others only what mergeIndex reads.
    assert (sharded_site / "pagefind" / "pagefind.js").is_file()
    for folder in found:
        if folder:
            kept = {path.name for path in (sharded_site / "pagefind" / folder).iterdir()}
            assert not {name for name in kept if name.endswith((".js", ".css", ".pagefind"))}, kept


def test_an_unsharded_build_lists_no_shards(example_site):
    assert json.loads((example_site / "pagefind" / "shards.json").read_text(encoding="utf-8")) == []


@pytest.fixture
def search_page(page, sharded_site, sharded_server):
    serve_siteurl_locally(page, sharded_site, pelicanconf.SITEURL)
    return page


def merged_pagefind(page, base_url):
    """Pagefind's API in the search page, once the page merged the shards (asking again merges nothing twice)."""
    page.goto(f"{base_url}/search/")
    page.wait_for_selector("#search-q", state="visible")
    page.evaluate(
        """async (root) => {
            window.pf = await import(root + '/pagefind/pagefind.js');
            const {mergeShards} = await import(root + '/theme/js/search/shards.js');
            window.shards = await mergeShards(window.pf, new URL(root + '/pagefind/'));
        }""",
        base_url,
    )
    return page


def test_merged_shards_find_every_indexed_page_and_count_filters_as_the_content_says(search_page, sharded_server, sharded_site):
    page = merged_pagefind(search_page, sharded_server.url)
    assert page.evaluate("() => window.shards") == len(entries(sharded_site))
    urls = page.evaluate("async () => Promise.all((await window.pf.search(null)).results.map(async (r) => (await r.data()).url))")
    # A merged shard's addresses are absolute (its base is the bundle's URL), shard 0's are paths.
    assert Counter(urlsplit(url).path for url in urls) == Counter(must_be_indexed())
    # The word every indexed page carries (a search with no word asks for it) finds them all, once each.
    everywhere = page.evaluate("async (word) => Promise.all((await window.pf.search(word)).results.map(async (r) => (await r.data()).url))", EVERY_PAGE_WORD)
    assert Counter(urlsplit(url).path for url in everywhere) == Counter(must_be_indexed())
    filters = page.evaluate("() => window.pf.filters()")
    assert Counter(filters.pop("shard")).total() == len(must_be_indexed())
    others = {path for path in must_be_indexed() if not path.startswith("/opportunities/")}
    assert filters == {**expected_filters(), "kind": {"other": len(others)}}


def open_search(page, base_url, query):
    page.goto(f"{base_url}/search/?{query}")
    page.wait_for_selector("#search-q", state="visible")
    wait_for_search(page, 0)
    return show_all_results(page)


def test_a_filter_across_shards_shows_every_opportunity_in_that_area(search_page, sharded_server):
    open_ones = [o for o in opportunities() if o.is_open]
    area = Counter(area for o in open_ones for area in o.areas).most_common(1)[0][0]
    shown = open_search(search_page, sharded_server.url, f"area={area}")
    assert sorted(shown) == sorted(o.url_path for o in open_ones if area in o.areas)


@pytest.mark.parametrize(("sort", "field", "newest_first"), [("newest", "posted", True), ("closing", "closes", False)])
def test_a_sorted_search_across_shards_is_in_order(search_page, sharded_server, sort, field, newest_first):
    open_ones = {o.url_path: o for o in opportunities() if o.is_open}
    shown = open_search(search_page, sharded_server.url, f"q=volunteer&sort={sort}")
    found = [path for path in shown if path in open_ones]
    assert found == shown[: len(found)], "opportunities come before other pages"
    assert len(found) > 10  # more than one page of results, from more than one shard
    values = [str(open_ones[path].data.get(field) or "9999") for path in found]
    assert values == sorted(values, reverse=newest_first)


def test_the_near_box_searches_every_shard(search_page, sharded_server):
    origin, reach = postcode_point("LS9 7TF"), 5
    want = set()
    for opportunity in opportunities():
        if not opportunity.is_open:
            continue
        points = [postcode_point(place["postcode"]) for place in opportunity.data.get("locations") or [] if place.get("postcode")]
        nearest = min((miles(origin, point) for point in points), default=None)
        if (nearest is not None and nearest <= reach) or opportunity.data.get("remote"):  # remote ones: "From home"
            want.add(opportunity.url_path)
    shown = open_search(search_page, sharded_server.url, f"near={quote('LS9 7TF')}&within={reach}")
    assert set(shown) == want


# -- Rebuilds reuse unchanged shards --------------------------------------------------------


def pagefind_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("timing: pagefind shard ")]


def test_a_rebuild_reuses_the_shards_whose_pages_did_not_change(tmp_path, sharded_settings, browser):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    timings = {"PORTAL_TIMINGS": "1"}
    first = run_build(content, output, settings=sharded_settings, extra_env=timings)
    assert first.returncode == 0, first.log
    assert not any("reused" in line for line in pagefind_lines(first))

    again = run_build(content, output, settings=sharded_settings, extra_env=timings)
    assert again.returncode == 0, again.log
    lines = pagefind_lines(again)
    assert len(lines) == len(entries(output)) > 1 and all("reused" in line for line in lines), lines

    # One opportunity renamed: the pages that show its title change, and at most their shards are indexed again.
    opportunity = next(o for o in opportunities(content) if o.is_open)
    old_title = opportunity.data["title"]
    new_title = "Zyzzogeton rota volunteer"
    source = opportunity.source.read_text(encoding="utf-8")
    opportunity.source.write_text(source.replace(f"title: {old_title}\n", f"title: {new_title}\n", 1), encoding="utf-8")
    before = {path: path.read_bytes() for path in output.rglob("*.html")}
    changed = run_build(content, output, settings=sharded_settings, extra_env=timings)
    assert changed.returncode == 0, changed.log
    pages = {path.relative_to(output).as_posix() for path, data in before.items() if path.is_file() and path.read_bytes() != data}
    assert f"opportunities/{opportunity.slug}/index.html" in pages
    folders = ["", *json.loads((output / "pagefind" / "shards.json").read_text(encoding="utf-8"))]
    count = shard_count(len(must_be_indexed(content)), SHARD_PAGES)
    touched = {shard_of(page, count) for page in pages if "data-pagefind-body" in (output / page).read_text(encoding="utf-8")}
    lines = pagefind_lines(changed)
    indexed_again = {int(line.split()[3]) for line in lines if "reused" not in line}
    # Pages that show the title only where Pagefind does not look (related opportunities) leave their shard as it was.
    assert shard_of(f"opportunities/{opportunity.slug}/index.html", count) in indexed_again
    assert indexed_again <= touched
    assert len(indexed_again) < len(folders)
    # Pagefind's input waits in the build cache's old-sites folder, and each build deletes the last one's.
    waiting = [path.name for path in (tmp_path / ".cache" / "portal" / "old-sites").iterdir() if path.name.startswith("pagefind-")]
    assert len(waiting) == 1, waiting
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == [".cache"]

    # The reused shards and the new ones search together: the renamed opportunity is found by its new title.
    server = StaticServer(output)
    context = browser.new_context()
    try:
        page = context.new_page()
        serve_siteurl_locally(page, output, pelicanconf.SITEURL)
        merged_pagefind(page, server.url)
        found = page.evaluate("async (term) => Promise.all((await window.pf.search(term)).results.map(async (r) => (await r.data()).meta))", "zyzzogeton")
        assert {meta["url"].strip("/"): meta["title"] for meta in found}[opportunity.url_path.strip("/")] == new_title
        urls = page.evaluate("async () => Promise.all((await window.pf.search(null)).results.map(async (r) => (await r.data()).url))")
        assert Counter(urlsplit(url).path for url in urls) == Counter(must_be_indexed(content))
    finally:
        context.close()
        server.close()
