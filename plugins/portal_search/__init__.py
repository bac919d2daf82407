"""Pelican plugin: site search with Pagefind.

- Templates get ``search_data(opportunity)`` (filters, sort keys, meta for
  ``partials/search_data.html``) and ``search_sort_defaults`` (for every other
  indexed page, ``partials/search_sort_defaults.html``).
- A generator writes ``/search/`` (template ``search.html``): the search UI for
  ``theme/static/js/search.js`` and, without JavaScript, links to browse instead.
- After the site is written, the real Pagefind binary indexes it into ``/pagefind/``.
  A failure stops the build with one line and exit status 1, never a traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .facets import SORT_DEFAULTS, filter_labels, opportunity_search_data
from .indexer import IndexingError, build_index, pagefind_binary

logger = logging.getLogger(__name__)

SEARCH_SAVE_AS = "search/index.html"


class SearchPageGenerator(Generator):
    """Writes /search/: the form, an empty place for results and the filter labels."""

    def generate_output(self, writer):
        site = self.context["portal"]
        writer.write_file(
            SEARCH_SAVE_AS,
            self.get_template("search"),
            self.context,
            page_url="search/",
            search_labels=filter_labels(site),
        )


def add_template_helpers(pelican_object):
    """Make the index data available to every generator's templates (the pages plugin's too)."""
    pelican_object.settings.setdefault("JINJA_GLOBALS", {}).update(
        search_data=opportunity_search_data, search_sort_defaults=SORT_DEFAULTS
    )


def index_language(settings) -> str:
    """The one language Pagefind indexes in (DEFAULT_LANG without its region)."""
    return settings.get("DEFAULT_LANG", "en").split("-")[0].lower()


def index_site(pelican_object):
    settings = pelican_object.settings
    try:
        binary = pagefind_binary(settings.get("PAGEFIND_BINARY"))
        warnings = build_index(Path(pelican_object.output_path), binary, index_language(settings))
    except IndexingError as error:
        # SystemExit, not an exception: Pelican would log a traceback for an exception.
        print(f"Search index failed: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    for warning in warnings:
        logger.warning("Pagefind: %s", warning)
    logger.info("Search index written to %s", Path(pelican_object.output_path) / "pagefind")


def get_generators(pelican_object):
    return SearchPageGenerator


def register():
    signals.initialized.connect(add_template_helpers)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_site)
