"""Plain-English wording for dates and opportunity facts: the model's one way to say them.

Kept in Python, not templates, so a summary reads the same on a card, a page,
a search result, a feed and the widget, and so it can be tested directly.
:data:`FILTERS` are installed in every template environment by ``portal_content``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import Markup

from .vocabularies import DAY_PARTS, DAYS

# The words the Python side and the submit form's preview (theme/static/js/submit/preview.js) both
# use: fact labels and the phrases of dates, hours, places and closing dates. One JSON file, so the
# build publishes it to the form (portal_submit) and the JavaScript tests read the same file.
WORDS = json.loads(Path(__file__).with_name("wording.json").read_text(encoding="utf-8"))
LABELS: dict[str, str] = WORDS["labels"]  # the facts pages list about an opportunity or organisation
PHRASES: dict = WORDS["phrases"]

# Headings and sentences of the opportunity page that depend on its data.
PAGE = {
    "needs": "What you need",
    "support": "Support and access",
    "related": "Similar opportunities",
    "related_closed": "Similar opportunities that are open now",
    "closed_title": "Closed: ",
    "closed_description": "This opportunity has closed. ",
    "supported": "Extra support is available for people who need it to take part",
    "dbs_help": "What a DBS check is, who pays and how long it takes",
    "after_applying": "What happens after you apply",
    "about": "About {name}",
    "adopted_on": "Adopted on {date}",
    "not_adopted": "Not adopted yet",
    "none_open": "No open opportunities at the moment",
    "email": "Email",
    "phone": "Phone",
}

MONTHS = tuple(PHRASES["months"])


def long_date(day) -> str:
    """'31 January 2027', whatever locale Pelican set; '' for no date."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def open_count(count: int) -> str:
    """'1 open opportunity', '12 open opportunities'."""
    return f"{count} open {'opportunity' if count == 1 else 'opportunities'}"


def miles(value: float) -> str:
    """10 -> '10 miles', 1 -> '1 mile'."""
    return "1 mile" if value == 1 else f"{value:g} miles"


def first_sentence(html: str, limit: int = 200) -> str:
    """The first sentence of some HTML as plain text: a clean one-line summary for a search result."""
    text = " ".join(Markup(html or "").striptags().split())
    match = re.search(r"^(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _hours_word(value: float) -> str:
    return PHRASES["hour"] if value == 1 else PHRASES["hours"]


def hours_summary(hours) -> str:
    """'About 3 hours a week', '2 to 4 hours a week', '' when the data does not say."""
    if hours is None or (hours.low is None and hours.high is None):
        return ""
    low, high = hours.low, hours.high
    if low is not None and high is not None and low != high:
        return PHRASES["hours_range"].format(low=_number(low), high=_number(high))
    if low is not None and high is not None:
        return PHRASES["hours_about"].format(n=_number(low), unit=_hours_word(low))
    if low is not None:
        return PHRASES["hours_at_least"].format(n=_number(low), unit=_hours_word(low))
    return PHRASES["hours_up_to"].format(n=_number(high), unit=_hours_word(high))


def join_words(words: list[str], last: str = PHRASES["and"]) -> str:
    words = [word for word in words if word]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def schedule_summary(schedule) -> str:
    """'weekday daytimes or weekends' (lower case, to sit inside a sentence)."""
    return join_words([term.label.lower() for term in schedule], PHRASES["or"])


def commitment_summary(opportunity) -> str:
    """'About 3 hours a week, weekday daytimes, ongoing'."""
    commitment = opportunity.commitment
    parts = [hours_summary(commitment.hours_per_week), schedule_summary(commitment.schedule), commitment.duration.label.lower()]
    parts = [part for part in parts if part]
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def minimum_stay(opportunity) -> str:
    months = opportunity.commitment.min_months
    if not months:
        return ""
    return f"At least {months} month{'s' if months != 1 else ''}"


def dbs_summary(opportunity) -> str:
    """'Enhanced DBS check needed', or '' when no check is asked for."""
    check = opportunity.requirements.dbs_check
    if check.key == "none":
        return ""
    return f"{check.label} needed"


def age_summary(opportunity) -> str:
    age = opportunity.requirements.min_age
    if not age:
        return ""
    return f"You need to be {age} or over"


def expenses_summary(opportunity) -> str:
    expenses = opportunity.support.expenses
    if expenses is None:
        return ""
    return "Out-of-pocket expenses paid" if expenses else "Expenses are not paid"


def where_summary(opportunity) -> str:
    """'Leeds and Bradford District and Craven', plus 'or from home' for remote roles."""
    places = join_words([term.label for term in opportunity.areas])
    if opportunity.remote and opportunity.locations:
        return PHRASES["or_from_home"].format(places=places)
    if opportunity.remote:
        return PHRASES["remote"]
    return places


def closing_summary(opportunity) -> str:
    if opportunity.closes is None:
        return PHRASES["no_closing_date"]
    return PHRASES["apply_by"].format(date=long_date(opportunity.closes))


def times_grid(times) -> list[tuple[str, list[bool]]]:
    """[("Monday", [morning?, afternoon?, evening?]), ...] for the "When volunteers are needed" table."""
    chosen = {term.key for term in times}
    return [(day.capitalize(), [f"{day}-{part}" in chosen for part in DAY_PARTS]) for day in DAYS]


def session_start(session) -> str:
    """'14 March 2027, 10:00'."""
    return f"{long_date(session.start.date())}, {session.start.strftime('%H:%M')}"


def session_end(session) -> str:
    """'13:00', or with the end's date when it ends on another day."""
    end = session.end.strftime("%H:%M")
    if session.end.date() != session.start.date():
        end = f"{long_date(session.end.date())}, {end}"
    return end


def session_time(session) -> str:
    """'10:00 to 13:00', or with the end's date when it ends on another day."""
    return f"{session.start.strftime('%H:%M')} to {session_end(session)}"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_heading(day) -> str:
    """'Saturday 12 December 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {long_date(day)}"


FILTERS = {
    "long_date": long_date,
    "miles": miles,
    "open_count": open_count,
    "first_sentence": first_sentence,
    "hours_summary": hours_summary,
    "commitment_summary": commitment_summary,
    "minimum_stay": minimum_stay,
    "dbs_summary": dbs_summary,
    "age_summary": age_summary,
    "expenses_summary": expenses_summary,
    "where_summary": where_summary,
    "closing_summary": closing_summary,
    "join_words": join_words,
    "times_grid": times_grid,
    "session_time": session_time,
    "day_heading": day_heading,
}
