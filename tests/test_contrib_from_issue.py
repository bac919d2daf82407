"""``python -m portal_content.from_issue`` and the workflow script that turns issues into pull requests.

Both body kinds (the /submit/ form's and the GitHub issue form's), run as the real command on a
copy of the example content; expected values are written out here or read from the YAML files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TEST_EPOCH, run_check
from helpers_contrib import copy_content, from_issue
from portal_content.yamlsafe import parse_yaml

SCRIPT = ROOT / "scripts" / "listing_from_issue.sh"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


LISTING = """# content/opportunities/hebble-growers/seed-swap-helper.yaml
title: "Seed swap helper"
organisation: "hebble-growers"
summary: "Help run our spring seed swap."
description: "You will welcome people and sort seeds."
activities:
  - "gardening-and-environment"
settings:
  - "outdoors"
remote: true
commitment:
  schedule:
    - "weekends"
  duration: "one-off"
apply:
  email: "seeds@example.org.uk"
posted: "2026-11-20"
"""


def form_body(path: str, text: str) -> str:
    """The body the form's "Send to the portal team" link writes."""
    return f"Made with the form on the portal.\n\nFile: {path}\n\n```yaml\n{text}```\n"


@pytest.fixture
def content(tmp_path) -> Path:
    return copy_content(tmp_path)


def test_form_body_writes_the_file_exactly_and_the_build_accepts_it(content):
    path = "content/opportunities/hebble-growers/seed-swap-helper.yaml"
    done = from_issue(content, form_body(path, LISTING))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {path}"
    written = content / "opportunities" / "hebble-growers" / "seed-swap-helper.yaml"
    assert written.read_text(encoding="utf-8") == LISTING
    checked = run_check(content)
    assert checked.returncode == 0, checked.stderr
    assert "seed-swap-helper" not in checked.stderr


def test_misspelt_choice_is_reported_with_did_you_mean_and_nothing_is_written(content):
    before = snapshot(content)
    body = form_body("content/opportunities/hebble-growers/seed-swap-helper.yaml", LISTING.replace('"outdoors"', '"outdoorz"'))
    done = from_issue(content, body)
    assert done.returncode == 1
    # line 9 of the yaml block (the comment line is line 1), the build's own words
    assert done.stderr.splitlines() == [
        "Line 9, settings[1]: \"outdoorz\" is not one of the choices. Did you mean 'outdoors'?",
        "1 problem found. Nothing was written.",
    ]
    assert snapshot(content) == before


def test_the_json_report_says_what_the_workflow_needs(content, tmp_path):
    report = tmp_path / "report.json"
    existing = next((content / "opportunities").rglob("*.yaml"))
    data = parse_yaml(existing.read_text(encoding="utf-8")).data
    path = "content/" + existing.relative_to(content).as_posix()
    changed = existing.read_text(encoding="utf-8").replace(data["summary"], "A new summary.", 1)
    done = from_issue(content, form_body(path, changed), "--json", str(report))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Replaced {path}"
    assert json.loads(report.read_text(encoding="utf-8")) == {"path": path, "title": data["title"], "replaces": True, "problems": []}
    assert existing.read_text(encoding="utf-8") == changed


@pytest.mark.parametrize(
    "path",
    [
        "content/organisations/hebble-growers.yaml",
        "content/opportunities/../organisations/hebble-growers.yaml",
        "content/opportunities/hebble-growers/../../../etc/x.yaml",
        "/etc/passwd",
        "content/opportunities/a/b/c.yaml",
        "content/opportunities/Seed_Swap.yaml",
        "content/opportunities/seed-swap.yml",
        "content/opportunities/seed-swap.yaml/",
        "content\\opportunities\\seed-swap.yaml",
        "content/pages/about.md",
    ],
)
def test_file_names_outside_content_opportunities_are_refused(tmp_path, path):
    content = copy_content(tmp_path)
    before = snapshot(tmp_path)
    done = from_issue(content, form_body(path, LISTING))
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith(f'The file name "{path}" is not allowed.')
    assert "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before


