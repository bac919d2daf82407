"""Atomic output: a build replaces the output folder only when every step succeeded.

Pelican empties the output folder before it writes, so any failure after that
point (a plugin, Pagefind, a full disk, Ctrl-C) used to leave half a site.
Here the whole build, Pagefind included, writes into a hidden staging folder
beside the output folder (``.<name>.building``). Only after Pelican's ``run()``
returns is the old folder moved aside (``.<name>.previous``), the staging folder
renamed into its place, the ``OUTPUT_RETENTION`` entries (such as ``.git``)
moved across, and the old folder moved into the build cache's ``old-sites``
folder (deleted while the next build works; at once when there is no cache). On any failure or signal the staging
folder is removed, the output folder is left exactly as it was, one plain line
says what happened, and the exit status is 1 (130 after SIGINT, 143 after
SIGTERM): Pelican itself would exit 0 after Ctrl-C and print a traceback for
anything else.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from . import cache

SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
SIGNAL_NAMES = {signal.SIGINT: "interrupted (Ctrl-C, SIGINT)", signal.SIGTERM: "stopped by SIGTERM"}


class BuildStopped(SystemExit):
    """A plugin's clean stop: its one-line reason, printed with the promise that the site is unchanged."""

    def __init__(self, reason: str):
        super().__init__(1)
        self.reason = reason


class LocatedError(Exception):
    """A failure that knows where it happened (``file:line``, such as a template's), said before what happened."""

    def __init__(self, message: str, location: str = ""):
        super().__init__(message)
        self.location = location


_stoppers: list[Callable[[], None]] = []  # run when a build fails, before its staging folder is removed
_live: list[Path] = []  # the output folder the running build will replace


def on_failure(stop: Callable[[], None]) -> None:
    """Have ``stop`` called when a build fails, before the staging folder goes (e.g. to stop processes writing in it)."""
    if stop not in _stoppers:
        _stoppers.append(stop)


def live_output() -> Path | None:
    """The output folder the running build replaces (its pages are the last good site), if any build is running."""
    return _live[-1] if _live else None


class Interrupted(SystemExit):
    """Raised by the signal handlers; a SystemExit so that nothing prints a traceback for it."""

    def __init__(self, signum: int):
        super().__init__(SIGNAL_EXIT[signum])
        self.signum = signum


def staging_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.building")


def previous_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.previous")


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _say(line: str) -> None:
    """One whole line on stderr (not through Pelican's logger, which wraps and adds tracebacks)."""
    print(line, file=sys.stderr, flush=True)


def failure_line(error: BaseException, output: Path) -> str:
    """What went wrong, in one line, for an exception nobody caught."""
    kept = f"The output folder {output} was not changed."
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return f"Build failed: the disk is full (no space left on device). {kept}"
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"Build failed: {error.strerror or error}{where}. {kept}"
    if isinstance(error, RuntimeError) and str(error) == "Warning or error encountered":
        return f"Build failed: stopped by the error above (--fatal). {kept}"
    if isinstance(error, LocatedError):
        return f"Build failed: {error.location}: {error}. {kept}" if error.location else f"Build failed: {error}. {kept}"
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    message = " ".join(str(error).split())[:300]
    return f"Build failed: {type(error).__name__}: {message}{where}. {kept}"


class AtomicBuild:
    """Wraps one Pelican instance: its output goes to staging, swapped in at the end."""

    def __init__(self, pelican):
        self.output = Path(os.path.realpath(pelican.output_path))
        self.staging = staging_path(self.output)
        self.previous = previous_path(self.output)
        self.retention = list(pelican.settings.get("OUTPUT_RETENTION") or [])
        folder = cache.cache_folder(pelican.settings)
        self.old_sites = folder / "old-sites" if folder is not None else None
        self._emptying: subprocess.Popen | None = None
        self._run = pelican.run
        self.running = False
        self._handlers = {signum: signal.signal(signum, self._interrupt) for signum in SIGNAL_EXIT}
        pelican.output_path = str(self.staging)
        pelican.run = self.run
        _live[:] = [self.output]

    def _interrupt(self, signum, frame):
        if not self.running:  # before run(): nothing to clean up, and run()'s message would not come
            _say(f"Build {SIGNAL_NAMES[signum]}. The output folder {self.output} was not changed.")
        raise Interrupted(signum)

    def run(self):
        self.running = True
        try:
            self._recover()
            self._empty_old_sites()
            _remove(self.staging)  # left by a build that was killed outright
            self.staging.mkdir()
            self._run()
            for signum in SIGNAL_EXIT:  # the build is done: a signal now must not split the swap
                signal.signal(signum, signal.SIG_IGN)
            self._swap()
        except BaseException as error:
            for signum in SIGNAL_EXIT:
                signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C must not stop the clean-up
            for stop in _stoppers:
                stop()  # e.g. page-writing workers must not write into the staging folder as it goes
            _remove(self.staging)
            if isinstance(error, Interrupted):
                _say(f"Build {SIGNAL_NAMES[error.signum]}. The output folder {self.output} was not changed.")
                raise
            if isinstance(error, KeyboardInterrupt):
                _say(f"Build {SIGNAL_NAMES[signal.SIGINT]}. The output folder {self.output} was not changed.")
                raise SystemExit(130) from None
            if isinstance(error, BuildStopped):
                _say(f"{error.reason} The output folder {self.output} was not changed.")
                raise SystemExit(1) from None
            if isinstance(error, SystemExit):
                raise  # whoever raised it has printed why
            _say(failure_line(error, self.output))
            raise SystemExit(1) from None
        finally:
            for signum, handler in self._handlers.items():
                signal.signal(signum, handler)
            if self._emptying is not None:
                self._emptying.wait()

    def _recover(self) -> None:
        """A build killed mid-swap leaves the last good site in ``.previous``: put it back."""
        if self.previous.exists():
            if self.output.exists():
                _remove(self.previous)
            else:
                os.rename(self.previous, self.output)

    def _empty_old_sites(self) -> None:
        """Delete the sites earlier builds replaced, in another process while this build reads and renders:
        deleting is waiting on the disk (13,000 folders took 4 to 6 s at 10,000 opportunities), not work."""
        if self.old_sites is None or not self.old_sites.is_dir():
            return
        old = [str(path) for path in self.old_sites.iterdir()]
        if old:
            self._emptying = subprocess.Popen(["rm", "-rf", "--", *old], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _discard(self, old: Path) -> None:
        """Move the replaced site into the build cache's ``old-sites`` folder for the next build to delete;
        delete it now when there is no cache or it is on another file system."""
        if self.old_sites is not None:
            try:
                self.old_sites.mkdir(parents=True, exist_ok=True)
                os.rename(old, self.old_sites / f"site-{time.time_ns()}")
                return
            except OSError:
                pass
        _remove(old)

    def _swap(self) -> None:
        had_output = self.output.exists()
        if had_output:
            os.rename(self.output, self.previous)
        try:
            os.rename(self.staging, self.output)
        except OSError:
            if had_output:
                os.rename(self.previous, self.output)
            raise
        if not had_output:
            return
        try:
            for name in self.retention:
                kept = self.previous / name
                if (kept.exists() or kept.is_symlink()) and not (self.output / name).exists():
                    os.rename(kept, self.output / name)
            self._discard(self.previous)
        except OSError as error:
            _say(f"warning: the new site is in {self.output}, but the old one in {self.previous} could not be tidied away ({error.strerror}). Move anything you need from it, then delete it")
