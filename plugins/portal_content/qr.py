"""QR codes for printed handouts: made at build time, inline SVG, no JavaScript or images to fetch.

Part of the model's filters (``qr_svg``), like its wording: the handout is printed on opportunity
pages (portal_pages) for the shortlist (portal_share), so no one plugin should install it for another.

segno (pure Python, no dependencies, actively maintained) encodes; error correction level M
survives a crumpled or photocopied handout. segno takes about 4 ms a code, most of it scoring
the eight mask patterns in pure Python: 40 CPU seconds of a first build at 10,000 opportunities.
So the masks are scored here with numpy, by segno's own rules, and the code segno made with the
first mask gets the one segno would have chosen (the same symbol, in about a third of the time).
Each code is also kept in the build cache by its address and colour.
"""

from __future__ import annotations

import functools
from html import escape
from xml.sax.saxutils import quoteattr

import numpy as np
import segno
from markupsafe import Markup
from segno import encoder

from . import cache

FINDER_LIKE = 0b1011101  # dark, light, dark x3, light, dark: the N3 penalty pattern
BORDER = 2  # modules of quiet zone around the symbol


def qr_svg(url: str, dark: str) -> Markup:
    """An SVG QR code for ``url`` in the colour ``dark`` (the site's print-text colour), that scales
    with its box; screen readers hear what it is for."""
    return cache.active().remember("qr", f"{dark} {url}", lambda: _encode(url, dark))


def _encode(url: str, dark: str) -> Markup:
    label = escape(f"QR code: scan it with a phone camera to open {url}", quote=True)
    return Markup(svg(qr_code(url), dark).replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1))


