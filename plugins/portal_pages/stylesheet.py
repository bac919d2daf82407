"""One stylesheet from the theme's component files, branded from ``PORTAL_COLOURS``.

The components (``theme/css/NN-name.css``) are joined in name order, after a
``:root`` block of custom properties, so a region rebrands in pelicanconf.py.
"""

from __future__ import annotations

import re
from pathlib import Path

# Defaults for every colour the components use; PORTAL_COLOURS overrides any of them.
DEFAULT_COLOURS = {
    "brand": "#005a70",
    "brand-dark": "#003d4c",
    "text": "#0b0c0c",
    "secondary-text": "#484949",
    "background": "#ffffff",
    "panel": "#f3f2f1",
    "border": "#8a8d8f",
    "link": "#1d5a9b",
    "link-hover": "#0f3a66",
    "link-visited": "#5b3a8c",
    "focus": "#ffdd00",
    "focus-text": "#0b0c0c",
    "button": "#00703c",
    "button-dark": "#002d18",
    "warning": "#b5261a",
    "tag-background": "#d2e2f1",
    "tag-text": "#0c2d4a",
    "closed-background": "#f6d7d2",
    "closed-text": "#2a0b06",
}

COLOUR_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
COLOUR_VALUE = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-z]+|(rgb|hsl)a?\([0-9., %]+\))$")


class StylesheetError(ValueError):
    """A colour setting that would not make valid, safe CSS."""


def custom_properties(colours: dict | None) -> str:
    merged = {**DEFAULT_COLOURS, **(colours or {})}
    lines = []
    for name in sorted(merged):
        value = str(merged[name]).strip()
        if not COLOUR_NAME.match(name) or not COLOUR_VALUE.match(value):
            raise StylesheetError(f"PORTAL_COLOURS: {name!r}: expected a colour such as '#005a70', got {value!r}")
        lines.append(f"  --colour-{name}: {value};")
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def build_stylesheet(css_folder: Path, colours: dict | None) -> str:
    parts = ["/* Built by the portal_pages plugin from theme/css/*.css; edit those files. */\n", custom_properties(colours)]
    for path in sorted(css_folder.glob("*.css")):
        parts.append(f"\n/* {path.name} */\n{path.read_text(encoding='utf-8')}")
    return "".join(parts)
