"""Nearest first: open opportunities by distance from a point, for the /near/ pages.

Distances are to an opportunity's nearest located place, in miles, worded the same way
as the Near box on /search/ words them (theme/static/js/near/distance.js).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .model import Location, Opportunity, Site
from .places import DISTRICT, ROUGH_MILES, Point, Positions
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


class NearbyIndex:
    """Opportunities' located places, to list them nearest first from one point after another (the /near/ pages).

    Every place is measured from the point at once with numpy (places.Positions: within ROUGH_MILES of the
    exact miles); only the opportunities that could be within reach and among the nearest are then measured
    exactly, over all their places with Point.miles_to, so the list and the count are those of measuring
    every opportunity exactly.
    """

    def __init__(self, opportunities: list[Opportunity]):
        self.opportunities = [opportunity for opportunity in opportunities if any(location.point for location in opportunity.locations)]
        points = [[location.point for location in opportunity.locations if location.point] for opportunity in self.opportunities]
        self.positions = Positions([point for some in points for point in some])
        self.firsts = np.cumsum([0] + [len(some) for some in points[:-1]])  # where each opportunity's places start

    def nearest_first(self, point: Point, within: float, limit: int) -> tuple[list[Nearby], int]:
        """The ``limit`` (1 or more) nearest within ``within`` miles, nearest first, ties by title then slug;
        and how many are within reach.

        Roughly ``r`` miles away is exactly within ROUGH_MILES of ``r``: nearer than ``within`` less that is
        surely within reach. The nearest ``limit`` are at most the limit-th smallest rough distance away, plus
        ROUGH_MILES twice (their distances and that one are rough) and the millionth of a mile the sort rounds to.
        """
        rough = np.minimum.reduceat(self.positions.rough_miles(point), self.firsts) if self.opportunities else np.zeros(0)
        reach = (rough <= within + ROUGH_MILES).nonzero()[0]
        doubtful = reach[rough[reach] > within - ROUGH_MILES]
        finalists = reach
        if len(reach) > limit:
            farthest = np.partition(rough[reach], limit - 1)[limit - 1] + 2 * ROUGH_MILES + 1e-6
            finalists = reach[rough[reach] <= farthest]
        measured = {index: self._measure(index, point) for index in np.union1d(finalists, doubtful).tolist()}
        found = [measured[index] for index in finalists.tolist() if measured[index].miles <= within]
        found.sort(key=lambda nearby: (round(nearby.miles, 6), nearby.opportunity.title.casefold(), nearby.opportunity.slug))
        count = len(reach) - len(doubtful) + sum(measured[index].miles <= within for index in doubtful.tolist())
        return found[:limit], count

    def _measure(self, index: int, point: Point) -> Nearby:
        """An opportunity's place nearest the point (the first of equals), exactly."""
        opportunity = self.opportunities[index]
        miles, nearest = min((point.miles_to(location.point), order) for order, location in enumerate(opportunity.locations) if location.point)
        return Nearby(opportunity, miles, opportunity.locations[nearest])


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
