"""The site's icon and its picture for shared links, drawn at build time from ``PORTAL_COLOURS``.

- ``favicon.svg``: a white heart on the brand colour (browsers that read SVG icons);
- ``favicon.ico``: the same at 16, 32 and 48 px (every other browser asks for /favicon.ico);
- ``og-image.png``: 1200 x 630, the site's name and tagline in white on the brand colour, what
  social networks and messaging apps show for a shared link (``og:image``).

Pillow draws the bitmaps: the maintained imaging library for Python, with wheels for every
platform and a bundled font (``ImageFont.load_default``), so the picture is the same bytes on
every machine. A colour that is not #rgb or #rrggbb (a named colour) falls back to its default
(``portal_content.colours``).
"""

from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from portal_content.colours import DEFAULT_COLOURS

HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# The heart, in a 32 x 32 box.
HEART_PATH = "M16 27 C 6 20 3 15 3 10.5 C 3 7 5.8 4.5 9 4.5 C 11.8 4.5 14.4 6.2 16 8.8 C 17.6 6.2 20.2 4.5 23 4.5 C 26.2 4.5 29 7 29 10.5 C 29 15 26 20 16 27 Z"


def _rgb(value: str, fallback: str) -> tuple[int, int, int]:
    """A #rgb or #rrggbb colour; named or functional colours fall back to the default."""
    colour = value if isinstance(value, str) and HEX.match(value) else fallback
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(char * 2 for char in digits)
    return tuple(int(digits[index : index + 2], 16) for index in (0, 2, 4))


Colour = tuple[int, int, int]


def brand_colours(settings: dict) -> tuple[Colour, Colour, Colour]:
    """The brand, its dark shade and the text drawn on them (``inverse-text``)."""
    colours = settings.get("PORTAL_COLOURS") or {}
    return tuple(_rgb(colours.get(name), DEFAULT_COLOURS[name]) for name in ("brand", "brand-dark", "inverse-text"))


def _hex(colour: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def favicon_svg(brand: Colour, inverse: Colour) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="6" fill="{_hex(brand)}"/><path fill="{_hex(inverse)}" d="{HEART_PATH}"/></svg>\n'
    )


def _heart_polygon(size: int) -> list[tuple[float, float]]:
    """The heart curve as a polygon, scaled to a ``size`` square."""
    points = []
    for step in range(0, 101):
        t = math.pi * 2 * step / 100
        x = 16 * math.sin(t) ** 3
        y = -(13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t))
        points.append((size / 2 + x * size / 40, size * 0.52 + y * size / 40))
    return points


def favicon_image(brand: Colour, inverse: Colour, size: int) -> Image.Image:
    scale = 8  # drawn large, then shrunk: smooth edges
    big = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.rounded_rectangle((0, 0, size * scale - 1, size * scale - 1), radius=size * scale * 3 // 16, fill=(*brand, 255))
    draw.polygon(_heart_polygon(size * scale), fill=(*inverse, 255))
    return big.resize((size, size), Image.Resampling.LANCZOS)


def og_image(settings: dict, brand: Colour, brand_dark: Colour, white: Colour) -> Image.Image:
    scale = 2  # drawn at twice the size, then shrunk: smooth edges
    width, height, margin, tile = 1200 * scale, 630 * scale, 80 * scale, 120 * scale
    image = Image.new("RGB", (width, height), brand)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 40 * scale, width, height), fill=brand_dark)
    draw.rounded_rectangle((margin, margin, margin + tile, margin + tile), radius=tile * 3 // 16, fill=white)
    draw.polygon([(margin + x, margin + y) for x, y in _heart_polygon(tile)], fill=brand)
    title_font = ImageFont.load_default(size=76 * scale)
    text_font = ImageFont.load_default(size=40 * scale)
    y = margin + tile + 40 * scale
    for line in textwrap.wrap(settings.get("SITENAME", ""), 26)[:3]:
        draw.text((margin, y), line, font=title_font, fill=white)
        y += 92 * scale
    y += 20 * scale
    for line in textwrap.wrap(settings.get("PORTAL_TAGLINE", ""), 50)[:2]:
        draw.text((margin, y), line, font=text_font, fill=white)
        y += 52 * scale
    return image.resize((1200, 630), Image.Resampling.LANCZOS)


def og_image_alt(settings: dict) -> str:
    """What the picture says, for og:image:alt."""
    return f"{settings.get('SITENAME', '')}: {settings.get('PORTAL_TAGLINE', '')}".strip(": ")


def write_images(output: str | Path, settings: dict) -> None:
    output = Path(output)
    brand, brand_dark, inverse = brand_colours(settings)
    (output / "favicon.svg").write_text(favicon_svg(brand, inverse), encoding="utf-8")
    icon = favicon_image(brand, inverse, 48)
    icon.save(output / "favicon.ico", format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    og_image(settings, brand, brand_dark, inverse).save(output / "og-image.png", format="PNG", optimize=True)
