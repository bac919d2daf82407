"""The build's last line says what it built, in the portal's words.

Pelican ends with "Processed 0 articles, ... 4 pages": true of Pelican's own
content types, misleading for a site of opportunities. This prints one line
from the model instead, after every other plugin (Pagefind included) has
finished, and keeps Pelican's line out of the log.
"""

from __future__ import annotations

import time

from pelican import signals
from pelican.log import console


class BuildSummary:
    """Times one build, from Pelican's start to the end of the last ``finalized`` handler."""

    def __init__(self):
        self.started = time.perf_counter()
        self.counts: list[str] | None = None

    def count(self, context: dict) -> None:
        """Counted once everything is generated: the model is released before the line is printed."""
        site = context.get("portal")
        pages = len(context.get("pages") or [])
        self.counts = [
            f"{_count(len(site.opportunities), 'opportunity', 'opportunities')} ({len(site.open_opportunities)} open)",
            _count(len(site.organisations), "organisation", "organisations"),
            _count(len(site.principles), "principle", "principles"),
            _count(pages, "page", "pages"),
        ]

    def line(self) -> str | None:
        if self.counts is None:
            return None
        return f"Built {', '.join(self.counts[:-1])} and {self.counts[-1]} in {time.perf_counter() - self.started:.1f} s"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


_build: BuildSummary | None = None  # one build at a time per process


def start(pelican_object):
    """Connected at ``initialized``, so ``finish`` is connected after every plugin's own ``finalized`` handler."""
    global _build
    _build = BuildSummary()
    console.quiet = False
    signals.all_generators_finalized.connect(remember_context)
    signals.finalized.connect(finish)


def remember_context(generators):
    context = next((generator.context for generator in generators if "portal" in generator.context), None)
    if _build is not None and context is not None:
        _build.count(context)


def finish(pelican_object):
    line = _build.line() if _build is not None else None
    if line:
        print(line, flush=True)
        console.quiet = True  # Pelican's own "Done: Processed ..." line comes next; nothing else does.
