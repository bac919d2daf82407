"""Every /near/<district>/ page of a generated site, against an independent computation.

The pages are built from rough distances (portal_content.nearby.NearbyIndex: numpy measures every place,
and only opportunities that could be within reach and among the nearest are measured exactly). Generated
content (benchmarks/generate.py) spreads places over whole postcode areas, so many opportunities sit near
the edge of a page's reach; the expected lists come from the YAML files and Code-Point Open rows read here.
"""

from __future__ import annotations

import pytest
from conftest import run_build
from helpers_feeds import read_content
from helpers_geo import centre_of, miles, miles_text, near_listing, normalise, postcode_point
from helpers_pages import page
from helpers_settings import settings_file

import pelicanconf
from benchmarks.generate import generate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("near-grid")
    content = generate(folder / "content", 160, 7)
    result = run_build(content, folder / "output")
    assert result.returncode == 0, result.log
    return read_content(content), folder / "output"


def expected_pages(facts, within: float) -> dict[str, list[tuple[str, str]]]:
    """district -> [(slug, "2.4 miles away"), ...] nearest first (ties by title, then slug)."""
    points = {
        opening.slug: [postcode_point(place["postcode"]) for place in opening.data.get("locations") or [] if place.get("postcode")]
        for opening in facts.open
    }
    districts = {normalise(place["postcode"]).split(" ")[0] for opening in facts.open for place in opening.data.get("locations") or [] if place.get("postcode")}
    pages = {}
    for district in districts:
        centre = centre_of(f"{district} ")
        found = []
        for opening in facts.open:
            distances = [miles(centre, point) for point in points[opening.slug]]
            if distances and min(distances) <= within:
                found.append((round(min(distances), 6), opening.title.casefold(), opening.slug, miles_text(min(distances))))
        pages[district.lower()] = [(slug, words) for _, _, slug, words in sorted(found)]
    return pages


def test_every_near_page_lists_exactly_what_is_within_reach(generated):
    facts, output = generated
    expected = expected_pages(facts, getattr(pelicanconf, "PORTAL_NEAR_MILES", 10))
    # District pages (town pages, /near/keighley/, are words: test_geo_towns.py).
    assert {path.name for path in (output / "near").iterdir() if any(character.isdigit() for character in path.name)} == set(expected)
    edge = 0
    for district, want in sorted(expected.items()):
        assert near_listing(output, f"/near/{district}/") == want, district
        edge += sum(1 for _, words in want if words.startswith(("9.", "10 ")))
    # Places near the edge of reach are what a grid could get wrong: there are some.
    assert edge >= 10, edge
    assert any(len(want) < len(facts.open) / 2 for want in expected.values())


def test_near_pages_list_only_the_nearest_up_to_the_limit(generated, tmp_path):
    """PORTAL_NEAR_LIMIT keeps every /near/ page to the nearest few, saying how many are within reach."""
    facts, output = generated
    limit = 7
    content = output.parent / "content"
    limited = tmp_path / "output"
    result = run_build(content, limited, settings=settings_file(tmp_path, PORTAL_NEAR_LIMIT=limit))
    assert result.returncode == 0, result.log
    within = getattr(pelicanconf, "PORTAL_NEAR_MILES", 10)
    expected = expected_pages(facts, within)
    capped = 0
    for district, want in sorted(expected.items()):
        assert near_listing(limited, f"/near/{district}/") == want[:limit], district
        count = page(limited, f"/near/{district}/").one("p", class_="list-count").text
        if len(want) > limit:
            capped += 1
            assert f"of the {limit} nearest of {len(want)} open opportunities" in " ".join(count.split()), count
        else:
            assert "nearest of" not in count
    assert capped >= 3, capped
