"""Data for the Near box on /search/: district centres, place names and postcodes, in small files.

- ``search/near/places.json``: every postcode district of the region (and of the content) with
  its centre, and the GeoNames places in the region's box: what a district or a town name
  needs, and the suggestions as people type. Loaded when someone uses the Near box.
- ``search/near/<district>.json``: one district's postcodes, loaded only when a whole postcode
  is typed. Positions are grid offsets in metres from the district's centre plus a quadratic
  that turns them into latitude and longitude (fitted to convertbng at nine points, so it
  agrees with it to a metre in towns and about 12 m across the largest rural district): converting all ~70,000 postcodes
  of a region one by one would cost the build most of a second.
"""

from __future__ import annotations

import json

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


def near_files(site) -> dict[str, bytes]:
    geography = site.geography
    if geography is None or geography.postcodes is None:
        return {}
    postcodes = geography.postcodes
    best: dict[str, object] = {}
    for place in geography.places:  # one entry per name: the biggest place of that name
        if place.name not in best or place.population > best[place.name].population:
            best[place.name] = place
    places = sorted(best.values(), key=lambda place: (-place.population, place.name))
    files = {
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
        units = {inward: [grid_east - east, grid_north - north] for inward, grid_east, grid_north in postcodes.district_grid(district)}
        files[f"search/near/{district.lower()}.json"] = _dumps({"lat": lat, "lon": lon, "units": units})
    return files
