"""Builds of their own: reproducibility, colours from settings, content pages, hostile text."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import textwrap

import pytest
from conftest import ROOT, run_build
from helpers_pages import page, parse_html
from helpers_pages_model import SITEURL
from portal_pages.stylesheet import DEFAULT_COLOURS, custom_properties

OTHER_COLOURS = {"brand": "#7a1f5c", "brand-dark": "#4d1339", "link": "#0b4f8a", "focus": "#fd0"}
HOSTILE_TITLE = "Helper </script><script>alert(1)</script>"
HOSTILE_SUMMARY = 'Tea & chat <img src=x onerror="alert(2)"> for everyone.'


def tree_digest(folder) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] != "pagefind"
    }


def test_two_builds_with_the_same_epoch_are_byte_identical(example_site, example_site_again):
    first, second = tree_digest(example_site), tree_digest(example_site_again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.fixture(scope="module")
def variant_site(tmp_path_factory):
    """The example content plus a content page and a hostile opportunity, with other colours."""
    folder = tmp_path_factory.mktemp("pages-variant")
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    pages = content / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "accessibility.md").write_text("Title: Accessibility statement\n\nWe aim to meet WCAG 2.2 AA.\n", encoding="utf-8")
    opportunity = (ROOT / "content/opportunities/aire-valley-hospitals/avth-ward-welcome-volunteer.yaml").read_text(encoding="utf-8")
    opportunity = opportunity.replace("title: Ward welcome volunteer", f"title: {json.dumps(HOSTILE_TITLE)}", 1)
    opportunity = opportunity.replace(opportunity.splitlines()[2], f"summary: {json.dumps(HOSTILE_SUMMARY)}", 1)
    # Posted on the build date, so it is first in every list.
    opportunity = "\n".join("posted: 2026-11-26" if line.startswith("posted:") else line for line in opportunity.splitlines()) + "\n"
    (content / "opportunities" / "hostile-helper.yaml").write_text(opportunity, encoding="utf-8")
    settings = folder / "variant_settings.py"
    settings.write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from pelicanconf import *  # noqa: F403
            THEME = {str(ROOT / "theme")!r}
            PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
            PORTAL_COLOURS = {OTHER_COLOURS!r}
            """
        ),
        encoding="utf-8",
    )
    result = run_build(content, folder / "output", settings=settings)
    assert result.returncode == 0, result.log
    return folder / "output"


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory):
    """The example content with only the content and pages plugins: no search, feeds, widget, forms or stats."""
    folder = tmp_path_factory.mktemp("pages-bare")
    settings = folder / "bare_settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\nPLUGINS = ['portal_content', 'portal_pages']\n",
        encoding="utf-8",
    )
    result = run_build(ROOT / "content", folder / "output", settings=settings)
    assert result.returncode == 0, result.log
    return folder / "output"


def declared_properties(css: str) -> dict[str, str]:
    root_block = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    pairs = [line.strip().rstrip(";").split(": ", 1) for line in root_block.splitlines()[1:] if line.strip()]
    return dict(pairs)


def test_stylesheet_custom_properties_follow_portal_colours(example_site, variant_site):
    import pelicanconf

    example = declared_properties((example_site / "theme/css/site.css").read_text(encoding="utf-8"))
    variant = declared_properties((variant_site / "theme/css/site.css").read_text(encoding="utf-8"))
    for name, value in {**DEFAULT_COLOURS, **pelicanconf.PORTAL_COLOURS}.items():
        assert example[f"--colour-{name}"] == value
    for name, value in {**DEFAULT_COLOURS, **OTHER_COLOURS}.items():
        assert variant[f"--colour-{name}"] == value
    css = (variant_site / "theme/css/site.css").read_text(encoding="utf-8")
    components = sorted(path.name for path in (ROOT / "theme/css").glob("*.css"))
    positions = [css.index(f"/* {name} */") for name in components]
    assert positions == sorted(positions), "components joined in name order"
    assert "var(--colour-brand)" in css


def test_component_stylesheets_take_every_colour_from_the_settings():
    """Colours live in PORTAL_COLOURS (and DEFAULT_COLOURS): a component file that writes one would not rebrand."""
    hex_colour = re.compile(r"#[0-9a-fA-F]{3,8}\b")
    for path in sorted((ROOT / "theme" / "css").glob("*.css")):
        found = hex_colour.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name}: {found}"


def test_a_colour_setting_that_is_not_a_colour_is_refused():
    with pytest.raises(ValueError, match="brand"):
        custom_properties({"brand": "red; } body { display: none"})


