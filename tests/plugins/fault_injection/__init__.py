"""A Pelican plugin for the fault-injection tests only: fails or waits at one point of a build.

``PORTAL_FAULT=<point>:<action>`` picks the point (``initialized``, ``context``:
after the content is loaded, ``output``: after the site's pages are written,
``finalized``: after Pagefind) and the action (``raise`` an exception,
``wait``: print ``FAULT POINT <point>`` on stderr and sleep until a signal, or
``duplicate`` at ``output``: write a second file to a path the pages generator wrote).
List it last in PLUGINS so its points come after every real plugin's.
"""

from __future__ import annotations

import os
import sys
import time

from jinja2 import Template
from pelican import signals
from pelican.generators import Generator


def fault(point: str) -> None:
    wanted, _, action = os.environ.get("PORTAL_FAULT", "").partition(":")
    if wanted != point:
        return
    if action == "raise":
        raise ValueError(f"fault injected at {point}")
    print(f"FAULT POINT {point}", file=sys.stderr, flush=True)
    time.sleep(120)  # the test sends a signal long before this ends


class FaultGenerator(Generator):
    def generate_context(self):
        fault("context")

    def generate_output(self, writer):
        if os.environ.get("PORTAL_FAULT") == "output:duplicate":
            writer.write_file("opportunities/index.html", Template("a second page at the same path"), self.context)
        fault("output")


def at_start(pelican):
    fault("initialized")


def generators(pelican):
    return FaultGenerator


def at_end(pelican):
    fault("finalized")


def register():  # module-level receivers: blinker holds weak references, a lambda would vanish
    signals.initialized.connect(at_start)
    signals.get_generators.connect(generators)
    signals.finalized.connect(at_end)
