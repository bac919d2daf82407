"""Pelican plugin: the partner widget and its iframe page, under /embed/, from ``context["portal"]``.

Partner sites load ``/embed/embed.js`` (or put ``/embed/`` in an iframe), so
these addresses and bytes are a public contract: the same content and
``SOURCE_DATE_EPOCH`` give the same files. The widget lists the same
selections as the feeds (``portal_content.links``), open opportunities only.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from portal_content.links import SiteLinks, facet_keys, long_date, selections

from .widget_data import script_safe_json, widget_data_files

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


class PortalEmbedGenerator(Generator):
    """Writes /embed/embed.js, /embed/frame.js, /embed/frame.css, /embed/data/**.js and /embed/index.html."""

    def generate_context(self):
        """Offer the copy-paste snippets to the /partners/ page (portal_feeds writes it)."""
        site = self.context.get("portal")
        if site is None:
            return
        links = SiteLinks.from_settings(self.settings)
        area = _example_area(site)
        self.context["partner_embed"] = {
            "example_area": area,
            "widget_snippet": f'<script src="{links.absolute("embed/embed.js")}" data-area="{area}" data-limit="5" referrerpolicy="no-referrer" async></script>',
            "iframe_snippet": (
                f'<iframe src="{links.absolute("embed/")}?area={area}&amp;limit=5" '
                'title="Volunteering opportunities" width="100%" height="600" loading="lazy" referrerpolicy="no-referrer"></iframe>'
            ),
        }

    def generate_output(self, writer):
        site = self.context.get("portal")
        if site is None:
            logger.error("portal_embed: no site model; put portal_content before portal_embed in PLUGINS")
            return
        started = time.perf_counter()
        links = SiteLinks.from_settings(self.settings)
        lists = selections(site)
        files = widget_data_files(lists, site.open_opportunities, links)
        for name in ("embed.js", "frame.js"):
            files[f"embed/{name}"] = (STATIC / name).read_bytes()
        link_colour = (self.settings.get("PORTAL_COLOURS") or {}).get("link", "#1d5a9b")  # checked by portal_content
        files["embed/frame.css"] = f":root {{ --link-colour: {link_colour}; }}\n".encode() + (STATIC / "frame.css").read_bytes()
        output = Path(self.output_path)
        for path in sorted(files):
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        headings = {selection.name: selection.heading for selection in lists}
        writer.write_file(
            "embed/index.html",
            self.get_template("embed"),
            {
                **self.context,
                "facet_keys": facet_keys,
                "long_date": long_date,
                "page_url": "embed/",
                "noindex": True,
                "headings_json": Markup(script_safe_json(headings)),
            },
        )
        logger.info("portal_embed: %d files in %.1f s", len(files) + 1, time.perf_counter() - started)


def _example_area(site) -> str:
    """The area with most open opportunities (the first in the settings on a tie), so the example shows a full list."""
    areas = site.vocabularies.keys("areas")
    counts = {key: 0 for key in areas}
    for opportunity in site.open_opportunities:
        for term in opportunity.areas:
            counts[term.key] = counts.get(term.key, 0) + 1
    return max(areas, key=lambda key: (counts[key], -areas.index(key)))


def get_generators(pelican_object):
    return PortalEmbedGenerator


def register():
    signals.get_generators.connect(get_generators)
