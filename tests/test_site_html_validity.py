"""Every HTML file (and stylesheet) of the built example site passes the Nu HTML Checker (vnu) with zero errors.

vnu comes from the ``vnu-jar`` npm package and runs on Debian's Java. The
number of pages checked is printed in the "public site checks" summary.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import VNU_JAR, package_version
from helpers_site import site_check_summary
from helpers_yaml_model import read_site

pytestmark = [pytest.mark.slow, pytest.mark.browser]  # needs Java and vnu from node_modules

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def run_vnu(folder: Path) -> list[dict]:
    """vnu's error messages for every HTML and CSS file under ``folder``: one run (the JVM's start
    is most of the cost), split by the caller with :func:`on_files`."""
    if not VNU_JAR.exists():
        pytest.fail("vnu is missing: run `make test-deps` (npm ci)")
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: run `make test-deps` (installs default-jre-headless)")
    command = [java, "-jar", str(VNU_JAR), "--also-check-css", "--errors-only", "--format", "json", str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    report = done.stderr.strip() or done.stdout.strip()
    try:
        messages = json.loads(report)["messages"] if report else []
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu exited {done.returncode} without a JSON report:\n{done.stdout}\n{done.stderr}")
    assert done.returncode == (1 if messages else 0), f"vnu exited {done.returncode}:\n{done.stderr}"
    return messages


def on_files(messages: list[dict], suffixes: tuple[str, ...]) -> list[dict]:
    return [message for message in messages if message.get("url", "").endswith(suffixes)]


@pytest.fixture(scope="module")
def site_messages(example_site) -> list[dict]:
    """vnu over the whole example site, HTML and CSS, once for this module's tests."""
    return run_vnu(example_site)


def readable(messages: list[dict], folder: Path) -> str:
    """Each distinct error once, with how many pages have it, a few places (file:line:column) and the markup."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for message in messages:
        where = message.get("url", "").removeprefix("file:").removeprefix(str(folder.resolve())).removeprefix(str(folder))
        place = f"{where}:{message.get('lastLine', message.get('firstLine', '?'))}:{message.get('lastColumn', '?')}"
        key = (f"{message.get('type')}: {message.get('message')}", (message.get("extract") or "").strip())
        grouped.setdefault(key, []).append(place)
    lines = []
    for (text, extract), places in sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0])):
        places.sort()
        more = f" and {len(places) - 3} more" if len(places) > 3 else ""
        lines.append(f"{text}\n    in {len(places)} place(s): {', '.join(places[:3])}{more}\n    markup: {extract!r}")
    return "\n".join(lines)


def html_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.suffix in HTML_SUFFIXES)


def test_the_checker_reports_invalid_html(tmp_path):
    """Guards the test below: vnu runs, reads a folder, and we parse what it finds."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div>bad nesting</div><img src="a.png"></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "style.css").write_text("a { colr: red; }", encoding="utf-8")
    messages = run_vnu(tmp_path)
    html = readable(on_files(messages, HTML_SUFFIXES), tmp_path)
    assert "/sub/index.html:" in html and "alt" in html and "style.css" not in html, html
    css = readable(on_files(messages, (".css",)), tmp_path)
    assert "/style.css:" in css and "colr" in css and "index.html" not in css, css
    assert len(on_files(messages, HTML_SUFFIXES)) + len(on_files(messages, (".css",))) == len(messages), "every message is on a file"


# Pages other tests once ran vnu on by themselves: checked here, with every other page.
NAMED_PAGES = ("partners/index.html", "embed/index.html", "submit/index.html", "submit/organisation/index.html", "stats/index.html", "contributing/index.html")


def test_every_html_page_of_the_site_is_valid(example_site, site_messages, request):
    pages = html_files(example_site)
    site = read_site()
    least = len(site.opportunities) + len(site.organisations) + len(site.principles)
    assert len(pages) >= least, f"only {len(pages)} HTML pages in the build, fewer than opportunities + organisations + principles ({least})"
    assert {page.relative_to(example_site).as_posix() for page in pages} >= set(NAMED_PAGES)
    messages = on_files(site_messages, HTML_SUFFIXES)
    files_with_errors = {message.get("url") for message in messages}
    site_check_summary(request.config).record(
        "vnu", f"Nu HTML Checker (vnu-jar {package_version('vnu-jar')}): {len(pages)} HTML pages checked, "
        f"{len(messages)} errors in {len(files_with_errors)} files"
    )
    assert not messages, f"vnu found {len(messages)} errors in {len(files_with_errors)} of {len(pages)} pages:\n" + readable(messages, example_site)


def test_the_stylesheets_are_valid_css(example_site, site_messages, request):
    sheets = sorted(example_site.rglob("*.css"))
    assert sheets, "no stylesheet in the build"
    messages = on_files(site_messages, (".css",))
    site_check_summary(request.config).record(
        "vnu-css", f"Nu HTML Checker (vnu-jar {package_version('vnu-jar')}) CSS: {len(sheets)} stylesheets checked, {len(messages)} errors"
    )
    assert not messages, f"vnu found {len(messages)} CSS errors:\n" + readable(messages, example_site)
