"""QR codes for printed handouts: made at build time, inline SVG, no JavaScript or images to fetch.

Part of the model's filters (``qr_svg``), like its wording: the handout is printed on opportunity
pages (portal_pages) for the shortlist (portal_share), so no one plugin should install it for another.

zxing-cpp (the C++ ZXing library, encoding with Zint; Apache-2.0, wheels for every platform we
build on) encodes at error correction level M, which survives a crumpled or photocopied handout.
It makes a code in about 0.1 ms, where segno (pure Python) took 1 to 4 ms: half of an opportunity
page's rendering, tens of CPU seconds at 10,000 opportunities. Its reader checks in the tests that
every code scans. Each code is also kept in the build cache by its address and colour.
"""

from __future__ import annotations

from html import escape
from xml.sax.saxutils import quoteattr

import numpy as np
import zxingcpp
from markupsafe import Markup

from . import cache

BORDER = 2  # modules of quiet zone around the symbol


def qr_svg(url: str, dark: str) -> Markup:
    """An SVG QR code for ``url`` in the colour ``dark`` (the site's print-text colour), that scales
    with its box; screen readers hear what it is for."""
    return cache.active().remember("qr", f"{dark} {url}", lambda: _encode(url, dark))


def _encode(url: str, dark: str) -> Markup:
    label = escape(f"QR code: scan it with a phone camera to open {url}", quote=True)
    return Markup(svg(qr_modules(url), dark).replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1))


def qr_modules(url: str) -> np.ndarray:
    """The symbol of a QR code (not a Micro QR) for ``url`` at error level M: rows of modules, 1 for dark."""
    barcode = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    return (np.asarray(barcode.to_image(scale=1, add_quiet_zones=False)) == 0).astype(np.uint8)


def svg(symbol: np.ndarray, dark: str, border: int = BORDER) -> str:
    """The symbol as one SVG path, a stroke for each run of dark modules along a row (a path of
    squares would be several times longer), in a viewBox with a quiet zone of ``border`` modules."""
    rows, columns = symbol.shape
    edges = np.diff(np.pad(symbol.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    row, start = np.nonzero(edges == 1)  # row by row, left to right
    _, end = np.nonzero(edges == -1)
    # Each run is drawn from where the last one ended: "m<dx> <dy>h<length>"; the first from the corner, "M".
    dx = start - np.concatenate(([-border], end[:-1]))
    dy = np.diff(row, prepend=row[0]).tolist()
    lengths = (end - start).tolist()
    path = [f"M{start[0] + border} {row[0] + border + 0.5:g}h{lengths[0]}"]
    path += [f"m{x} {y}h{length}" for x, y, length in zip(dx[1:].tolist(), dy[1:], lengths[1:], strict=True)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {columns + 2 * border} {rows + 2 * border}" class="qr-code">'
        f'<path stroke={quoteattr(dark)} d="{"".join(path)}"/></svg>'
    )
