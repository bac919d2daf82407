"""Pelican plugin: feeds, calendar, open data and the /partners/ page, from ``context["portal"]``.

Everything here lists open opportunities only and is built from the model in
one pass, so partners get stable, reproducible files: same content and
``SOURCE_DATE_EPOCH`` give the same bytes.
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from portal_content.links import FACETS, SiteLinks, selections
from portal_content.reuse import FileReuse

from .feeds import entry_caches, feed_files, feed_items, feed_paths
from .open_data import OPPORTUNITY_EXTRAS, field_rows, open_data_files, record_schema
from .sessions import CalendarParts, opportunity_calendar, site_calendar, site_timezone

logger = logging.getLogger(__name__)


class PortalFeedsGenerator(Generator):
    """Writes /feeds/, /api/, per-opportunity sessions.ics and the /partners/ page."""

    def generate_output(self, writer):
        site = self.context.get("portal")
        if site is None:
            logger.error("portal_feeds: no site model; put portal_content before portal_feeds in PLUGINS")
            return
        started = time.perf_counter()
        links = SiteLinks.from_settings(self.settings)
        lists = selections(site)
        items = feed_items(site.open_opportunities, links)
        caches = entry_caches()
        # A rebuild links the files whose list or opportunity is unchanged from the live site.
        files = FileReuse(self.context, self.output_path)
        # Each selection's files are written as soon as they are made: holding every feed of a
        # large site in memory at once was the build's peak.
        written = 0
        for selection in lists:
            written += files.write(feed_paths(selection), selection, lambda selection=selection: feed_files(selection, items, caches, site, links, self.settings))
        parts = CalendarParts(site_timezone(site, self.settings), site, links)
        written += self._write_files({"feeds/sessions.ics": site_calendar(site, parts, self.settings)})
        zone = hashlib.sha256(parts.timezone).hexdigest()  # every calendar carries the site's VTIMEZONE, which all sessions decide
        for opportunity in site.open_opportunities:
            if opportunity.sessions:
                path = f"{opportunity.url}sessions.ics"
                written += files.write([path], (opportunity, zone), lambda path=path, opportunity=opportunity: {path: opportunity_calendar(opportunity, parts, self.settings)})
        written += self._write_files(open_data_files(site, links))
        logger.info("portal_feeds: %d files in %.1f s", written, time.perf_counter() - started)
        self._write_partners_page(writer, site, lists)

    def _write_files(self, files: dict[str, bytes]) -> int:
        output = Path(self.output_path)
        for path, data in files.items():
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return len(files)

    def _write_partners_page(self, writer, site, lists) -> None:
        """/partners/; its widget section uses the snippets portal_embed puts in the context."""
        writer.write_file(
            "partners/index.html",
            self.get_template("partners"),
            {
                **self.context,
                "page_url": "partners/",
                "feed_lists": lists,
                "feed_facets": FACETS,
                "opportunity_fields": field_rows(record_schema("opportunity", OPPORTUNITY_EXTRAS, site.vocabularies)),
            },
        )


def get_generators(pelican_object):
    return PortalFeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
