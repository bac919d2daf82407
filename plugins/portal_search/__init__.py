"""Pelican plugin: site search with Pagefind.

- What each page tells the index (filters, sort keys, meta) is the model's
  (``portal.search_data(opportunity)``, ``portal.search_sort_defaults``, the
  ``first_sentence`` filter; see ``portal_content.search_facets``): the page
  templates render it when this plugin is enabled, so nothing here reaches into
  another plugin's templates.
- A generator writes ``/search/`` (template ``search.html``): the search UI for
  ``theme/static/js/search.js`` and, without JavaScript, links to browse instead;
  and ``/search/words.json``, the site's own words for "Did you mean …?".
- After the site is written and the build's process has exited (``atomic.before_swap``:
  Pagefind's memory never adds to the build's), the real Pagefind binary indexes it into ``/pagefind/``, in
  shards of at most ``PAGEFIND_SHARD_PAGES`` pages on a large site (see ``indexer``).
  A failure stops the build with one line and exit status 1, never a traceback.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from portal_content.atomic import BuildStopped, before_swap, discard, old_sites_folder
from portal_content.nearby import near_districts, near_towns
from portal_content.search_facets import filter_labels
from portal_content.timings import stage

from .indexer import SHARD_PAGES, IndexingError, build_index, pagefind_binary
from .near import near_files
from .words import site_words

logger = logging.getLogger(__name__)

SEARCH_SAVE_AS = "search/index.html"
WORDS_SAVE_AS = "search/words.json"


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
            near_districts=list(near_districts(site)),
            near_towns=near_towns(site),
        )
        output = Path(self.output_path)
        for path, data in sorted(near_files(site).items()):  # the Near box's data
            (output / path).parent.mkdir(parents=True, exist_ok=True)
            (output / path).write_bytes(data)
        words = Path(self.output_path) / WORDS_SAVE_AS
        words.write_text(json.dumps(site_words(site), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def index_language(settings) -> str:
    """The one language Pagefind indexes in (DEFAULT_LANG without its region)."""
    return settings.get("DEFAULT_LANG", "en").split("-")[0].lower()


def index_site(pelican_object):
    settings = pelican_object.settings
    try:
        binary = pagefind_binary(settings.get("PAGEFIND_BINARY"))
        site = Path(pelican_object.output_path)
        # The atomic build writes beside the output folder, which still holds the previous site.
        previous = Path(settings["OUTPUT_PATH"]) if settings.get("OUTPUT_PATH") else None
        if previous is not None and previous.resolve() == site.resolve():
            previous = None
        with stage("pagefind (all shards)"):
            warnings = build_index(
                site, binary, index_language(settings), settings.get("PAGEFIND_SHARD_PAGES", SHARD_PAGES), previous,
                done=functools.partial(discard, old_sites=old_sites_folder(settings), kind="pagefind-input"),
            )
    except IndexingError as error:
        raise BuildStopped(f"Search index failed: {error}.") from None
    for warning in warnings:
        logger.warning("Pagefind: %s", warning)
    logger.info("Search index written to %s", Path(pelican_object.output_path) / "pagefind")


def get_generators(pelican_object):
    return SearchPageGenerator


def register():
    signals.get_generators.connect(get_generators)
    before_swap(index_site)  # after the build's process has exited: Pagefind gets its memory
