"""Handout QR codes: the mask chosen with numpy (portal_content.qr) is the one segno chooses itself, and the
SVG drawn from the runs of dark modules is the text segno writes for the same symbol."""

from __future__ import annotations

import io
import random
import string

import segno
from conftest import ROOT
from portal_content.colours import site_colours
from portal_content.qr import qr_code, svg


def addresses() -> list[str]:
    """The example site's opportunity addresses, and addresses of many lengths (QR versions 2 to 15)."""
    pages = [f"https://volunteer.example.org.uk/opportunities/{path.stem}/" for path in sorted((ROOT / "content" / "opportunities").rglob("*.yaml"))]
    rng = random.Random(16)
    made = ["https://" + "".join(rng.choice(string.ascii_lowercase + "-./") for _ in range(rng.randint(5, 300))) for _ in range(400)]
    mostly_one_letter = ["https://" + "".join(rng.choice("ab") for _ in range(rng.randint(5, 120))) for _ in range(150)]
    return pages + made + mostly_one_letter


def test_every_code_is_the_symbol_segno_makes():
    versions = set()
    for address in addresses():
        expected = segno.make(address, error="m", micro=False)
        code = qr_code(address)
        assert (code.version, code.mask) == (expected.version, expected.mask), address
        assert code.matrix == expected.matrix, address
        versions.add(code.version)
    assert min(versions) <= 3 and max(versions) >= 10  # small symbols, and large ones with version information


def test_every_svg_is_the_text_segno_writes():
    dark = "#000"  # a colour segno writes as it is given (it shortens "#000000")
    for address in addresses():
        code = segno.make(address, error="m", micro=False)
        written = io.BytesIO()
        code.save(written, kind="svg", dark=dark, xmldecl=False, svgns=True, nl=False, border=2, omitsize=True, svgclass="qr-code", lineclass=None)
        assert svg(code, dark) == written.getvalue().decode("ascii"), address


def test_the_codes_are_drawn_in_the_sites_print_text_colour():
    dark = site_colours({"print-text": "rgb(10, 20, 30)"})["print-text"]
    assert f'<path stroke="{dark}" d="M' in svg(qr_code("https://volunteer.example.org.uk/"), dark)
