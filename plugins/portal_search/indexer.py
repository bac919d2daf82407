"""Run the real Pagefind binary over the written site, in shards.

The binary comes from the ``pagefind-bin`` wheel (installed by ``pagefind[bin]``);
the ``PAGEFIND_BINARY`` setting points at another one. Pagefind holds every page
it indexes in memory (about 0.8 GiB at 10,000 opportunities in one run), so a large
site is indexed in shards, one Pagefind run after another: each run sees only its
shard's pages (hard links in a folder beside the site), so the peak is one shard's.

- Which pages: every HTML file with ``data-pagefind-body`` (the others were never indexed),
  each given to Pagefind as :func:`for_index` trims it: what Pagefind would skip is left out.
- Which shard: a stable hash of the page's path, so a page stays in its shard while the
  site grows or changes, and an unchanged shard gives an unchanged index (a build cache
  can reuse it). The number of shards is the smallest power of two that keeps each under
  ``PAGEFIND_SHARD_PAGES`` pages (so it changes only when the site doubles).
- Where: shard 0 is the ordinary bundle in ``/pagefind/`` (Pagefind's JavaScript and
  WebAssembly); shard k is ``/pagefind/shard-k/`` with only its index files, listed in
  ``/pagefind/shards.json`` for the search page, which merges them with ``mergeIndex``.
- Rebuilds: a shard's index depends only on its pages (paths and bytes) and on how Pagefind
  is run, both fingerprinted in ``/pagefind/shards-built.json``. A shard whose fingerprint is
  the same in the site being replaced (the atomic build's previous output) is copied from
  there instead of indexed again, so changing one opportunity re-indexes one or two shards.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from portal_content.timings import Laps

SHARD_PAGES = 10_000  # pages per Pagefind run at most (setting PAGEFIND_SHARD_PAGES); see benchmarks/README.md
SHARDS_FILE = "shards.json"
BUILT_FILE = "shards-built.json"  # fingerprints of the shards, to reuse them in the next build
# What a merged shard needs; the rest of a bundle (JavaScript, UI, WebAssembly) comes from shard 0.
SHARD_KEEPS = ("pagefind-entry.json", "index", "filter", "fragment")


class IndexingError(Exception):
    """Pagefind is missing or failed; the message is one line for the build log."""


def pagefind_binary(setting: str | None) -> Path:
    """The configured binary, or the one shipped in the pagefind-bin wheel."""
    if setting:
        binary = Path(setting)
        if not binary.is_file():
            raise IndexingError(f"PAGEFIND_BINARY {setting} does not exist: install it or fix the setting")
        return binary
    try:
        import pagefind_bin
    except ImportError:
        raise IndexingError("the pagefind binary is missing: run `pip install -r requirements.txt` (pagefind[bin])") from None
    try:
        return pagefind_bin.get_executable()
    except FileNotFoundError as error:
        raise IndexingError(f"the pagefind-bin package has no binary for this machine ({error})") from None


def pagefind_command(site: Path, binary: Path, language: str, output: Path | None = None) -> list[str]:
    """The Pagefind command line for ``site``, writing the bundle to ``output`` (default ``site/pagefind``)."""
    command = [
        str(binary),
        "--site", str(site),
        # One language index instead of one per lang attribute: one set of files, smaller.
        # (Only pages with data-pagefind-body are given to Pagefind: see indexed_pages.)
        "--force-language", language,
        "--quiet",
    ]
    if output is not None:
        command += ["--output-path", str(output)]
    return command


def indexed_pages(site: Path, staging: Path) -> dict[str, str]:
    """The site's HTML files that have a ``data-pagefind-body`` element, each written into ``staging`` as
    :func:`for_index` trims it: sorted path from the site root -> SHA-256 of what Pagefind reads."""
    found = {}
    for path in site.rglob("*.html"):
        data = path.read_bytes()
        if BODY in data:
            page = path.relative_to(site).as_posix()
            trimmed = for_index(data)
            found[page] = hashlib.sha256(trimmed).hexdigest()
            target = staging / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(trimmed)
    return dict(sorted(found.items()))


def shard_count(pages: int, per_shard: int) -> int:
    """The smallest power of two that keeps every shard (on average) within ``per_shard`` pages."""
    count = 1
    while count * per_shard < pages:
        count *= 2
    return count


def shard_of(page: str, count: int) -> int:
    """A page's shard: a stable hash of its path, the same in every build and on every machine."""
    return int.from_bytes(hashlib.sha256(page.encode("utf-8")).digest()[:8], "big") % count


