"""Nearest first: open opportunities by distance from a point, shared by /near/ pages and the widget.

Distances are to an opportunity's nearest located place, in miles, worded the same way
as the Near box on /search/ words them (theme/static/js/near/distance.js).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .model import Location, Opportunity, Site
from .places import DISTRICT, Box, Point
from .slugs import slugify


@dataclass(frozen=True)
class Nearby:
    opportunity: Opportunity
    miles: float
    location: Location  # its place nearest the point

    @property
    def distance_text(self) -> str:
        return miles_away(self.miles)


def miles_away(miles: float) -> str:
    """'2.4 miles away', '1 mile away', 'Less than 0.1 miles away' (halves round up, as in the browser)."""
    tenths = math.floor(miles * 10 + 0.5 + 1e-9) / 10
    if tenths < 0.1:
        return "Less than 0.1 miles away"
    if tenths == 1:
        return "1 mile away"
    return f"{tenths:g} miles away"


def nearest_first(opportunities: list[Opportunity], point: Point, within: float | None = None, box: Box | None = None) -> list[Nearby]:
    """Opportunities with a located place (within ``within`` miles), nearest first; ties by title.

    ``box``: a box holding every point within reach; places outside it are not measured (they are
    farther than ``within``, so an opportunity's nearest place within reach is the same).
    """
    found = []
    for opportunity in opportunities:
        distances = [
            (point.miles_to(location.point), index)
            for index, location in enumerate(opportunity.locations)
            if location.point and (box is None or box.contains(location.point))
        ]
        if not distances:
            continue
        miles, index = min(distances)
        if within is None or miles <= within:
            found.append(Nearby(opportunity, miles, opportunity.locations[index]))
    found.sort(key=lambda nearby: (round(nearby.miles, 6), nearby.opportunity.title.casefold(), nearby.opportunity.slug))
    return found


CELL_DEGREES = 0.1  # grid cells of about 7 by 4 miles here
MILES_PER_DEGREE = 68.7  # a little under the 69.09 of a degree of latitude: the cells looked at err wide


@dataclass
class NearbyGrid:
    """Opportunities bucketed by the grid cells their located places fall in.

    Each /near/ page looks only at the cells within its reach, so building them all is linear
    in the number of opportunities rather than pages × opportunities. The answer is exactly
    :func:`nearest_first` over every opportunity: an opportunity within reach has its nearest
    place in a cell within reach, and is then measured over all its places as before.
    """

    opportunities: list[Opportunity]
    cells: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # cell -> indexes in opportunities

    def __post_init__(self):
        for index, opportunity in enumerate(self.opportunities):
            for cell in sorted({cell_of(location.point) for location in opportunity.locations if location.point}):
                self.cells.setdefault(cell, []).append(index)

    def nearest_first(self, point: Point, within: float) -> list[Nearby]:
        lat_margin = within / MILES_PER_DEGREE
        south, north = point.lat - lat_margin, point.lat + lat_margin
        if max(abs(south), abs(north)) >= 89:  # near a pole a longitude band means little: look everywhere
            return nearest_first(self.opportunities, point, within)
        lon_margin = within / (MILES_PER_DEGREE * math.cos(math.radians(max(abs(south), abs(north)))))
        (low_row, low_column), (high_row, high_column) = cell_of(Point(south, point.lon - lon_margin)), cell_of(Point(north, point.lon + lon_margin))
        found = {
            index
            for row in range(low_row, high_row + 1)
            for column in range(low_column, high_column + 1)
            for index in self.cells.get((row, column), ())
        }
        box = Box(south, point.lon - lon_margin, north, point.lon + lon_margin)  # the cells reach wider: half their places are outside
        return nearest_first([self.opportunities[index] for index in sorted(found)], point, within, box)


def cell_of(point: Point) -> tuple[int, int]:
    return math.floor(point.lat / CELL_DEGREES), math.floor(point.lon / CELL_DEGREES)


@dataclass(frozen=True)
class NearPlace:
    """What a /near/<slug>/ page measures from: a postcode district's centre or a main town's."""

    name: str  # "LS9", "Keighley": what the Near box on /search/ is given for the same search
    slug: str  # "ls9", "keighley"
    point: Point
    centre: str  # "the centre of the LS9 postcode district", "the centre of Keighley"


def near_district_places(site: Site) -> list[NearPlace]:
    return [NearPlace(district, district.lower(), centre, f"the centre of the {district} postcode district") for district, centre in near_districts(site).items()]


def near_towns(site: Site) -> list[NearPlace]:
    """The region's main towns (``Geography.towns``) as /near/<town>/ pages, by name.

    A town's slug is its name's (``hebden-bridge``): words, never shaped like a postcode
    district (``ls9``), so a town page can never take a district's address.
    """
    if site.geography is None:
        return []
    towns = {}
    for town in site.geography.towns:
        slug = slugify(town.name)
        if slug and not DISTRICT.match(slug.upper()) and slug not in towns:
            towns[slug] = NearPlace(town.name, slug, town.point, f"the centre of {town.name}")
    return sorted(towns.values(), key=lambda place: place.name)


def near_districts(site: Site) -> dict[str, Point]:
    """Postcode districts that hold a located place of an open opportunity, with their centres, sorted."""
    if site.geography is None:
        return {}
    held = {location.district for opportunity in site.open_opportunities for location in opportunity.locations if location.district}
    return {district: site.geography.districts[district] for district in sorted(held, key=district_order) if district in site.geography.districts}


def district_order(district: str) -> tuple[str, int, str]:
    """LS2 before LS10: the area letters, then the number (EC1A after EC1)."""
    area, rest = DISTRICT.match(district).groups()
    number = "".join(character for character in rest if character.isdigit())
    return (area, int(number), rest)
