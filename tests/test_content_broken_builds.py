"""The table of broken inputs through a real Pelican build and the check command.

Each case is the minimal valid folder with one thing broken. The build must
exit non-zero, print the exact line, never a traceback, and write nothing.
The table runs both in this process (Pelican's own ``Pelican(settings).run()``
and the check command's ``main()``, the code the commands run), which is most
of the suite's time saved; the tests after it run the real ``pelican`` and
``python -m portal_content`` commands, so what people type is covered too.
"""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

import pytest
from conftest import ROOT, TEST_EPOCH, BuildResult, run_build, run_check
from helpers_content import BROKEN, OPP, OPPORTUNITY, opportunity, write_content
from helpers_settings import installed_plugins, settings_file

assert len(BROKEN) >= 25


def in_process(function) -> tuple[int, str, str]:
    """Run a command's work here, as its process would: exit status, stdout and stderr (a traceback fails the test)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err), mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": TEST_EPOCH, "COLUMNS": "200"}):
        try:
            code = function() or 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def build_in_process(content, output, settings) -> BuildResult:
    from pelican import Pelican
    from pelican.settings import read_settings

    def build():
        Pelican(read_settings(str(settings), override={"PATH": str(content), "OUTPUT_PATH": str(output)})).run()

    return BuildResult(*in_process(build), output)


def check_in_process(content) -> BuildResult:
    from portal_content.__main__ import main

    return BuildResult(*in_process(lambda: main([str(content), "-s", str(ROOT / "pelicanconf.py")])), content)


def whole_lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.fixture
def settings(tmp_path):
    return settings_file(tmp_path, PLUGINS=installed_plugins())


@pytest.mark.parametrize("case", BROKEN, ids=lambda case: case.name)
def test_broken_build_fails_with_exact_message_and_writes_nothing(case, tmp_path, settings):
    content = write_content(tmp_path, case.changes)
    result = build_in_process(content, tmp_path / "output", settings)
    assert result.returncode != 0, result.log
    for line in case.lines(f"{content}/"):
        assert line in whole_lines(result.stderr), f"missing line:\n{line}\n--- stderr:\n{result.stderr}"
    assert "nothing was written to the output folder" in result.stderr
    assert "Traceback" not in result.log
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("case", BROKEN, ids=lambda case: case.name)
def test_check_command_gives_the_same_messages(case, tmp_path):
    content = write_content(tmp_path, case.changes)
    result = check_in_process(content)
    assert result.returncode == 1, result.stdout + result.stderr
    for line in case.lines(f"{content}/"):
        assert line in whole_lines(result.stderr), f"missing line:\n{line}\n--- stderr:\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["unknown-field", "misspelt-activity", "date-day-first", "yaml-unclosed-quote", "duplicate-slug-in-sub-folders"])
def test_a_few_broken_inputs_through_the_real_commands(name, tmp_path, settings):
    """The table above runs in this process; these cases go through ``pelican`` and ``python -m portal_content``."""
    case = next(case for case in BROKEN if case.name == name)
    content = write_content(tmp_path, case.changes)
    build = run_build(content, tmp_path / "output", settings=settings)
    check = run_check(content)
    for result in (build, check):
        assert result.returncode == 1, result.stdout + result.stderr
        for line in case.lines(f"{content}/"):
            assert line in whole_lines(result.stderr), f"missing line:\n{line}\n--- stderr:\n{result.stderr}"
        assert "Traceback" not in result.stdout + result.stderr
    assert "nothing was written to the output folder" in build.stderr
    assert not (tmp_path / "output").exists()


def test_existing_output_folder_is_left_untouched(tmp_path, settings):
    """DELETE_OUTPUT_DIRECTORY is on: a broken build must not empty the last good site."""
    content = write_content(tmp_path, {OPP: opportunity("title: Ward companion", "titel: Ward companion")})
    output = tmp_path / "output"
    (output / "opportunities" / "old").mkdir(parents=True)
    (output / "index.html").write_text("<p>the last good build</p>", encoding="utf-8")
    (output / "opportunities" / "old" / "index.html").write_text("old page", encoding="utf-8")
    before = snapshot(output)
    settings = settings_file(tmp_path, PLUGINS=installed_plugins(), DELETE_OUTPUT_DIRECTORY=True)
    result = run_build(content, output, settings=settings)
    assert result.returncode != 0
    assert snapshot(output) == before


def snapshot(folder) -> dict:
    """Every path under ``folder`` (folders too) with its bytes, to see any change at all."""
    return {str(path.relative_to(folder)): path.read_bytes() if path.is_file() else None for path in folder.rglob("*")}


def test_all_errors_of_all_files_in_one_run(tmp_path, settings):
    changes = {
        OPP: opportunity("- befriending", "- befriendng"),
        "opportunities/bradford/driver.yaml": OPPORTUNITY.replace("posted: 2026-10-01", "posted: 01/10/2026"),
        "organisations/leeds-helpers.yaml": None,
    }
    content = write_content(tmp_path, changes)
    # the organisation file is deleted: both opportunities now name a missing organisation
    expected = [
        f"{content}/opportunities/bradford/driver.yaml:2: organisation: no organisation file "
        "content/organisations/leeds-helpers.yaml. Use the file name of an organisation in content/organisations/, without .yaml",
        f'{content}/opportunities/bradford/driver.yaml:21: posted: expected a date like 2027-01-31, got "01/10/2026"',
        f"{content}/{OPP}:2: organisation: no organisation file content/organisations/leeds-helpers.yaml. "
        "Use the file name of an organisation in content/organisations/, without .yaml",
        f"{content}/{OPP}:7: activities[1]: \"befriendng\" is not one of the choices. Did you mean 'befriending'?",
    ]
    build = run_build(content, tmp_path / "output", settings=settings)
    check = run_check(content)
    for result in (build, check):
        assert result.returncode == 1
        problem_lines = [line for line in whole_lines(result.stderr) if line.startswith(str(content))]
        assert problem_lines == expected
    assert "4 problems in the content (listed above)" in build.stderr
    assert "4 problems found. Fix them and run the check again." in check.stderr


def test_warnings_do_not_fail_the_build_or_the_check(tmp_path, settings):
    content = write_content(tmp_path, {OPP: opportunity(append="review_by: 2026-11-01\ngp_approach: social-prescribing\n")})
    expected = [
        f"{content}/{OPP}:22: warning: review_by: this listing was due for review on 2026-11-01. "
        "Check it is still right, then set review_by to a later date",
        f"{content}/{OPP}:23: warning: gp_approach: is only used when settings includes general-practice. "
        "Add general-practice to settings or remove gp_approach",
    ]
    build = run_build(content, tmp_path / "output", settings=settings)
    assert build.returncode == 0, build.log
    assert "Traceback" not in build.log
    check = run_check(content)
    assert check.returncode == 0, check.stderr
    for result in (build, check):
        for line in expected:
            assert line in whole_lines(result.stderr)
    assert "All content is valid: 1 opportunities (1 open), 1 organisations, 1 principles." in check.stdout


def test_check_github_format_prints_annotations(tmp_path):
    content = write_content(tmp_path, {OPP: opportunity("title: Ward companion", "titel: Ward companion", append="review_by: 2026-11-01\n")})
    result = run_check(content, "--format", "github")
    assert result.returncode == 1
    source = f"{content}/{OPP}".replace(":", "%3A").replace(",", "%2C")
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        f"::error file={source},line=1::titel: 'titel' is not a field we know. Did you mean 'title'?",
        f"::error file={source},line=1::title: this field is missing. Add title: the role's name, for example Ward companion",
        f"::warning file={source},line=22::review_by: this listing was due for review on 2026-11-01. "
        "Check it is still right, then set review_by to a later date",
    ]


def test_check_of_the_example_content_passes():
    result = run_check(ROOT / "content")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("All content is valid: ")


def test_problem_lines_are_never_wrapped_on_a_narrow_terminal(tmp_path, settings):
    """Pelican's logger wraps at the terminal width; our lines must reach a CI log whole."""
    case = next(case for case in BROKEN if case.name == "unknown-field-far-from-any")
    content = write_content(tmp_path, case.changes)
    result = run_build(content, tmp_path / "output", settings=settings, extra_env={"COLUMNS": "40"})
    assert result.returncode != 0
    [line] = case.lines(f"{content}/")
    assert len(line) > 200
    assert line in whole_lines(result.stderr)


def test_check_without_a_content_folder_says_so(tmp_path):
    result = run_check(tmp_path / "missing")
    assert result.returncode == 2
    assert f"there is no content folder at '{tmp_path / 'missing'}'" in result.stderr
    assert "Traceback" not in result.stderr
