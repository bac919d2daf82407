"""Hand the build's memory back before Pagefind runs, so the two peaks never add up.

Pagefind indexes the written site in its own process, from ``portal_search``'s
``finalized`` handler. Until then Pelican still holds the model, every
generator's state and the Jinja caches (about 370 MiB at 10,000 opportunities);
Pagefind's own peak came on top. Everything is written by the time ``finalized``
is sent, so this handler, connected first, empties the shared context and the
template environments, collects the garbage and asks the C allocator to return
free pages to the system (about 120 MiB left at 10,000). Plugins that need the
model must finish in ``generate_output``; ``finalized`` handlers only see files.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc

from . import places
from .timings import stage

_generators: list = []


def remember_generators(generators) -> None:
    """``all_generators_finalized``: the generators whose state is released at the end."""
    _generators[:] = generators


def release(pelican_object) -> None:
    """``finalized``: drop the model and the templates' caches, then give the memory back."""
    with stage("release memory"):
        _release()


def _release() -> None:
    for generator in _generators:
        generator.context.clear()
        env = getattr(generator, "env", None)
        if env is not None:
            env.globals.clear()
            if env.cache is not None:
                env.cache.clear()
    _generators.clear()
    places.postcodes_for.cache_clear()
    gc.collect()
    _trim_heap()


def _trim_heap() -> None:
    """glibc keeps freed memory for reuse; ``malloc_trim(0)`` returns it. Elsewhere this does nothing."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
