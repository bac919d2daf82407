"""Issue 16's memory work, checked on real builds (no timings: those live in benchmarks/).

- Pagefind runs once the process that built the model, pages and feeds has exited, so
  Pagefind's peak never adds to Pelican's.
- Writing each feed as soon as it is made, and serialising each entry once, changes no byte:
  every feed still lists the right opportunities, and an opportunity's entry is the same text in
  every list it appears in.
- The build's last line says what was built, counted from the YAML files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from conftest import PELICAN, ROOT, TEST_EPOCH, run_build
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


def test_pagefind_runs_once_the_process_that_held_the_model_has_exited(tmp_path):
    """The build's process (model, pages, feeds) exits before Pagefind starts, so their peaks never add up.

    A stand-in plugin notes the process that holds the model; a stand-in Pagefind notes its
    parent and whether that process is still alive, then runs the real binary.
    """
    from portal_search.indexer import pagefind_binary

    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    plugin = tmp_path / "plugins" / "model_process"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(
        "import os\nfrom pelican import signals\n\n\n"
        "def note(generators):\n"
        f"    open({str(tmp_path / 'model-pid')!r}, 'w').write(str(os.getpid()))\n\n\n"
        "def register():\n    signals.all_generators_finalized.connect(note)\n",
        encoding="utf-8",
    )
    fake = tmp_path / "pagefind"
    fake.write_text(
        "#!/bin/sh\n"
        f"cd {tmp_path}\n"
        "echo $PPID > pagefind-parent\n"
        "if kill -0 $(cat model-pid) 2>/dev/null; then echo alive > model-alive; fi\n"
        "cd - >/dev/null\n"
        f'exec {pagefind_binary(None)} "$@"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}, {str(tmp_path / 'plugins')!r}]\n"
        f"PLUGINS = [*PLUGINS, 'model_process']\nPAGEFIND_BINARY = {str(fake)!r}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": TEST_EPOCH, "COLUMNS": "200", "PYTHONPATH": str(ROOT / "plugins")}
    command = [str(PELICAN), str(content), "-s", str(settings), "-o", str(tmp_path / "output"), "--fatal", "errors"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stdout + stderr
    assert (tmp_path / "output" / "pagefind" / "pagefind.js").is_file()
    model_process = int((tmp_path / "model-pid").read_text())
    assert int((tmp_path / "pagefind-parent").read_text()) == process.pid  # the command's own process runs Pagefind
    assert model_process != process.pid  # the model was built in another process...
    assert not (tmp_path / "model-alive").exists()  # ...which had exited when Pagefind started
    assert stdout.strip().splitlines()[-1].startswith("Built ")  # said once the site is in place
