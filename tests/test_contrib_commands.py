"""Templates, the scaffold command and the freshness command, on temp folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TEST_EPOCH, run_check
from helpers_contrib import copy_content
from portal_content.yamlsafe import parse_yaml

# 2027-05-11 12:00 UTC: far enough after the example content's dates for reminders.
LATER_EPOCH = "1810036800"


def run_module(module: str, *args: str, epoch: str = TEST_EPOCH, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONPATH": str(ROOT / "plugins")}
    return subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


# -- templates ------------------------------------------------------------------------


def test_templates_are_valid_as_they_are(tmp_path):
    content = copy_content(tmp_path)
    shutil.copy(ROOT / "templates" / "opportunity.yaml", content / "opportunities" / "template-copy.yaml")
    shutil.copy(ROOT / "templates" / "organisation.yaml", content / "organisations" / "template-org.yaml")
    done = run_check(content)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "template" not in done.stderr  # not even a warning


def test_templates_show_every_field_of_the_schema():
    """Each schema field appears in its template, as a field or as a commented example."""
    from portal_content.schema import site_schema
    from portal_content.vocabularies import Vocabularies

    for kind in ("opportunity", "organisation"):
        text = (ROOT / "templates" / f"{kind}.yaml").read_text(encoding="utf-8")
        schema = site_schema(kind, Vocabularies())
        keys = {line.lstrip("#").strip().lstrip("- ").split(":")[0] for line in text.splitlines() if ":" in line}
        for name, node in schema["properties"].items():
            assert name in keys, (kind, name)
            for child in (node.get("properties") or (node.get("items") or {}).get("properties") or {}):
                assert child in keys, (kind, name, child)


def test_templates_are_published_for_download(example_site):
    for name in ("opportunity.yaml", "organisation.yaml"):
        assert (example_site / "submit" / "templates" / name).read_bytes() == (ROOT / "templates" / name).read_bytes()


# -- scaffold -------------------------------------------------------------------------------


@pytest.fixture
def small_content(tmp_path) -> Path:
    content = tmp_path / "content"
    (content / "organisations").mkdir(parents=True)
    (content / "opportunities" / "acme").mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "organisation.yaml", content / "organisations" / "acme.yaml")
    return content


def scaffold(content: Path, org: str, slug: str, epoch: str = TEST_EPOCH) -> subprocess.CompletedProcess:
    return run_module("portal_content.scaffold", org, slug, "--content", str(content), epoch=epoch)


def test_scaffold_creates_a_valid_file_with_todays_date(small_content):
    done = scaffold(small_content, "acme", "ward-companion", epoch=LATER_EPOCH)
    assert done.returncode == 0, done.stderr
    target = small_content / "opportunities" / "acme" / "ward-companion.yaml"
    assert done.stdout.strip() == f"Created {target.as_posix()}. Open it, change the examples to your own words, then run: make check"
    data = parse_yaml(target.read_text(encoding="utf-8")).data
    assert data["posted"].isoformat() == "2027-05-11"
    assert data["organisation"] == "acme"
    # the comments are kept, so the person knows what to change
    assert "# Required. The name of the role." in target.read_text(encoding="utf-8")
    check = run_check(small_content, epoch=LATER_EPOCH)
    assert check.returncode == 0, check.stdout + check.stderr


def test_scaffold_uses_the_uk_date_just_after_midnight(small_content):
    # 2027-06-30 23:30 UTC is 2027-07-01 00:30 in London (summer time)
    done = scaffold(small_content, "acme", "late-night", epoch="1814398200")
    assert done.returncode == 0, done.stderr
    text = (small_content / "opportunities" / "acme" / "late-night.yaml").read_text(encoding="utf-8")
    assert "\nposted: 2027-07-01\n" in text


@pytest.mark.parametrize(
    ("org", "slug", "message"),
    [
        ("acme", "Ward Companion", "Could not create the file: SLUG='Ward Companion' can only use lowercase letters, numbers and single hyphens. Try SLUG=ward-companion."),
        ("ACME", "ward", "Could not create the file: ORG='ACME' can only use lowercase letters, numbers and single hyphens. Try ORG=acme."),
        ("nobody", "ward", "Could not create the file: there is no organisation file {content}/organisations/nobody.yaml. Known organisations: acme. To add yours, copy templates/organisation.yaml there first."),
    ],
)
def test_scaffold_refuses_bad_names(small_content, org, slug, message):
    done = scaffold(small_content, org, slug)
    assert done.returncode == 1
    assert done.stderr.strip() == message.format(content=small_content.as_posix())
    assert list((small_content / "opportunities").rglob("*.yaml")) == []


def test_scaffold_never_overwrites_and_keeps_names_unique(small_content):
    existing = small_content / "opportunities" / "acme" / "ward.yaml"
    existing.write_text("mine\n", encoding="utf-8")
    done = scaffold(small_content, "acme", "ward")
    assert done.returncode == 1
    assert done.stderr.strip() == f"Could not create the file: {existing.as_posix()} already exists. Edit it, or choose another SLUG."
    assert existing.read_text(encoding="utf-8") == "mine\n"

    (small_content / "organisations" / "other.yaml").write_text((small_content / "organisations" / "acme.yaml").read_text(), encoding="utf-8")
    done = scaffold(small_content, "other", "ward")
    assert done.returncode == 1
    assert done.stderr.strip() == f"Could not create the file: the name 'ward' is already used by {existing.as_posix()}. Opportunity names must be unique: choose another SLUG."
    assert not (small_content / "opportunities" / "other").exists()


def test_make_new_opportunity_target(tmp_path):
    """The Makefile target passes ORG and SLUG through; run it on a copy of the project.

    ``-o .venv/.installed`` skips the install step: the test's own venv is already complete.
    """
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "pelicanconf.py", "requirements.txt"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "content", project / "content")
    for name in ("plugins", "theme", "templates"):
        (project / name).symlink_to(ROOT / name)
    (project / ".venv").symlink_to(Path(sys.executable).parent.parent)
    env = {**os.environ, "SOURCE_DATE_EPOCH": TEST_EPOCH, "PYTHONPATH": str(ROOT / "plugins")}
    done = subprocess.run(["make", "-s", "-o", ".venv/.installed", "new-opportunity", "ORG=aire-valley-hospitals", "SLUG=make-target-test"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "content" / "opportunities" / "aire-valley-hospitals" / "make-target-test.yaml").is_file()
    usage = subprocess.run(["make", "-s", "-o", ".venv/.installed", "new-opportunity"], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert usage.returncode != 0
    assert "Usage: make new-opportunity ORG=<organisation> SLUG=<short-name>" in usage.stdout


# -- freshness ------------------------------------------------------------------------------------


def opportunity(title: str, *, posted: str, closes: str | None = None, review_by: str | None = None) -> str:
    text = (ROOT / "templates" / "opportunity.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Community link volunteer", f"title: {title}").replace("organisation: aire-valley-hospitals", "organisation: acme")
    text = text.replace("posted: 2026-11-26", f"posted: {posted}")
    if closes:
        text += f"closes: {closes}\n"
    if review_by:
        text += f"review_by: {review_by}\n"
    return text


@pytest.fixture
def freshness_content(small_content) -> Path:
    folder = small_content / "opportunities" / "acme"
    files = {
        "overdue": opportunity("Overdue review", posted="2026-01-10"),  # due 2026-07-10
        "closing-soon": opportunity("Closing soon", posted="2026-11-01", closes="2026-12-10"),  # 14 days ahead
        "closing-later": opportunity("Closing later", posted="2026-11-01", closes="2026-12-11"),  # 15 days ahead
        "reviewed": opportunity("Reviewed", posted="2026-01-10", review_by="2026-11-26"),  # due today: fine
        "closed": opportunity("Closed already", posted="2026-01-10", closes="2026-11-25"),  # closed: not listed
        "both": opportunity("Both reasons", posted="2026-01-10", review_by="2026-11-25", closes="2026-11-26"),
    }
    for slug, text in files.items():
        (folder / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return small_content


def test_freshness_json_lists_overdue_and_closing_soon_by_organisation(freshness_content):
    done = run_module("portal_content.freshness", str(freshness_content), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["build_date"] == "2026-11-26"
    assert report["days"] == 14
    [group] = report["organisations"]
    assert group["organisation"] == "acme"
    assert group["name"] == "Example Community Health Trust"
    assert group["contact"] == {"email": "volunteering@example.org.uk", "phone": "0113 496 0000"}
    listed = {item["slug"]: [(reason["kind"], reason["date"]) for reason in item["reasons"]] for item in group["opportunities"]}
    assert listed == {
        "both": [("review-overdue", "2026-11-25"), ("closing-soon", "2026-11-26")],
        "closing-soon": [("closing-soon", "2026-12-10")],
        "overdue": [("review-overdue", "2026-07-10")],
    }
    assert group["issue_title"] == "Listings to check: Example Community Health Trust"
    assert "- **Overdue review** (`" in group["issue_body"]
    # each listing links to the form: one click to confirm it, or change it (absolute, from SITEURL)
    from pelican.settings import read_settings

    siteurl = read_settings(str(ROOT / "pelicanconf.py"))["SITEURL"]
    overdue = next(item for item in group["opportunities"] if item["slug"] == "overdue")
    assert overdue["confirm_url"] == f"{siteurl}/submit/?edit=overdue&confirm=1"
    assert overdue["edit_url"] == f"{siteurl}/submit/?edit=overdue"
    assert f"[Still recruiting: confirm it in one click]({siteurl}/submit/?edit=overdue&confirm=1)" in group["issue_body"]


def test_freshness_text_is_grouped_with_the_contact(freshness_content):
    done = run_module("portal_content.freshness", str(freshness_content))
    assert done.returncode == 0, done.stderr
    base = freshness_content.as_posix()
    assert done.stdout.splitlines() == [
        "Listings to check on 2026-11-26 (past review_by, or closing in the next 14 days):",
        "",
        "Example Community Health Trust (acme): volunteering@example.org.uk, 0113 496 0000",
        f"  - {base}/opportunities/acme/both.yaml: Both reasons: was due for review on 2026-11-25 and closes on 2026-11-26",
        f"  - {base}/opportunities/acme/closing-soon.yaml: Closing soon: closes on 2026-12-10",
        f"  - {base}/opportunities/acme/overdue.yaml: Overdue review: was due for review on 2026-07-10",
    ]


def test_freshness_follows_the_build_date(freshness_content):
    # a day later: "closing-later" is 14 days ahead, "reviewed" is past its date, "both" has closed
    done = run_module("portal_content.freshness", str(freshness_content), "--json", epoch=str(int(TEST_EPOCH) + 86400))
    listed = sorted(item["slug"] for item in json.loads(done.stdout)["organisations"][0]["opportunities"])
    assert listed == ["closing-later", "closing-soon", "overdue", "reviewed"]


def test_freshness_with_nothing_to_do_and_with_broken_content(small_content):
    done = run_module("portal_content.freshness", str(small_content))
    assert done.returncode == 0
    assert done.stdout.strip() == "Nothing to check on 2026-11-26: no open listing is past its review date or closing in the next 14 days."
    assert json.loads(run_module("portal_content.freshness", str(small_content), "--json").stdout)["organisations"] == []
    (small_content / "opportunities" / "acme" / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    broken = run_module("portal_content.freshness", str(small_content), "--json")
    assert broken.returncode == 1
    assert broken.stdout == ""
    assert "broken.yaml:" in broken.stderr and "Traceback" not in broken.stderr
