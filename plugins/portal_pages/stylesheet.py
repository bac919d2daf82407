"""One stylesheet from the theme's component files, branded from ``PORTAL_COLOURS``.

The components (``theme/css/NN-name.css``) are joined in name order, after a
``:root`` block of custom properties, so a region rebrands in pelicanconf.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from portal_content.colours import DEFAULT_COLOURS, custom_properties

# (foreground, background) pairs the components draw text with; each needs 4.5:1 (WCAG 1.4.3).
TEXT_PAIRS = (
    ("text", "background"),
    ("secondary-text", "background"),
    ("link", "background"),
    ("link-visited", "background"),
    ("link-hover", "background"),
    ("tag-text", "tag-background"),
    ("closed-text", "closed-background"),
    ("focus-text", "focus"),
)
# Components that put inverse-text (white) on these colours (header, navigation, buttons, current page).
INVERSE_TEXT_ON = ("brand", "brand-dark", "button", "link", "text")


def build_stylesheet(css_folder: Path, colours: dict | None) -> str:
    parts = ["/* Built by the portal_pages plugin from theme/css/*.css; edit those files. */\n", custom_properties(colours)]
    for path in sorted(css_folder.glob("*.css")):
        parts.append(f"\n/* {path.name} */\n{path.read_text(encoding='utf-8')}")
    return "".join(parts)


def _luminance(hex_colour: str) -> float | None:
    """Relative luminance (WCAG 2) of a #rgb or #rrggbb colour; None for other notations."""
    value = hex_colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(digit * 2 for digit in value)
    if len(value) != 6 or not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        return None
    channels = []
    for index in (0, 2, 4):
        channel = int(value[index : index + 2], 16) / 255
        channels.append(channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float | None:
    luminances = (_luminance(first), _luminance(second))
    if None in luminances:
        return None
    return (max(luminances) + 0.05) / (min(luminances) + 0.05)


def contrast_problems(colours: dict | None) -> list[str]:
    """Colour pairs below 4.5:1, so a region that rebrands hears about it at build time."""
    merged = {**DEFAULT_COLOURS, **(colours or {})}
    pairs = list(TEXT_PAIRS) + [("inverse-text", name) for name in INVERSE_TEXT_ON]
    problems = []
    for foreground, background in pairs:
        ratio = contrast_ratio(merged[foreground], merged[background])
        if ratio is not None and ratio < 4.5:
            problems.append(f"PORTAL_COLOURS: {foreground} on {background} has contrast {ratio:.2f}:1; WCAG AA needs 4.5:1")
    return problems