HOSTILE_YAML = {
    "python tag": ('title: !!python/object/apply:os.system ["echo owned"]\n', "Line 1: the tag '!!python/object/apply:os.system' is not allowed"),
    "billion laughs": ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "Line "),
    "not yaml": ("title: [unclosed\n", "Line "),
    "a list": ("- just\n- a list\n", "Line 1: expected fields like 'title: ...' at the top level, got a list"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_YAML))
def test_hostile_yaml_gets_plain_messages_and_no_traceback(content, case):
    text, expected = HOSTILE_YAML[case]
    before = snapshot(content)
    done = from_issue(content, form_body("content/opportunities/hebble-growers/hostile.yaml", text))
    assert done.returncode == 1
    assert done.stderr.startswith(expected), done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(content) == before


def test_hostile_text_stays_text(content):
    """Markup and YAML-looking text in answers is written as text and read back unchanged."""
    title = '<script>alert(1)</script> "quoted": #1 - yes'
    text = LISTING.replace('title: "Seed swap helper"', 'title: "<script>alert(1)</script> \\"quoted\\": #1 - yes"')
    done = from_issue(content, form_body("content/opportunities/hebble-growers/seed-swap-helper.yaml", text))
    assert done.returncode == 0, done.stderr
    data = parse_yaml((content / "opportunities" / "hebble-growers" / "seed-swap-helper.yaml").read_text(encoding="utf-8")).data
    assert data["title"] == title


def test_a_body_without_a_listing_is_explained(content):
    done = from_issue(content, "Hello, can you add our role please? It is on Tuesdays.")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith("This issue has no listing in it.")


def test_the_folder_must_be_the_listings_organisation(content):
    done = from_issue(content, form_body("content/opportunities/aire-valley-hospitals/seed-swap-helper.yaml", LISTING))
    assert done.returncode == 1
    assert 'the file is in the folder "aire-valley-hospitals" but its organisation is "hebble-growers"' in done.stderr


# -- the GitHub issue form's body ------------------------------------------------------------

ISSUE_FORM_BODY = (Path(__file__).parent / "data" / "issue-form-body.md").read_text(encoding="utf-8")


def test_issue_form_body_becomes_the_file_the_web_form_would_write(content):
    organisation = parse_yaml((content / "organisations" / "hebble-growers.yaml").read_text(encoding="utf-8")).data
    body = ISSUE_FORM_BODY.replace("Hebble growers", organisation["name"].upper())  # the name, however it is written
    done = from_issue(content, body)
    assert done.returncode == 0, done.stderr
    written = content / "opportunities" / "hebble-growers" / "seed-swap-helper.yaml"
    assert done.stdout.strip() == "Wrote content/opportunities/hebble-growers/seed-swap-helper.yaml"
    assert parse_yaml(written.read_text(encoding="utf-8")).data == {
        "title": "Seed swap helper",
        "organisation": "hebble-growers",
        "summary": "Help run our spring seed swap.",
        "description": "You will welcome people and sort seeds.\n\n- Bring a friend\n- No experience needed",
        "activities": ["gardening-and-environment", "events"],
        "settings": ["community"],
        "locations": [
            {"name": "Hebble Community Hall", "address": "1 Mill Lane, Hebden Bridge", "postcode": "HX7 8AD", "area": "calderdale"},
            {"name": "Library", "area": "calderdale"},
        ],
        "commitment": {"hours_per_week": {"min": 2, "max": 4}, "schedule": ["weekends"], "duration": "one-off"},
        "requirements": {"min_age": 16, "dbs_check": "none", "skills": ["Friendly", "Good with people"]},
        "support": {"expenses": True},
        "access": {"wheelchair": "yes"},
        "suitable_for": ["families", "no-experience-needed"],
        "languages": ["en", "ur", "pl"],
        "apply": {"url": "https://www.hebble.example.org.uk/seeds", "email": "hello@hebble.example.org.uk", "instructions": "Just turn up on the day."},
        "posted": "2026-11-26",
        "closes": "2027-03-31",
        "sessions": [{"start": "2027-03-14T10:00", "end": "2027-03-14T12:30", "location": "Hebble Community Hall"}],
        "tags": ["seeds", "swap"],
    }
    checked = run_check(content)
    assert checked.returncode == 0, checked.stderr
    # a second issue with the same role name never replaces the first
    again = from_issue(content, body)
    assert again.stdout.strip() == "Wrote content/opportunities/hebble-growers/seed-swap-helper-2.yaml"


