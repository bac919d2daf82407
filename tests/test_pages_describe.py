"""The plain-English wording of opportunity facts, checked directly."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from portal_content import wording as describe
from portal_content.model import Hours
from portal_content.vocabularies import Vocabularies

VOCABULARIES = Vocabularies()


def opportunity(hours=None, schedule=("weekday-daytime",), duration="ongoing", dbs="none", min_age=None, expenses=None, closes=None):
    commitment = SimpleNamespace(
        hours_per_week=hours,
        schedule=[VOCABULARIES.term("schedules", key) for key in schedule],
        duration=VOCABULARIES.term("durations", duration),
        min_months=None,
    )
    requirements = SimpleNamespace(dbs_check=VOCABULARIES.term("dbs_checks", dbs), min_age=min_age, skills=[])
    return SimpleNamespace(commitment=commitment, requirements=requirements, support=SimpleNamespace(expenses=expenses), closes=closes)


def test_commitment_reads_as_one_sentence():
    assert describe.commitment_summary(opportunity(Hours(3, 3))) == "About 3 hours a week, weekday daytimes, ongoing"
    assert describe.commitment_summary(opportunity(Hours(1, 1))) == "About 1 hour a week, weekday daytimes, ongoing"
    assert describe.commitment_summary(opportunity(Hours(2, 4.5), ("weekday-evenings", "weekends"), "fixed-term")) == "2 to 4.5 hours a week, weekday evenings or weekends, fixed term"
    assert describe.commitment_summary(opportunity(None, ("flexible",), "one-off")) == "Flexible times, one-off"
    assert describe.hours_summary(Hours(2, None)) == "At least 2 hours a week"
    assert describe.hours_summary(Hours(None, 6)) == "Up to 6 hours a week"


def test_checks_and_support_are_only_mentioned_when_the_data_says_so():
    assert describe.dbs_summary(opportunity(dbs="enhanced")) == "Enhanced DBS check needed"
    assert describe.dbs_summary(opportunity(dbs="none")) == ""
    assert describe.age_summary(opportunity(min_age=18)) == "You need to be 18 or over"
    assert describe.age_summary(opportunity()) == ""
    assert describe.expenses_summary(opportunity(expenses=True)) == "Out-of-pocket expenses paid"
    assert describe.expenses_summary(opportunity(expenses=None)) == ""


def test_dates_are_written_out_in_full_without_the_locale():
    assert describe.long_date(date(2026, 9, 1)) == "1 September 2026"
    assert describe.closing_summary(opportunity(closes=date(2027, 1, 31))) == "Apply by 31 January 2027"
    assert describe.closing_summary(opportunity()) == "No closing date"
