"""Issue 16: content files read, checked and rendered on two cores (``portal_content.prefill``).

With many files and no cache entries (no cache folder, as here, or a new one), a forked helper
does half the files' reading, checking and Markdown while the build does the other half. It must
change nothing but the time:
- real builds with ``PORTAL_WORKERS = 2`` and ``1`` write the same bytes (outside /pagefind/);
- bad files give the same ``file:line: field: message`` lines, once each, from the build's loader
  and from the check command, wherever they fall (expected lines are found in the files' text);
- a helper that raises, exits, is killed or sends garbage only means the build does its half;
- an interrupted load kills and reaps the helper.
The content is the example site's with each opportunity copied three times: enough files to fork.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TEST_EPOCH, files_of, run_build
from helpers_feeds import EXAMPLE
from helpers_loader import SETTINGS, model_of
from helpers_settings import installed_plugins, settings_file
from portal_content import loader as loader_module
from portal_content import prefill
from portal_content.cache import BuildCache
from portal_content.loader import ContentLoader, load_content

COPIES = 3
SOURCE = "opportunities/pennine-minds/pennine-minds-crisis-cafe-host.yaml"


def many(base: Path) -> Path:
    """The example content with every opportunity copied ``COPIES`` times under new file names."""
    content = base / "content"
    shutil.copytree(EXAMPLE, content)
    for path in sorted((content / "opportunities").rglob("*.yaml")):
        for number in range(1, COPIES + 1):
            path.with_name(f"{path.stem}-copy-{number}.yaml").write_bytes(path.read_bytes())
    return content


def content_files(content: Path) -> list[Path]:
    return [path for path in content.rglob("*") if path.is_file() and path.suffix in {".yaml", ".md"}]


def bad_files(content: Path) -> list[str]:
    """Write broken opportunities beside good ones; the start of each expected problem line (relative source)."""
    text = (content / SOURCE).read_text(encoding="utf-8")
    lines = text.splitlines()
    folder = content / "opportunities" / "pennine-minds"
    written = {
        "a-duplicate-key": text + "title: Second title\n",
        "a-schema": "title: 12345\n" + "\n".join(lines[1:]) + "\n",
        "a-link": text.replace("make drinks and light snacks", "make [drinks](javascript:alert(1)) and snacks"),
        "a-unclosed": text.replace("\nactivities:\n", "\nactivities: [unclosed\n"),
        "a-types": text.replace("  dbs_check: enhanced", "  dbs_check: 7"),
    }
    for name, body in written.items():
        assert body != text
        (folder / f"{name}.yaml").write_text(body, encoding="utf-8")
    (folder / "a-latin1.yaml").write_bytes(b"title: caf\xe9\n" + "\n".join(lines[1:]).encode() + b"\n")
    where = "opportunities/pennine-minds"
    unclosed_at = next(i for i, line in enumerate(lines, 1) if i > lines.index("activities:") + 1 and not line.startswith(" "))
    return [
        f"{where}/a-duplicate-key.yaml:{len(lines) + 1}: title: ",
        f"{where}/a-schema.yaml:1: title: ",
        f"{where}/a-link.yaml:{next(i for i, line in enumerate(lines, 1) if 'make drinks' in line)}: description: ",
        f"{where}/a-unclosed.yaml:{unclosed_at}: ",  # where the next field shows the [ was never closed
        f"{where}/a-types.yaml:{lines.index('  dbs_check: enhanced') + 1}: requirements.dbs_check: ",
        f"{where}/a-latin1.yaml:1: ",
    ]


# -- real builds and the check command -----------------------------------------------------------


def build(base: Path, name: str, content: Path, **overrides):
    folder = base / name
    folder.mkdir()
    settings = settings_file(folder, PLUGINS=installed_plugins(), **overrides)
    return run_build(content, folder / "output", settings=settings, extra_env={"PORTAL_TIMINGS": "1"})


PREFILL_LAP = "timing: content: read, check and render on two cores (prefill)"


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("prefill")
    content = many(base)
    assert len(content_files(content)) >= prefill.MIN_FILES
    return content


def test_two_processes_write_the_same_site_as_one(big, tmp_path):
    one = build(tmp_path, "one", big, PORTAL_WORKERS=1, PORTAL_CACHE_PATH=None)
    two = build(tmp_path, "two", big, PORTAL_WORKERS=2, PORTAL_CACHE_PATH=None)
    fresh = build(tmp_path, "fresh-cache", big, PORTAL_WORKERS=2, PORTAL_CACHE_PATH=str(tmp_path / "cache"))
    for result in (one, two, fresh):
        assert result.returncode == 0, result.log
        assert "Traceback" not in result.log
    assert PREFILL_LAP not in one.log
    assert PREFILL_LAP in two.log and PREFILL_LAP in fresh.log  # the helper really ran
    expected = files_of(one.output)
    opportunities = {path.stem for path in (big / "opportunities").rglob("*.yaml")}
    assert {name.split("/")[1] for name in expected if name.startswith("opportunities/") and name.count("/") == 2} == opportunities
    for result in (two, fresh):
        found = files_of(result.output)
        assert sorted(found) == sorted(expected)
        assert [name for name in expected if found[name] != expected[name]] == []


def check(content: Path, folder: Path, workers: int) -> subprocess.CompletedProcess:
    folder.mkdir()
    settings = settings_file(folder, PORTAL_WORKERS=workers, PATH=str(content))
    env = {**os.environ, "SOURCE_DATE_EPOCH": TEST_EPOCH, "PYTHONPATH": str(ROOT / "plugins"), "PORTAL_TIMINGS": "1"}
    command = [sys.executable, "-m", "portal_content", str(content), "-s", str(settings)]
    return subprocess.run(command, cwd=content.parent, env=env, capture_output=True, text=True, timeout=300)


def problem_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if not line.startswith("timing: ")]


def test_the_check_command_reports_the_same_problems_with_two_processes(big, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(big, content)
    expected = [f"content/{start}" for start in bad_files(content)]
    one, two = check(content, tmp_path / "one", 1), check(content, tmp_path / "two", 2)
    assert one.returncode == two.returncode == 1
    assert PREFILL_LAP not in one.stderr and PREFILL_LAP in two.stderr
    assert problem_lines(two.stderr) == problem_lines(one.stderr)
    assert "Traceback" not in one.stderr + two.stderr
    for start in expected:
        assert len([line for line in problem_lines(two.stderr) if line.startswith(start)]) == 1, (start, two.stderr)


# -- in-process: the helper's share, its failures, an interrupted load ---------------------------


@pytest.fixture
def loaded(tmp_path, monkeypatch):
    """Load ``content`` in this process with ``workers`` processes: (result, YAML files parsed here)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TEST_EPOCH)
    monkeypatch.chdir(tmp_path)
    real = loader_module.parse_yaml
    parsed: list[int] = []

    def counted(*args, **kwargs):
        parsed.append(os.getpid())
        return real(*args, **kwargs)

    monkeypatch.setattr(loader_module, "parse_yaml", counted)

    def load(content: Path, workers: int, build_site: bool = True):
        parsed.clear()
        result = load_content(content.relative_to(tmp_path), {**SETTINGS, "PORTAL_WORKERS": workers}, build_site, cache=BuildCache(None, ""))
        return result, parsed.count(os.getpid())

    return load


