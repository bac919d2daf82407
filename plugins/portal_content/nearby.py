"""Nearest first: open opportunities by distance from a point, shared by /near/ pages and the widget.

Distances are to an opportunity's nearest located place, in miles, worded the same way
as the Near box on /search/ words them (theme/static/js/near/distance.js).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Location, Opportunity, Site
from .places import DISTRICT, Point


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


def nearest_first(opportunities: list[Opportunity], point: Point, within: float | None = None) -> list[Nearby]:
    """Opportunities with a located place (within ``within`` miles), nearest first; ties by title."""
    found = []
    for opportunity in opportunities:
        distances = [(point.miles_to(location.point), index) for index, location in enumerate(opportunity.locations) if location.point]
        if not distances:
            continue
        miles, index = min(distances)
        if within is None or miles <= within:
            found.append(Nearby(opportunity, miles, opportunity.locations[index]))
    found.sort(key=lambda nearby: (round(nearby.miles, 6), nearby.opportunity.title.casefold(), nearby.opportunity.slug))
    return found


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
