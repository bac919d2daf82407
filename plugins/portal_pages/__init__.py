"""Pelican plugin: the public site's pages, stylesheet and sitemap.

Entry point :func:`register`. The pages generator reads the model that
``portal_content`` stored in ``context["portal"]`` and writes every page of
the public URL contract; the sitemap lists every page any plugin writes, as
Pelican's writer reports them (``content_written``), and is written last.
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import Page
from portal_content.links import page_siteurl, relative_root_links

from .generator import PortalPagesGenerator
from .sitemap import Sitemap

_sitemap = Sitemap()  # the pages of the build running in this process


def get_generators(pelican_object):
    return PortalPagesGenerator


def relative_page_links(content):
    """A content page's Markdown links that start with '/' (``[About](/about/)``) work under any sub-path too."""
    if isinstance(content, Page) and content._content:
        content._content = relative_root_links(content._content, page_siteurl(content.save_as, content.settings))


def start_sitemap(pelican_object):
    global _sitemap
    _sitemap = Sitemap()


def page_written(path, context):
    _sitemap.written(path, context)


def write_sitemap(pelican_object):
    _sitemap.write(pelican_object.output_path, pelican_object.settings["SITE_ABSOLUTE_URL"])


def register():
    signals.get_generators.connect(get_generators)
    signals.content_object_init.connect(relative_page_links)
    signals.initialized.connect(start_sitemap)
    signals.content_written.connect(page_written)
    signals.finalized.connect(write_sitemap)
