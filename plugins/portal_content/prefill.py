"""Content files read, checked and rendered on two cores, before the loader's own pass.

Reading a file (strict YAML), checking it (text rules, dates, JSON Schema) and
rendering its Markdown are pure functions of its bytes, and were a fifth of a
large build's CPU, all in one process. When many files have no build cache
entry (a first build, a changed key, no cache folder, the check command),
:func:`prefill` forks one helper process that does that work for half of them
while this process does the other half. The helper's results go into the build
cache as if this process had made them, so the loader's serial pass then finds
every file there: the problems, their order and the site are exactly those of a
load in one process.

The helper can only save work, never change a result: a file it cannot read
gives no entry (the serial pass reads it again and reports it as before), and a
helper that fails, crashes or is killed gives nothing at all (its half is then
done by the serial pass). It ends with ``os._exit``, so nothing of Pelican's
(logging, ``atexit``) runs in it, and it is killed and reaped when this process
stops for any reason, Ctrl-C and SIGTERM included.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import pickle
import signal

MIN_FILES = 200  # files without a cache entry below which a fork costs more than it saves


def prefill(loader, items: list, build_site: bool, processes: int) -> bool:
    """Fill ``loader.cache`` for ``items`` (a ContentLoader's ``_File``\\s) on two cores; false when not worth it."""
    missing = [item for item in items if f"{item.kind}:{item.source}" not in loader.cache.old]
    if processes < 2 or len(missing) < MIN_FILES:
        return False
    read_end, write_end = os.pipe()
    gc.freeze()  # what the build holds moves out of the collector's reach: the helper then copies fewer memory pages
    try:
        pid = os.fork()
        if pid == 0:
            _helper(loader, missing[1::2], build_site, read_end, write_end)
    finally:
        gc.unfreeze()
    os.close(write_end)
    status = None
    with os.fdopen(read_end, "rb") as pipe:
        try:
            _work(loader, missing[0::2], build_site)
            data = pipe.read()
            _, status = os.waitpid(pid, 0)
        finally:
            if status is None:  # stopped by an error or a signal: the helper goes too
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                with contextlib.suppress(OSError):
                    os.waitpid(pid, 0)
    if status == 0:
        with contextlib.suppress(Exception):  # anything unreadable: the serial pass does the helper's half
            loader.cache.merge(pickle.loads(data))
    return True


def _work(loader, items: list, build_site: bool) -> None:
    """What the serial pass would do to each file, done on copies, with the problems it finds thrown away:
    only the cache entries are kept, and the serial pass reports every problem from them (or from the file)."""
    problems, loader.problems = loader.problems, []
    try:
        for item in items:
            with contextlib.suppress(Exception):  # the serial pass meets the same file and says what is wrong
                loader.prepare(dataclasses.replace(item), build_site)
    finally:
        loader.problems = problems


def _helper(loader, items: list, build_site: bool, read_end: int, write_end: int) -> None:
    """The forked process: never returns into the build's code, whatever happens."""
    status = 1
    try:
        os.close(read_end)
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_DFL)  # the build reports and cleans up
        loader.cache.in_worker()
        _work(loader, items, build_site)
        data = pickle.dumps(loader.cache.worker_entries(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)
