"""Pages rendered and written in worker processes while the build goes on: the second core.

Rendering and writing pages is the largest part of a big build, and each page
depends only on the finished model, so once the model is built the pages
generator forks ``PORTAL_WORKERS - 1`` worker processes (default: one per CPU,
so one on two cores). They take the pages in small chunks from a shared counter
and render them with the Jinja environment and model they inherited, while the
main process goes on with feeds, calendars and open data; when it is done (at
``finalized``) it takes chunks too until none are left. ``PORTAL_WORKERS = 1``
renders every page in the main process, in the same order, with the same code.

What stays as in a serial build:
- the bytes: the same templates render the same objects (fork copies them);
- Pelican's duplicate-path check: every path is claimed in the main process's
  writer before anything is rendered, so a clash fails before a file is written;
- ``content_written``: sent in the main process for every page, in order, once
  the workers are done (at ``finalized``, before the sitemap is written);
- errors: a page that fails is reported as ``template:line`` with the page's
  path, the build stops with status 1 and, as builds are atomic, the previous
  site is left as it was.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals
from pelican.utils import path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, get_relative_path

from . import atomic, cache, reuse
from .atomic import LocatedError


class PageWriteError(LocatedError):
    """A page could not be rendered or written; ``location`` is ``file:line`` (the template's, when it is in one)."""


def workers(settings: dict) -> int:
    """``PORTAL_WORKERS``: processes that render pages; default one per CPU, 1 renders in the main process."""
    value = settings.get("PORTAL_WORKERS")
    return max(1, os.cpu_count() or 1) if value is None else value


def workers_problem(settings: dict) -> str | None:
    value = settings.get("PORTAL_WORKERS")
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        return None
    return f"PORTAL_WORKERS: expected a whole number of processes, 1 or more (1 renders pages in the main process), got {value!r}"


@dataclass
class PageJob:
    path: str  # the file, inside the output folder
    name: str  # save_as, relative to the output folder
    template: object
    context: dict  # the generator's shared context (not copied until rendered)
    relative_urls: bool
    variables: dict
    reusable: bool = False  # made only from its variables and what every page shows (see :mod:`.reuse`)
    stamp: str = ""  # reuse.stamp of the context, set for reusable pages when the batch is written
    live: Path | None = None  # the site this build replaces, where a reusable page may be found

    def local_context(self) -> dict:
        """What Pelican's ``Writer.write_file`` gives a template (and ``content_written``) for one unpaginated page."""
        local = self.context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if self.relative_urls:
            relative_url = path_to_url(get_relative_path(self.name))
            local["SITEURL"] = relative_url
            local["localsiteurl"] = relative_url
        local["output_file"] = self.name
        local.update(self.variables)
        return local

    def write(self) -> None:
        """Render the page, or hard-link it from the live site when it was made from the same things."""
        found = reuse.fingerprint(self.stamp, self.template.name, self.name, self.relative_urls, self.variables) if self.stamp else None
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        if not reuse.link(reuse.live_file(self.live, self.name, found), self.path):
            local = self.local_context()
            if local["localsiteurl"]:
                self.context["localsiteurl"] = local["localsiteurl"]  # as Pelican's writer does
            text = self.template.render(local)
            with open(self.path, "w", encoding="utf-8") as file:
                file.write(text)
        reuse.note(self.live, self.name, found, self.path)


@dataclass
class _Worker:
    pid: int
    pipe: int  # read end: the worker writes its error message here, if any


CHUNK = 8  # pages taken at a time: small enough to share out evenly, large enough to keep the lock quiet


@dataclass
class _Batch:
    jobs: list[PageJob]
    counter: object  # multiprocessing.Value: the next chunk to take, shared by every process
    workers: list[_Worker] = field(default_factory=list)

    def take(self) -> list[PageJob]:
        with self.counter.get_lock():
            start = self.counter.value * CHUNK
            self.counter.value += 1
        return self.jobs[start : start + CHUNK]

    def give_up(self) -> None:
        """After an error: the other processes take nothing more."""
        with self.counter.get_lock():
            self.counter.value = len(self.jobs) // CHUNK + 1

    def run(self) -> None:
        while chunk := self.take():
            try:
                _run(chunk)
            except PageWriteError:
                self.give_up()
                raise


_pending: list[_Batch] = []


class PageBatch:
    """Pages to write with one writer: ``add`` them all, then ``write`` (which may return before the files exist)."""

    def __init__(self, writer, settings: dict):
        self.writer = writer
        self.settings = settings
        self.jobs: list[PageJob] = []

    def add(self, name: str, template, context: dict, relative_urls: bool | None = None, reusable: bool = False, **variables) -> None:
        """``reusable``: the template reads nothing from the model but ``variables`` (see :mod:`.reuse`)."""
        if relative_urls is None:
            relative_urls = bool(self.settings.get("RELATIVE_URLS"))
        path = sanitised_join(self.writer.output_path, name)
        self.jobs.append(PageJob(path, name, template, context, relative_urls, variables, reusable))

    def write(self) -> None:
        """Claim every path, then render: here (one worker) or in forked workers, joined by :func:`finish`."""
        self._claim()
        jobs, self.jobs = self.jobs, []
        snapshots: dict[int, tuple[dict, str]] = {}  # each context as it is now: plugins that run later cannot change these pages
        live = atomic.live_output()
        for job in jobs:
            if id(job.context) not in snapshots:
                snapshots[id(job.context)] = (job.context.copy(), reuse.stamp(job.context) if live and "portal" in job.context else "")
            job.context, stamp = snapshots[id(job.context)]
            if job.reusable:
                job.stamp, job.live = stamp, live
        count = min(workers(self.settings) - 1, len(jobs))
        if count < 1:
            _run(jobs)
            _announce(jobs)
            return
        batch = _Batch(jobs, multiprocessing.get_context("fork").Value("q", 0))
        _pending.append(batch)
        gc.freeze()  # the model moves out of the collector's reach: workers then copy fewer memory pages
        try:
            for _ in range(count):
                batch.workers.append(_fork(batch))
        finally:
            gc.unfreeze()

    def _claim(self) -> None:
        """Pelican's check for two outputs to one path, for every page before any is written."""
        written = self.writer._written_files
        for job in self.jobs:
            if job.path in written or job.path in self.writer._overridden_files:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{job.path}" as Pelican has already written to it previously (set `override=True` if intended)'
                )
            written.add(job.path)


