"""Scan a handout's SVG QR code as a phone would: draw it, then read it with ZXing's reader."""

from __future__ import annotations

import re

import numpy as np
import zxingcpp

PIXELS = 4  # per module: a clean, sharp image, as a phone's camera sees a printed code


def scanned(svg: str) -> list[zxingcpp.Barcode]:
    """What ZXing reads from ``svg`` (one <path> of horizontal strokes, 1 module wide, as SVG draws them)."""
    width, height = (int(value) for value in re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    image = np.full((height * PIXELS, width * PIXELS), 255, dtype=np.uint8)
    x = y = 0.0
    path = re.search(r' d="([^"]*)"', svg).group(1)
    for command, numbers in re.findall(r"([MmHh])([-0-9. ]+)", path):
        values = [float(value) for value in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:  # a stroke along the row, centred on y
            end = values[0] if command == "H" else x + values[0]
            top = round((y - 0.5) * PIXELS)
            image[top : top + PIXELS, round(x * PIXELS) : round(end * PIXELS)] = 0
            x = end
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
