"""Issue 16 part 5: a rebuild takes unchanged pages from the site it replaces (portal_content.reuse).

One copy of the example content is built with a build cache, then changed step by step, and
after each step rebuilt in place. Each rebuild must write exactly what a build of the same
content without any cache writes (every file outside /pagefind/), while the pages nothing in
the step touched are the very files of the last site (hard links: the same inode), which is
how we know they were not rendered again. A page edited by hand in the live site is rendered
again, and a build into another folder renders everything.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_build
from helpers_settings import installed_plugins, settings_file

# Pagefind reads the pages but never writes them; leaving it out keeps these many builds quick.
PLUGINS = [name for name in installed_plugins() if name != "portal_search"]


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def inodes_of(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_ino for path in folder.rglob("*") if path.is_file()}


def reusable(name: str) -> bool:
    """An opportunity's or organisation's page, a feed or an opportunity's calendar."""
    page = name.startswith(("opportunities/", "organisations/")) and name.count("/") == 2 and name.endswith("/index.html")
    return page or (name.startswith("opportunities/") and name.endswith("/sessions.ics")) or (name.startswith("feeds/") and name.endswith((".xml", ".json")))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_title(content: Path) -> None:
    replace_in(content / "opportunities/aire-calder-carers/aire-calder-carers-office-volunteer.yaml", "title: ", "title: Changed ")


def rename_organisation(content: Path) -> None:
    replace_in(content / "organisations/friendly-faces-leeds.yaml", "name: ", "name: Renamed ")


def close_one(content: Path) -> None:
    """Closed before the build date: it leaves every open list, so later list pages shift."""
    replace_in(content / "opportunities/friendly-faces-leeds/friendly-faces-warm-space-host.yaml", "closes: 2027-02-26", "closes: 2026-11-20")


def remove_and_add(content: Path) -> None:
    gone = content / "opportunities/aire-calder-carers/aire-calder-carers-office-volunteer.yaml"
    text = gone.read_text(encoding="utf-8")
    gone.unlink()
    (content / "opportunities/aire-calder-carers/aire-calder-carers-new-role.yaml").write_text(text.replace("title: ", "title: New ", 1), encoding="utf-8")


def change_principle(content: Path) -> None:
    replace_in(content / "principles/01-inclusive-and-flexible.md", "title: Volunteering is", "title: Volunteering must be")


def change_page(content: Path) -> None:
    """The footer links to the content pages by title: every page changes."""
    replace_in(content / "pages/about.md", "Title: About this portal", "Title: About this website")


STEPS = [change_title, rename_organisation, close_one, remove_and_add, change_principle, change_page]


@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    """``{step: (site's files before, after, a no-cache build's files, inodes before, after)}``."""
    base = tmp_path_factory.mktemp("reuse")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    for name in ("cached", "plain"):
        (base / name).mkdir()
    cached = settings_file(base / "cached", PLUGINS=PLUGINS, PORTAL_CACHE_PATH=str(base / "cache"))
    plain = settings_file(base / "plain", PLUGINS=PLUGINS, PORTAL_CACHE_PATH=None)
    site = base / "site"
    first = run_build(content, site, settings=cached)
    assert first.returncode == 0, first.log
    results = {}
    for step in STEPS:
        files, before = files_of(site), inodes_of(site)
        step(content)
        rebuilt = run_build(content, site, settings=cached)
        assert rebuilt.returncode == 0, rebuilt.log
        reference = run_build(content, base / f"plain-{step.__name__}", settings=plain)
        assert reference.returncode == 0, reference.log
        results[step.__name__] = (files, files_of(site), files_of(reference.output), before, inodes_of(site))
    return base, content, cached, plain, site, results


@pytest.mark.parametrize("step", [step.__name__ for step in STEPS])
def test_a_rebuild_writes_what_a_build_without_cache_writes(steps, step):
    _, found, expected, _, _ = steps[-1][step]
    assert sorted(found) == sorted(expected)
    assert [name for name in expected if found[name] != expected[name]] == []


@pytest.mark.parametrize("step", [step.__name__ for step in STEPS if step is not change_page])
def test_pages_the_change_does_not_touch_are_taken_from_the_last_site(steps, step):
    """Every opportunity and organisation page, feed and calendar that comes out the same is the last site's file."""
    old, new, _, before, after = steps[-1][step]
    same = [name for name in after if reusable(name) and old.get(name) == new[name]]
    assert len([name for name in same if name.endswith(".html")]) > 40 and len([name for name in same if name.startswith("feeds/")]) > 40
    if step == "change_title":  # closing or adding sessions can change every calendar's VTIMEZONE
        assert len([name for name in same if name.endswith(".ics")]) > 3
    assert [name for name in same if before[name] != after[name]] == []
    kept = [name for name in after if before.get(name) == after[name]]
    assert len(kept) > len(after) // 2, f"only {len(kept)} of {len(after)} pages were taken from the last site"


def test_the_changed_pages_are_rendered_again(steps):
    results = steps[-1]
    _, found, _, before, after = results["change_title"]
    page = "opportunities/aire-calder-carers-office-volunteer/index.html"
    assert before[page] != after[page] and b"Changed Office and admin volunteer" in found[page]
    _, found, _, before, after = results["rename_organisation"]
    page = "organisations/friendly-faces-leeds/index.html"
    assert before[page] != after[page] and b"Renamed " in found[page]


def test_a_page_edited_in_the_live_site_is_rendered_again(steps):
    base, content, cached, plain, site, _ = steps
    edited, untouched = (site / f"opportunities/millbeck-homes-{name}/index.html" for name in ("digital-champion", "spring-clean-up"))
    expected, inode = edited.read_bytes(), untouched.stat().st_ino
    edited.write_bytes(expected.replace(b"</main>", b"<p>edited by hand</p></main>"))
    result = run_build(content, site, settings=cached)
    assert result.returncode == 0, result.log
    assert edited.read_bytes() == expected
    assert untouched.stat().st_ino == inode  # the rest is still taken from the last site


def test_each_build_deletes_the_sites_replaced_before(steps):
    """A replaced site waits in the cache's old-sites folder, and the next build deletes it while it works."""
    base, *_ = steps
    assert len(list((base / "cache" / "old-sites").iterdir())) == 1  # the last build's; eight builds replaced a site
    assert [path.name for path in base.iterdir() if path.name.startswith(".")] == []  # nothing left beside the output


def test_a_build_into_another_folder_renders_every_page(steps):
    base, content, cached, plain, site, _ = steps
    other = base / "other"
    result = run_build(content, other, settings=cached)
    assert result.returncode == 0, result.log
    live, fresh = inodes_of(site), inodes_of(other)
    assert set(live) == set(fresh)
    assert not {os.stat(site / name).st_ino for name in live} & {os.stat(other / name).st_ino for name in fresh}