def plan_shards(pages: list[str], per_shard: int) -> list[list[str]]:
    """Pages grouped by shard, shard 0 first (a shard may be empty on a tiny site)."""
    shards: list[list[str]] = [[] for _ in range(shard_count(len(pages), per_shard))]
    for page in pages:
        shards[shard_of(page, len(shards))].append(page)
    return shards


def shard_folder(number: int) -> str:
    """Where shard ``number`` is published, relative to ``/pagefind/``."""
    return "" if number == 0 else f"shard-{number}/"


def _shard_folder(pages_folder: Path, pages: list[str], every_page: bool) -> Path:
    """The staged pages of one shard: all of them, or a folder beside them that they are moved into
    (moving a file is one step on the disk; both folders are deleted later, with the rest of the input)."""
    if every_page:
        return pages_folder
    folder = Path(tempfile.mkdtemp(prefix="shard-", dir=pages_folder.parent))
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(pages_folder / page, target)
    return folder


BODY = b"data-pagefind-body"
IGNORE = b"data-pagefind-ignore"
TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")


def for_index(html: bytes) -> bytes:
    """The page as Pagefind reads it, without what it would skip: its head and its ``data-pagefind-body``
    element, less each element inside marked ``data-pagefind-ignore`` that holds no element of its own
    name and no other Pagefind attribute (an opportunity page's handout ``<template>`` and related
    opportunities' ``<aside>``). The index is the same, from 40 % less HTML: 2 s of Pagefind's 11 s at
    10,000 opportunities. A page of any other shape is given whole."""
    marker = html.find(BODY)
    start = html.rfind(b"<", 0, marker)
    name = _tag_at(html, start, marker)
    close = b"</" + name + b">" if name else b""
    end = html.rfind(close) if name else -1
    head_end = html.find(b"<body")
    if min(start, end, head_end) < 0 or not head_end < start < end or html.count(b"<" + name) != 1:
        return html
    if _other_marks(html, 0, start) or _other_marks(html, end, len(html)):
        return html  # a filter, meta or sort outside the body counts
    kept = []
    at = search = start
    while (mark := html.find(IGNORE, search, end)) >= 0:
        search = mark + len(IGNORE)
        opening = html.rfind(b"<", at, mark)
        tag = _tag_at(html, opening, mark)
        closing = html.find(b"</" + tag + b">", mark, end) if tag else -1
        if closing < 0 or html.find(b"<" + tag, opening + 1, closing) >= 0 or _other_marks(html, opening, closing):
            continue
        kept.append(html[at:opening])
        at = search = closing + len(tag) + 3
    kept.append(html[at : end + len(close)])
    return html[:head_end] + b"<body>" + b"".join(kept) + b"</body></html>"


def _tag_at(html: bytes, opening: int, attribute: int) -> bytes:
    """The name of the tag opening at ``opening`` if ``attribute`` is inside that tag, else b''."""
    if opening < 0 or html.find(b">", opening, attribute) >= 0:
        return b""  # the words are in text, not in a tag
    match = TAG_NAME.match(html, opening)
    return match.group(1) if match else b""


def _other_marks(html: bytes, start: int, end: int) -> bool:
    """Whether ``html[start:end]`` has a Pagefind attribute besides ``data-pagefind-ignore``."""
    return html.count(b"data-pagefind-", start, end) != html.count(IGNORE, start, end)


def _run(command: list[str], binary: Path) -> list[str]:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except OSError as error:
        raise IndexingError(f"could not run {binary}: {error.strerror or error}") from None
    except subprocess.TimeoutExpired:
        raise IndexingError(f"{binary} did not finish within 30 minutes") from None
    if done.returncode != 0:
        details = " ".join((done.stderr or done.stdout).split())[-500:] or "no output"
        raise IndexingError(f"{binary} exited with code {done.returncode}: {details}")
    return [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]


