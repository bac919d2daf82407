"""iCalendar (RFC 5545, via the ``icalendar`` library) for dated sessions of open opportunities.

UIDs are ``<slug>-<n>@<host>`` (n counts the sessions in file order), so a
calendar that subscribed once updates events instead of duplicating them.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from icalendar import Calendar, Event, Timezone
from portal_content import cache
from portal_content.links import SiteLinks


def _location(opportunity, session) -> str | None:
    if session.location:
        return session.location
    if opportunity.locations:
        place = opportunity.locations[0]
        return ", ".join(part for part in (place.name, place.address, place.postcode) if part)
    return "Online" if opportunity.remote else None


def site_timezone(site, settings: dict) -> Timezone:
    """The VTIMEZONE for the site's zone, covering the years the open sessions fall in (the build
    date's when there are none). Built once: it is the slow part, and every calendar shares it."""
    zone = settings.get("TIMEZONE") or "Europe/London"
    days = [day for opportunity in site.open_opportunities for session in opportunity.sessions for day in (session.start.date(), session.end.date())]
    days = days or [site.build_date]
    return Timezone.from_tzid(zone, first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366))


class CalendarParts:
    """The time zone and each session's VEVENT serialised once: a session is in the site-wide
    calendar and its opportunity's, and serialising the VTIMEZONE for every calendar was most of
    the calendars' time."""

    def __init__(self, timezone: Timezone, site, links: SiteLinks):
        self.timezone = timezone.to_ical()
        self.site = site
        self.links = links
        self.events: dict[tuple[str, int], bytes] = {}

    def event(self, opportunity, number: int, session) -> bytes:
        key = (opportunity.slug, number)
        if key not in self.events:
            url = self.links.absolute(opportunity.url)
            point = session.place.point if session.place else None
            fields = (
                f"{opportunity.slug}-{number}@{self.links.host}",
                self.site.build_time.astimezone(UTC),
                session.start,
                session.end,
                f"{opportunity.title} ({opportunity.organisation.name})",
                f"{opportunity.summary}\n\nFind out more and apply: {url}",
                _location(opportunity, session),
                (round(point.lat, 5), round(point.lon, 5)) if point else None,
                url,
            )
            # Kept in the build cache by everything it says: a rebuild takes the site-wide calendar's
            # thousands of events from there (the per-opportunity calendars are taken from the last site).
            self.events[key] = cache.active().remember("vevent", repr(fields), lambda: _event(*fields))
        return self.events[key]


def _event(uid, stamp, start, end, summary, description, location, geo, url) -> bytes:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("description", description)
    if location:
        event.add("location", location)
    if geo:
        event.add("geo", geo)
    event.add("url", url)
    return event.to_ical()


CALENDAR_END = b"END:VCALENDAR\r\n"


def session_calendar(name: str, opportunities: list, parts: CalendarParts, settings: dict) -> bytes:
    """One calendar of every session of ``opportunities`` (assumed open)."""
    zone = settings.get("TIMEZONE") or "Europe/London"
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings['SITENAME']}//Volunteering sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone)
    head = calendar.to_ical().removesuffix(CALENDAR_END)
    events = [parts.event(opportunity, number, session) for opportunity in opportunities for number, session in enumerate(opportunity.sessions, 1)]
    return b"".join((head, parts.timezone, *events, CALENDAR_END))


def site_calendar(site, parts: CalendarParts, settings: dict) -> bytes:
    """The site-wide calendar: every session of every open opportunity."""
    return session_calendar(f"Volunteering sessions – {settings['SITENAME']}", site.open_opportunities, parts, settings)


def opportunity_calendar(opportunity, parts: CalendarParts, settings: dict) -> bytes:
    """One open opportunity's sessions, at ``<its URL>sessions.ics``."""
    return session_calendar(opportunity.title, [opportunity], parts, settings)
