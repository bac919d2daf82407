"""The JavaScript modules' pure parts (tests/js/*.test.mjs), run with Node's own test runner.

One pytest test runs them all, so `make test` and a plain `pytest` cover them too.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT


def test_javascript_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: install it (the JavaScript unit tests run with `node --test`)")
    files = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert files, "no JavaScript unit tests found in tests/js/"
    done = subprocess.run([node, "--test", *files], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