def test_issue_form_problems_name_the_questions(content):
    body = ISSUE_FORM_BODY.replace("Hebble growers", "hebble-growrs")
    body = body.replace("Help run our spring seed swap.", "_No response_")
    body = body.replace("www.hebble.example.org.uk/seeds\nhello@hebble.example.org.uk\n", "")
    body = body.replace("2 to 4", "a few")
    before = snapshot(content)
    done = from_issue(content, body)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert "Organisation: no organisation file content/organisations/hebble-growrs.yaml. Did you mean 'hebble-growers'?" in lines
    assert "Summary: this field is missing. Add summary: one sentence that sums up the role" in lines
    assert "How to apply: expected at least one of url, email or phone, each on its own line below apply:, got only instructions" in lines
    assert any(line.startswith("Hours a week: expected a number of hours like 3") for line in lines)
    assert lines[-1] == f"{len(lines) - 1} problems found. Nothing was written."
    assert snapshot(content) == before


# -- the workflow's script, with real git and a stand-in gh ---------------------------------------


@pytest.fixture
def project(tmp_path):
    """A clone of a tiny repository (content + settings) with a bare 'origin', and a gh that records calls."""
    origin = tmp_path / "origin.git"
    work = tmp_path / "work"
    git = lambda *args, cwd=work: subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)  # noqa: E731
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(origin)], check=True)
    work.mkdir()
    git("init", "--quiet", "-b", "main")
    copy_content(work)
    (work / "pelicanconf.py").write_bytes((ROOT / "pelicanconf.py").read_bytes())
    (work / "theme").symlink_to(ROOT / "theme")  # Pelican's settings reader wants the theme to exist
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "start")
    git("remote", "add", "origin", str(origin))
    git("push", "--quiet", "origin", "main")
    log = tmp_path / "gh.log"
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text(
        "#!/usr/bin/env bash\n"
        f'printf "%s\\n" "$*" >> {log}\n'
        # keep what --body-file pointed at, since the script deletes its temporary files
        f'for ((i=1; i<=$#; i++)); do if [ "${{!i}}" = "--body-file" ]; then j=$((i+1)); cat "${{!j}}" >> {log}; fi; done\n'
        'if [ "$1 $2" = "pr create" ]; then echo "https://github.com/example/portal/pull/12"; fi\n'
        'if [ "$1 $2" = "pr list" ]; then echo "${FAKE_EXISTING_PR:-}"; fi\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    env = {
        **os.environ, "PATH": f"{fake.parent}:{os.environ['PATH']}", "PYTHONPATH": str(ROOT / "plugins"), "PYTHON": sys.executable,
        "SOURCE_DATE_EPOCH": TEST_EPOCH, "ISSUE_NUMBER": "42", "GIT_CONFIG_GLOBAL": "/dev/null",
    }
    return work, origin, log, env


def run_script(project, body: str, **extra) -> subprocess.CompletedProcess:
    work, _, _, env = project
    return subprocess.run([str(SCRIPT)], cwd=work, env={**env, "ISSUE_BODY": body, **extra}, capture_output=True, text=True, timeout=120)


def test_script_opens_a_pull_request_that_closes_the_issue(project):
    work, origin, log, _ = project
    done = run_script(project, form_body("content/opportunities/hebble-growers/seed-swap-helper.yaml", LISTING))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Opened https://github.com/example/portal/pull/12 from #42"
    pushed = subprocess.run(["git", "show", "listing/issue-42:content/opportunities/hebble-growers/seed-swap-helper.yaml"],
                            cwd=origin, capture_output=True, text=True, check=True).stdout
    assert pushed == LISTING
    calls = log.read_text(encoding="utf-8")
    assert "pr create --base main --head listing/issue-42 --title Add listing: Seed swap helper --body-file" in calls
    assert "Closes #42" in calls
    assert "issue comment 42 --body Thank you. Your listing passed every check and is waiting for the portal team: https://github.com/example/portal/pull/12" in calls
    assert "workflow run check.yml --ref listing/issue-42" in calls


