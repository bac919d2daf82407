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

The build runs in a forked child process; steps that only need the written files
(Pagefind, see :func:`before_swap`) run afterwards in the process that started it.
A large build's process keeps much of its peak memory after the model is freed
(Python's allocator returns an arena only when it is wholly empty: about 300 MiB
at 10,000 opportunities), and Pagefind's own peak came on top; once the child has
exited, that memory is back with the system. Where the child's output could not
reach the caller (standard streams that are not files, as in a test that
captures them in memory) or there is no ``fork``, the build runs in this process.
"""

from __future__ import annotations

import contextlib
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
_before_swap: list[Callable[[object], None]] = []  # run on the finished staging folder, before the swap
_closing: list[str] = []  # said once the new site is in place
_closing_pipe: list[int] = []  # in the build's child process: where its closing words go
_live: list[Path] = []  # the output folder the running build will replace


def on_failure(stop: Callable[[], None]) -> None:
    """Have ``stop`` called when a build fails, before the staging folder goes (e.g. to stop processes writing in it)."""
    if stop not in _stoppers:
        _stoppers.append(stop)


def before_swap(step: Callable[[object], None]) -> None:
    """Have ``step(pelican)`` run once the build has written everything, before the swap.

    It runs in the process that started the build, after the build's own process has
    exited: for work on the written files that needs memory of its own, such as Pagefind.
    An exception or :class:`BuildStopped` fails the build like any other.
    """
    if step not in _before_swap:
        _before_swap.append(step)


def say_when_done(text: str) -> None:
    """Have ``text`` printed, with the build's time, once the new site is in place (never after a failure)."""
    if _closing_pipe:
        os.write(_closing_pipe[0], text.replace("\n", " ").encode("utf-8") + b"\n")
    else:
        _closing.append(text)


def live_output() -> Path | None:
    """The output folder the running build replaces (its pages are the last good site), if any build is running."""
    return _live[-1] if _live else None


class ChildFailed(SystemExit):
    """The build's process ended with ``code``; ``said`` when it printed why itself."""

    def __init__(self, code: int, said: bool):
        super().__init__(code)
        self.said = said


class Interrupted(SystemExit):
    """Raised by the signal handlers; a SystemExit so that nothing prints a traceback for it."""

    def __init__(self, signum: int):
        super().__init__(SIGNAL_EXIT[signum])
        self.signum = signum


def _can_fork() -> bool:
    """A child's output reaches the caller only through real standard streams."""
    try:
        sys.stdout.fileno()
        sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return hasattr(os, "fork")


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
    if isinstance(error, ChildFailed):
        return f"Build failed: the build's process was killed (exit status {error.code}; out of memory?). {kept}"
    if isinstance(error, LocatedError):
        return f"Build failed: {error.location}: {error}. {kept}" if error.location else f"Build failed: {error}. {kept}"
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    message = " ".join(str(error).split())[:300]
    return f"Build failed: {type(error).__name__}: {message}{where}. {kept}"


def old_sites_folder(settings: dict) -> Path | None:
    """The build cache's ``old-sites`` folder (see :func:`discard`), or ``None`` when there is no cache."""
    folder = cache.cache_folder(settings)
    return folder / "old-sites" if folder is not None else None


def discard(folder: Path, old_sites: Path | None, kind: str = "site") -> None:
    """Move a folder this build is done with (the site it replaced, Pagefind's input) into ``old_sites``
    (:func:`old_sites_folder`), for the next build to delete while it works: deleting thousands of files
    is waiting on the disk, not work. Delete it now when there is no cache or it is on another file system."""
    if old_sites is not None:
        try:
            old_sites.mkdir(parents=True, exist_ok=True)
            os.rename(folder, old_sites / f"{kind}-{time.time_ns()}")
            return
        except OSError:
            pass
    _remove(folder)


