"""Right time: commitment.times on the page and in search, /sessions/ and the home page's "Happening soon".

Expected values come from the content files (plain YAML) and the build date, not the model.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest
from conftest import TEST_EPOCH, run_check
from helpers_content import OPP, opportunity, write_content
from helpers_feeds import BUILD_DATE, EXAMPLE, ZONE, read_content
from helpers_pages import page
from helpers_search import SCHEDULE_DAY_PARTS, WEEK

NOW = datetime.fromtimestamp(int(TEST_EPOCH), tz=ZONE)


@pytest.fixture(scope="module")
def facts():
    return read_content(EXAMPLE)


def test_times_show_as_a_table_of_days_and_parts(example_site, facts):
    with_times = [opening for opening in facts.open if opening.data["commitment"].get("times")]
    assert len(with_times) >= 2
    for opening in with_times:
        table = page(example_site, f"/opportunities/{opening.slug}/").one("table", class_="times-table")
        assert table.one("caption").text == "When volunteers are needed"
        assert [th.text for th in table.one("thead").find_all("th")] == ["Morning", "Afternoon", "Evening"]
        rows = table.one("tbody").find_all("tr")
        assert [row.one("th").get("scope") for row in rows] == ["row"] * 7
        shown = {f"{row.one('th').text.lower()}-{part}" for row in rows for part, cell in zip(("morning", "afternoon", "evening"), row.find_all("td"), strict=True) if cell.text == "Yes"}
        assert shown == set(opening.data["commitment"]["times"])
    without = next(opening for opening in facts.open if not opening.data["commitment"].get("times"))
    assert page(example_site, f"/opportunities/{without.slug}/").find("table", class_="times-table") is None


def test_when_can_you_help_counts_times_or_what_the_schedule_implies(example_site, facts):
    html = (example_site / "search" / "index.html").read_text(encoding="utf-8")
    labels = json.loads(re.search(r'<script type="application/json" id="search-labels">(.*?)</script>', html, re.S).group(1))
    group = next(group for group in labels if group["name"] == "times")
    assert group["legend"] == "When can you help?"
    expected: dict[str, int] = {}
    for opening in facts.open:
        commitment = opening.data["commitment"]
        parts = set(commitment.get("times") or [part for name in commitment["schedule"] for part in SCHEDULE_DAY_PARTS[name]])
        for part in parts:
            expected[part] = expected.get(part, 0) + 1
    assert {key: count for key, _, count in group["values"]} == expected
    order = [f"{day}-{part}" for day in WEEK for part in ("morning", "afternoon", "evening")]
    assert [key for key, _, _ in group["values"]] == [key for key in order if key in expected]
    assert group["values"][0][:2] == ["monday-morning", "Monday morning"]


def upcoming(facts):
    found = []
    for opening, _, session in facts.sessions():
        start = datetime.fromisoformat(session["start"]).replace(tzinfo=ZONE)
        end = datetime.fromisoformat(session["end"]).replace(tzinfo=ZONE)
        if end >= NOW:
            found.append((start, opening.title.casefold(), opening.slug, opening.title))
    return sorted(found)


def listed(document):
    items = []
    for item in document.find_all("li", class_="session-list__item"):
        items.append((item.one("time").get("datetime"), item.one("p", class_="session-list__what").one("a").text))
    return items


def test_sessions_page_lists_upcoming_sessions_soonest_first(example_site, facts):
    expected = upcoming(facts)
    assert len(expected) >= 4 and any(start - NOW < timedelta(days=30) for start, *_ in expected)
    document = page(example_site, "/sessions/")
    assert listed(document) == [(start.isoformat(), title) for start, _, _, title in expected]
    headings = [h2.text for h2 in document.one("main").find_all("h2")]
    first = expected[0][0]
    assert headings[0] == f"{first:%A} {first.day} {first:%B %Y}"
    assert any(link.get("href").endswith("feeds/sessions.ics") for link in document.find_all("a"))


def test_home_page_shows_what_is_happening_soon(example_site, facts):
    soon = [entry for entry in upcoming(facts) if entry[0] <= NOW + timedelta(days=30)][:5]
    document = page(example_site, "/")
    heading = document.one("h2", id="happening-soon")
    assert heading.text == "Happening soon"
    items = [item for item in document.find_all("li", class_="session-list__item")]
    assert [(item.one("time").get("datetime"), item.one("a").text) for item in items] == [(start.isoformat(), title) for start, _, _, title in soon]
    assert any(link.get("href").rstrip("/").endswith("sessions") for link in document.find_all("a"))
    assert BUILD_DATE.isoformat() <= soon[0][0].date().isoformat()


def test_a_time_that_is_not_a_day_part_is_an_error_with_a_suggestion(tmp_path):
    content = write_content(tmp_path, {OPP: opportunity("duration: ongoing", "duration: ongoing\ntimes:\n  - monday-mornin")})
    done = run_check(content)
    assert done.returncode != 0
    line = next(number for number, text in enumerate((content / OPP).read_text().splitlines(), 1) if "monday-mornin" in text)
    assert f'{OPP}:{line}: commitment.times[1]: "monday-mornin" is not one of the choices. Did you mean \'monday-morning\'?' in done.stdout + done.stderr
