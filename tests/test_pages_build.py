"""Builds of their own: reproducibility, colours from settings, content pages, hostile text."""

from __future__ import annotations

import hashlib
import json
import shutil
import textwrap

import pytest
from conftest import ROOT, run_build
from helpers_pages import internal_path, parse_html
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


def test_two_builds_with_the_same_epoch_are_byte_identical(example_site, tmp_path):
    again = run_build(ROOT / "content", tmp_path / "again")
    assert again.returncode == 0, again.log
    first, second = tree_digest(example_site), tree_digest(tmp_path / "again")
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
    home = parse_html((variant_site / "index.html").read_text(encoding="utf-8"))
    footer_links = [internal_path(anchor.get("href"), SITEURL) for anchor in home.one("footer").find_all("a")]
    assert "/accessibility/" in footer_links


def test_organisation_text_is_escaped_everywhere(variant_site):
    document = parse_html((variant_site / "opportunities/hostile-helper/index.html").read_text(encoding="utf-8"))
    assert document.one("main").one("h1").text == HOSTILE_TITLE
    assert not [element for element in document.iter() if element.tag == "img"]
    scripts = document.find_all("script")
    assert len(scripts) == 1 and scripts[0].get("type") == "application/ld+json"
    assert json.loads(scripts[0].text)["title"] == HOSTILE_TITLE
    assert document.one("meta", name="description").get("content").startswith(HOSTILE_SUMMARY)
    listing = parse_html((variant_site / "opportunities/index.html").read_text(encoding="utf-8"))
    assert HOSTILE_SUMMARY in [paragraph.text for paragraph in listing.find_all("p", class_="card__summary")]
    assert not [element for element in listing.iter() if element.tag in {"img", "script"}]
