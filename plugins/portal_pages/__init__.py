"""Pelican plugin: the public site's pages, stylesheet and sitemap.

Entry point :func:`register`. The pages generator reads the model that
``portal_content`` stored in ``context["portal"]`` and writes every page of
the public URL contract; the sitemap is written last, from the output folder,
so pages other plugins write are included without knowing about them.
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import Page
from portal_content.links import page_siteurl, relative_root_links

from .filters import FILTERS
from .generator import PortalPagesGenerator
from .sitemap import write_sitemap


def add_filters(generator):
    """Every generator's templates (Pelican's pages, other plugins') share the theme's filters."""
    generator.env.filters.update(FILTERS)


def get_generators(pelican_object):
    return PortalPagesGenerator


def relative_page_links(content):
    """A content page's Markdown links that start with '/' (``[About](/about/)``) work under any sub-path too."""
    if isinstance(content, Page) and content._content:
        content._content = relative_root_links(content._content, page_siteurl(content.save_as, content.settings))


def write_sitemap_when_done(pelican_object):
    write_sitemap(pelican_object.output_path, pelican_object.settings["SITEURL"])


def register():
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
    signals.content_object_init.connect(relative_page_links)
    signals.finalized.connect(write_sitemap_when_done)
