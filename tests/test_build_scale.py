"""Issue 16's memory work, checked on real builds (no timings: those live in benchmarks/).

- By the time Pagefind runs (``portal_search``'s ``finalized`` handler), the build has let go of
  the site model, so Pagefind's peak no longer adds to Pelican's.
- Writing each feed as soon as it is made, and serialising each entry once, changes no byte:
  every feed still lists the right opportunities, and an opportunity's entry is the same text in
  every list it appears in.
- The build's last line says what was built, counted from the YAML files.
"""

from __future__ import annotations

import gc
import re
import shutil
import sys
import weakref
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, TEST_EPOCH, run_build
from helpers_feeds import EXAMPLE, read_content

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def example_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("scale") / "output"
    result = run_build(EXAMPLE, output)
    assert result.returncode == 0, result.log
    return result


def test_the_last_line_counts_what_the_content_folder_holds(example_build):
    facts = read_content(EXAMPLE)
    principles = len(list((EXAMPLE / "principles").glob("*.md")))
    pages = len(list((EXAMPLE / "pages").glob("*.md")))
    expected = (
        f"Built {len(facts.opportunities)} opportunities ({len(facts.open)} open), {len(facts.organisations)} organisations, "
        f"{principles} principles and {pages} pages in "
    )
    lines = [line for line in example_build.stdout.splitlines() if line.startswith("Built ")]
    assert len(lines) == 1, example_build.log
    assert lines[0].startswith(expected), lines[0]
    assert re.fullmatch(r".* in \d+\.\d s", lines[0])
    assert "Processed 0 articles" not in example_build.log


def entries_by_id(path) -> dict[str, bytes]:
    root = ET.parse(path).getroot()
    return {entry.find(f"{ATOM}id").text: ET.tostring(entry) for entry in root.findall(f"{ATOM}entry")}


def test_an_opportunity_reads_the_same_in_every_feed_it_is_in(example_build):
    output = example_build.output
    everything = entries_by_id(output / "feeds" / "all.atom.xml")
    facts = read_content(EXAMPLE)
    assert len(everything) == len(facts.open)
    compared = 0
    for name, openings in facts.selections().items():
        if name == "all" or not openings:
            continue
        entries = entries_by_id(output / "feeds" / f"{name}.atom.xml")
        assert set(entries) <= set(everything), name
        assert len(entries) == len(openings), name
        for key, entry in entries.items():
            assert entry == everything[key], (name, key)
            compared += 1
    assert compared > len(facts.open)  # most opportunities are in several lists


def test_rss_items_are_shared_the_same_way(example_build):
    output = example_build.output
    channel = ET.parse(output / "feeds" / "all.rss.xml").getroot().find("channel")
    everything = {item.find("guid").text: ET.tostring(item) for item in channel.findall("item")}
    for path in sorted((output / "feeds" / "areas").glob("*.rss.xml")):
        for item in ET.parse(path).getroot().find("channel").findall("item"):
            assert ET.tostring(item) == everything[item.find("guid").text], path.name


def test_the_model_is_released_before_pagefind_runs(tmp_path, monkeypatch):
    """Build in this process and look, at Pagefind's turn, whether the site model is still alive."""
    from pelican import main as pelican_main
    from pelican import signals

    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    seen: dict = {}

    def remember_model(generators):
        site = next(generator.context["portal"] for generator in generators if "portal" in generator.context)
        seen["site"] = weakref.ref(site)
        seen["opportunity"] = weakref.ref(site.opportunities[0])

    def at_pagefinds_turn(pelican_object):
        gc.collect()
        seen["alive"] = (seen["site"]() is not None, seen["opportunity"]() is not None)

    # Pagefind itself is replaced by a check that runs where it would: last of the plugins' handlers.
    def connect_late(pelican_object):
        signals.finalized.connect(at_pagefinds_turn, weak=False)

    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        "PLUGINS = [name for name in PLUGINS if name != 'portal_search']\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TEST_EPOCH)
    monkeypatch.syspath_prepend(str(ROOT / "plugins"))
    monkeypatch.setattr(sys, "argv", ["pelican", str(content), "-s", str(settings), "-o", str(tmp_path / "output"), "--fatal", "errors"])
    signals.all_generators_finalized.connect(remember_model, weak=False)
    signals.initialized.connect(connect_late, weak=False)
    try:
        pelican_main()
    finally:
        signals.all_generators_finalized.disconnect(remember_model)
        signals.initialized.disconnect(connect_late)
        signals.finalized.disconnect(at_pagefinds_turn)
    assert (tmp_path / "output" / "index.html").is_file()
    assert seen["alive"] == (False, False)
