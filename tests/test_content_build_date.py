"""'Today' is the build date in the site's time zone: SOURCE_DATE_EPOCH when set."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from helpers_content import OPP, opportunity
from helpers_loader import load


def epoch(text: str) -> str:
    return str(int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()))


@pytest.mark.parametrize(
    ("closes", "is_open"),
    [("2026-11-25", False), ("2026-11-26", True), ("2026-11-27", True)],
)
def test_open_on_the_closing_day_closed_the_day_after(closes, is_open, tmp_path, monkeypatch):
    site = load(tmp_path, monkeypatch, {OPP: opportunity(append=f"closes: {closes}\n")}).site
    assert site.build_date == date(2026, 11, 26)
    assert site.opportunities[0].is_open is is_open
    assert (site.open_opportunities == site.opportunities) is is_open


def test_no_closing_date_is_open(tmp_path, monkeypatch):
    assert load(tmp_path, monkeypatch, {}).site.opportunities[0].is_open


def test_build_date_is_london_date_not_utc_date_in_summer(tmp_path, monkeypatch):
    """23:30 UTC on 14 July is 00:30 on 15 July in London: an opportunity closing on the 14th is closed."""
    changes = {
        OPP: opportunity(append="closes: 2027-07-14\n"),
        "opportunities/other.yaml": opportunity(append="closes: 2027-07-15\n"),
    }
    site = load(tmp_path, monkeypatch, changes, epoch=epoch("2027-07-14T23:30:00")).site
    assert site.build_date == date(2027, 7, 15)
    assert site.build_time.isoformat() == "2027-07-15T00:30:00+01:00"
    assert {opp.slug: opp.is_open for opp in site.opportunities} == {"ward-companion": False, "other": True}


def test_build_date_in_winter_is_utc_date(tmp_path, monkeypatch):
    site = load(tmp_path, monkeypatch, {OPP: opportunity(append="closes: 2027-01-14\n")}, epoch=epoch("2027-01-14T23:30:00")).site
    assert site.build_date == date(2027, 1, 14)
    assert site.opportunities[0].is_open
