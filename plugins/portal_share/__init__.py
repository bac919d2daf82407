"""Pelican plugin: the shortlist a link worker hands to a patient, and how shared links look.

- ``/shortlist/`` (template ``shortlist.html``): the opportunities named in its address
  (``?ids=a,b,c``), drawn by ``theme/static/js/shortlist/page.js`` from each opportunity
  page's handout (``macros/handout.html``); without JavaScript it explains itself.
- Template filters ``absolute_url`` (a site path as the absolute address printed on paper)
  and ``qr_svg`` (a QR code to that address, made at build time with segno, as inline SVG).
- ``favicon.svg``, ``favicon.ico`` and ``og-image.png`` in the site root, drawn from
  ``PORTAL_COLOURS`` (see :mod:`portal_share.images`).
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator
from portal_content import cache
from portal_content.links import SiteLinks

from .images import write_images
from .qr import qr_svg

SHORTLIST_SAVE_AS = "shortlist/index.html"


def add_filters(generator):
    links = SiteLinks.from_settings(generator.settings)
    generator.env.filters.update(absolute_url=links.absolute, qr_svg=lambda path: qr_code(links.absolute(path)))


def qr_code(url: str):
    """Encoding a QR code is slow (about 30 ms): each one is kept in the build cache by its address."""
    return cache.active().remember("qr", url, lambda: qr_svg(url))


class SharePageGenerator(Generator):
    """Writes /shortlist/ and the site's icons and sharing picture."""

    def generate_output(self, writer):
        writer.write_file(SHORTLIST_SAVE_AS, self.get_template("shortlist"), self.context, page_url="shortlist/")
        write_images(self.output_path, self.settings)


def get_generators(pelican_object):
    return SharePageGenerator


def register():
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