def test_content_pages_use_the_theme_and_appear_in_the_footer(variant_site):
    document = parse_html((variant_site / "accessibility/index.html").read_text(encoding="utf-8"))
    main = document.one("main")
    assert main.one("h1").text == "Accessibility statement"
    assert "WCAG 2.2 AA" in main.text
    assert main.get("data-pagefind-body") is not None
    assert document.one("title").text.startswith("Accessibility statement – ")
    assert document.one("link", rel="canonical").get("href") == f"{SITEURL}/accessibility/"
    footer_links = [anchor.link() for anchor in read(variant_site, "index.html").one("footer").find_all("a")]
    assert "/accessibility/" in footer_links and "/partners/" in footer_links


def test_organisation_text_is_escaped_everywhere(variant_site):
    document = parse_html((variant_site / "opportunities/hostile-helper/index.html").read_text(encoding="utf-8"))
    assert document.one("main").one("h1").text == HOSTILE_TITLE
    assert not [element for element in document.iter() if element.tag == "img"]
    scripts = [script for script in document.find_all("script") if not script.get("src")]
    assert len(scripts) == 1 and scripts[0].get("type") == "application/ld+json"
    assert json.loads(scripts[0].text)["title"] == HOSTILE_TITLE
    assert all(script.get("type") == "module" and "/theme/js/" in script.get("src") for script in document.find_all("script", src=True))
    assert document.one("meta", name="description").get("content").startswith(HOSTILE_SUMMARY)
    listing = parse_html((variant_site / "opportunities/index.html").read_text(encoding="utf-8"))
    assert HOSTILE_SUMMARY in [paragraph.text for paragraph in listing.find_all("p", class_="card__summary")]
    assert not [element for element in listing.iter() if element.tag == "img" or (element.tag == "script" and not element.get("src"))]


def read(site, path):
    return page(site, "/" + path)


def test_search_form_appears_when_the_search_plugin_is_enabled(variant_site, bare_site):
    for path in ("index.html", "opportunities/index.html"):
        forms = read(variant_site, path).find_all("form", role="search")
        assert forms, path
        for form in forms:
            assert form.get("method") == "get" and form.link("action") == "/search/"
            field = form.one("input", name="q")
            label = form.one("label")
            assert label.get("for") == field.get("id") and label.text
    assert len(read(variant_site, "index.html").find_all("form", role="search")) == 1, "the home page has its own, not the header one"
    assert len(read(variant_site, "opportunities/index.html").find_all("form", role="search")) == 1, "in the header"
    assert not read(bare_site, "index.html").find_all("form"), "no search form without portal_search"
    assert not (bare_site / "search").exists()


FEED_TYPES = {"application/atom+xml": ".atom.xml", "application/rss+xml": ".rss.xml", "application/feed+json": ".json"}


def test_feed_autodiscovery_and_get_updates_links_when_the_feeds_plugin_is_enabled(variant_site, bare_site):
    expected = {
        "index.html": "feeds/all",
        "opportunities/index.html": "feeds/all",
        "opportunities/page/2/index.html": "feeds/all",
        "organisations/aire-valley-hospitals/index.html": "feeds/organisations/aire-valley-hospitals",
        "areas/leeds/index.html": "feeds/areas/leeds",
        "activities/befriending/index.html": "feeds/activities/befriending",
        "settings/hospital/index.html": "feeds/settings/hospital",
    }
    for path, base in expected.items():
        document = read(variant_site, path)
        alternates = {link.get("type"): link.link() for link in document.one("head").find_all("link", rel="alternate")}
        assert alternates == {kind: f"/{base}{suffix}" for kind, suffix in FEED_TYPES.items()}, path
        updates = document.one("main").one("div", class_="get-updates")
        assert {anchor.link() for anchor in updates.find_all("a")} == set(alternates.values())
    assert not read(variant_site, "opportunities/avth-ward-welcome-volunteer/index.html").find_all("link", rel="alternate")
    for path in expected:
        document = read(bare_site, path)
        assert not document.find_all("link", rel="alternate"), path
        assert not document.find_all("div", class_="get-updates"), path
    assert "/partners/" not in [anchor.link() for anchor in read(bare_site, "index.html").one("footer").find_all("a")]


def test_colours_with_too_little_contrast_are_reported():
    from portal_pages.stylesheet import contrast_problems, contrast_ratio

    import pelicanconf

    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert contrast_problems(pelicanconf.PORTAL_COLOURS) == [], "the example site's colours pass"
    assert contrast_problems(OTHER_COLOURS) == []
    problems = contrast_problems({"brand": "#7fb2c0", "link": "#999999"})
    assert any("link on background" in problem for problem in problems)
    assert any("inverse-text on brand" in problem for problem in problems)
