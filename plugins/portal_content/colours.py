"""The site's colours: the defaults and ``PORTAL_COLOURS``, the one place a colour is written.

Every output that draws something (the stylesheet, the widget partners embed, the iframe page,
the icon and the picture for shared links) takes its colours from :func:`site_colours`, so a
region rebrands in pelicanconf.py alone; a test fails if a colour is written anywhere else.
"""

from __future__ import annotations

import re

COLOUR_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
COLOUR_VALUE = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-z]+|(rgb|hsl)a?\([0-9., %]+\))$")

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
    "inverse-text": "#ffffff",  # text on brand, button and current-page colours
    "panel-hover": "#e5e4e2",
    "secondary-button-hover": "#dbdad9",
    "print-text": "#000000",
}

EXAMPLE = DEFAULT_COLOURS["brand"]  # for messages: "expected a colour such as ..."


class ColourError(ValueError):
    """A colour setting that would not make valid, safe CSS."""


def site_colours(colours: dict | None) -> dict[str, str]:
    """Every colour by name: the defaults with ``PORTAL_COLOURS`` over them, each checked to be a CSS colour."""
    merged = {**DEFAULT_COLOURS, **(colours or {})}
    checked = {}
    for name in sorted(merged):
        problem = colour_problem(name, merged[name])
        if problem:
            raise ColourError(problem)
        checked[name] = str(merged[name]).strip()
    return checked


def colour_problem(name, value) -> str | None:
    """Why one PORTAL_COLOURS entry would not make valid, safe CSS, or None."""
    text = str(value).strip()
    if isinstance(name, str) and COLOUR_NAME.match(name) and COLOUR_VALUE.match(text):
        return None
    return f"PORTAL_COLOURS: {name!r}: expected a colour such as '{EXAMPLE}', got {text!r}"


def custom_properties(colours: dict | None) -> str:
    """A ``:root`` block of ``--colour-<name>`` properties, for stylesheets that use ``var(--colour-<name>)``."""
    lines = [f"  --colour-{name}: {value};" for name, value in site_colours(colours).items()]
    return ":root {\n" + "\n".join(lines) + "\n}\n"
