"""QR codes for printed handouts: made at build time, inline SVG, no JavaScript or images to fetch.

Part of the model's filters (``qr_svg``), like its wording: the handout is printed on opportunity
pages (portal_pages) for the shortlist (portal_share), so no one plugin should install it for another.

segno (pure Python, no dependencies, actively maintained) encodes; error correction level M
survives a crumpled or photocopied handout. Encoding is slow (about 30 ms a code, a third of
rendering an opportunity page), so each code is kept in the build cache by its address.
"""

from __future__ import annotations

import io
from html import escape

import segno
from markupsafe import Markup

from . import cache


def qr_svg(url: str) -> Markup:
    """An SVG QR code for ``url`` that scales with its box; screen readers hear what it is for."""
    return cache.active().remember("qr", url, lambda: _encode(url))


def _encode(url: str) -> Markup:
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, svgns=True, nl=False, border=2, omitsize=True, svgclass="qr-code", lineclass=None)
    svg = buffer.getvalue().decode("ascii")
    label = escape(f"QR code: scan it with a phone camera to open {url}", quote=True)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1))
