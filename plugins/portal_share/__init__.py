"""Pelican plugin: the shortlist a link worker hands to a patient, and how shared links look.

- ``/shortlist/`` (template ``shortlist.html``): the opportunities named in its address
  (``?ids=a,b,c``), drawn by ``theme/static/js/shortlist/page.js`` from each opportunity
  page's handout (``macros/handout.html``); without JavaScript it explains itself.
  Each handout's QR code comes from the model's ``qr_svg`` filter (``portal_content.qr``):
  this plugin installs nothing in other generators' templates.
- ``favicon.svg``, ``favicon.ico`` and ``og-image.png`` in the site root, drawn from
  ``PORTAL_COLOURS`` (see :mod:`portal_share.images`).
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from .images import write_images

SHORTLIST_SAVE_AS = "shortlist/index.html"


class SharePageGenerator(Generator):
    """Writes /shortlist/ and the site's icons and sharing picture."""

    def generate_output(self, writer):
        writer.write_file(SHORTLIST_SAVE_AS, self.get_template("shortlist"), self.context, page_url="shortlist/")
        write_images(self.output_path, self.settings)


def get_generators(pelican_object):
    return SharePageGenerator


def register():
    signals.get_generators.connect(get_generators)
