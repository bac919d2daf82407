"""Pelican's writer, with every page's links relative unless a page asks otherwise.

Pelican's own ``write_file`` makes ``SITEURL`` relative (``.``, ``..``, ``../..``)
only when the caller passes ``relative_urls=True``; each plugin remembering to
pass ``RELATIVE_URLS`` is how one page ends up with absolute links. Here the
setting is the default for every page, so a page a plugin adds works on any
host, port or sub-path without knowing about it.
"""

from __future__ import annotations

from pelican.writers import Writer


class PortalWriter(Writer):
    def write_file(self, name, template, context, relative_urls=None, *args, **kwargs):
        if relative_urls is None:
            relative_urls = bool(self.settings.get("RELATIVE_URLS"))
        return super().write_file(name, template, context, relative_urls, *args, **kwargs)
