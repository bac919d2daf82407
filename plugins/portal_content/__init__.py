"""Pelican plugin: load, validate and model the portal's content.

Entry point :func:`register`. It runs first: when Pelican starts it checks
the settings and the output path, then points the build at a staging folder
that replaces the output folder only if every step succeeds (see
:mod:`.atomic`). The content is loaded while Pelican sets up its generators,
so a content mistake stops the build with every problem listed and nothing
written. Later plugins read the model from ``context["portal"]``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .atomic import AtomicBuild
from .environment import output_problems, settings_problems
from .loader import load_content
from .pagereader import use_page_reader
from .problems import ContentError, report

logger = logging.getLogger(__name__)


class PortalContentGenerator(Generator):
    """Loads the whole site model; writes nothing itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        result = load_content(self.path, self.settings)
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


def register():
    signals.initialized.connect(start_build)
    signals.readers_init.connect(use_page_reader)
    signals.get_generators.connect(get_generators)
