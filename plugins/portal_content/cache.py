"""The build cache: per-file work kept between builds, outside the output folder.

Reading a content file (strict YAML), checking it (text rules, dates, JSON
Schema) and rendering its Markdown are pure functions of the file's bytes, the
code, the templates and the settings, and were over a third of a large build.
A build keeps their results in ``PORTAL_CACHE_PATH`` (default ``.cache/portal``
beside the content folder; ``None`` turns the cache off), and the next build
reuses an entry only when the file's bytes are the same.

The whole cache is one key's: a hash of our plugins' source, the theme's files,
the settings, Python's version and every installed package's version. Another
key, or a cache that cannot be read (missing, truncated, from another version),
is ignored: the build does the work again and writes a new cache. Nothing here
can fail a build: a cache that cannot be written is only logged.

The cache is Python pickles: anyone who can write it can change the build, as
anyone who can write plugins/ can. It lives in the project, never in output/.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path

logger = logging.getLogger(__name__)

FORMAT = 1  # bump when what is stored changes shape
PLUGINS = Path(__file__).resolve().parent.parent  # our plugins: plugins/
# Where the site is written, how many processes write it and where the cache is do not change what is in it.
SETTINGS_IGNORED = {"OUTPUT_PATH", "PORTAL_WORKERS", "PORTAL_CACHE_PATH"}

_active: list[BuildCache] = []  # the running build's cache, for plugins that render after the model is built


def active() -> BuildCache:
    """The running build's cache (one that keeps nothing when there is no build, as in the check command)."""
    return _active[-1] if _active else BuildCache(None, "")


def start(cache: BuildCache) -> BuildCache:
    _active[:] = [cache]
    return cache


def finish(pelican_object=None) -> None:
    """``finalized``, after the page workers are joined: write what this build used, then let it go."""
    if _active:
        _active.pop().save()


def cache_folder(settings: dict) -> Path | None:
    """``PORTAL_CACHE_PATH``, else ``.cache/portal`` beside the content folder; ``None`` when turned off."""
    if "PORTAL_CACHE_PATH" in settings:
        value = settings["PORTAL_CACHE_PATH"]
        return Path(value) if value else None
    return Path(settings.get("PATH") or "content").absolute().parent / ".cache" / "portal"


def _files_digest(folder: Path, suffixes: tuple[str, ...] | None = None) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file() or (suffixes and path.suffix not in suffixes):
            continue
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _plain(value):
    """Settings as JSON-able data; anything else by its type name (an object's repr holds its address)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def version_key(settings: dict, theme: str | Path | None = None) -> str:
    """What every cached result depends on besides its own file: code, templates, settings, libraries."""
    libraries = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions())
    parts = {
        "format": FORMAT,
        "python": sys.version,
        "plugins": _files_digest(PLUGINS, (".py", ".json")),
        "theme": _files_digest(Path(theme or settings.get("THEME") or "theme")),
        "settings": _plain({key: value for key, value in settings.items() if key not in SETTINGS_IGNORED}),
        "libraries": libraries,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=repr).encode()).hexdigest()


class BuildCache:
    """One build's view of the cache: entries read at the start, the ones used this time written at the end."""

    def __init__(self, folder: Path | None, key: str):
        self.folder = folder
        self.key = key
        self.old: dict = {}
        self.new: dict = {}
        self.hits = 0
        self.touched: list[str] = []
        self.digests: dict[str, str] = {}  # "kind:source" -> the bytes' digest, for keys that name a file
        if folder is not None:
            self.old = self._read(folder / "content.pickle")

    @classmethod
    def for_settings(cls, settings: dict) -> BuildCache:
        folder = cache_folder(settings)
        return cls(folder, version_key(settings) if folder is not None else "")

    def _read(self, path: Path) -> dict:
        try:
            with path.open("rb") as file:
                stored = pickle.load(file)
        except FileNotFoundError:
            return {}
        except Exception as error:  # truncated, another Python, anything: start again
            logger.info("build cache %s not used (%s: %s); building everything", path, type(error).__name__, error)
            return {}
        if not isinstance(stored, dict) or stored.get("key") != self.key or not isinstance(stored.get("entries"), dict):
            return {}
        return stored["entries"]

    def get(self, name: str, data: bytes):
        """The value stored for ``name`` (a file's display path and what was done to it) when ``data`` is unchanged:
        made earlier in this build (by the helper process of :mod:`.prefill`, even with no cache folder) or by the last."""
        digest = hashlib.sha256(data).digest()
        self.digests[name] = digest.hex()
        made = self.new.get(name)
        found = made or self.old.get(name)
        if found is None or found[0] != digest:
            return None
        try:
            value = pickle.loads(found[1])
        except Exception:  # one damaged entry: redo that file only
            return None
        if made is None:
            self.new[name] = found
            self.touched.append(name)
            self.hits += 1
        return value

    def put(self, name: str, data: bytes, value) -> None:
        """Stored as a pickle now, so later changes to the objects cannot leak into the cache."""
        self.new[name] = (hashlib.sha256(data).digest(), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self.touched.append(name)

    def remember(self, kind: str, text: str, compute):
        """``compute()``, a pure function of ``text`` (and of what the key covers), kept by the text's digest.

        Markdown to safe HTML, the locality of a position, a QR code: each is worked out once,
        then reused by every later build with the same key.
        """
        name = f"{kind}:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if name in self.new:
            return self.new[name]
        found = self.old[name] if name in self.old else compute()
        self.new[name] = found
        self.touched.append(name)
        return found

    def recall(self, name: str):
        """What the last build kept under ``name`` (see :meth:`keep`), or ``None``."""
        return self.old.get(name)

    def keep(self, name: str, value) -> None:
        """Keep ``value`` (small, plain data) for the next build, which reads it with :meth:`recall`."""
        self.new[name] = value
        self.touched.append(name)

    def markdown(self, text: str | None, render) -> str:
        return self.remember("markdown", text, lambda: render(text)) if text else render(text)

    def in_worker(self) -> None:
        """In a forked worker: from now on, note what is new here, for :meth:`worker_entries`."""
        self.touched = []

    def worker_entries(self) -> tuple[list[str], dict]:
        """The names a worker reused (the main process has their values) and the entries it made."""
        reused = [name for name in self.touched if name in self.old and self.new[name] is self.old[name]]
        made = {name: self.new[name] for name in self.touched if name not in self.old or self.new[name] is not self.old[name]}
        return reused, made

    def merge(self, entries: tuple[list[str], dict]) -> None:
        reused, made = entries
        for name in reused:
            self.new[name] = self.old[name]
        self.new.update(made)

    def save(self) -> None:
        """Write the entries used by this build (atomically); skipped when nothing changed."""
        if self.folder is None or self.new == self.old:
            return
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".content.", suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                pickle.dump({"key": self.key, "entries": self.new}, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / "content.pickle")
        except OSError as error:
            logger.info("build cache not written to %s (%s); the next build does everything again", self.folder, error.strerror or error)
            if temporary:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
