"""The build's last line says what it built, in the portal's words.

Pelican ends with "Processed 0 articles, ... 4 pages": true of Pelican's own
content types, misleading for a site of opportunities. This says one line
from the model instead, once the new site is in place (after every other plugin
and Pagefind: ``atomic.say_when_done`` adds the build's time), and keeps
Pelican's line out of the log.
"""

from __future__ import annotations

from pelican import signals
from pelican.log import console

from . import atomic


class BuildSummary:
    """What one build made."""

    def __init__(self):
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
        return f"Built {', '.join(self.counts[:-1])} and {self.counts[-1]}"


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
        atomic.say_when_done(line)
        console.quiet = True  # Pelican's own "Done: Processed ..." line comes next; nothing else does.
