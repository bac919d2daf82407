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
from portal_content.colours import custom_properties, site_colours
from portal_content.facets import facet_keys
from portal_content.links import SiteLinks, selections
from portal_content.wording import long_date

from .widget_data import near_data, script_safe_json, widget_data_files

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
COLOURS_MARK = "/* PORTAL_COLOURS */ {}"
WIDGET_COLOURS = ("border", "link", "focus", "focus-text", "secondary-text")


def widget_script(source: str, colours: dict[str, str]) -> str:
    """embed.js with the site's colours in it: the widget's defaults, which a partner page can still override."""
    if source.count(COLOURS_MARK) != 1:
        raise ValueError(f"embed.js: expected one {COLOURS_MARK!r} for the colours")
    return source.replace(COLOURS_MARK, script_safe_json({name: colours[name] for name in WIDGET_COLOURS}))


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
        colours = self.settings.get("PORTAL_COLOURS")  # checked by portal_content before the build started
        files["embed/embed.js"] = widget_script((STATIC / "embed.js").read_text(encoding="utf-8"), site_colours(colours)).encode()
        files["embed/frame.js"] = (STATIC / "frame.js").read_bytes()
        files["embed/frame.css"] = (custom_properties(colours) + (STATIC / "frame.css").read_text(encoding="utf-8")).encode()
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
