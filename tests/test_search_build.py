"""A missing or failing Pagefind stops the build with one clear line, never a traceback."""

from __future__ import annotations

import pytest
from conftest import ROOT, run_build
from helpers_feeds import write_opportunity, write_organisation

pytestmark = pytest.mark.slow


def small_content(folder):
    """What Pagefind indexes does not matter here, only how its failures reach the log: one listing is quick to build."""
    content = folder / "content"
    write_organisation(content, "acme", name="Acme Care")
    write_opportunity(content, "ward-helper", organisation="acme", title="Ward helper")
    return content


def settings_with_binary(folder, binary: str):
    settings = folder / "settings.py"
    settings.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"PAGEFIND_BINARY = {binary!r}\n",
        encoding="utf-8",
    )
    return settings


def test_missing_pagefind_binary_fails_the_build_clearly(tmp_path):
    missing = tmp_path / "no-such-pagefind"
    result = run_build(small_content(tmp_path), tmp_path / "output", settings=settings_with_binary(tmp_path, str(missing)))
    assert result.returncode != 0
    assert f"Search index failed: PAGEFIND_BINARY {missing} does not exist" in result.stderr
    assert "Traceback" not in result.log
    assert not (tmp_path / "output" / "pagefind").exists()


def test_pagefind_exiting_non_zero_fails_the_build_clearly(tmp_path):
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: cannot read the site' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    result = run_build(small_content(tmp_path), tmp_path / "output", settings=settings_with_binary(tmp_path, str(failing)))
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "Search index failed" in line]
    assert lines == [
        f"Search index failed: {failing} exited with code 3: Error: cannot read the site. "
        f"The output folder {tmp_path / 'output'} was not changed."
    ]
    assert "Traceback" not in result.log


def test_what_pagefind_warns_about_reaches_the_build_log(tmp_path):
    real = __import__("pagefind_bin").get_executable()
    wrapper = tmp_path / "pagefind"
    wrapper.write_text(f"#!/bin/sh\necho 'Warning: something to look at'\nexec {real} \"$@\"\n", encoding="utf-8")
    wrapper.chmod(0o755)
    result = run_build(small_content(tmp_path), tmp_path / "output", settings=settings_with_binary(tmp_path, str(wrapper)))
    assert result.returncode == 0, result.log
    assert "Pagefind: Warning: something to look at" in result.log
    assert (tmp_path / "output" / "pagefind" / "pagefind.js").is_file()
