"""Distances worked out in bulk with numpy (portal_content.places.Positions) pick the same places and
opportunities, with the same miles to the last bit, as measuring each one with the haversine sum.

The expectations are measured here, one pair of points at a time, with the sum the haversine package
does for miles; the code under test measures thousands at once and only the finalists exactly. Every
test runs twice: with numpy's rough miles, and with them as far off as ROUGH_MILES allows (numpy's own are
far closer), so that a margin the code leaves too small shows.
"""

from __future__ import annotations

import math
import random
from types import SimpleNamespace

import numpy as np
import pytest
from portal_content.nearby import NearbyIndex
from portal_content.places import ROUGH_MILES, Box, Place, Point, Positions, gb_places, nearest_place

RADIUS_MILES = 6371.0088 * 0.621371192  # haversine's mean earth radius in km, times its miles in a km
WEST_YORKSHIRE = Box(53.5, -2.2, 54.0, -1.2)


@pytest.fixture(autouse=True, params=["numpy's", "as far off as allowed"])
def rough(request, monkeypatch):
    if request.param == "numpy's":
        return
    measure, rng = Positions.rough_miles, np.random.default_rng(5)

    def far_off(self, point):
        miles = measure(self, point)
        return miles + rng.choice((-1, 1), size=miles.shape) * ROUGH_MILES * 0.99999

    monkeypatch.setattr(Positions, "rough_miles", far_off)


