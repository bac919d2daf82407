"""Handout QR codes (portal_content.qr): every code drawn as SVG scans, with ZXing's reader, to the
address it was made for, at error correction level M, in the site's print-text colour."""

from __future__ import annotations

import random
import string

from conftest import ROOT
from helpers_qr import scanned
from portal_content.colours import site_colours
from portal_content.qr import qr_modules, qr_svg, svg


def addresses() -> list[str]:
    """The example site's opportunity addresses, and addresses of many lengths (QR versions 2 to 15)."""
    pages = [f"https://volunteer.example.org.uk/opportunities/{path.stem}/" for path in sorted((ROOT / "content" / "opportunities").rglob("*.yaml"))]
    rng = random.Random(16)
    made = ["https://" + "".join(rng.choice(string.ascii_lowercase + "-./") for _ in range(rng.randint(5, 300))) for _ in range(400)]
    mostly_one_letter = ["https://" + "".join(rng.choice("ab") for _ in range(rng.randint(5, 120))) for _ in range(150)]
    return pages + made + mostly_one_letter


def test_every_code_scans_to_its_address_at_error_level_m():
    sizes = set()
    for address in addresses():
        symbol = qr_modules(address)
        found = scanned(svg(symbol, "#0b0c0c"))
        assert [(code.text, code.ec_level) for code in found] == [(address, "M")], address
        sizes.add(symbol.shape[0])
    versions = {(size - 17) // 4 for size in sizes}  # a version-v symbol is 17 + 4v modules wide
    assert min(versions) <= 3 and max(versions) >= 10  # small symbols, and large ones with version information


def test_the_svg_has_a_quiet_zone_of_two_modules_and_says_what_it_is_for():
    address = "https://volunteer.example.org.uk/opportunities/befriender/"
    symbol = qr_modules(address)
    drawn = str(qr_svg(address, "#0b0c0c"))
    size = symbol.shape[0] + 4
    assert f'viewBox="0 0 {size} {size}"' in drawn
    assert drawn.startswith(f'<svg role="img" aria-label="QR code: scan it with a phone camera to open {address}" focusable="false" ')
    assert drawn.count("<path ") == 1 and "<text" not in drawn and "<rect" not in drawn


def test_the_codes_are_drawn_in_the_sites_print_text_colour():
    dark = site_colours({"print-text": "rgb(10, 20, 30)"})["print-text"]
    assert f'<path stroke="{dark}" d="M' in svg(qr_modules("https://volunteer.example.org.uk/"), dark)
