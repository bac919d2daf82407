"""Shared fixtures: real Pelican builds in temp folders, a local web server, real Chromium.

Every test that needs the example site uses the one session-wide build
(``example_site``); tests that need their own content call :func:`run_build`.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PELICAN = Path(sys.executable).with_name("pelican")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# 2026-11-26 12:00 UTC: the "today" of every test build, so open/closed never drifts.
TEST_EPOCH = "1795694400"


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def log(self) -> str:
        return self.stdout + self.stderr


def run_build(content: Path, output: Path, *, settings: Path | None = None, epoch: str = TEST_EPOCH, extra_env=None) -> BuildResult:
    """Run the real ``pelican`` command, as a person or CI would, and capture everything."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "COLUMNS": "200", "PYTHONPATH": str(ROOT / "plugins")}
    env.update(extra_env or {})
    command = [str(PELICAN), str(content), "-s", str(settings or ROOT / "pelicanconf.py"), "-o", str(output), "--fatal", "errors"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    return BuildResult(done.returncode, done.stdout, done.stderr, output)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file of a built site outside /pagefind/ (Pagefind's own output is not byte-reproducible)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] != "pagefind"
    }


def run_check(content: Path, *args: str, epoch: str = TEST_EPOCH) -> subprocess.CompletedProcess:
    """Run the fast content check command (``python -m portal_content``)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONPATH": str(ROOT / "plugins")}
    command = [sys.executable, "-m", "portal_content", str(content), "-s", str(ROOT / "pelicanconf.py"), *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example site, built once for the whole test session."""
    output = tmp_path_factory.mktemp("example-site") / "output"
    result = run_build(ROOT / "content", output)
    assert result.returncode == 0, result.log
    return output


@pytest.fixture(scope="session")
def example_site_again(tmp_path_factory) -> Path:
    """A second build of the example content with the same epoch, for the tests that builds are
    reproducible (pages, feeds, the whole tree): built once, compared by each."""
    output = tmp_path_factory.mktemp("example-site-again") / "output"
    result = run_build(ROOT / "content", output)
    assert result.returncode == 0, result.log
    return output


@pytest.fixture(scope="session")
def example_json(example_site):
    """Read a JSON file of the built example site by its URL path."""

    def read(path: str):
        return json.loads((example_site / path.lstrip("/")).read_text(encoding="utf-8"))

    return read


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".wasm": "application/wasm", ".mjs": "text/javascript"}

    def log_message(self, *args):
        pass


class StaticServer:
    """A plain static file server on 127.0.0.1, like basic static hosting (no CORS headers)."""

    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def site_server(example_site):
    """The built example site served on a free 127.0.0.1 port; ``site_server.url`` is its root."""
    server = StaticServer(example_site)
    yield server
    server.close()


class ServedPortal:
    """A build served at the address it was built for, so every absolute link in it works."""

    def __init__(self, content, root):
        from helpers_feeds import read_content  # helpers_feeds imports this module

        self.output = root / "out"
        self.output.mkdir(parents=True)
        self.server = StaticServer(self.output)
        self.url = self.server.url
        settings = root / "settings.py"
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F403\n"
            f"SITEURL = {self.url!r}\nFEED_DOMAIN = SITEURL\n",
            encoding="utf-8",
        )
        result = run_build(content, self.output, settings=settings)
        assert result.returncode == 0, result.log
        self.facts = read_content(content)

    def opportunity_url(self, opportunity) -> str:
        return f"{self.url}/opportunities/{opportunity.slug}/"


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    """The example content built for, and served at, its own address: for the widget, CSP and near tests alike."""
    served = ServedPortal(ROOT / "content", tmp_path_factory.mktemp("portal"))
    yield served
    served.server.close()


@pytest.fixture(scope="session")
def hostile_portal(tmp_path_factory):
    """The hostile content (helpers_feeds) built for, and served at, its own address."""
    from helpers_feeds import write_hostile_content

    root = tmp_path_factory.mktemp("hostile-portal")
    write_hostile_content(root / "content")
    served = ServedPortal(root / "content", root)
    yield served
    served.server.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download, ever)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test-deps` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: a worker finished; its public site figures join the summary printed at the end."""
    data = getattr(node, "workeroutput", {}).get("site_checks")
    if data:
        from helpers_site import site_check_summary

        site_check_summary(node.config).merge(data)


def package_version(name: str) -> str:
    """The version of an npm package in node_modules, read when a report needs it (not at import:
    ``-m "not browser"`` collects every file without node_modules)."""
    return json.loads((ROOT / "node_modules" / name / "package.json").read_text(encoding="utf-8"))["version"]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def add_axe_to_every_page(page) -> None:
    """axe-core in every document this page's context opens, as it starts (an init script, which
    Content-Security-Policy does not apply to): cheaper than sending it again after each navigation."""
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing: run `make test-deps` (npm ci)")
    page.context.add_init_script(path=str(AXE_JS))


def axe_violations(page, selector: str | None = None, tags: list[str] = AXE_TAGS) -> list[dict]:
    """Run axe-core (from node_modules) in the page; return its violations (each with its rule's tags), empty when clean."""
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing: run `make test-deps` (npm ci)")
    # Through DevTools, not a <script> tag: the page's Content-Security-Policy blocks inline scripts.
    # A context that visits many pages adds it once instead (add_axe_to_every_page).
    if not page.evaluate("() => typeof axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    context = selector or "document"
    return page.evaluate(
        """async ([context, tags]) => {
            const target = context === 'document' ? document : document.querySelector(context);
            const result = await axe.run(target, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, tags: v.tags,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""",
        [context, tags],
    )


def format_violations(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:5]) for v in violations)


def _costly(item) -> bool:
    """A test that drives Chromium or builds a site of its own: seconds, not milliseconds."""
    return "browser" in item.fixturenames or any(item.get_closest_marker(name) for name in ("browser", "slow"))


def pytest_collection_modifyitems(config, items):
    """Files with the most costly tests first, each file's tests in their own order.

    pytest-xdist (``--dist loadfile``) hands whole files to workers in this order; taken
    alphabetically, the long browser files (test_site_*, test_search_*) came last and one
    worker ran them on while the other sat idle. Longest first keeps both cores busy.
    """
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    order = sorted(files, key=lambda name: -sum(map(_costly, files[name])))  # stable: ties keep their order
    items[:] = [item for name in order for item in files[name]]
