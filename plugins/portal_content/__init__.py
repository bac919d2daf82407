"""Pelican plugin: load, validate and model the portal's content.

Entry point :func:`register`. It runs first: when Pelican starts it checks
the settings and the output path, then points the build at a staging folder
that replaces the output folder only if every step succeeds (see
:mod:`.atomic`). The content is loaded while Pelican sets up its generators,
so a content mistake stops the build with every problem listed and nothing
written. Later plugins read the model from ``context["portal"]``.

Links inside HTML are relative (``RELATIVE_URLS``: Pelican's writer turns
``SITEURL`` into ``..`` and so on, per page), so the site works on any host,
port or sub-path. Formats that need absolute addresses (canonical and Open
Graph tags, JSON-LD, feeds, sitemap, iCalendar, open data, the widget) use
``SITE_ABSOLUTE_URL``, set here once from the settings.
"""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

from jinja2 import BytecodeCache
from pelican import signals
from pelican.generators import Generator

from . import atomic, cache, parallel, qr, summary, timings, wording
from .atomic import AtomicBuild
from .colours import site_colours
from .environment import output_problems, settings_problems
from .links import SiteLinks
from .loader import load_content
from .navigation import main_navigation
from .pagereader import use_page_reader
from .problems import ContentError, report
from .writer import PortalWriter

logger = logging.getLogger(__name__)


class PortalContentGenerator(Generator):
    """Loads the whole site model; writes nothing itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with timings.stage("content: total (read, validate, model)"):
            result = load_content(self.path, self.settings, cache=cache.start(cache.BuildCache.for_settings(self.settings)))
        report(result.problems)
        if result.warnings:
            logger.warning("%d content warning(s), listed above", len(result.warnings))
        if result.errors:
            # SystemExit, not an exception Pelican catches: it would print a traceback.
            print(ContentError(result.errors), file=sys.stderr)
            raise SystemExit(ContentError.exitcode)
        self.context["portal"] = result.site


def start_build(pelican_object):
    """Check settings and the output path before anything is written, then build atomically."""
    settings = pelican_object.settings
    problems = settings_problems(settings) + output_problems(Path(pelican_object.output_path).absolute(), Path(pelican_object.path))
    if problems:
        for problem in problems:
            print(f"Settings problem: {problem}. Nothing was built.", file=sys.stderr)
        raise SystemExit(1)
    AtomicBuild(pelican_object)


def get_generators(pelican_object):
    return PortalContentGenerator


def set_absolute_url(pelican_object):
    """``SITE_ABSOLUTE_URL`` for every template: the site's public address, even where ``SITEURL`` is relative;
    and ``PORTAL_NAVIGATION``, the header's links as data."""
    settings = pelican_object.settings
    settings["SITE_ABSOLUTE_URL"] = SiteLinks.from_settings(settings).base
    settings["PORTAL_NAVIGATION"] = main_navigation(settings.get("PLUGINS") or [])  # names, once Pelican loaded them


class CompiledTemplates(BytecodeCache):
    """Each template compiled once per build: Pelican gives every generator its own Jinja environment,
    and each compiled the base template and the macros again (231 compiles in a build, 45 templates).
    Jinja checks each template's source checksum before using what is kept here."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def add_model_filters(generator):
    """The model's wording (dates, hours, where, closing...) and QR codes as Jinja filters, for every generator's
    templates, which are compiled once for all generators."""
    dark = site_colours(generator.settings.get("PORTAL_COLOURS"))["print-text"]
    generator.env.filters.update(wording.FILTERS, qr_svg=functools.partial(qr.qr_svg, dark=dark))
    generator.env.bytecode_cache = COMPILED


def time_generator(generator):
    """With PORTAL_TIMINGS set, each generator's two steps are timed stages (benchmarks/run.py)."""
    if timings.ENABLED:
        name = type(generator).__name__
        for step in ("generate_context", "generate_output"):
            if hasattr(generator, step):
                setattr(generator, step, timings.timed(f"{name}.{step}", getattr(generator, step)))


def finish_workers(pelican_object):
    """``finalized``: wait for the page-writing workers (timed: their CPU is counted once they are reaped)."""
    with timings.stage("page-writing workers: the wait for them, and their CPU"):
        parallel.finish(pelican_object)


def get_writer(pelican_object):
    return PortalWriter


def register():
    atomic.on_failure(parallel.stop)
    signals.initialized.connect(start_build)
    signals.initialized.connect(set_absolute_url)
    signals.initialized.connect(summary.start)
    signals.readers_init.connect(use_page_reader)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(add_model_filters)
    signals.generator_init.connect(time_generator)
    # Connected here, before any other plugin's: the first finalized handlers, so the sitemap sees
    # every page the workers wrote (whose cache entries are then saved). Pagefind runs after all
    # of them, once the build's process has exited (atomic.before_swap).
    signals.finalized.connect(finish_workers)
    signals.finalized.connect(cache.finish)
