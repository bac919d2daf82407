"""Organisation text crafted to break out of the widget's data scripts and its iframe page stays inert data."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from helpers_feeds import HOSTILE_ORGANISATION, HOSTILE_TITLES, hostile_build
from markupsafe import escape


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_build(tmp_path_factory)


def test_widget_data_scripts_cannot_be_broken_out_of(hostile):
    out, _ = hostile
    scripts = sorted((out / "embed" / "data").rglob("*.js"))
    assert scripts
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        for character in "<>&\u2028\u2029":
            assert character not in text, (path, character)
    # Run the data script as JavaScript (Node) with the widget's callback name: the text arrives intact.
    node = shutil.which("node")
    assert node, "node is needed to run the data script"
    program = "globalThis.volunteerPortalWidgetData = d => console.log(JSON.stringify(d.items.map(i => [i.title, i.organisation, i.summary])));"
    program += (out / "embed" / "data" / "all.js").read_text(encoding="utf-8")
    done = subprocess.run([node, "-e", program], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    assert sorted(title for title, _, _ in items) == sorted(HOSTILE_TITLES)
    assert {organisation for _, organisation, _ in items} == {HOSTILE_ORGANISATION}
    assert all("</script><script>" in summary for _, _, summary in items)


def test_iframe_page_escapes_the_text(hostile):
    out, _ = hostile
    embed = (out / "embed" / "index.html").read_text(encoding="utf-8")
    assert "<script>window" not in embed and "<img src=x" not in embed and "<svg" not in embed
    for title in HOSTILE_TITLES:
        assert str(escape(title)) in embed
