"""Fault injection: every way a build can fail leaves the last good site exactly as it was.

Each case runs the real ``pelican`` command into a folder that holds a good
site (with a ``.git`` folder, as a deploy checkout has), breaks one thing, and
asserts the exit status, one plain line of output and no traceback, a
byte-identical output folder and no staging folder left behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import PELICAN, ROOT, TEST_EPOCH, run_build
from helpers_content import write_content
from helpers_settings import installed_plugins, settings_file

FAULT_PLUGINS = str(ROOT / "tests" / "plugins")


def snapshot(folder: Path) -> dict:
    """Every path under ``folder`` (folders and links too) with its bytes and mode."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        body = path.read_bytes() if stat.S_ISREG(info.st_mode) else os.readlink(path) if path.is_symlink() else None
        found[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), body)
    return found


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    """A good build of the minimal content, plus a .git folder, copied into each test's output."""
    base = tmp_path_factory.mktemp("good")
    content = write_content(base)
    result = run_build(content, base / "site", settings=settings_file(base, PLUGINS=installed_plugins()))
    assert result.returncode == 0, result.log
    (base / "site" / ".git").mkdir()
    (base / "site" / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return base / "site"


@dataclass
class Setup:
    content: Path
    output: Path
    before: dict
    settings: Path


def prepare(tmp_path: Path, good_site: Path, output: Path | None = None, fault_plugin: bool = False, **overrides) -> Setup:
    content = write_content(tmp_path)
    output = output or tmp_path / "output"
    shutil.copytree(good_site, output, symlinks=True)
    plugins = installed_plugins() + (["fault_injection"] if fault_plugin else [])
    settings = settings_file(tmp_path, PLUGINS=plugins, PLUGIN_PATHS=[str(ROOT / "plugins"), FAULT_PLUGINS], **overrides)
    return Setup(content, output, snapshot(output), settings)


def lines_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def assert_failed_cleanly(result_code: int, stdout: str, stderr: str, setup: Setup, expected_code: int = 1) -> str:
    """The exit status, exactly one line of output, the old site untouched, no staging left."""
    log = stdout + stderr
    assert result_code == expected_code, log
    assert "Traceback" not in log
    assert len(lines_of(log)) == 1, f"expected one line, got:\n{log}"
    assert lines_of(log)[0].endswith((f"The output folder {setup.output} was not changed.", "Nothing was built.")), log
    assert f".{setup.output.name}.building" not in log  # the staging folder is ours, not the reader's
    assert snapshot(setup.output) == setup.before
    leftovers = [path.name for path in setup.output.parent.iterdir() if path.name.startswith(f".{setup.output.name}.")]
    assert leftovers == [], leftovers
    return lines_of(log)[0]


def fake_pagefind(folder: Path, script: str) -> str:
    path = folder / "fake-pagefind"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


# -- failures that end the build by themselves ----------------------------------------------------


@dataclass
class Fault:
    name: str
    overrides: dict = field(default_factory=dict)
    pagefind: str | None = None  # a stand-in binary's shell script
    env: dict = field(default_factory=dict)
    fault_plugin: bool = False
    line: str = ""  # the start of the one line printed


FAULTS = [
    Fault("pagefind-missing", {"PAGEFIND_BINARY": "/nonexistent/pagefind"}, line="Search index failed: PAGEFIND_BINARY /nonexistent/pagefind does not exist"),
    Fault("pagefind-exits-non-zero", pagefind="echo 'Error: cannot read the site' >&2; exit 3", line="Search index failed: "),
    Fault("pagefind-crashes", pagefind="kill -SEGV $$", line="Search index failed: "),
    Fault("pagefind-writes-nothing", pagefind="exit 0", line="Search index failed: "),
    Fault("bad-colour", {"PORTAL_COLOURS": {"brand": "red; } body { display: none"}}, line="Settings problem: PORTAL_COLOURS: 'brand': expected a colour"),
    Fault("colours-not-a-dict", {"PORTAL_COLOURS": "teal"}, line="Settings problem: PORTAL_COLOURS: expected names and colours"),
    Fault("near-limit-negative", {"PORTAL_NEAR_LIMIT": -5}, line="Settings problem: PORTAL_NEAR_LIMIT: expected a whole number of opportunities, 0 or more"),
    Fault("near-miles-text", {"PORTAL_NEAR_MILES": "ten"}, line="Settings problem: PORTAL_NEAR_MILES: expected a distance in miles greater than 0"),
    Fault("source-date-epoch-not-a-number", env={"SOURCE_DATE_EPOCH": "abc"}, line="Settings problem: SOURCE_DATE_EPOCH must be a whole number"),
    Fault("source-date-epoch-year-9999", env={"SOURCE_DATE_EPOCH": "253402300799"}, line="Settings problem: SOURCE_DATE_EPOCH 253402300799 is not a date between 2000 and 2100"),
    Fault("plugin-exception-after-content", env={"PORTAL_FAULT": "context:raise"}, fault_plugin=True, line="Build failed: ValueError: fault injected at context"),
    Fault("plugin-exception-after-pages", env={"PORTAL_FAULT": "output:raise"}, fault_plugin=True, line="Build failed: ValueError: fault injected at output"),
    Fault("plugin-exception-at-finalized", env={"PORTAL_FAULT": "finalized:raise"}, fault_plugin=True, line="Build failed: ValueError: fault injected at finalized"),
]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_a_failing_build_keeps_the_previous_site(fault, tmp_path, good_site):
    overrides = dict(fault.overrides)
    if fault.pagefind:
        overrides["PAGEFIND_BINARY"] = fake_pagefind(tmp_path, fault.pagefind)
    setup = prepare(tmp_path, good_site, fault_plugin=fault.fault_plugin, **overrides)
    result = run_build(setup.content, setup.output, settings=setup.settings, extra_env=fault.env)
    line = assert_failed_cleanly(result.returncode, result.stdout, result.stderr, setup)
    assert line.startswith(fault.line), line


def test_a_good_build_replaces_the_site_and_keeps_git(tmp_path, good_site):
    setup = prepare(tmp_path, good_site)
    (setup.output / "stale.html").write_text("from an old build", encoding="utf-8")
    result = run_build(setup.content, setup.output, settings=setup.settings)
    assert result.returncode == 0, result.log
    assert not (setup.output / "stale.html").exists()
    assert (setup.output / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (setup.output / "pagefind" / "pagefind.js").is_file()
    # Nothing hidden is left beside the output but the build cache, where README says it is (beside content/).
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == [".cache"]
    assert sorted(path.name for path in (tmp_path / ".cache").iterdir()) == ["portal"]


def test_a_build_killed_mid_swap_is_recovered(tmp_path, good_site):
    """Only the old site in .output.previous (a build killed between two renames): the next build puts it back first."""
    setup = prepare(tmp_path, good_site, PAGEFIND_BINARY="/nonexistent/pagefind")
    setup.output.rename(tmp_path / ".output.previous")
    result = run_build(setup.content, setup.output, settings=setup.settings)
    assert_failed_cleanly(result.returncode, result.stdout, result.stderr, setup)


# -- the output path itself ------------------------------------------------------------------------


def test_output_path_that_is_a_file_is_never_deleted(tmp_path, good_site):
    content = write_content(tmp_path)
    output = tmp_path / "output"
    output.write_text("not a folder", encoding="utf-8")
    result = run_build(content, output, settings=settings_file(tmp_path, PLUGINS=installed_plugins()))
    assert result.returncode == 1
    assert lines_of(result.log) == [
        f"Settings problem: the output path {output} is a file, not a folder. Move the file away or choose another path with -o. Nothing was built."
    ]
    assert output.read_text(encoding="utf-8") == "not a folder"


def test_output_folder_with_missing_parent(tmp_path):
    content = write_content(tmp_path)
    output = tmp_path / "missing" / "output"
    result = run_build(content, output, settings=settings_file(tmp_path, PLUGINS=installed_plugins()))
    assert result.returncode == 1
    assert lines_of(result.log) == [
        f"Settings problem: the folder {output.parent} that should hold the output folder does not exist. "
        "Create it, or choose another path with -o. Nothing was built."
    ]
    assert not output.parent.exists()


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody may write to: a read-only tmpfs as root (root ignores permissions), else mode 555."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    if os.geteuid() == 0:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], check=True)
        yield folder, lambda: subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        subprocess.run(["umount", str(folder)], check=True)
    else:
        yield folder, lambda: folder.chmod(0o555)
        folder.chmod(0o755)


def test_unwritable_output_folder_is_left_alone(tmp_path, good_site, read_only_folder):
    folder, lock = read_only_folder
    setup = prepare(tmp_path, good_site, output=folder / "output")
    lock()
    setup.before = snapshot(setup.output)
    result = run_build(setup.content, setup.output, settings=setup.settings)
    line = assert_failed_cleanly(result.returncode, result.stdout, result.stderr, setup)
    assert line == f"Settings problem: cannot write to {folder}, the folder that holds the output folder. Fix its permissions or choose another path with -o. Nothing was built."


def test_full_disk_keeps_the_previous_site(tmp_path, good_site):
    """A tmpfs just big enough for the old site and a little more: the new build runs out of space."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; run the tests as root (as CI does) to cover a full disk")
    disk = tmp_path / "disk"
    disk.mkdir()
    used_kb = int(subprocess.run(["du", "-sk", str(good_site)], capture_output=True, text=True, check=True).stdout.split()[0])
    size_kb = used_kb + 400  # room for the old site and a little: not for a second one
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(disk)], check=True)
    try:
        setup = prepare(tmp_path, good_site, output=disk / "output")
        result = run_build(setup.content, setup.output, settings=setup.settings)
        line = assert_failed_cleanly(result.returncode, result.stdout, result.stderr, setup)
        assert line == f"Build failed: the disk is full (no space left on device). The output folder {setup.output} was not changed."
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# -- signals at several points of a build ---------------------------------------------------------

POINTS = {
    "initialized": {"PORTAL_FAULT": "initialized:wait"},  # settings read, nothing written yet
    "content-loaded": {"PORTAL_FAULT": "context:wait"},  # content loaded and checked
    "pages-written": {"PORTAL_FAULT": "output:wait"},  # every page in staging, before the sitemap
    "finalized": {"PORTAL_FAULT": "finalized:wait"},  # every file written, before Pagefind
    "pagefind-running": {},  # a stand-in Pagefind that waits, once the build's process has exited
}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("point", list(POINTS))
def test_a_signal_during_the_build_keeps_the_previous_site(point, signum, tmp_path, good_site):
    marker = tmp_path / "pagefind-started"
    overrides = {}
    if point == "pagefind-running":
        overrides["PAGEFIND_BINARY"] = fake_pagefind(tmp_path, f"touch {marker}; exec sleep 120")
    setup = prepare(tmp_path, good_site, fault_plugin=True, **overrides)
    env = {**os.environ, "SOURCE_DATE_EPOCH": TEST_EPOCH, "COLUMNS": "200", "PYTHONPATH": str(ROOT / "plugins"), **POINTS[point]}
    command = [str(PELICAN), str(setup.content), "-s", str(setup.settings), "-o", str(setup.output), "--fatal", "errors"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        if point == "pagefind-running":
            while not marker.exists():
                assert process.poll() is None, process.communicate()
                time.sleep(0.05)
        else:
            first = process.stderr.readline()
            assert first.strip() == f"FAULT POINT {POINTS[point]['PORTAL_FAULT'].split(':')[0]}", first + process.stderr.read()
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    expected = 130 if signum == signal.SIGINT else 143
    line = assert_failed_cleanly(process.returncode, stdout, stderr, setup, expected_code=expected)
    what = "interrupted (Ctrl-C, SIGINT)" if signum == signal.SIGINT else "stopped by SIGTERM"
    assert line == f"Build {what}. The output folder {setup.output} was not changed."


def test_the_staging_folder_is_beside_the_output_and_hidden(tmp_path, good_site):
    """While a build runs, its files are in .output.building; the output folder still holds the old site."""
    marker = tmp_path / "pagefind-started"
    setup = prepare(tmp_path, good_site, PAGEFIND_BINARY=fake_pagefind(tmp_path, f"touch {marker}; exec sleep 120"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": TEST_EPOCH, "COLUMNS": "200", "PYTHONPATH": str(ROOT / "plugins")}
    command = [str(PELICAN), str(setup.content), "-s", str(setup.settings), "-o", str(setup.output)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while not marker.exists():
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)
        staging = tmp_path / ".output.building"
        assert (staging / "index.html").is_file() and (staging / "sitemap.xml").is_file()
        assert snapshot(setup.output) == setup.before
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=120)
    finally:
        process.kill()
    assert not (tmp_path / ".output.building").exists()

