"""Pelican plugin: feeds, calendar, open data and the partner widget, from ``context["portal"]``.

Everything here lists open opportunities only and is built from the model in
one pass, so partners get stable, reproducible files: same content and
``SOURCE_DATE_EPOCH`` give the same bytes.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from portal_content.links import FACETS, SiteLinks, facet_keys, long_date, selections

from .embed import script_safe_json, widget_data_files
from .feeds import feed_files, feed_items
from .open_data import OPPORTUNITY_EXTRAS, field_rows, open_data_files, record_schema
from .sessions import calendar_files

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


class PortalFeedsGenerator(Generator):
    """Writes /feeds/, /api/, /embed/, per-opportunity sessions.ics and the /partners/ page."""

    def generate_output(self, writer):
        site = self.context.get("portal")
        if site is None:
            logger.error("portal_feeds: no site model; put portal_content before portal_feeds in PLUGINS")
            return
        started = time.perf_counter()
        links = SiteLinks.from_settings(self.settings)
        lists = selections(site)
        files: dict[str, bytes] = {}
        items = feed_items(site.open_opportunities, links)
        for selection in lists:
            files.update(feed_files(selection, items, site, links, self.settings))
        files.update(calendar_files(site, links, self.settings))
        files.update(open_data_files(site, links))
        files.update(widget_data_files(lists, site.open_opportunities, links))
        for name in ("embed.js", "frame.js"):
            files[f"embed/{name}"] = (STATIC / name).read_bytes()
        logger.info("portal_feeds: %d files in %.1f s", len(files), time.perf_counter() - started)
        output = Path(self.output_path)
        for path in sorted(files):
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        self._write_pages(writer, site, links, lists)

    def _write_pages(self, writer, site, links: SiteLinks, lists) -> None:
        context = {
            **self.context,
            "feed_lists": lists,
            "feed_facets": FACETS,
            "facet_keys": facet_keys,
            "long_date": long_date,
        }
        embed_url = links.absolute("embed/embed.js")
        area = _example_area(site)
        writer.write_file(
            "partners/index.html",
            self.get_template("partners"),
            {
                **context,
                "page_url": "partners/",
                "example_area": area,
                "widget_snippet": f'<script src="{embed_url}" data-area="{area}" data-limit="5" async></script>',
                "iframe_snippet": (
                    f'<iframe src="{links.absolute("embed/")}?area={area}&amp;limit=5" '
                    'title="Volunteering opportunities" width="100%" height="600" loading="lazy"></iframe>'
                ),
                "opportunity_fields": field_rows(record_schema("opportunity", OPPORTUNITY_EXTRAS, site.vocabularies)),
            },
            relative_urls=False,
        )
        headings = {selection.name: selection.heading for selection in lists}
        writer.write_file(
            "embed/index.html",
            self.get_template("embed"),
            {**context, "page_url": "embed/", "noindex": True, "headings_json": Markup(script_safe_json(headings))},
            relative_urls=False,
        )


def _example_area(site) -> str:
    areas = site.vocabularies.keys("areas")
    return "leeds" if "leeds" in areas else areas[0]


def get_generators(pelican_object):
    return PortalFeedsGenerator


def register():
    signals.get_generators.connect(get_generators)
