"""Absolute addresses and the selections (all, or one organisation/area/activity/setting) every output shares.

Feeds, the calendar, open data (portal_feeds) and the partner widget
(portal_embed) must agree on one list per facet key, so the lists are built
here, beside the model, once per build in one pass over the open
opportunities; both plugins import them from here rather than from each other.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pelican.utils import get_relative_path

from . import facets

logger = logging.getLogger(__name__)

FACETS = tuple(facet.key for facet in facets.FACETS)


def page_siteurl(save_as: str, settings: dict) -> str:
    """What ``SITEURL`` is on the page saved as ``save_as``: '..' for 'about/index.html' (as Pelican's
    writer makes it), or the absolute address when ``RELATIVE_URLS`` is off."""
    if settings.get("RELATIVE_URLS"):
        return get_relative_path(save_as)
    return (settings.get("SITEURL") or "").rstrip("/")


ROOT_LINK = re.compile(r"""(<[a-z][^>]*?\s(?:href|src)=["'])/(?!/)""", re.IGNORECASE)


def relative_root_links(html: str, siteurl: str) -> str:
    """Links written from the site root in Markdown (``[About](/about/)``) made to work from this page."""
    return ROOT_LINK.sub(lambda match: f"{match.group(1)}{siteurl}/", html)


@dataclass(frozen=True)
class SiteLinks:
    """Turns site-relative paths into the absolute URLs feeds and partners need."""

    base: str  # no trailing slash
    timezone: ZoneInfo

    @classmethod
    def from_settings(cls, settings: dict) -> SiteLinks:
        base = (settings.get("SITEURL") or "").rstrip("/")
        if not base.startswith(("http://", "https://")):  # Pelican's old idiom: SITEURL "" and FEED_DOMAIN absolute
            base = (settings.get("FEED_DOMAIN") or base).rstrip("/")
        if not base.startswith(("http://", "https://")):
            logger.warning("portal: set SITEURL to the site's absolute address; feeds, the sitemap and the widget need absolute links")
        return cls(base, ZoneInfo(settings.get("TIMEZONE") or "Europe/London"))

    def absolute(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    @property
    def host(self) -> str:
        return urlsplit(self.base).hostname or "localhost"

    def midnight(self, day: date) -> datetime:
        """A content date as an aware datetime: the start of that day in the site's time zone."""
        return datetime.combine(day, time(0), tzinfo=self.timezone)


@dataclass
class Selection:
    """One published list: every open opportunity, or those of one facet key."""

    facet: str | None  # None for everything
    key: str | None
    label: str
    page_url: str  # the matching HTML page, relative to the site root
    opportunities: list = field(default_factory=list)  # open ones, newest first

    @property
    def name(self) -> str:
        """The path stem shared by its feed, widget data and so on: 'all' or 'areas/leeds'."""
        return "all" if self.facet is None else f"{self.facet}/{self.key}"

    @property
    def heading(self) -> str:
        """The same words as the list's own page (the facet registry's)."""
        return facets.ALL_HEADING if self.facet is None else facets.BY_KEY[self.facet].heading_for(self.label)


def selections(site) -> list[Selection]:
    """'all' first, then every organisation and every vocabulary key, each with its open opportunities."""
    found = [Selection(None, None, "All", "opportunities/", list(site.open_opportunities))]
    for facet in facets.FACETS:
        for term in facets.facet_terms(site, facet):
            found.append(Selection(facet.key, term.key, term.label, f"{facet.key}/{term.key}/", site.open_by_facet[facet.key][term.key]))
    return found
