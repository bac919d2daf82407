"""The iCalendar files: exactly the sessions of open opportunities, in the site's time zone."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime

from conftest import TEST_EPOCH, run_build
from helpers_feeds import EXAMPLE, HOST, ZONE, read_content, write_opportunity, write_organisation
from icalendar import Calendar

import pelicanconf


def events(path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return [component for component in calendar.walk("VEVENT")]


def expected_events(facts) -> dict[str, tuple]:
    found = {}
    for opportunity, number, session in facts.sessions():
        start = datetime.fromisoformat(session["start"]).replace(tzinfo=ZONE)
        end = datetime.fromisoformat(session["end"]).replace(tzinfo=ZONE)
        found[f"{opportunity.slug}-{number}@{HOST}"] = (start, end, opportunity)
    return found


def check_events(path, expected: dict[str, tuple]) -> None:
    calendar = Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == [pelicanconf.TIMEZONE]
    found = events(path)
    assert sorted(str(event["UID"]) for event in found) == sorted(expected)
    for event in found:
        start, end, opportunity = expected[str(event["UID"])]
        assert event["DTSTART"].params["TZID"] == pelicanconf.TIMEZONE
        assert event["DTSTART"].dt == start and event["DTEND"].dt == end
        # The wall-clock time people see is the one in the file, summer or winter.
        assert event["DTSTART"].dt.astimezone(ZONE).strftime("%Y-%m-%dT%H:%M") == start.strftime("%Y-%m-%dT%H:%M")
        assert event["DTSTAMP"].dt == datetime.fromtimestamp(int(TEST_EPOCH), tz=UTC)
        assert str(event["URL"]) == opportunity.url
        assert str(event["SUMMARY"]).startswith(opportunity.title)
        assert opportunity.url in str(event["DESCRIPTION"])
        assert str(event["LOCATION"])


def test_site_calendar_has_exactly_the_sessions_of_open_opportunities(example_site):
    facts = read_content(EXAMPLE)
    expected = expected_events(facts)
    assert expected, "the example content should have dated sessions"
    check_events(example_site / "feeds" / "sessions.ics", expected)


def test_each_open_opportunity_with_sessions_has_its_own_calendar(example_site):
    facts = read_content(EXAMPLE)
    with_sessions = {o.slug for o in facts.open if o.data.get("sessions")}
    written = {path.parent.name for path in (example_site / "opportunities").glob("*/sessions.ics")}
    assert written == with_sessions
    everything = expected_events(facts)
    for slug in with_sessions:
        check_events(example_site / "opportunities" / slug / "sessions.ics", {uid: v for uid, v in everything.items() if v[2].slug == slug})


def test_sessions_of_closed_opportunities_are_left_out_and_times_follow_british_summer_time(tmp_path):
    content = tmp_path / "content"
    write_organisation(content, "club", name="Club")
    sessions = textwrap.dedent("""\
        sessions:
          - start: "2027-01-15T10:00"
            end: "2027-01-15T12:00"
          - start: "2027-07-15T10:00"
            end: "2027-07-15T12:30"
            location: The park
        """)
    write_opportunity(content, "summer-fair", organisation="club", title="Summer fair", extra=sessions)
    write_opportunity(content, "gone-fair", organisation="club", title="Gone fair", posted="2026-01-01", extra="closes: 2026-05-01\n" + sessions)
    result = run_build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    check_events(tmp_path / "out" / "feeds" / "sessions.ics", expected_events(read_content(content)))
    assert not (tmp_path / "out" / "opportunities" / "gone-fair" / "sessions.ics").exists()
    winter, summer = events(tmp_path / "out" / "opportunities" / "summer-fair" / "sessions.ics")
    assert winter["DTSTART"].dt.astimezone(UTC).hour == 10  # GMT
    assert summer["DTSTART"].dt.astimezone(UTC).hour == 9  # BST
    assert str(summer["LOCATION"]) == "The park"
    assert str(winter["LOCATION"]) == "The hall"  # no session location: the opportunity's place
