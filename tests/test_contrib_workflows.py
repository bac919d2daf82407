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
    assert names == ["check.yml", "deploy.yml", "listing-from-issue.yml", "nightly.yml", "preview-comment.yml"]
    for name in names:
        data = load_workflow(name)
        assert data["jobs"], name
        for job_name, job in data["jobs"].items():
            assert "runs-on" in job or "uses" in job, (name, job_name)


def test_check_runs_the_validator_with_annotations_then_builds_and_uploads():
    data = load_workflow("check.yml")
    assert "pull_request" in data["on"] and "workflow_dispatch" in data["on"]  # the issue workflow starts it by hand
    assert data["permissions"] == {"contents": "read"}  # never more: it runs the pull request's code
    job = data["jobs"]["check"]
    uses = step_uses(job)
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert steps(job)[0]["with"]["fetch-depth"] == 0  # the base commit is needed to see what changed
    runs = step_runs(job)
    assert runs[0] == "python -m pip install -r requirements.txt"
    assert "python -m portal_content content -s pelicanconf.py --format github" in runs
    assert "pelican content -s pelicanconf.py -o output --fatal errors" in runs
    upload = next(step for step in steps(job) if step.get("uses", "").startswith("actions/upload-artifact") and step["with"]["path"] == "output/")
    assert upload["id"] == "artifact"
    assert data["env"] == {"PYTHONPATH": "plugins", "COLUMNS": "200"}


def test_check_runs_make_test_only_when_code_changed(tmp_path):
    """The "what changed" step, run as bash on real file lists, decides whether `make test` runs."""
    jobs = load_workflow("check.yml")["jobs"]
    job = jobs["check"]
    changed = next(step for step in steps(job) if step.get("id") == "changed")
    assert job["outputs"]["code"] == "${{ steps.changed.outputs.code }}"
    assert jobs["test"]["needs"] == "check" and jobs["test"]["if"] == "needs.check.outputs.code == 'true'"
    assert "make test" in step_runs(jobs["test"])
    script = changed["run"].replace('git diff --name-only "$BASE"...HEAD > changed-files.txt', ": # the test writes changed-files.txt")
    for files, code in ((["content/opportunities/a/b.yaml", "content/pages/about.md"], "false"),
                        (["content/opportunities/a/b.yaml", "theme/static/js/submit.js"], "true"),
                        ([".github/workflows/check.yml"], "true")):
        (tmp_path / "changed-files.txt").write_text("\n".join(files) + "\n", encoding="utf-8")
        output = tmp_path / "output.txt"
        output.write_text("", encoding="utf-8")
        done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env={**os.environ, "GITHUB_OUTPUT": str(output)}, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert output.read_text(encoding="utf-8").strip() == f"code={code}", files


def test_preview_comment_is_prepared_by_check_and_posted_by_a_separate_workflow():
    check = load_workflow("check.yml")["jobs"]["check"]
    assert any("python scripts/preview_comment.py changed-files.txt output" in run for run in step_runs(check))
    data = load_workflow("preview-comment.yml")
    assert data["on"] == {"workflow_run": {"workflows": ["Check"], "types": ["completed"]}}
    assert data["permissions"] == {}
    job = data["jobs"]["comment"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "uses" not in str(steps(job))  # no checkout: the pull request's code never runs with write access
    assert "headRefOid" in step_runs(job)[0]  # comments only on the pull request the run checked


def test_preview_comment_lists_the_changed_pages(tmp_path):
    output = tmp_path / "output"
    for folder in ("opportunities/seed-swap-helper", "organisations/hebble-growers", "about", "principles/be-kind"):
        (output / folder).mkdir(parents=True)
        (output / folder / "index.html").write_text("<p>x</p>", encoding="utf-8")
    changed = tmp_path / "changed.txt"
    changed.write_text("content/opportunities/hebble-growers/seed-swap-helper.yaml\ncontent/organisations/hebble-growers.yaml\n"
                       "content/pages/about.md\ncontent/principles/03-be-kind.md\ncontent/opportunities/gone.yaml\nplugins/x.py\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "preview_comment.py"), str(changed), str(output), "https://example.org/artifacts/9"],
                          capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert "[download the preview](https://example.org/artifacts/9)" in done.stdout
    assert lines[lines.index("Changed pages (folders inside the preview):") + 2:][:5] == [
        "- `opportunities/seed-swap-helper/` from `content/opportunities/hebble-growers/seed-swap-helper.yaml`",
        "- `organisations/hebble-growers/` from `content/organisations/hebble-growers.yaml`",
        "- `about/` from `content/pages/about.md`",
        "- `principles/be-kind/` from `content/principles/03-be-kind.md`",
        "- `content/opportunities/gone.yaml`: no page (removed, or not published)",
    ]
    assert lines[-1] == "1 file outside `content/` changed, so the whole test suite ran (`make test`)."


def test_issue_workflow_turns_new_listing_issues_into_pull_requests():
    data = load_workflow("listing-from-issue.yml")
    assert set(data["on"]["issues"]["types"]) >= {"opened", "edited"}
    assert data["permissions"] == {}
    job = data["jobs"]["listing"]
    assert "'new-listing'" in job["if"]
    assert "'File: content/opportunities/'" in job["if"]  # the form's body, whose label GitHub may drop
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write", "actions": "write"}
    assert job["env"]["GH_TOKEN"] == "${{ github.token }}"  # GitHub's own token, no outside service
    assert step_uses(job) == ["actions/checkout", "actions/setup-python"]
    last = steps(job)[-1]
    assert last["run"] == "scripts/listing_from_issue.sh"
    assert last["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    # untrusted issue text only ever reaches a script through the environment
    for step in steps(job):
        assert "github.event.issue.body" not in step.get("run", "") and "github.event.issue.title" not in step.get("run", "")
    assert os.access(ROOT / "scripts" / "listing_from_issue.sh", os.X_OK)
    labels = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "list-an-opportunity.yml").read_text(encoding="utf-8"))["labels"]
    assert "new-listing" in labels


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
    assert "python -m portal_content.freshness content -s publishconf.py --json > freshness.json" in runs  # public links
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
  duration: "100%ongoing"
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
        "::error file=content/opportunities/acme/broken.yaml,line=15::commitment.duration: \"100%25ongoing\" is not one of the choices. Did you mean 'ongoing'?",
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


def test_annotation_data_is_escaped_as_github_requires():
    """A value with %, a line break or a comma in its file name cannot end or split the workflow command."""
    from portal_content.__main__ import github_annotation
    from portal_content.problems import Problem

    line = github_annotation(Problem("content/a,b:c.yaml", 3, "summary", 'got "50%\r\nmore"'))
    assert line == "::error file=content/a%2Cb%3Ac.yaml,line=3::summary: got \"50%25%0D%0Amore\""
