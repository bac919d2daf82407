"""The checks a pull request gets: the workflow files, and the annotations they print."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT, TEST_EPOCH
from portal_content.vocabularies import Vocabularies

WORKFLOWS = ROOT / ".github" / "workflows"


def load_workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # PyYAML reads the bare key `on` as a boolean
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def step_runs(job: dict) -> list[str]:
    return [step["run"] for step in steps(job) if "run" in step]


def step_uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(job) if "uses" in step]


def test_every_workflow_parses_and_has_jobs():
    names = sorted(path.name for path in WORKFLOWS.glob("*.y*ml"))
    assert names == ["check.yml", "deploy.yml", "nightly.yml"]
    for name in names:
        data = load_workflow(name)
        assert data["jobs"], name
        for job_name, job in data["jobs"].items():
            assert "runs-on" in job or "uses" in job, (name, job_name)


def test_check_runs_the_validator_with_annotations_then_builds_and_uploads():
    data = load_workflow("check.yml")
    assert "pull_request" in data["on"]
    assert data["permissions"] == {"contents": "read"}
    job = data["jobs"]["check"]
    uses = step_uses(job)
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert uses[-1] == "actions/upload-artifact"
    assert [step for step in steps(job) if step.get("uses", "").startswith("actions/upload-artifact")][0]["with"]["path"] == "output/"
    runs = step_runs(job)
    assert runs == [
        "python -m pip install -r requirements.txt",
        "python -m portal_content content -s pelicanconf.py --format github",
        "pelican content -s pelicanconf.py -o output --fatal errors",
    ]
    assert data["env"] == {"PYTHONPATH": "plugins", "COLUMNS": "200"}


def test_deploy_builds_with_publishconf_and_publishes_to_pages():
    data = load_workflow("deploy.yml")
    assert data["on"]["push"] == {"branches": ["main"]}
    assert "workflow_call" in data["on"]  # the nightly job reuses it
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert step_uses(build) == ["actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/upload-pages-artifact"]
    assert "pelican content -s publishconf.py -o output --fatal errors" in step_runs(build)
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert step_uses(deploy) == ["actions/deploy-pages"]


def test_nightly_rebuilds_every_night_and_sends_reminders():
    data = load_workflow("nightly.yml")
    cron = data["on"]["schedule"][0]["cron"]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month, weekday) == ("*", "*", "*")  # every night
    assert 0 <= int(hour) <= 5  # after midnight UK time, summer and winter
    publish = data["jobs"]["publish"]
    assert publish["uses"] == "./.github/workflows/deploy.yml"
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    reminders = data["jobs"]["reminders"]
    assert reminders["permissions"]["issues"] == "write"
    runs = step_runs(reminders)
    assert "python -m portal_content.freshness content -s pelicanconf.py --json > freshness.json" in runs
    assert "scripts/reminder_issues.sh freshness.json" in runs
    assert os.access(ROOT / "scripts" / "reminder_issues.sh", os.X_OK)


def test_reminder_script_opens_updates_and_closes_issues(tmp_path):
    """Run the nightly step's script against a stand-in `gh` that records its calls."""
    log = tmp_path / "gh.log"
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text(
        "#!/usr/bin/env bash\n"
        f'printf "%s\\n" "$*" >> {log}\n'
        'if [ "$1 $2" = "issue list" ]; then echo \'[{"number": 7, "title": "Listings to check: Old Org"}, {"number": 9, "title": "Listings to check: Done Org"}]\'; fi\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    report = tmp_path / "freshness.json"
    report.write_text(json.dumps({"organisations": [
        {"issue_title": "Listings to check: Old Org", "issue_body": "Body 'one'\nwith \"quotes\""},
        {"issue_title": "Listings to check: New Org", "issue_body": "Body two"},
    ]}), encoding="utf-8")
    env = {**os.environ, "PATH": f"{fake.parent}:{os.environ['PATH']}"}
    done = subprocess.run([str(ROOT / "scripts" / "reminder_issues.sh"), str(report)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert "issue edit 7 --body Body 'one'" in calls  # the body spans two lines in the log
    assert "issue create --title Listings to check: New Org --body Body two --label listing-reminder" in calls
    assert any(call.startswith("issue close 9 ") for call in calls)
    assert not any(call.startswith("issue close 7") for call in calls)
    assert done.stdout.splitlines() == ["Updated #7: Listings to check: Old Org", "Opened: Listings to check: New Org", "Closed #9"]


def test_issue_form_offers_the_sites_vocabularies():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "list-an-opportunity.yml").read_text(encoding="utf-8"))
    assert form["name"] == "List an opportunity"
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    from pelican.settings import read_settings

    vocabularies = Vocabularies(read_settings(str(ROOT / "pelicanconf.py")).get("PORTAL_VOCABULARIES"))
    for field_id, vocabulary in {
        "activities": "activities", "settings": "settings", "schedule": "schedules", "duration": "durations",
        "dbs_check": "dbs_checks", "wheelchair": "wheelchair", "suitable_for": "suitable_for", "areas": "areas",
        "gp_approach": "gp_approaches",
    }.items():
        expected = [f"{label} ({key})" for key, label in vocabularies.labels[vocabulary].items()]
        assert fields[field_id]["attributes"]["options"] == expected, field_id
    for required in ("title", "organisation", "summary", "description", "activities", "settings", "schedule", "duration", "apply"):
        assert fields[required]["validations"]["required"] is True, required


def test_codeowners_maps_organisation_folders_to_their_teams():
    lines = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines() if line.strip() and not line.startswith("#")]
    owners = {line[0]: line[1:] for line in lines}
    assert owners.pop("*") == ["@example-ics/portal-maintainers"]
    assert owners, "no organisation mapped"
    for pattern, teams in owners.items():
        org = pattern.removeprefix("/content/opportunities/").removeprefix("/content/organisations/").removesuffix(".yaml").strip("/")
        assert (ROOT / pattern.lstrip("/")).exists(), pattern  # maps something real
        assert teams == ["@example-ics/portal-maintainers", f"@example-ics/{org}"], pattern


