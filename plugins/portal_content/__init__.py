"""Pelican plugin: load, validate and model the portal's content.

Entry point :func:`register`. The content is loaded while Pelican sets up its
generators, before the output folder is touched, so a content mistake stops
the build with every problem listed and nothing written. Later plugins read
the model from ``context["portal"]``.
"""

from __future__ import annotations

import logging
import sys

from pelican import signals
from pelican.generators import Generator

from .loader import load_content
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


def get_generators(pelican_object):
    return PortalContentGenerator


def register():
    signals.get_generators.connect(get_generators)
