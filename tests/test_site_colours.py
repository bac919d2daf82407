"""Colours come from PORTAL_COLOURS (over the defaults in portal_content/colours.py) and nowhere else.

A colour written into a stylesheet, script, template or plugin would not change when a region
rebrands in pelicanconf.py; the built outputs that draw something must carry the settings' colours.
"""

from __future__ import annotations

import json
import re

from conftest import ROOT
from portal_content.colours import DEFAULT_COLOURS

import pelicanconf

# A hex colour, not an HTML character reference (&#123;) or part of a word.
HEX_COLOUR = re.compile(r"(?<![&\w])#[0-9a-fA-F]{3,8}\b")
SUFFIXES = {".css", ".js", ".mjs", ".html", ".py", ".svg", ".json", ".yml", ".yaml"}
THE_ONE_PLACE = ROOT / "plugins" / "portal_content" / "colours.py"


def test_no_colour_is_written_outside_the_colour_settings():
    files = [path for folder in ("theme", "plugins", "scripts") for path in sorted((ROOT / folder).rglob("*")) if path.suffix in SUFFIXES]
    assert len(files) > 50
    found = [
        f"{path.relative_to(ROOT)}:{number}: {match}"
        for path in files
        if path != THE_ONE_PLACE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in HEX_COLOUR.findall(line)
    ]
    assert not found, "\n".join(found)
    assert HEX_COLOUR.findall(THE_ONE_PLACE.read_text(encoding="utf-8")), "the defaults are where this test expects them"


def test_the_widget_and_the_iframe_page_take_the_settings_colours(example_site):
    colours = {**DEFAULT_COLOURS, **pelicanconf.PORTAL_COLOURS}
    script = (example_site / "embed" / "embed.js").read_text(encoding="utf-8")
    written = json.loads(re.search(r"var COLOURS = (\{.*?\});", script).group(1))
    assert written == {name: colours[name] for name in ("border", "focus", "focus-text", "link", "secondary-text")}
    assert "PORTAL_COLOURS */" not in script
    frame = (example_site / "embed" / "frame.css").read_text(encoding="utf-8")
    for name, value in colours.items():
        assert f"--colour-{name}: {value};" in frame
    used = set(re.findall(r"var\(--colour-([a-z-]+)\)", frame))
    assert used and used <= set(colours), used - set(colours)
    assert (example_site / "favicon.svg").read_text(encoding="utf-8").count(f'fill="{colours["brand"]}"') == 1
