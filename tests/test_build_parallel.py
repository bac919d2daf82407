"""Issue 16 part 3: pages rendered and written in worker processes (``PORTAL_WORKERS``).

Real builds of the example site: with workers, every byte outside /pagefind/ is what a
serial build (``PORTAL_WORKERS = 1``) writes, the sitemap still lists every page the
workers wrote, and a page that fails in a worker is reported as the template's
``file:line`` with the page's path, exactly as in a serial build, leaving the previous site
as it was. Expected pages come from the content files, read here with PyYAML.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from conftest import ROOT, files_of, run_build
from helpers_content import write_content
from helpers_feeds import EXAMPLE, read_content
from helpers_settings import installed_plugins, settings_file

SITE_URL = "http://127.0.0.1:8000"  # pelicanconf.py's SITEURL


def snapshot(folder: Path) -> dict:
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), path.read_bytes() if stat.S_ISREG(info.st_mode) else None)
    return found


def build(tmp_path: Path, name: str, content: Path, output: Path | None = None, theme: Path | None = None, env=None, plugins=None, **overrides):
    folder = tmp_path / name
    folder.mkdir()
    settings = settings_file(folder, PLUGINS=plugins or installed_plugins(), **overrides)
    if theme:
        with settings.open("a", encoding="utf-8") as file:
            file.write(f"THEME = {str(theme)!r}\n")
    return run_build(content, output or folder / "output", settings=settings, extra_env=env)


@pytest.fixture(scope="module")
def serial_and_parallel(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("parallel")
    serial = build(tmp_path, "serial", EXAMPLE, PORTAL_WORKERS=1)
    assert serial.returncode == 0, serial.log
    parallel = build(tmp_path, "parallel", EXAMPLE, PORTAL_WORKERS=3)  # two workers, each a slice
    assert parallel.returncode == 0, parallel.log
    return serial.output, parallel.output


def test_workers_write_the_same_bytes_as_a_serial_build(serial_and_parallel):
    serial, parallel = serial_and_parallel
    serial_files, parallel_files = files_of(serial), files_of(parallel)
    assert sorted(parallel_files) == sorted(serial_files)
    different = [name for name in serial_files if serial_files[name] != parallel_files[name]]
    assert different == []


def test_every_opportunity_page_a_worker_wrote_is_in_the_sitemap(serial_and_parallel):
    _, parallel = serial_and_parallel
    facts = read_content(EXAMPLE)
    sitemap = (parallel / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for opening in facts.opportunities:
        assert (parallel / "opportunities" / opening.slug / "index.html").is_file(), opening.slug
        url = f"{SITE_URL}/opportunities/{opening.slug}/"
        # closed opportunities are written with noindex, so they stay out of the sitemap
        assert (url in listed) == opening.is_open, opening.slug
        if opening.is_open:
            assert f"<loc>{url}</loc><lastmod>{opening.data['posted']}</lastmod>" in sitemap


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("good")
    result = build(base, "good", write_content(base), output=base / "site")
    assert result.returncode == 0, result.log
    return base / "site"


def broken_theme(tmp_path: Path) -> tuple[Path, int]:
    """The theme with an expression that fails on opportunity pages only (which workers render); its line."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "opportunity.html"
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(index for index, line in enumerate(lines) if line.startswith("{% block content"))
    lines.insert(at + 1, "{{ opportunity.no_such_field.deeper }}\n")
    template.write_text("".join(lines), encoding="utf-8")
    return theme, at + 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_page_is_reported_with_its_template_line_and_the_previous_site_stays(workers, tmp_path, good_site):
    output = tmp_path / "output"
    shutil.copytree(good_site, output)
    before = snapshot(output)
    theme, line = broken_theme(tmp_path)
    result = build(tmp_path, "broken", write_content(tmp_path), output=output, theme=theme, PORTAL_WORKERS=workers)
    assert result.returncode == 1, result.log
    assert "Traceback" not in result.log
    lines = [text for text in result.log.splitlines() if text.strip()]
    assert len(lines) == 1, result.log
    assert re.fullmatch(
        rf"Build failed: {re.escape(str(theme))}/templates/opportunity\.html:{line}: UndefinedError: .*no_such_field.*, "
        rf"while writing opportunities/[a-z0-9-]+/index\.html\. The output folder {re.escape(str(output))} was not changed\.",
        lines[0],
    ), lines[0]
    assert snapshot(output) == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".output.")] == []


FAULTS = str(ROOT / "tests" / "plugins")


@pytest.mark.parametrize("fault", ["output:raise", "output:duplicate"])
def test_a_failure_while_workers_write_leaves_the_previous_site(fault, tmp_path, good_site):
    """The main process fails while the workers are still writing (or a later plugin writes a page's path again)."""
    output = tmp_path / "output"
    shutil.copytree(good_site, output)
    before = snapshot(output)
    result = build(
        tmp_path, "fault", write_content(tmp_path), output=output, env={"PORTAL_FAULT": fault},
        plugins=installed_plugins() + ["fault_injection"], PLUGIN_PATHS=[str(ROOT / "plugins"), FAULTS], PORTAL_WORKERS=2,
    )
    assert result.returncode == 1, result.log
    assert "Traceback" not in result.log
    expected = "ValueError: fault injected at output" if fault == "output:raise" else "FileOverwriteFailedError: Failed to overwrite"
    assert expected in result.log
    if fault == "output:duplicate":
        assert f"{os.sep}opportunities{os.sep}index.html" in result.log
    assert snapshot(output) == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".output.")] == []


@pytest.mark.parametrize("value", [0, "2", 1.5])
def test_a_bad_workers_setting_is_one_line(value, tmp_path):
    result = build(tmp_path, "bad", write_content(tmp_path), PORTAL_WORKERS=value)
    assert result.returncode == 1, result.log
    assert "Settings problem: PORTAL_WORKERS: expected a whole number of processes" in result.log
    assert "Traceback" not in result.log