def test_script_updates_the_same_pull_request_when_the_issue_is_edited(project):
    work, origin, log, _ = project
    run_script(project, form_body("content/opportunities/hebble-growers/seed-swap-helper.yaml", LISTING))
    subprocess.run(["git", "switch", "--quiet", "main"], cwd=work, check=True)  # each workflow run starts from main
    edited = LISTING.replace("Help run our spring seed swap.", "Help run our seed swap in April.")
    done = run_script(project, form_body("content/opportunities/hebble-growers/seed-swap-helper.yaml", edited), FAKE_EXISTING_PR="12")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Updated pull request #12 from #42"
    pushed = subprocess.run(["git", "show", "listing/issue-42:content/opportunities/hebble-growers/seed-swap-helper.yaml"],
                            cwd=origin, capture_output=True, text=True, check=True).stdout
    assert pushed == edited
    assert "pr edit 12 --title Add listing: Seed swap helper --body-file" in log.read_text(encoding="utf-8")


def test_script_comments_the_problems_and_pushes_nothing(project):
    work, origin, log, _ = project
    done = run_script(project, form_body("content/opportunities/hebble-growers/seed-swap-helper.yaml", LISTING.replace('"outdoors"', '"outdoorz"')))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Commented the problems on #42"
    calls = log.read_text(encoding="utf-8")
    assert calls.startswith("issue comment 42 --body-file ")
    assert "- Line 9, settings[1]: \"outdoorz\" is not one of the choices. Did you mean 'outdoors'?" in calls
    assert "Line numbers count the lines inside the ```yaml block, starting at 1." in calls
    branches = subprocess.run(["git", "branch", "--list", "--format=%(refname:short)"], cwd=origin, capture_output=True, text=True, check=True).stdout.split()
    assert branches == ["main"]
    assert subprocess.run(["git", "status", "--porcelain"], cwd=work, capture_output=True, text=True, check=True).stdout == ""


@pytest.mark.browser  # needs Node.js
def test_the_form_and_this_command_write_the_same_yaml(content):
    """theme/static/js/submit/yaml.js and portal_content.yamlwrite agree byte for byte (run with Node)."""
    from portal_content.schema import site_schema
    from portal_content.vocabularies import Vocabularies
    from portal_content.yamlwrite import yaml_text

    schema = site_schema("opportunity", Vocabularies())
    data = parse_yaml((content / "opportunities" / "aire-valley-hospitals" / "avth-ward-welcome-volunteer.yaml").read_text(encoding="utf-8")).data
    data = json.loads(json.dumps(data, default=str))
    samples = [
        data,
        {"title": 'He said "hi": #1', "description": "- not a list: really\n  indented\n\n007 ~ true\n", "tags": ["no", "0113", "yes\u2028x"]},
        {"summary": "trailing \nspace", "training": "\ttab\nx", "pathway": "Café 🙂 中文", "support": {"notes": "a\n\n\n", "expenses": True}},
    ]
    module = (ROOT / "theme" / "static" / "js" / "submit" / "yaml.js").as_uri()
    script = (
        f"import('{module}').then(({{ yamlText }}) => {{ const [schema, samples] = JSON.parse(require('fs').readFileSync(0, 'utf-8'));"
        " process.stdout.write(JSON.stringify(samples.map((data) => yamlText(schema, data, 'content/x.yaml\\nA note')))); });"
    )
    done = subprocess.run(["node", "-e", script], input=json.dumps([schema, samples]), capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == [yaml_text(schema, sample, "content/x.yaml\nA note") for sample in samples]
    for text, sample in zip(json.loads(done.stdout), samples, strict=True):
        assert parse_yaml(text).data == sample


def test_a_name_already_used_by_another_listing_is_explained(content):
    """A new file whose name another listing has: the build's own duplicate message, with repository paths."""
    taken = next((content / "opportunities").rglob("*.yaml"))
    other = "content/" + taken.relative_to(content).as_posix()
    path = f"content/opportunities/hebble-growers/{taken.stem}.yaml"
    if path == other:  # the same file would be an edit, not a clash
        pytest.fail("pick a listing outside hebble-growers")
    done = from_issue(content, form_body(path, LISTING))
    assert done.returncode == 1
    assert f"the opportunity name '{taken.stem}' is already used by {other}" in done.stderr
