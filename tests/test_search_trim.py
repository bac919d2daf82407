"""What Pagefind reads of a page (portal_search.indexer.for_index): the page without the parts
Pagefind would skip, which gives the very same index. Checked with the real Pagefind binary on
the example site, and on hand-made pages for the shapes that must be given whole."""

from __future__ import annotations

import gzip
import json
import subprocess

from portal_search.indexer import for_index, pagefind_binary, pagefind_command

HEAD = b'<!DOCTYPE html><html lang="en"><head><title>T</title></head>'


def page(main: bytes, before: bytes = b"<header>Site</header>", after: bytes = b"<footer>Foot</footer>") -> bytes:
    return HEAD + b"<body>" + before + b'<main id="m" data-pagefind-body>' + main + b"</main>" + after + b"</body></html>"


def fragments(site, output) -> dict[str, dict]:
    """Pagefind's record of each page, by URL (the fragment files, as the browser reads them)."""
    command = pagefind_command(site, pagefind_binary(None), "en", output)
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    found = {}
    for path in (output / "fragment").iterdir():
        record = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        found[record["url"]] = record
    return found


def test_the_example_site_gives_pagefind_the_same_records_from_less_html(example_site, tmp_path):
    whole, trimmed = tmp_path / "whole", tmp_path / "trimmed"
    sizes = [0, 0]
    for path in example_site.rglob("*.html"):
        data = path.read_bytes()
        if b"data-pagefind-body" not in data or path.is_relative_to(example_site / "pagefind"):
            continue
        for folder, text in ((whole, data), (trimmed, for_index(data))):
            target = folder / path.relative_to(example_site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text)
        sizes[0] += len(data)
        sizes[1] += len(for_index(data))
    expected = fragments(whole, tmp_path / "whole-index")
    assert len(expected) > 50 and any(record["filters"] for record in expected.values())
    assert fragments(trimmed, tmp_path / "trimmed-index") == expected
    assert sizes[1] < 0.8 * sizes[0], "the handouts and related opportunities are left out"


def test_ignored_blocks_go_and_the_rest_stays():
    html = page(
        b"<h1>Gardener</h1><template class=\"handout\" data-pagefind-ignore><p>Print me</p></template>"
        b"<p>Dig the beds</p><aside data-pagefind-ignore><h2 id=\"similar\">Similar</h2></aside>"
        b"<span data-pagefind-filter=\"area\">Leeds</span>"
    )
    trimmed = for_index(html)
    assert trimmed.startswith(HEAD + b"<body><main")
    assert trimmed.endswith(b"</main></body></html>")
    for kept in (b"<h1>Gardener</h1>", b"<p>Dig the beds</p>", b'data-pagefind-filter="area">Leeds</span>'):
        assert kept in trimmed
    for gone in (b"Print me", b"Similar", b"<header>", b"<footer>"):
        assert gone not in trimmed


def test_blocks_pagefind_still_reads_or_that_nest_are_kept():
    with_filter = b'<aside data-pagefind-ignore><span data-pagefind-meta="title">Gardener</span></aside>'
    nested = b"<div data-pagefind-ignore><div>inner</div>outer</div>"
    trimmed = for_index(page(with_filter + nested))
    assert with_filter in trimmed and nested in trimmed


def test_the_words_written_in_text_are_not_taken_for_markup():
    text = b"<p>We tag pages data-pagefind-ignore and data-pagefind-body in our own site</p>"
    assert text in for_index(page(text))


def test_pages_of_another_shape_are_given_whole():
    meta_outside = page(b"<p>x</p>", before=b'<span data-pagefind-meta="image">/a.png</span>')
    two_mains = page(b"<p>x</p>", after=b"<main>again</main>")
    body_on_div = HEAD + b'<body><div data-pagefind-body><p>x</p><aside data-pagefind-ignore>y</aside></div></body></html>'
    no_body = HEAD + b"<body><p>x</p></body></html>"
    for html in (meta_outside, two_mains, no_body):
        assert for_index(html) == html
    assert b"<aside" not in for_index(body_on_div), "any element may carry data-pagefind-body"
