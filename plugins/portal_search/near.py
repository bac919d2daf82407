"""Data for the Near box on /search/: district centres, place names and postcodes, in small files.

- ``search/near/places.json``: every postcode district of the region (and of the content) with
  its centre, and the GeoNames places in the region's box: what a district or a town name
  needs, and the suggestions as people type. Loaded when someone uses the Near box.
- ``search/near/<district>-<sector>.json`` (``ls9-7.json``): one postcode sector's postcodes,
  loaded only when a whole postcode is typed (a district's would be six times larger). Positions are grid offsets in metres from the district's centre plus a quadratic
  that turns them into latitude and longitude (fitted to convertbng at nine points, so it
  agrees with it to a metre in towns and about 12 m across the largest rural district): converting all ~70,000 postcodes
  of a region one by one would cost the build most of a second.
- ``search/near/reach.json``: each postcode district holding an open opportunity's place, with
  the anchor of its Pagefind filter (``near-ls9``, see ``portal_content.search_facets``) and how
  far from the anchor its farthest place is, so the Near box loads only the districts within reach.
"""

from __future__ import annotations

import json
import math

from portal_content.places import Point, biggest_by_name
from portal_content.search_facets import NEAR_FILTER, near_anchor, near_offset

STEP = 2000  # metres between the points the quadratic is fitted to


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def fit_grid(east: float, north: float) -> list[tuple[float, float]]:
    return [(east + i * STEP, north + j * STEP) for i in (-1, 0, 1) for j in (-1, 0, 1)]


def quadratic(postcodes, east: float, north: float) -> tuple[list[float], list[float]]:
    """Coefficients [c, x, y, xx, xy, yy] (x, y in km from the centre) for latitude and longitude."""
    grid = fit_grid(east, north)
    points = dict(zip([(i, j) for i in (-1, 0, 1) for j in (-1, 0, 1)], postcodes.points(grid), strict=True))
    h = STEP / 1000
    coefficients = []
    for axis in ("lat", "lon"):
        f = {key: getattr(point, axis) for key, point in points.items()}
        coefficients.append([
            round(f[0, 0], 7),
            round((f[1, 0] - f[-1, 0]) / (2 * h), 9),
            round((f[0, 1] - f[0, -1]) / (2 * h), 9),
            round((f[1, 0] - 2 * f[0, 0] + f[-1, 0]) / (2 * h * h), 11),
            round((f[1, 1] - f[1, -1] - f[-1, 1] + f[-1, -1]) / (4 * h * h), 11),
            round((f[0, 1] - 2 * f[0, 0] + f[0, -1]) / (2 * h * h), 11),
        ])
    return coefficients[0], coefficients[1]


def reach(site) -> dict:
    """``{"districts": {"ls9": [anchor lat, anchor lon, miles to its farthest place]}, "home": bool}``.

    Anchors are in hundredths of a degree; the miles are rounded up (to 0.01) from the
    positions the filter values hold, so the browser never skips a district with a place in reach.
    """
    centres = site.geography.districts
    farthest: dict[str, tuple[tuple[int, int], float]] = {}
    for opportunity in site.open_opportunities:
        for location in opportunity.locations:
            if not (location.point and location.district):
                continue
            anchor = near_anchor(centres.get(location.district))
            lat, lon = near_offset(location.point, anchor)
            miles = Point(anchor[0] / 100, anchor[1] / 100).miles_to(Point((anchor[0] * 100 + lat) / 10000, (anchor[1] * 100 + lon) / 10000))
            key = NEAR_FILTER + location.district.lower()
            farthest[key] = (anchor, max(miles, farthest.get(key, (anchor, 0.0))[1]))
    return {
        "districts": {key[len(NEAR_FILTER):]: [*anchor, math.ceil(miles * 100 + 1e-6) / 100] for key, (anchor, miles) in sorted(farthest.items())},
        "home": any(opportunity.remote for opportunity in site.open_opportunities),  # is there a near-home filter?
    }


def near_files(site) -> dict[str, bytes]:
    geography = site.geography
    if geography is None or geography.postcodes is None:
        return {}
    postcodes = geography.postcodes
    places = sorted(biggest_by_name(geography.places), key=lambda place: (-place.population, place.name))
    files = {
        "search/near/reach.json": _dumps(reach(site)),
        "search/near/places.json": _dumps({
            "districts": [[district, round(point.lat, 5), round(point.lon, 5)] for district, point in sorted(geography.districts.items())],
            "places": [[place.name, round(place.point.lat, 5), round(place.point.lon, 5)] for place in places],
        })
    }
    centres = {district: tuple(map(round, postcodes.centres[district])) for district in geography.districts}
    postcodes.points([pair for east, north in centres.values() for pair in fit_grid(east, north)])  # one conversion for all
    for district in geography.districts:
        east, north = centres[district]
        lat, lon = quadratic(postcodes, east, north)
        sectors: dict[str, dict[str, list[int]]] = {}
        for inward, grid_east, grid_north in postcodes.district_grid(district):
            sectors.setdefault(inward[0], {})[inward] = [grid_east - east, grid_north - north]
        for sector, units in sectors.items():
            files[f"search/near/{district.lower()}-{sector}.json"] = _dumps({"lat": lat, "lon": lon, "units": units})
    return files