def test_pull_request_template_points_to_the_guide():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "CONTRIBUTING.md" in text and "Files changed" in text


# -- the annotations the check step prints ----------------------------------------

ORGANISATION = """name: Acme Care
sector: vcse
areas:
  - leeds
website: https://acme.example.org.uk
"""

BROKEN = """title: Ward helper
organisation: acme
description: Helping on the ward.
activities:
  - befriending
settings:
  - hospital
  - hospitl
locations:
  - name: St Elsewhere
    area: leeds
commitment:
  schedule:
    - weekends
  duration: "100%\\nongoing"
apply:
  email: help@acme.example.org.uk
posted: "2026-13-01"
"""

STALE = """title: Old role
organisation: acme
summary: Old.
description: Old.
activities:
  - befriending
settings:
  - hospital
remote: true
commitment:
  schedule:
    - weekends
  duration: ongoing
apply:
  url: https://acme.example.org.uk
posted: 2020-01-01
"""


def run_check_in(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the check from the project folder, as the workflow does, so paths are relative."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": TEST_EPOCH, "PYTHONPATH": str(ROOT / "plugins")}
    command = [sys.executable, "-m", "portal_content", "content", "-s", str(ROOT / "pelicanconf.py"), *args]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=120)


def test_annotations_name_the_exact_file_and_line(tmp_path):
    content = tmp_path / "content"
    (content / "organisations").mkdir(parents=True)
    (content / "opportunities" / "acme").mkdir(parents=True)
    (content / "organisations" / "acme.yaml").write_text(ORGANISATION, encoding="utf-8")
    (content / "opportunities" / "acme" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (content / "opportunities" / "acme" / "stale.yaml").write_text(STALE, encoding="utf-8")
    (content / "opportunities" / "acme" / "tabbed.yaml").write_text("title: Tabs\n\tsummary: x\n", encoding="utf-8")
    (content / "opportunities" / "acme" / "Ward,Helper.yaml").write_text(STALE, encoding="utf-8")

    done = run_check_in(tmp_path, "--format", "github")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::error file=content/opportunities/acme/Ward%2CHelper.yaml,line=1::the file name 'Ward,Helper.yaml' can only use lowercase letters, digits and single hyphens. Rename it to 'ward-helper.yaml'",
        "::error file=content/opportunities/acme/broken.yaml,line=1::summary: this field is missing. Add summary: one sentence that sums up the role",
        "::error file=content/opportunities/acme/broken.yaml,line=8::settings[2]: \"hospitl\" is not one of the choices. Did you mean 'hospital'?",
        "::error file=content/opportunities/acme/broken.yaml,line=15::commitment.duration: \"100%25%0Aongoing\" is not one of the choices. Did you mean 'ongoing'?",
        "::error file=content/opportunities/acme/broken.yaml,line=18::posted: expected a date like 2027-01-31, got \"2026-13-01\" (there is no such day in the calendar)",
        "::warning file=content/opportunities/acme/stale.yaml,line=16::posted: this listing was due for review on 2020-07-01. Check it is still right, then set review_by to a later date",
        "::error file=content/opportunities/acme/tabbed.yaml,line=2::line is indented with a tab character. YAML needs spaces: replace the tab with 2 spaces",
    ]
    assert done.stderr.strip() == "6 problems found. Fix them and run the check again."

    # The same problems in the plain format people read locally: file:line: field: message
    plain = run_check_in(tmp_path)
    assert "content/opportunities/acme/broken.yaml:8: settings[2]: \"hospitl\" is not one of the choices. Did you mean 'hospital'?" in plain.stderr.splitlines()


def test_valid_content_prints_no_annotations(tmp_path):
    content = tmp_path / "content"
    (content / "organisations").mkdir(parents=True)
    (content / "opportunities").mkdir(parents=True)
    (content / "organisations" / "acme.yaml").write_text(ORGANISATION, encoding="utf-8")
    (content / "opportunities" / "fresh.yaml").write_text(STALE.replace("posted: 2020-01-01", "posted: 2026-11-01"), encoding="utf-8")
    done = run_check_in(tmp_path, "--format", "github")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "::" not in done.stdout
    assert done.stdout.startswith("All content is valid: 1 opportunities (1 open), 1 organisations")
