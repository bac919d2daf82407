"""/partners/ (written by portal_feeds) shows the widget and iframe snippets only when portal_embed is enabled."""

from __future__ import annotations

from conftest import ROOT, run_build
from helpers_feeds import SITEURL, write_opportunity, write_organisation

import pelicanconf


def test_only_two_plugin_orders_matter_content_first_and_search_last(example_site, tmp_path):
    """No plugin waits for another's context keys: the plugins between the first and the last, reversed, build the same site."""
    plugins = pelicanconf.PLUGINS
    assert plugins[0] == "portal_content" and plugins[-1] == "portal_search"
    settings = tmp_path / "settings.py"
    reordered = [plugins[0], *reversed(plugins[1:-1]), plugins[-1]]
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\nPLUGINS = {reordered!r}\n", encoding="utf-8")
    result = run_build(ROOT / "content", tmp_path / "out", settings=settings)
    assert result.returncode == 0, result.log

    def files(folder):
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file() and "pagefind" not in path.parts}

    built, example = files(tmp_path / "out"), files(example_site)
    assert built.keys() == example.keys()
    assert [name for name in sorted(built) if built[name] != example[name]] == []


def test_partners_page_shows_the_widget_only_when_portal_embed_is_enabled(example_site, tmp_path):
    with_widget = (example_site / "partners" / "index.html").read_text(encoding="utf-8")
    assert 'id="widget"' in with_widget and 'id="iframe"' in with_widget
    assert f"{SITEURL}/embed/embed.js" in with_widget

    content = tmp_path / "content"
    write_organisation(content, "small-group", name="Small group")
    write_opportunity(content, "small-role", organisation="small-group", title="Small role")
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\n"
        'PLUGINS = [name for name in PLUGINS if name != "portal_embed"]\n',
        encoding="utf-8",
    )
    result = run_build(content, tmp_path / "out", settings=settings)
    assert result.returncode == 0, result.log
    page = (tmp_path / "out" / "partners" / "index.html").read_text(encoding="utf-8")
    without_widget = page[: page.index("</main>")]  # head and content; the footer belongs to the theme
    assert 'id="widget"' not in without_widget and 'id="iframe"' not in without_widget
    assert "/embed/" not in without_widget and "widget" not in without_widget
    assert 'id="feeds"' in without_widget and 'href="../feeds/all.atom.xml"' in without_widget
    assert (tmp_path / "out" / "feeds" / "all.atom.xml").is_file()
    assert not (tmp_path / "out" / "embed").exists()