def svg(code: segno.QRCode, dark: str, border: int = BORDER) -> str:
    """``code.save(kind="svg", dark=dark, xmldecl=False, svgns=True, nl=False, border=2, omitsize=True,
    svgclass="qr-code", lineclass=None)``'s text, made from the runs of dark modules with numpy
    (segno walks the symbol module by module: 0.5 ms a code, a fifth of the handout's cost)."""
    symbol = np.frombuffer(b"".join(code.matrix), dtype=np.uint8).reshape(len(code.matrix), -1) & 1
    rows, columns = symbol.shape
    edges = np.diff(np.pad(symbol.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    row, start = np.nonzero(edges == 1)  # row by row, left to right: as segno draws them
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


def qr_code(url: str) -> segno.QRCode:
    """``segno.make(url, error="m", micro=False)``, with segno's choice of mask made by :func:`mask_penalties`."""
    code = segno.make(url, error="m", micro=False, mask=0)
    masks, reserved = _layout(len(code.matrix))
    symbol = np.array(code.matrix, dtype=np.uint8)
    symbol[reserved] = 0  # as segno scores it: before the format and version information is added
    unmasked = symbol ^ masks[0]
    best = int(np.argmin(mask_penalties(unmasked, masks)))  # the first of equal scores, as segno
    if best:  # the other mask, and the format information that names it
        symbol = np.where(reserved, _information(code.version, code.error, best), unmasked ^ masks[best])
        code.matrix, code.mask = tuple(bytearray(row.tobytes()) for row in symbol), best
    return code


@functools.cache
def _information(version: int, error: str, mask: int) -> np.ndarray:
    """A code of this version, error level and mask: its format and version areas are every such code's."""
    return np.array(segno.make("0", error=error, version=version, mask=mask, micro=False, boost_error=False).matrix, dtype=np.uint8)


@functools.cache
def _layout(size: int) -> tuple[np.ndarray, np.ndarray]:
    """For a symbol of ``size`` modules: the eight masks (ISO/IEC 18004 7.8.2) on its data modules, and
    the format and version areas, laid out by segno's own functions."""
    function = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(function, size, size)
    encoder.add_alignment_patterns(function, size, size)
    function[-8][8] = 0x1  # the dark module
    data = np.array(function, dtype=np.uint8) > 1
    i, j = np.indices((size, size))
    patterns = (
        (i + j) % 2 == 0, i % 2 == 0, j % 3 == 0, (i + j) % 3 == 0, (i // 2 + j // 3) % 2 == 0,
        (i * j) % 2 + (i * j) % 3 == 0, ((i * j) % 2 + (i * j) % 3) % 2 == 0, ((i + j) % 2 + (i * j) % 3) % 2 == 0,
    )
    reserved = np.array(encoder.make_matrix(size, size, add_timing=False), dtype=np.uint8) == 0
    reserved[6, :] = reserved[:, 6] = False  # the timing patterns cross the format areas
    return np.stack([data & pattern for pattern in patterns]).astype(np.uint8), reserved


def mask_penalties(unmasked: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """The penalty of each mask (N1 + N2 + N3 + N4, ISO/IEC 18004 7.8.3.1), as ``segno.encoder.mask_scores`` counts."""
    masked = unmasked[None] ^ masks
    count, size, _ = masked.shape
    columns = np.ascontiguousarray(masked.transpose(0, 2, 1))
    corner = masked[:, :-1, :-1]
    blocks = (corner == masked[:, 1:, :-1]) & (corner == masked[:, :-1, 1:]) & (corner == masked[:, 1:, 1:])
    dark = masked.sum(axis=(1, 2), dtype=np.int64)
    n3 = (_finder_like(masked.reshape(-1, size)) + _finder_like(columns.reshape(-1, size))).reshape(count, size).sum(axis=1)
    n4 = [10 * int(abs(float(int(modules)) / (size**2) * 100 - 50) / 5) for modules in dark]
    return _runs(masked) + _runs(columns) + 3 * blocks.sum(axis=(1, 2)) + n3 + np.array(n4)


def _runs(masked: np.ndarray) -> np.ndarray:
    """N1 of each mask: every run of five or more modules of one colour along a row scores its length - 2."""
    count, size, _ = masked.shape
    lines = np.concatenate([masked, np.full((count, size, 1), 2, dtype=np.uint8)], axis=2).ravel()  # 2 ends each row
    starts = np.flatnonzero(np.concatenate(([True], lines[1:] != lines[:-1], [True])))
    lengths = np.diff(starts)
    points = np.where(lengths >= 5, lengths - 2, 0)
    return np.bincount(starts[:-1] // (size * (size + 1)), weights=points, minlength=count).astype(np.int64)


def _finder_like(lines: np.ndarray) -> np.ndarray:
    """N3 of each line: 40 for each dark-light-dark-dark-dark-light-dark with light modules (up to four,
    fewer at an edge) before or after it, found from left to right as segno finds them."""
    count, size = lines.shape
    windows = sum(lines[:, t : size - 6 + t].astype(np.int64) << (6 - t) for t in range(7))  # each run of 7 as a number
    line, start = np.nonzero(windows == FINDER_LIKE)
    dark = np.zeros((count, size + 1), dtype=np.int64)
    np.cumsum(lines, axis=1, out=dark[:, 1:])
    light_before = dark[line, start] == dark[line, np.maximum(start - 4, 0)]
    light_after = dark[line, np.minimum(start + 11, size)] == dark[line, start + 7]
    counted = (start == 0) | (start == size - 7) | light_before | light_after
    scores = np.bincount(line, weights=40 * counted, minlength=count).astype(np.int64)
    # After a counted pattern segno searches on from its end, passing over one that overlaps it:
    # lines with overlapping patterns are counted its way.
    overlapping = (line[1:] == line[:-1]) & (start[1:] - start[:-1] < 7)
    for index in np.unique(line[1:][overlapping]):
        scores[index] = _finder_like_in_order(lines[index].tobytes(), size)
    return scores


def _finder_like_in_order(line: bytes, size: int) -> int:
    """N3 of one line, searched as ``segno.encoder.mask_scores`` searches it."""
    pattern = bytes((1, 0, 1, 1, 1, 0, 1))
    score = 0
    start = line.find(pattern)
    while start != -1:
        end = start + 7
        if start in (0, size - 7) or not any(line[max(start - 4, 0) : start]) or not any(line[end : min(end + 4, size)]):
            score += 40
            start = line.find(pattern, end)
        else:
            start = line.find(pattern, start + 4)
    return score
