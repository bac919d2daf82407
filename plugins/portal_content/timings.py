"""Stage times for the benchmark: with ``PORTAL_TIMINGS=1`` in the environment, each stage of
the build prints one line to stderr, ``timing: <stage>: <wall> s wall, <cpu> s CPU``.

``benchmarks/run.py`` sets the variable and reads the lines; without it nothing is printed and
the cost is a clock read per stage. CPU is this process's own plus that of children it waited
for (Pagefind, worker processes), so a stage that hands work to others is still counted.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator

ENABLED = bool(os.environ.get("PORTAL_TIMINGS"))


def cpu_seconds() -> float:
    """User + system time of this process and its waited-for children."""
    usage = os.times()
    return usage.user + usage.system + usage.children_user + usage.children_system


def record(name: str, wall: float, cpu: float) -> None:
    if ENABLED:
        print(f"timing: {name}: {wall:.3f} s wall, {cpu:.3f} s CPU", file=sys.stderr, flush=True)


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as stage ``name`` (printed only with PORTAL_TIMINGS set)."""
    started, cpu = time.perf_counter(), cpu_seconds()
    try:
        yield
    finally:
        record(name, time.perf_counter() - started, cpu_seconds() - cpu)


class Laps:
    """Consecutive stages of one function: each ``lap(name)`` records the time since the last."""

    def __init__(self):
        self.started, self.cpu = time.perf_counter(), cpu_seconds()

    def lap(self, name: str) -> None:
        now, cpu = time.perf_counter(), cpu_seconds()
        record(name, now - self.started, cpu - self.cpu)
        self.started, self.cpu = now, cpu


def timed(name: str, method):
    """``method`` wrapped in :func:`stage` (a generator's generate_context / generate_output)."""

    def run(*args, **kwargs):
        with stage(name):
            return method(*args, **kwargs)

    return run