def _fork(batch: _Batch) -> _Worker:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: never return into the main process's code, whatever happens
        status = 1
        try:
            os.close(read_end)
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, signal.SIG_DFL)  # the main process reports and cleans up
            cache.active().in_worker()
            try:
                batch.run()
                report = ("done", cache.active().worker_entries())
                status = 0
            except PageWriteError as error:
                report = ("failed", error.location, str(error))
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(report, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(status)
    os.close(write_end)
    return _Worker(pid, read_end)


def _run(jobs: list[PageJob]) -> None:
    for job in jobs:
        try:
            job.write()
        except Exception as error:
            raise _page_error(job, error) from None


def _page_error(job: PageJob, error: Exception) -> PageWriteError:
    if isinstance(error, OSError):
        detail = f"{error.strerror or error} ({error.filename or job.path})"
    else:
        detail = f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"
    frames = traceback.extract_tb(error.__traceback__)
    templates = [frame for frame in frames if frame.filename.endswith((".html", ".xml", ".txt", ".js"))]
    frame = (templates or frames or [None])[-1]
    location = f"{_shown(frame.filename)}:{frame.lineno}" if frame else ""
    return PageWriteError(f"{detail}, while writing {job.name}", location)


def _shown(filename: str) -> str:
    try:
        return Path(filename).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return filename


def _announce(jobs: list[PageJob]) -> None:
    for job in jobs:
        signals.content_written.send(job.path, context=job.local_context())


def finish(pelican_object=None) -> None:
    """``finalized`` (connected before anything that reads the output): render what the workers have not
    taken yet, wait for them, then report every page."""
    while _pending:
        batch = _pending[0]
        try:
            batch.run()
        except PageWriteError:
            stop()
            raise
        _pending.pop(0)
        errors = [error for error in (_join(worker) for worker in batch.workers) if error]
        if errors:
            stop()
            raise errors[0]
        _announce(batch.jobs)


def _join(worker: _Worker) -> PageWriteError | None:
    """Wait for one worker: its error, or ``None`` once its new cache entries are merged into the build's."""
    with os.fdopen(worker.pipe, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(worker.pid, 0)
    report = pickle.loads(data) if data else ("lost",)  # a worker killed mid-write leaves nothing: see its status
    if report[0] == "done" and status == 0:
        cache.active().merge(report[1])
        return None
    if report[0] == "failed":
        return PageWriteError(report[2], report[1])
    how = f"was killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exited with status {os.waitstatus_to_exitcode(status)}"
    return PageWriteError(f"a page-writing worker process {how}")


def stop() -> None:
    """Stop and reap every worker still running: the build failed, and its staging folder is about to go."""
    while _pending:
        for worker in _pending.pop().workers:
            with contextlib.suppress(OSError):
                os.kill(worker.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(worker.pid, 0)
            with contextlib.suppress(OSError):
                os.close(worker.pipe)