def _fingerprint(how: str, pages: list[str], digests: dict[str, str]) -> str:
    """What a shard's index is a function of: how Pagefind runs, and each page's path and bytes."""
    text = json.dumps([how, [(page, digests[page]) for page in pages]])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _how(binary: Path, language: str) -> str:
    """Pagefind's version and command line (without the folders): a change re-indexes every shard."""
    try:
        version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        version = ""
    return json.dumps([version, pagefind_command(Path("site"), Path("pagefind"), language, Path("output"))[1:]])


def _previous_shards(previous: Path | None) -> dict[str, str]:
    """Fingerprint -> shard folder in the site this build replaces (nothing if there is none or it is unreadable)."""
    if previous is None:
        return {}
    try:
        built = json.loads((previous / "pagefind" / BUILT_FILE).read_text(encoding="utf-8"))
        return {fingerprint: folder for folder, fingerprint in built.items() if isinstance(fingerprint, str)}
    except (OSError, ValueError, AttributeError):
        return {}


def _reuse(source: Path, target: Path) -> bool:
    """Copy a shard's files from the previous site (hard links where possible); False if it is incomplete."""
    if not (source / "pagefind-entry.json").is_file():
        return False
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.name.startswith("shard-") or path.name in (SHARDS_FILE, BUILT_FILE):
            continue  # shard 0's folder also holds the other shards
        if path.is_dir():
            shutil.copytree(path, target / path.name, copy_function=_link, dirs_exist_ok=True)
        else:
            _link(path, target / path.name)
    return True


def _link(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _keep_index_only(bundle: Path) -> None:
    for path in bundle.iterdir():
        if not (path.name in SHARD_KEEPS or path.suffix == ".pf_meta"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def build_index(site: Path, binary: Path, language: str, per_shard: int = SHARD_PAGES, previous: Path | None = None, done=None) -> list[str]:
    """Index ``site`` into ``site/pagefind/`` shard by shard; raise :class:`IndexingError` on any failure.

    ``previous``: the site this build replaces, whose unchanged shards are reused.
    ``done``: what to do with Pagefind's input folder afterwards (default: delete it). Deleting thousands
    of files written moments before took 9 to 12 s at 10,000 on a disk that discards freed blocks.
    Returns what Pagefind printed: with ``--quiet`` that is only its warnings.
    """
    staged = Path(tempfile.mkdtemp(prefix=f".{site.name}.pagefind-", dir=site.parent))
    try:
        return _build_index(site, staged, binary, language, per_shard, previous)
    finally:
        (done or functools.partial(shutil.rmtree, ignore_errors=True))(staged)


def _build_index(site: Path, staged: Path, binary: Path, language: str, per_shard: int, previous: Path | None) -> list[str]:
    pages_folder = staged / "pages"
    digests = indexed_pages(site, pages_folder)
    shards = plan_shards(list(digests), per_shard)
    how = _how(binary, language)
    reusable = _previous_shards(previous)
    bundle = site / "pagefind"
    printed: list[str] = []
    published = []
    built = {}
    # Shard 0 first: reusing it copies the bundle's JavaScript, which the other shards leave out.
    for number, pages in enumerate(shards):
        if number and not pages:
            continue  # a tiny site with many shards: nothing to merge
        output = bundle / shard_folder(number)
        fingerprint = built[shard_folder(number)] = _fingerprint(how, pages, digests)
        timing = Laps()
        if fingerprint in reusable and _reuse(previous / "pagefind" / reusable[fingerprint], output):
            timing.lap(f"pagefind shard {number} ({len(pages)} pages, reused)")
            if number:
                published.append(shard_folder(number))
            continue
        folder = _shard_folder(pages_folder, pages, len(pages) == len(digests))
        printed += _run(pagefind_command(folder, binary, language, output), binary)
        timing.lap(f"pagefind shard {number} ({len(pages)} pages)")
        if not (output / "pagefind-entry.json").is_file():
            raise IndexingError(f"{binary} finished but wrote no index (pagefind/{shard_folder(number)}pagefind-entry.json)")
        if number:
            _keep_index_only(output)
            published.append(shard_folder(number))
    if not (bundle / "pagefind.js").is_file():
        raise IndexingError(f"{binary} finished but wrote no index (pagefind/pagefind.js)")
    (bundle / SHARDS_FILE).write_text(json.dumps(published) + "\n", encoding="utf-8")
    (bundle / BUILT_FILE).write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return printed
