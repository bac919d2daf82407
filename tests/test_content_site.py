"""The example site end to end: the plugin chain's pages exist and show the model's data,
builds are reproducible, the build date decides open/closed, and a missing plugin fails the build."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, TEST_EPOCH, run_build
from helpers_feeds import write_opportunity, write_organisation
from helpers_loader import SETTINGS
from helpers_settings import settings_file
from markupsafe import escape
from portal_content.loader import load_content

import pelicanconf


@pytest.fixture(scope="module")
def example_model():
    """The example content's model, loaded in-process with the tests' build date."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TEST_EPOCH)
        result = load_content(ROOT / "content", SETTINGS)
    assert result.errors == [], "\n".join(map(str, result.errors))
    return result.site


def page_text(site: Path, url: str) -> str:
    path = site / url / "index.html"
    assert path.is_file(), f"missing page /{url}"
    return path.read_text(encoding="utf-8")


def test_every_listed_plugin_is_a_package_with_register():
    """Pelican only logs a plugin it cannot import; this fails instead."""
    for name in pelicanconf.PLUGINS:
        assert (ROOT / "plugins" / name / "__init__.py").is_file(), f"{name} is in PLUGINS but not in plugins/"
        assert callable(importlib.import_module(name).register), name


def test_example_site_has_the_pages_of_the_content_plugin_chain(example_site, example_model):
    assert example_model.opportunities and example_model.organisations and example_model.principles
    for opportunity in example_model.opportunities:
        text = page_text(example_site, opportunity.url)
        assert escape(opportunity.title) in text, opportunity.slug
        assert escape(opportunity.organisation.name) in text, opportunity.slug
    for organisation in example_model.organisations:
        assert escape(organisation.name) in page_text(example_site, organisation.url)
    principles = page_text(example_site, "principles/")
    for principle in example_model.principles:
        assert escape(principle.title) in principles
        assert escape(principle.title) in page_text(example_site, principle.url)


def test_closed_opportunities_keep_their_page_marked_noindex(example_site, example_model):
    closed = [opp for opp in example_model.opportunities if not opp.is_open]
    assert closed, "the example content should have closed opportunities"
    for opportunity in example_model.opportunities:
        assert ("noindex" in page_text(example_site, opportunity.url)) is (not opportunity.is_open), opportunity.slug


def test_unknown_plugin_fails_the_build(tmp_path):
    settings = settings_file(tmp_path, PLUGINS=[*pelicanconf.PLUGINS, "portal_no_such_plugin"])
    write_organisation(tmp_path / "content", "acme", name="Acme Care")  # the content does not matter: one listing builds quickly
    write_opportunity(tmp_path / "content", "ward-helper", organisation="acme", title="Ward helper")
    result = run_build(tmp_path / "content", tmp_path / "output", settings=settings)
    assert result.returncode != 0
    assert "portal_no_such_plugin" in result.log


def tree(folder: Path) -> dict[str, bytes]:
    """Every file outside /pagefind/ (Pagefind's index is not byte-reproducible) with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] != "pagefind"
    }


def test_same_epoch_gives_byte_identical_output(example_site, example_site_again):
    first, second = tree(example_site), tree(example_site_again)
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []
    assert len(first) > len(list((ROOT / "content" / "opportunities").rglob("*.yaml")))


def test_later_epoch_closes_an_opportunity(example_site, example_model, tmp_path):
    """Build on the day after the soonest closing date: that opportunity turns closed, nothing else."""
    still_open = [opp for opp in example_model.opportunities if opp.is_open and opp.closes]
    soonest = min(opp.closes for opp in still_open)
    closing = sorted(opp.slug for opp in still_open if opp.closes == soonest)
    day_after = datetime.combine(soonest + timedelta(days=1), time(12), tzinfo=UTC)
    later = run_build(ROOT / "content", tmp_path / "later", epoch=str(int(day_after.timestamp())))
    assert later.returncode == 0, later.log
    for opportunity in example_model.opportunities:
        now_closed = "noindex" in page_text(later.output, opportunity.url)
        expected = (not opportunity.is_open) or opportunity.slug in closing
        assert now_closed is expected, opportunity.slug
    assert tree(later.output) != tree(example_site)