def test_the_helper_does_half_the_files_and_the_model_is_the_same(tmp_path, loaded):
    content = many(tmp_path)
    files = len(content_files(content))
    one, parsed_one = loaded(content, 1)
    two, parsed_two = loaded(content, 2)
    assert files >= prefill.MIN_FILES and parsed_one == files  # every file here has YAML (principles and pages: front matter)
    assert parsed_two <= files // 2 + 1  # the helper parsed the rest
    assert model_of(two.site) == model_of(one.site)
    assert two.problems == one.problems and two.counts == one.counts


@pytest.mark.parametrize("build_site", [True, False])
def test_bad_files_give_the_same_problems_once_each(tmp_path, loaded, build_site):
    content = many(tmp_path)
    expected = [f"content/{start}" for start in bad_files(content)]
    one, _ = loaded(content, 1, build_site)
    two, _ = loaded(content, 2, build_site)
    assert [str(problem) for problem in two.problems] == [str(problem) for problem in one.problems]
    for start in expected:
        assert len([problem for problem in two.problems if str(problem).startswith(start)]) == 1, start
    assert two.site is None


def garbage_pickle():
    class Garbage:
        HIGHEST_PROTOCOL = pickle.HIGHEST_PROTOCOL
        loads = staticmethod(pickle.loads)

        @staticmethod
        def dumps(*args, **kwargs):
            return b"\x80\x05not a pickle"

    return Garbage


@pytest.mark.parametrize("failure", ["raise", "exit", "killed", "garbage"])
def test_a_failing_helper_only_means_the_build_does_its_half(failure, tmp_path, loaded, monkeypatch, capfd):
    content = many(tmp_path)
    bad_files(content)
    one, parsed_one = loaded(content, 1)
    main, real = os.getpid(), prefill._work

    def failing(loader, items, build_site):
        if os.getpid() != main:  # in the helper
            if failure == "raise":
                raise RuntimeError("the helper fails")
            if failure == "exit":
                os._exit(3)
            if failure == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
        real(loader, items, build_site)

    monkeypatch.setattr(prefill, "_work", failing)
    if failure == "garbage":
        monkeypatch.setattr(prefill, "pickle", garbage_pickle())
    two, parsed_two = loaded(content, 2)
    assert [str(problem) for problem in two.problems] == [str(problem) for problem in one.problems]
    assert parsed_two >= parsed_one  # its own half and the helper's: every file was done here
    assert "Traceback" not in capfd.readouterr().err


def test_an_interrupted_load_kills_and_reaps_the_helper(tmp_path, loaded, monkeypatch):
    content = many(tmp_path)
    main, forked = os.getpid(), []
    real_fork, real_prepare = os.fork, ContentLoader.prepare

    def fork():
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    def interrupted(self, item, build_site):
        if os.getpid() == main and item.kind == "opportunity":
            raise KeyboardInterrupt
        real_prepare(self, item, build_site)

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setattr(ContentLoader, "prepare", interrupted)
    with pytest.raises(KeyboardInterrupt):
        loaded(content, 2)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # already reaped: no process, not even a zombie, is left
        os.waitpid(forked[0], os.WNOHANG)
