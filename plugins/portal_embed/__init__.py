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
from portal_content.facets import facet_keys
from portal_content.links import SiteLinks, selections
from portal_content.wording import long_date

from .widget_data import near_data, script_safe_json, widget_data_files

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


class PortalEmbedGenerator(Generator):
    """Writes /embed/embed.js, /embed/frame.js, /embed/data/**.js and /embed/index.html."""

    def generate_output(self, writer):
        site = self.context.get("portal")
        if site is None:
            logger.error("portal_embed: no site model; put portal_content before portal_embed in PLUGINS")
            return
        started = time.perf_counter()
        links = SiteLinks.from_settings(self.settings)
        lists = selections(site)
        files = widget_data_files(lists, site.open_opportunities, links, site)
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
                "near_json": Markup(script_safe_json(near_data(site)["districts"])),
            },
        )
        logger.info("portal_embed: %d files in %.1f s", len(files) + 1, time.perf_counter() - started)


def get_generators(pelican_object):
    return PortalEmbedGenerator


def register():
    signals.get_generators.connect(get_generators)
