"""Run the content loader in-process, as the build does, with the example site's settings."""

from __future__ import annotations

from pathlib import Path

from conftest import TEST_EPOCH
from helpers_content import write_content
from portal_content.loader import LoadResult, load_content

import pelicanconf

SETTINGS = {name: getattr(pelicanconf, name) for name in dir(pelicanconf) if name.isupper()}


def load(tmp_path: Path, monkeypatch, changes: dict | None, *, epoch: str = TEST_EPOCH) -> LoadResult:
    """Write the minimal folder with ``changes`` (None: leave the folder as it is) and load it from tmp_path."""
    if changes is not None:
        write_content(tmp_path, changes)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    return load_content("content", SETTINGS)


def load_problems(tmp_path: Path, monkeypatch, changes: dict | None, **kwargs) -> list[str]:
    return [str(problem) for problem in load(tmp_path, monkeypatch, changes, **kwargs).problems]


def model_of(site) -> list:
    """What a loaded model says, file by file, to compare two loads of the same content."""
    return (
        [(o.slug, o.title, o.description_html, o.training_html, o.support.notes_html, o.data) for o in site.opportunities]
        + [(o.slug, o.description_html) for o in site.organisations]
        + [(p.slug, p.body_html) for p in site.principles]
    )
