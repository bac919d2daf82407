"""Pages a rebuild takes from the site it replaces, instead of rendering them again (issue 16).

Rendering is most of a large build's work, and after one changed file nearly every page comes
out the same. So each page the pages generator marks as reusable gets a fingerprint of all it
is made from:
- what every page is made from: the build cache's key (our code, the theme, the settings, the
  libraries), the build time, the site's content pages and the Near box's examples (``stamp``);
- its template's name, its path and the variables it is rendered with, where an opportunity
  counts as the bytes of its file and its organisation's file (that is all the model makes one
  from), an organisation as its file's bytes and its opportunities' files, and other model values
  (terms, places, list pages) by their fields.
A page whose template reads anything else (the home page's counts, the list of organisations)
is never marked reusable. A value the fingerprint cannot describe makes the page render.

The build cache keeps each page's fingerprint with the identity (inode, size, modification
time) of the file the build wrote or linked. When the next build makes the same fingerprint and
the live site still holds that very file, the page is hard-linked from the live site into the
staging folder: the same bytes, for no rendering. A file changed or replaced in between (another
cache, a hand edit, a deploy step) no longer matches, and the page is rendered again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from datetime import date, datetime
from pathlib import Path

from . import atomic, cache
from .model import Opportunity, Organisation

# What a reusable page's templates may read from ``portal`` (the model): the stamp's values, and
# methods whose answer is decided by their argument. A template that reads more must be added here
# with that value in ``stamp``, or its page made with ``reusable=False`` (tests/test_build_reuse.py).
PORTAL_READS = frozenset({"example_postcode", "example_place", "opportunity_page", "search_data", "search_every_page_word", "search_sort_defaults"})
RECORD = "page:"  # cache entries: "page:<path in the site>" -> (live folder, fingerprint, inode, size, mtime)


class _Undescribed(Exception):
    """A variable whose content the fingerprint cannot describe: the page is rendered."""


def stamp(context: dict) -> str:
    """What every reusable page shows besides its own variables."""
    site = context["portal"]
    pages = [(page.slug, page.title, page.url) for page in context.get("pages", ())]
    return repr((cache.active().key, site.build_time.isoformat(), site.page_paths, site.example_postcode, site.example_place, pages))


def fingerprint(site_stamp: str, *made_from) -> str | None:
    """A digest of ``site_stamp`` and the values a file is made from (for a page: its template's name,
    path, whether its links are relative, its variables), or ``None`` when a value cannot be described."""
    parts: list[str] = [site_stamp]
    try:
        _describe(made_from, parts)
    except _Undescribed:
        return None
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def opportunity_inputs(opportunity: Opportunity) -> str:
    """The files an opportunity is made from, by their bytes' digests (from the build cache)."""
    digests = cache.active().digests
    organisation = opportunity.organisation
    return f"opportunity {opportunity.slug} {digests.get(f'opportunity:{opportunity.source}')} {digests.get(f'organisation:{organisation.source}')}"


def organisation_inputs(organisation: Organisation) -> str:
    """An organisation's file and its opportunities' files: its page lists them."""
    digests = cache.active().digests
    listed = " ".join(f"{item.slug}={digests.get(f'opportunity:{item.source}')}" for item in organisation.opportunities)
    return f"organisation {organisation.slug} {digests.get(f'organisation:{organisation.source}')} {listed}"


def _describe(value, parts: list[str]) -> None:
    if value is None or isinstance(value, (str, int, float, date, datetime)):  # bool is an int; datetime a date
        parts.append(f"{type(value).__name__}:{value!r}")
    elif isinstance(value, (list, tuple)):
        parts.append(f"[{len(value)}")
        for item in value:
            _describe(item, parts)
    elif isinstance(value, dict):
        parts.append(f"{{{len(value)}")
        for key, item in value.items():
            _describe(key, parts)
            _describe(item, parts)
    elif isinstance(value, Opportunity):
        parts.append(opportunity_inputs(value))
    elif isinstance(value, Organisation):
        parts.append(organisation_inputs(value))
    elif hasattr(type(value), "page_fingerprint"):  # a renderer whose output the page's other variables decide
        parts.append(type(value).page_fingerprint)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts.append(type(value).__qualname__)
        for field in dataclasses.fields(value):
            _describe(getattr(value, field.name), parts)
    elif callable(value) and hasattr(value, "__qualname__"):  # a function in our code: the cache key covers it
        parts.append(f"{value.__module__}.{value.__qualname__}")
    else:
        raise _Undescribed(type(value).__qualname__)


def live_file(live_folder: Path | None, name: str, found: str | None) -> Path | None:
    """The live site's copy of a page when the last build wrote it with the fingerprint ``found``."""
    if live_folder is None or found is None:
        return None
    record = cache.active().recall(RECORD + name)
    if not record or record[:2] != (str(live_folder), found):
        return None
    path = live_folder / name
    try:
        status = path.stat(follow_symlinks=False)
    except OSError:
        return None
    return path if (status.st_ino, status.st_size, status.st_mtime_ns) == record[2:] else None


def link(source: Path | None, target: str | Path) -> bool:
    """Hard-link a file of the live site into the build; ``False`` when there is none or it cannot be
    linked (another file system, one without links): then the file is made instead."""
    if source is None:
        return False
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def note(live_folder: Path | None, name: str, found: str | None, path: str) -> None:
    """Keep the fingerprint and identity of a page just written (or linked) for the next build."""
    if live_folder is None or found is None:
        return
    status = os.stat(path, follow_symlinks=False)
    cache.active().keep(RECORD + name, (str(live_folder), found, status.st_ino, status.st_size, status.st_mtime_ns))


class FileReuse:
    """Files a generator writes itself (feeds, calendars): each group written, or linked from the live site.

    A group (a list's three feeds, one calendar) is taken whole or made whole, never in part. A
    file linked from the live site shares its bytes with it, so it is never written over: a group
    that is made is written to fresh files.
    """

    def __init__(self, context: dict, output: str | Path):
        self.live = atomic.live_output()
        self.stamp = stamp(context) if self.live and "portal" in context else ""
        self.output = Path(output)

    def write(self, names: list[str], made_from, make) -> int:
        """Link ``names`` from the live site when they were made from ``made_from`` (a model value, as a
        page's variables); otherwise write ``make()``, a dict of path -> bytes. Returns how many were made."""
        found = fingerprint(self.stamp, names, made_from) if self.stamp else None
        if self._take(names, found):
            return 0
        files = make()
        for name, data in files.items():
            target = self.output / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            note(self.live, name, found if name in names else None, str(target))
        return len(files)

    def _take(self, names: list[str], found: str | None) -> bool:
        sources = [live_file(self.live, name, found) for name in names]
        if not names or None in sources:
            return False
        linked = []
        for name, source in zip(names, sources, strict=True):
            target = self.output / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if not link(source, target):
                for done in linked:
                    done.unlink()
                return False
            linked.append(target)
        for name, target in zip(names, linked, strict=True):
            note(self.live, name, found, str(target))
        return True