class AtomicBuild:
    """Wraps one Pelican instance: its output goes to staging, swapped in at the end."""

    def __init__(self, pelican):
        self.output = Path(os.path.realpath(pelican.output_path))
        self.staging = staging_path(self.output)
        self.previous = previous_path(self.output)
        self.retention = list(pelican.settings.get("OUTPUT_RETENTION") or [])
        self.old_sites = old_sites_folder(pelican.settings)
        self._emptying: subprocess.Popen | None = None
        self._child: int | None = None  # the process building the site, while it runs
        self._interrupted = False
        self.started = time.perf_counter()
        self.pelican = pelican
        self._run = pelican.run
        self.running = False
        self._handlers = {signum: signal.signal(signum, self._interrupt) for signum in SIGNAL_EXIT}
        pelican.output_path = str(self.staging)
        pelican.run = self.run
        _live[:] = [self.output]

    def _interrupt(self, signum, frame):
        if self._interrupted:  # Ctrl-C reaches the build's process twice: from the terminal and from us
            return
        self._interrupted = True
        if not self.running:  # before run(): nothing to clean up, and run()'s message would not come
            _say(f"Build {SIGNAL_NAMES[signum]}. The output folder {self.output} was not changed.")
        raise Interrupted(signum)

    def _forward(self, signum, frame):
        """While the child builds, a signal to this process is passed on; the child cleans up and says so."""
        with contextlib.suppress(OSError):
            os.kill(self._child, signum)

    def run(self):
        self.running = True
        try:
            self._recover()
            self._empty_old_sites()
            _remove(self.staging)  # left by a build that was killed outright
            self.staging.mkdir()
            self._build()
            for step in _before_swap:
                step(self.pelican)
            for signum in SIGNAL_EXIT:  # the build is done: a signal now must not split the swap
                signal.signal(signum, signal.SIG_IGN)
            self._swap()
            for text in _closing:
                print(f"{text} in {time.perf_counter() - self.started:.1f} s", flush=True)
        except BaseException as error:
            raise SystemExit(self._fail(error)) from None
        finally:
            for signum, handler in self._handlers.items():
                signal.signal(signum, handler)
            if self._emptying is not None:
                self._emptying.wait()
            _closing.clear()

    def _build(self) -> None:
        """Pelican's run, in a child process when its output reaches the same place (see the module's docstring)."""
        if not _can_fork():
            self._run()
            return
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        closing, closing_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: build, clean up after a failure, and never return into the caller
            code = 0
            os.close(closing)
            _closing_pipe[:] = [closing_end]
            try:
                self._run()
            except BaseException as error:
                code = self._fail(error)
            finally:
                for stream in (sys.stdout, sys.stderr):
                    with contextlib.suppress(Exception):
                        stream.flush()
                os._exit(code)
        self._child = pid
        os.close(closing_end)
        for signum in SIGNAL_EXIT:
            signal.signal(signum, self._forward)
        try:
            with os.fdopen(closing, "rb") as words:  # read to the end: the child's last words, then its exit
                _closing.extend(line.decode("utf-8") for line in words.read().splitlines())
            _, status = os.waitpid(pid, 0)
        finally:
            for signum in SIGNAL_EXIT:
                signal.signal(signum, self._interrupt)
        self._child = None
        code = os.waitstatus_to_exitcode(status)
        if code:
            raise ChildFailed(code if code > 0 else 128 - code, said=code > 0)

    def _fail(self, error: BaseException) -> int:
        """After a failure: stop what still writes, remove the staging folder, say why; the exit status."""
        for signum in SIGNAL_EXIT:
            signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C must not stop the clean-up
        if self._child is not None:
            with contextlib.suppress(OSError):
                os.kill(self._child, signal.SIGTERM)
                os.waitpid(self._child, 0)
        for stop in _stoppers:
            stop()  # e.g. page-writing workers must not write into the staging folder as it goes
        _remove(self.staging)
        if isinstance(error, ChildFailed):
            if not error.said:
                _say(failure_line(error, self.output))
            return error.code
        if isinstance(error, Interrupted):
            _say(f"Build {SIGNAL_NAMES[error.signum]}. The output folder {self.output} was not changed.")
            return SIGNAL_EXIT[error.signum]
        if isinstance(error, KeyboardInterrupt):
            _say(f"Build {SIGNAL_NAMES[signal.SIGINT]}. The output folder {self.output} was not changed.")
            return 130
        if isinstance(error, BuildStopped):
            _say(f"{error.reason} The output folder {self.output} was not changed.")
            return 1
        if isinstance(error, SystemExit):  # whoever raised it has said why, or gave the words to say
            if error.code is None or isinstance(error.code, int):
                return error.code or 0
            _say(str(error.code))
            return 1
        _say(failure_line(error, self.output))
        return 1

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
            discard(self.previous, self.old_sites)
        except OSError as error:
            _say(f"warning: the new site is in {self.output}, but the old one in {self.previous} could not be tidied away ({error.strerror}). Move anything you need from it, then delete it")