def reference_miles(a: Point, b: Point) -> float:
    """haversine.haversine(a, b, unit=Unit.MILES), step for step."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) * 0.5) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) * 0.5) ** 2
    return RADIUS_MILES * (2 * math.asin(math.sqrt(h)))


def reference_nearest_place(point: Point, places: list[Place], min_population: int) -> Place | None:
    candidates = [place for place in places if place.population >= min_population] or places
    return min(candidates, key=lambda place: (reference_miles(point, place.point) / max(place.population, 1) ** 0.5, place.name), default=None)


def reference_nearest_first(opportunities, point: Point, within: float) -> list[tuple]:
    """[(slug, miles, nearest location), ...] of every opportunity within reach, nearest first."""
    found = []
    for opportunity in opportunities:
        distances = [(reference_miles(point, location.point), index) for index, location in enumerate(opportunity.locations) if location.point]
        if distances and min(distances)[0] <= within:
            miles, index = min(distances)
            found.append((round(miles, 6), opportunity.title.casefold(), opportunity.slug, miles, opportunity.locations[index]))
    found.sort(key=lambda row: row[:3])
    return [(slug, miles, location) for _, _, slug, miles, location in found]


def listed(nearby) -> list[tuple]:
    return [(item.opportunity.slug, item.miles, item.location) for item in nearby]


def check_nearest_first(opportunities, point: Point, within: float, limits=(1, 3, 100, 10_000)):
    index = NearbyIndex(opportunities)
    want = reference_nearest_first(opportunities, point, within)
    for limit in limits:
        nearby, count = index.nearest_first(point, within, limit)
        assert (listed(nearby), count) == (want[:limit], len(want)), (point, within, limit)


def opportunity(slug: str, *points: Point | None, title: str | None = None):
    locations = [SimpleNamespace(point=point) for point in points]
    return SimpleNamespace(slug=slug, title=title or slug.replace("-", " ").title(), locations=locations)


def random_point(rng: random.Random, box: Box = WEST_YORKSHIRE) -> Point:
    return Point(rng.uniform(box.south, box.north), rng.uniform(box.west, box.east))


def test_the_reference_is_the_sum_the_build_measures_with():
    rng = random.Random(1)
    for _ in range(2000):
        a, b = random_point(rng), random_point(rng)
        assert a.miles_to(b) == reference_miles(a, b)


def test_rough_miles_are_within_their_allowance_anywhere():
    rng = random.Random(2)
    world = Box(-85, -180, 85, 180)
    points = [random_point(rng, world) for _ in range(5000)] + [random_point(rng) for _ in range(5000)]
    positions = Positions(points)
    for origin in [random_point(rng, world) for _ in range(20)] + [random_point(rng) for _ in range(20)]:
        rough = positions.rough_miles(origin)
        assert max(abs(value - reference_miles(origin, point)) for value, point in zip(rough.tolist(), points, strict=True)) <= ROUGH_MILES


# -- nearest_place --------------------------------------------------------------


@pytest.fixture(scope="module")
def region_places() -> list[Place]:
    return [place for place in gb_places() if Box(53.4, -2.4, 54.1, -1.0).contains(place.point)]


def test_the_nearest_place_is_the_references_from_many_points(region_places):
    rng = random.Random(3)
    points = [random_point(rng) for _ in range(1500)] + [place.point for place in region_places[::7]]
    for min_population in (1000, 20_000):
        for point in points:
            assert nearest_place(point, region_places, min_population) is reference_nearest_place(point, region_places, min_population), point


def test_the_nearest_of_many_tiny_places_is_the_references():
    """Populations of 0 or 1 (a score is then miles, and a rough one as far off as miles are), some places a hair apart."""
    rng = random.Random(6)
    spots = [random_point(rng) for _ in range(100)]
    places = []
    for number in range(400):
        spot = rng.choice(spots)
        point = rng.choice((random_point(rng), Point(spot.lat + rng.uniform(-1e-9, 1e-9), spot.lon)))
        places.append(Place(rng.choice(("Ash", "Oak", f"Place {number}")), point, rng.choice((0, 1, 1, 4))))
    for _ in range(1500):
        point = rng.choice((random_point(rng), rng.choice(spots)))
        assert nearest_place(point, places, 0) is reference_nearest_place(point, places, 0), point


def test_places_as_far_and_as_big_are_told_apart_by_name():
    here = Point(53.0, 0.0)
    east, west = Place("Beta", Point(53.0, 0.01), 5000), Place("Alpha", Point(53.0, -0.01), 5000)
    assert reference_miles(here, east.point) == reference_miles(here, west.point)  # a true tie
    assert nearest_place(here, [east, west], 1000) is west
    assert nearest_place(here, [west, east], 1000) is west
    # The same name, place and population: the first in the list.
    twin, other = Place("Beta", east.point, 5000), Place("Beta", east.point, 5000)
    assert nearest_place(here, [twin, other], 1000) is twin
    assert nearest_place(here, [other, twin], 1000) is other


def test_a_bigger_place_farther_off_can_be_the_nearest_and_small_ones_are_left_out():
    here = Point(53.7, -1.8)
    village, town = Place("Village", Point(53.701, -1.8), 600), Place("Town", Point(53.703, -1.8), 90_000)
    assert reference_miles(here, village.point) < reference_miles(here, town.point)
    assert nearest_place(here, [village, town], 500) is reference_nearest_place(here, [village, town], 500) is town
    # Too small to count, unless nothing is big enough.
    assert nearest_place(here, [village, Place("Hamlet", here, 200)], 500) is village
    assert nearest_place(here, [Place("Hamlet", here, 200)], 500).name == "Hamlet"
    assert nearest_place(here, [], 500) is None


def test_a_place_list_changed_between_calls_is_measured_anew():
    here = Point(53.7, -1.8)
    places = [Place("Far", Point(53.9, -1.8), 5000)]
    assert nearest_place(here, places, 1000).name == "Far"
    places.append(Place("Near", Point(53.71, -1.8), 5000))
    assert nearest_place(here, places, 1000).name == "Near"
    places[1] = Place("Nearer", Point(53.701, -1.8), 5000)
    assert nearest_place(here, places, 1000).name == "Nearer"
    assert nearest_place(here, places, 10_000).name == "Nearer"  # none big enough: every place counts


# -- nearest_first ---------------------------------------------------------------


def test_opportunities_as_far_are_listed_by_title_then_slug():
    here = Point(53.0, 0.0)
    east, west = Point(53.0, 0.05), Point(53.0, -0.05)
    assert reference_miles(here, east) == reference_miles(here, west)
    opportunities = [
        opportunity("b-2", east, title="Same title"),
        opportunity("zebra", west, title="apple"),
        opportunity("b-1", west, title="same title"),
        opportunity("nearer", Point(53.0, 0.01)),
        opportunity("Apple", east, title="Apple"),
    ]
    check_nearest_first(opportunities, here, 10, limits=(1, 2, 3, 4, 5, 6))
    nearby, count = NearbyIndex(opportunities).nearest_first(here, 10, 10)
    assert [item.opportunity.slug for item in nearby] == ["nearer", "Apple", "zebra", "b-1", "b-2"] and count == 5


def test_an_opportunity_is_measured_from_its_nearest_place_the_first_of_equals():
    here = Point(53.0, 0.0)
    east, west = Point(53.0, 0.05), Point(53.0, -0.05)
    two = opportunity("two-places", None, Point(53.2, 0.0), east, west)
    (found,), count = NearbyIndex([two]).nearest_first(here, 10, 5)
    assert found.location is two.locations[2] and found.miles == reference_miles(here, east) and count == 1
    check_nearest_first([two], here, 10)


def test_a_place_exactly_at_the_edge_of_reach_is_within_it():
    here = Point(53.7, -1.8)
    edge = Point(53.8, -1.75)
    within = reference_miles(here, edge)
    opportunities = [opportunity("edge", edge), opportunity("inside", Point(53.75, -1.8)), opportunity("outside", Point(53.9, -1.8))]
    index = NearbyIndex(opportunities)
    for limit in (1, 2, 5):
        nearby, count = index.nearest_first(here, within, limit)
        assert [item.opportunity.slug for item in nearby] == ["inside", "edge"][:limit] and count == 2
        nearby, count = index.nearest_first(here, math.nextafter(within, 0), limit)
        assert [item.opportunity.slug for item in nearby] == ["inside"] and count == 1
    check_nearest_first(opportunities, here, within)
    check_nearest_first(opportunities, here, math.nextafter(within, 0))


def test_opportunities_without_a_located_place_are_never_listed():
    here = Point(53.7, -1.8)
    unlocated = [opportunity("no-places"), opportunity("no-position", None, None)]
    assert NearbyIndex(unlocated).nearest_first(here, 10, 5) == ([], 0)
    assert NearbyIndex([]).nearest_first(here, 10, 5) == ([], 0)
    mixed = [*unlocated, opportunity("located", None, Point(53.71, -1.8))]
    nearby, count = NearbyIndex(mixed).nearest_first(here, 10, 5)
    assert [item.opportunity.slug for item in nearby] == ["located"] and count == 1


def test_the_limit_cuts_a_run_of_equals_by_title():
    here = Point(53.7, -1.8)
    spot = Point(53.72, -1.79)
    opportunities = [opportunity(f"o-{number}", spot, title=f"Title {number % 7}") for number in range(30)]
    for limit in (1, 5, 6, 29, 30):
        check_nearest_first(opportunities, here, 10, limits=(limit,))


def test_nearest_first_is_the_references_from_many_points():
    """Places all over and around the region, some a hair apart (equal to the millionth of a mile the sort rounds
    to, told apart by title), from points anywhere in it, with reaches and limits of every size."""
    rng = random.Random(4)
    spots = [random_point(rng) for _ in range(300)]
    opportunities = []
    for number in range(900):
        points = []
        for _ in range(rng.choice((0, 1, 1, 1, 2, 3))):
            spot = rng.choice(spots)
            points.append(rng.choice((spot, None, Point(spot.lat + rng.uniform(-1e-8, 1e-8), spot.lon), random_point(rng))))
        opportunities.append(opportunity(f"opportunity-{number}", *points, title=rng.choice(("Befriending", "Driving", "Gardening", f"Role {number}"))))
    index = NearbyIndex(opportunities)
    for _ in range(150):
        point = rng.choice((random_point(rng), rng.choice(spots)))
        within = rng.choice((0.5, 3, 10, 25, rng.uniform(0, 30)))
        want = reference_nearest_first(opportunities, point, within)
        for limit in (1, 10, 100, 1000):
            nearby, count = index.nearest_first(point, within, limit)
            assert (listed(nearby), count) == (want[:limit], len(want)), (point, within, limit)
