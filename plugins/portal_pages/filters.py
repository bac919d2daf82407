"""Jinja filters the theme uses; registered on every generator's environment."""

from __future__ import annotations

from . import describe
from .structured_data import job_posting, script_json


def miles(value: float) -> str:
    """10 -> '10 miles', 1 -> '1 mile'."""
    return "1 mile" if value == 1 else f"{value:g} miles"


def job_posting_json(opportunity, site_url: str, region: str):
    return script_json(job_posting(opportunity, site_url, region))


FILTERS = {
    "long_date": describe.long_date,
    "hours_summary": describe.hours_summary,
    "commitment_summary": describe.commitment_summary,
    "minimum_stay": describe.minimum_stay,
    "dbs_summary": describe.dbs_summary,
    "age_summary": describe.age_summary,
    "expenses_summary": describe.expenses_summary,
    "where_summary": describe.where_summary,
    "closing_summary": describe.closing_summary,
    "join_words": describe.join_words,
    "job_posting_json": job_posting_json,
    "miles": miles,
    "times_grid": describe.times_grid,
    "session_time": describe.session_time,
    "day_heading": describe.day_heading,
}
