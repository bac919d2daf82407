"""Postcode and place lookups (portal_content.places) against rows read straight from Code-Point Open."""

from __future__ import annotations

import math

import pytest
from conftest import run_check
from helpers_content import OPP, opportunity, write_content
from helpers_geo import centre_of, miles, postcode_point, rows
from portal_content.nearby import miles_away
from portal_content.places import Box, Point, Postcodes, gb_places, nearest_place


@pytest.fixture(scope="module")
def leeds():
    return Postcodes(["LS"])


def close(point: Point, expected: tuple[float, float]) -> bool:
    return math.isclose(point.lat, expected[0], abs_tol=1e-6) and math.isclose(point.lon, expected[1], abs_tol=1e-6)


def test_an_exact_postcode_has_its_own_position(leeds):
    found = leeds.lookup("LS9 7TF")
    assert found.precision == "postcode" and found.message == "" and not found.error
    assert close(found.point, postcode_point("LS9 7TF"))


@pytest.mark.parametrize("written", ["ls9 7tf", "LS97TF", "ls97tf", " LS9 7TF".strip()])
def test_lower_case_and_a_missing_space_find_the_same_postcode(leeds, written):
    assert leeds.lookup(written).point == leeds.lookup("LS9 7TF").point


def test_a_postcode_missing_from_the_data_uses_its_sector_centre_with_a_warning(leeds):
    sector = "LS9 7"
    missing = next(f"{sector}{a}{b}" for a in "ZYXW" for b in "ZYXW" if f"{sector}{a}{b}" not in rows("LS"))
    found = leeds.lookup(missing)
    assert found.precision == "sector" and not found.error
    assert close(found.point, centre_of(sector))
    assert missing in found.message and "LS9 7" in found.message


def test_a_postcode_in_a_sector_the_data_lacks_uses_its_district_centre(leeds):
    held = {key[:-2] for key in rows("LS") if key.startswith("LS9 ")}
    sector = next(f"LS9 {digit}" for digit in "0123456789" if f"LS9 {digit}" not in held)
    found = leeds.lookup(f"{sector}ZZ")
    assert found.precision == "district" and not found.error
    assert close(found.point, centre_of("LS9 "))


def test_a_district_that_does_not_exist_is_an_error_with_a_suggestion(leeds):
    districts = {key.split(" ")[0] for key in rows("LS")}
    assert "LS0" not in districts
    found = leeds.lookup("LS0 1AA")
    assert found.error and found.point is None
    assert "there is no postcode district LS0" in found.message and "Did you mean" in found.message


def test_an_area_that_does_not_exist_is_an_error(leeds):
    found = leeds.lookup("QQ1 1AA")
    assert found.error and "QQ is not a postcode area" in found.message


def test_northern_ireland_postcodes_warn_and_have_no_position():
    found = Postcodes(["BT", "LS"]).lookup("BT1 5GS")
    assert found.point is None and not found.error
    assert "Northern Ireland" in found.message and "Code-Point Open" in found.message


def test_distances_are_great_circle_miles():
    leeds, london = Point(53.7965, -1.5478), Point(51.5072, -0.1276)
    assert math.isclose(leeds.miles_to(london), miles((leeds.lat, leeds.lon), (london.lat, london.lon)), rel_tol=1e-7)
    assert 168 < leeds.miles_to(london) < 170  # Leeds to London as the crow flies
    # One degree of latitude is about 69 miles anywhere.
    assert math.isclose(Point(53, -1.5).miles_to(Point(54, -1.5)), 69.09, abs_tol=0.01)


@pytest.mark.parametrize(("value", "text"), [(2.44, "2.4 miles away"), (1.0, "1 mile away"), (0.04, "Less than 0.1 miles away"), (12.0, "12 miles away"), (0.96, "1 mile away")])
def test_distances_are_worded_plainly(value, text):
    assert miles_away(value) == text


def test_place_names_are_cut_to_the_box_and_name_the_locality():
    places = [place for place in gb_places() if Box(53.6, -2.1, 53.9, -1.3).contains(place.point)]
    names = {place.name for place in places}
    assert {"Leeds", "Bradford", "Halifax", "Hebden Bridge", "Keighley"} <= names
    assert "London" not in names
    assert nearest_place(Point(*postcode_point("HX1 3PT")), places, 1000).name == "Halifax"
    assert nearest_place(Point(*postcode_point("HX7 7DD")), places, 1000).name == "Hebden Bridge"


def test_the_check_command_names_file_and_line_for_postcode_problems(tmp_path):
    content = write_content(tmp_path, {OPP: opportunity("postcode: LS9 7TF", "postcode: LS9 7ZZ")})
    missing_ok = "LS9 7ZZ" not in rows("LS")
    assert missing_ok
    done = run_check(content)
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(number for number, text in enumerate((content / OPP).read_text().splitlines(), 1) if "LS9 7ZZ" in text)
    assert f"{OPP}:{line}: warning: locations[1].postcode: LS9 7ZZ is not in OS Code-Point Open" in done.stdout + done.stderr

    content = write_content(tmp_path / "bad", {OPP: opportunity("postcode: LS9 7TF", "postcode: LS0 7TF")})
    done = run_check(content)
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert f"{OPP}:{line}: locations[1].postcode: there is no postcode district LS0. Did you mean" in output
    assert "Traceback" not in output

    content = write_content(tmp_path / "bt", {OPP: opportunity("postcode: LS9 7TF", "postcode: BT1 5GS")})
    done = run_check(content)
    assert done.returncode == 0
    assert f"{OPP}:{line}: warning: locations[1].postcode: BT1 5GS is in Northern Ireland" in done.stdout + done.stderr
