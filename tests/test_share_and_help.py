"""Help pages linked where they apply, the shortlist page without JavaScript, the search word
list, the site icon and the picture for shared links (built files, no browser).

Expected values come from the content YAML and pelicanconf.py, never from the plugins.
"""

from __future__ import annotations

import ast
import io
import json
import re

from conftest import ROOT
from helpers_pages import page
from helpers_qr import scanned
from helpers_search import opportunities, organisations
from PIL import Image

import pelicanconf


def link_paths(document) -> set[str]:
    return {anchor.link() for anchor in document.find_all("a") if anchor.link()}


def test_help_pages_are_linked_from_every_opportunity_page_where_they_apply(example_site):
    for path in ("dbs-checks", "after-you-apply"):
        help_page = page(example_site, f"/{path}/")
        assert help_page.one("h1").text
    dbs = page(example_site, "/dbs-checks/").one("main").text
    for words in ("free for volunteers", "organisation you volunteer with arranges", "Basic check", "Standard check", "Enhanced check", "weeks"):
        assert words in dbs, words
    for opportunity in opportunities():
        links = link_paths(page(example_site, opportunity.url_path))
        check = (opportunity.data.get("requirements") or {}).get("dbs_check", "none")
        assert ("/dbs-checks/" in links) == (check != "none"), opportunity.slug
        assert ("/after-you-apply/" in links) == opportunity.is_open, opportunity.slug


def test_shortlist_page_explains_itself_and_loads_only_its_modules(example_site):
    document = page(example_site, "/shortlist/")
    fallback = document.one("div", id="shortlist-fallback")
    assert "needs JavaScript" in fallback.text
    assert {"/opportunities/", "/areas/", "/activities/", "/settings/"} <= link_paths(fallback)
    assert document.one("div", id="shortlist").get("hidden") is not None, "the JavaScript part starts hidden"
    scripts = [script.get("src") for script in document.find_all("script", src=True)]
    assert scripts and all(src.endswith(("/js/shortlist/buttons.js", "/js/shortlist/page.js")) for src in scripts)
    assert not [script for script in document.find_all("script") if not script.get("src") and script.get("type") != "application/json"]


def test_every_open_opportunity_page_carries_its_handout_with_one_qr_code(example_site):
    for opportunity in opportunities():
        html = (example_site / opportunity.url_path.strip("/") / "index.html").read_text(encoding="utf-8")
        templates = re.findall(r'<template class="handout-template"[^>]*>(.*?)</template>', html, re.S)
        assert len(templates) == 1, opportunity.slug
        handout = templates[0]
        assert handout.count("<svg") == 1 and 'class="qr-code"' in handout
        code = re.search(r'<svg [^>]*class="qr-code">.*?</svg>', handout, re.S).group(0)
        assert [found.text for found in scanned(code)] == [f"{pelicanconf.SITEURL}{opportunity.url_path}"], "the code scans to the page"
        assert f'aria-label="QR code: scan it with a phone camera to open {pelicanconf.SITEURL}{opportunity.url_path}"' in handout
        assert f"{pelicanconf.SITEURL}{opportunity.url_path}" in handout, "the printed address is absolute"
        for key in ("phone", "email"):
            value = opportunity.data["apply"].get(key)
            if value and opportunity.is_open:
                assert str(value) in handout, (opportunity.slug, key)


def test_the_word_list_holds_the_sites_own_words(example_site):
    words = json.loads((example_site / "search" / "words.json").read_text(encoding="utf-8"))
    assert words == sorted(set(words))
    assert all(word == word.lower() and len(word) >= 4 for word in words)
    for name in [data["name"] for data in organisations().values()]:
        for word in re.findall(r"[a-z]{4,}", name.lower()):
            assert word in words, word
    open_titles = {word for o in opportunities() if o.is_open for word in re.findall(r"[a-z]{4,}", o.data["title"].lower())}
    assert open_titles <= set(words)
    assert {"befriending", "hospital", "leeds"} <= set(words)


def brand_rgb() -> tuple[int, int, int]:
    colour = pelicanconf.PORTAL_COLOURS["brand"].lstrip("#")
    return tuple(int(colour[index : index + 2], 16) for index in (0, 2, 4))


def test_the_icon_and_the_sharing_picture_are_drawn_in_the_brand_colour(example_site):
    svg = (example_site / "favicon.svg").read_text(encoding="utf-8")
    assert pelicanconf.PORTAL_COLOURS["brand"].lower() in svg.lower()
    icon = Image.open(example_site / "favicon.ico")
    assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])
    picture = Image.open(io.BytesIO((example_site / "og-image.png").read_bytes()))
    assert picture.format == "PNG" and picture.size == (1200, 630)
    assert picture.convert("RGB").getpixel((600, 10)) == brand_rgb()
    head = page(example_site, "/").one("head")
    assert head.one("meta", property="og:image").get("content") == f"{pelicanconf.SITEURL}/og-image.png"
    assert head.one("meta", property="og:image:alt").get("content") == f"{pelicanconf.SITENAME}: {pelicanconf.PORTAL_TAGLINE}"
    assert head.one("meta", name="twitter:card").get("content") == "summary_large_image"
    icons = {link.get("type") or "ico": link.link() for link in head.find_all("link", rel="icon")}
    assert icons == {"ico": "/favicon.ico", "image/svg+xml": "/favicon.svg"}


def test_only_the_model_installs_template_filters_in_other_plugins_generators():
    """A plugin's filters for everyone (portal_share's qr_svg once) make templates depend on plugin order."""
    for path in sorted((ROOT / "plugins").glob("portal_*/*.py")):
        if path.parent.name == "portal_content":
            continue
        names = {node.attr for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Attribute)}
        assert "generator_init" not in names, f"{path.relative_to(ROOT)} changes every generator's templates"
