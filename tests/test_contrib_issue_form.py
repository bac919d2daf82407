"""The GitHub issue form is written from the settings, so another region never edits it by hand.

The committed form must be exactly what ``make issue-form`` writes for pelicanconf.py, and the
real command run with the second region's settings (tests/test_region_second.py) must offer that
region's areas and nothing of West Yorkshire. Expected choices come from the settings themselves.
"""

from __future__ import annotations

import os
import subprocess
import sys

import yaml
from conftest import ROOT
from test_region_second import AREAS, FIRST_REGION, SETTINGS

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "list-an-opportunity.yml"


def write_form(settings, output):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    command = [sys.executable, "-m", "portal_content.issue_form", "-s", str(settings), "-o", str(output)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_the_committed_form_is_what_make_issue_form_writes_for_the_settings(tmp_path):
    done = write_form(ROOT / "pelicanconf.py", tmp_path / "form.yml")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "form.yml").read_text(encoding="utf-8") == FORM.read_text(encoding="utf-8"), "run `make issue-form` and commit the result"
    assert done.stdout.strip() == f"Wrote {tmp_path / 'form.yml'}"
    again = write_form(ROOT / "pelicanconf.py", tmp_path / "form.yml")
    assert again.stdout.strip() == f"Unchanged: {tmp_path / 'form.yml'}"


def test_another_regions_settings_give_its_own_areas_and_no_trace_of_the_first(tmp_path):
    settings = tmp_path / "shropshireconf.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    done = write_form(settings, tmp_path / "form.yml")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "form.yml").read_text(encoding="utf-8")
    fields = {item["id"]: item for item in yaml.safe_load(text)["body"] if "id" in item}
    assert fields["areas"]["attributes"]["options"] == [f"{label} ({key})" for key, label in AREAS.items()]
    assert not FIRST_REGION.findall(text)


def test_a_missing_settings_file_is_one_line_not_a_traceback(tmp_path):
    done = write_form(tmp_path / "nowhere.py", tmp_path / "form.yml")
    assert done.returncode == 2
    assert "there is no settings file" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "form.yml").exists()
