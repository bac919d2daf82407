"""Hostile and unlucky input: every case is refused with one exact ``file:line: field:`` line.

Each case is a file beside the minimal valid content; one folder holds every
case, so one run of the real ``pelican`` command and one of the check command
must print every expected line (each once), exit 1, print no traceback and
leave the previous output folder untouched. Expected lines come from the test's
own text (the line a field is written on), never from the code under test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, TEST_EPOCH, run_build, run_check
from helpers_content import APPLY_URL, ORGANISATION, PRINCIPLE, opportunity, write_content
from helpers_settings import installed_plugins, settings_file
from test_build_faults import snapshot

# One example of each class the rules refuse, written as YAML double-quoted escapes.
CONTROL_CHARACTERS = {
    "bell": ("\\a", "U+0007"),
    "nul": ("\\0", "U+0000"),
    "escape": ("\\e", "U+001B"),
    "vertical-tab": ("\\v", "U+000B"),
    "delete": ("\\x7f", "U+007F"),
    "c1-next-line": ("\\N", "U+0085"),
    "c1-last": ("\\x9f", "U+009F"),
    "non-character-fffe": ("\\uFFFE", "U+FFFE"),
    "non-character-ffff": ("\\uFFFF", "U+FFFF"),
}
CONTROL = (
    "contains a control character ({}) that cannot be shown on a web page or in a feed. "
    "Delete it (it often comes from copying and pasting) and type the text again"
)

# (field as printed, the line of the minimal opportunity to replace, its replacement with {text})
OPPORTUNITY_FIELDS = [
    ("title", "title: Ward companion", 'title: "Ward {text} companion"'),
    ("summary", "summary: Chat with patients on the wards.", 'summary: "Chat {text} with patients."'),
    ("description", "description: |", 'description: "Spend {text} time."'),
    ("locations[1].name", "- name: St Aidan's Hospital", '- name: "St Aidan{text}s"'),
    ("apply.url", "url: https://leeds-helpers.example.org.uk/apply", 'url: "https://leeds-helpers.example.org.uk/{text}apply"'),
]


def line_of(text: str, start: str) -> int:
    """The 1-based line of ``text`` that starts (after indentation) with ``start``."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if line.strip().startswith(start)]
    assert len(lines) == 1, (start, lines)
    return lines[0]


@dataclass
class Case:
    name: str
    path: str  # relative to the content folder
    text: str | bytes
    expected: list[str]  # lines after "<content>/<path>:"


def opportunity_file(name: str, old: str, new: str, append: str = "") -> str:
    text = opportunity(old, new, append=append) if old else opportunity(append=append)
    if old == "description: |":  # the block's text line goes too
        text = text.replace('"Spend {text} time."\n  Spend time with patients who would like company.\n', '"Spend {text} time."\n')
    return text


def control_cases() -> list[Case]:
    cases = []
    for field, old, new in OPPORTUNITY_FIELDS:
        for kind, (escape, code) in CONTROL_CHARACTERS.items():
            text = opportunity_file(kind, old, new).replace("{text}", escape)
            line = line_of(text, new.split(":")[0] + ":")
            name = f"{kind}-in-{field.replace('[1]', '').replace('.', '-')}"
            cases.append(Case(name, f"opportunities/control/{name}.yaml", text, [f"{line}: {field}: {CONTROL.format(code)}"]))
    organisation = ORGANISATION.replace("name: Leeds Helpers", 'name: "Leeds \\a Helpers"')
    cases.append(Case("bell-in-organisation-name", "organisations/bell-org.yaml", organisation, [f"1: name: {CONTROL.format('U+0007')}"]))
    principle = PRINCIPLE.replace("title: Volunteers are welcomed", 'title: "Volunteers \\e welcomed"')
    cases.append(Case("escape-in-principle-title", "principles/02-escape.md", principle, [f"2: title: {CONTROL.format('U+001B')}"]))
    tags = opportunity(append='tags:\n  - wards\n  - "ward\\x07s"\n')
    cases.append(Case("bell-in-a-tag", "opportunities/other/bell-in-a-tag.yaml", tags, [f"24: tags[2]: {CONTROL.format('U+0007')}"]))
    return cases


RAW_NUL = opportunity(append="tags:\n  - wards\n  - night\x00shift\n")
RAW_ESCAPE_IN_BLOCK = opportunity("Spend time with patients who would like company.", "Spend time with\npatients \x1b who would like company.")

OTHER_CASES = [
    Case("raw-nul-reported-at-its-line", "opportunities/other/raw-nul-reported-at-its-line.yaml", RAW_NUL,
         [f"24: this line {CONTROL.format('U+0000, column 10')}"]),
    Case("raw-escape-in-a-block", "opportunities/other/raw-escape-in-a-block.yaml", RAW_ESCAPE_IN_BLOCK,
         [f"6: this line {CONTROL.format('U+001B, column 12')}"]),
    Case("whitespace-only-title", "opportunities/other/whitespace-only-title.yaml", opportunity("title: Ward companion", 'title: "   "'),
         ["1: title: has only spaces in it. Write something here, or delete the line"]),
    Case("whitespace-only-location-name", "opportunities/other/whitespace-only-location-name.yaml", opportunity("- name: St Aidan's Hospital", '- name: "\\t "'),
         ["11: locations[1].name: has only spaces in it. Write something here, or delete the line"]),
    Case("newline-in-postcode", "opportunities/other/newline-in-postcode.yaml", opportunity("postcode: LS9 7TF", 'postcode: "LS9 7TF\\n"'),
         ["12: locations[1].postcode: must be on one line, but it has a line break. Write it on one line"]),
    Case("newline-in-title", "opportunities/other/newline-in-title.yaml", opportunity("title: Ward companion", 'title: "Ward\\ncompanion"'),
         ["1: title: must be on one line, but it has a line break. Write it on one line"]),
    Case("block-scalar-title", "opportunities/other/block-scalar-title.yaml", opportunity("title: Ward companion", "title: |\n  Ward companion"),
         ["2: title: must be on one line, but it has a line break. Write it on one line"]),
    Case("carriage-return-in-email", "opportunities/other/carriage-return-in-email.yaml", opportunity(APPLY_URL, 'email: "a@b.org.uk\\rBcc: x@y.org"'),
         ["20: apply.email: must be on one line, but it has a line break. Write it on one line"]),
    Case("posted-year-9999", "opportunities/other/posted-year-9999.yaml", opportunity("posted: 2026-10-01", "posted: 9999-08-01"),
         ["21: posted: 9999 is not a likely year: dates must be between 2000-01-01 and 2100-12-31. Check the date"]),
    Case("closes-year-1999", "opportunities/other/closes-year-1999.yaml", opportunity(append="closes: 1999-12-31\n"),
         ["22: closes: 1999 is not a likely year: dates must be between 2000-01-01 and 2100-12-31. Check the date"]),
    Case("review-by-year-2101", "opportunities/other/review-by-year-2101.yaml", opportunity(append="review_by: 2101-01-01\n"),
         ["22: review_by: 2101 is not a likely year: dates must be between 2000-01-01 and 2100-12-31. Check the date"]),
    Case("session-year-9999", "opportunities/other/session-year-9999.yaml", opportunity(append="sessions:\n  - start: 9999-12-31T10:00\n    end: 9999-12-31T12:00\n"),
         ["23: sessions[1].start: 9999 is not a likely year: dates must be between 2000-01-01 and 2100-12-31. Check the date",
          "24: sessions[1].end: 9999 is not a likely year: dates must be between 2000-01-01 and 2100-12-31. Check the date"]),
    Case("session-year-0001", "opportunities/other/session-year-0001.yaml", opportunity(append="sessions:\n  - start: 0001-01-01T10:00\n    end: 2027-01-01T12:00\n"),
         ["23: sessions[1].start: 0001 is not a likely year: dates must be between 2000-01-01 and 2100-12-31. Check the date"]),
    Case("principles-adopted-year-0001", "organisations/old-org.yaml", ORGANISATION.replace("principles_adopted: 2025-01-10", "principles_adopted: 0001-01-01"),
         ["11: principles_adopted: 0001 is not a likely year: dates must be between 2000-01-01 and 2100-12-31. Check the date"]),
    Case("missing-title-reported-once", "opportunities/other/missing-title-reported-once.yaml", opportunity("title: Ward companion", ""),
         ["2: title: this field is missing. Add title: the role's name, for example Ward companion"]),
    Case("bracket-bomb", "opportunities/other/bracket-bomb.yaml", opportunity("Spend time with patients who would like company.", "[" * 120_000),
         ["4: description: is 120001 characters long; the limit is 10000. Make it shorter"]),
    Case("emphasis-bomb-in-training", "opportunities/other/emphasis-bomb-in-training.yaml", opportunity(append="training: \"" + "*[a*" * 5_000 + "\"\n"),
         ["22: training: is 20000 characters long; the limit is 10000. Make it shorter"]),
]

PAGE_CASES = [
    Case("page-without-title", "pages/no-title.md", "Just some text.\n\nMore text.\n",
         ["1: title: this field is missing. Add title: the page's title, for example About this portal"]),
    Case("page-slug-search", "pages/find.md", "Title: Find\nSlug: search\n\nText.\n",
         ["2: slug: the address /search/ is already used by the site's own pages. Choose another slug, or rename the file"]),
    Case("page-file-named-api", "pages/api.md", "Title: Our API\n\nText.\n",
         ["1: the address /api/ is already used by the site's own pages. Choose another slug, or rename the file"]),
    Case("page-slug-opportunities", "pages/jobs.md", "Title: Jobs\nSlug: opportunities\n\nText.\n",
         ["2: slug: the address /opportunities/ is already used by the site's own pages. Choose another slug, or rename the file"]),
    Case("page-date-year-9999", "pages/dated.md", "Title: Dated\nDate: 9999-01-01\n\nText.\n",
         ["2: date: 9999 is not a likely year: dates must be between 2000-01-01 and 2100-12-31. Check the date"]),
    Case("page-date-no-such-day", "pages/feb.md", "Title: February\nDate: 2027-02-30\n\nText.\n",
         ['2: date: expected a date like 2027-01-31, got "2027-02-30" (there is no such day in the calendar)']),
    Case("page-javascript-link", "pages/links.md", "Title: Links\n\nSome text.\n\n[Click](javascript:alert(1))\n",
         ['5: links must start with https://, mailto: or tel:, got "javascript:alert(1)"']),
    Case("page-data-link", "pages/data.md", "Title: Data\n\n<a href=\"data:text/html,hi\">x</a>\n",
         ['3: links must start with https://, mailto: or tel:, got "data:text/html,hi"']),
    Case("page-bell-in-title", "pages/bell.md", 'Title: Bell \x07 page\n\nText.\n',
         [f"1: this line {CONTROL.format('U+0007, column 13')}"]),
    Case("page-blank-title", "pages/blank.md", "Title:    \nSlug: blank\n\nText.\n",
         ["1: title: is empty. Write something here"]),
    Case("page-bomb", "pages/bomb.md", "Title: Bomb\n\n" + "[" * 120_000 + "\n",
         ["3: the text is 120000 characters long; the limit is 20000. Make it shorter or split it"]),
    Case("principle-javascript-link", "principles/03-links.md", PRINCIPLE + "\n[x](javascript:alert(1))\n",
         ['7: links must start with https://, mailto: or tel:, got "javascript:alert(1)"']),
    Case("principle-without-title", "principles/04-untitled.md", PRINCIPLE.replace("title: Volunteers are welcomed\n", ""),
         ["2: title: this field is missing. Add title: the principle's title"]),
]

CASES = control_cases() + OTHER_CASES + PAGE_CASES


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile-content")
    return write_content(base, {case.path: case.text for case in CASES})


def expected_lines(content: Path) -> list[str]:
    return [f"{content}/{case.path}:{line}" for case in CASES for line in case.expected]


def assert_each_once(expected: list[str], printed: str) -> None:
    lines = printed.splitlines()
    missing = [line for line in expected if lines.count(line) != 1]
    assert not missing, "not printed exactly once:\n" + "\n".join(missing) + "\n--- printed:\n" + printed
    reported_files = {line.split(":")[0] for line in lines if ".yaml:" in line or ".md:" in line}
    assert reported_files == {line.split(":")[0] for line in expected}, "a valid file was reported, or a case was not"


def test_check_command_refuses_every_case(hostile_folder):
    result = run_check(hostile_folder)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert_each_once(expected_lines(hostile_folder), result.stderr)


def test_build_refuses_every_case_and_keeps_the_previous_site(hostile_folder, tmp_path):
    output = tmp_path / "output"
    (output / "opportunities").mkdir(parents=True)
    (output / "index.html").write_text("<p>the last good build</p>", encoding="utf-8")
    before = snapshot(output)
    result = run_build(hostile_folder, output, settings=settings_file(tmp_path, PLUGINS=installed_plugins()))
    assert result.returncode == 1, result.log
    assert "Traceback" not in result.log
    assert_each_once(expected_lines(hostile_folder), result.stderr)
    assert snapshot(output) == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


LINK = "this is a symbolic link; the build does not follow links. Put the file itself here instead"


def test_links_special_files_and_folders_named_like_files_are_refused(tmp_path):
    """A link could publish a file from outside the content folder; nothing is skipped silently either."""
    outside = tmp_path / "secrets.yaml"
    outside.write_text("api_key: do-not-publish\n", encoding="utf-8")
    content = write_content(tmp_path)
    opportunities = content / "opportunities"
    (opportunities / "leeds" / "outside.yaml").symlink_to(outside)
    (opportunities / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (opportunities / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    (content / "organisations" / "copy.yaml").symlink_to(content / "organisations" / "leeds-helpers.yaml")
    os.mkfifo(opportunities / "pipe.yaml")
    (opportunities / "folder.yaml").mkdir()
    (content / "pages" / "linked.md").symlink_to(content / "pages" / "about.md")
    expected = [
        f"{content}/opportunities/broken.yaml:1: {LINK}",
        f"{content}/opportunities/folder.yaml:1: this is a folder, but its name ends in .yaml like a content file. Rename it",
        f"{content}/opportunities/leeds/outside.yaml:1: {LINK}",
        f"{content}/opportunities/linked-folder:1: {LINK}",
        f"{content}/opportunities/pipe.yaml:1: this is not an ordinary file (it is a pipe, socket or device). Remove it",
        f"{content}/organisations/copy.yaml:1: {LINK}",
        f"{content}/pages/linked.md:1: {LINK}",
    ]
    check = run_check(content)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert [line for line in check.stderr.splitlines() if line.startswith(str(content))] == expected
    assert "do-not-publish" not in check.stdout + check.stderr
    result = run_build(content, tmp_path / "output", settings=settings_file(tmp_path, PLUGINS=installed_plugins()))
    assert result.returncode == 1 and "Traceback" not in result.log
    assert [line for line in result.stderr.splitlines() if line.startswith(str(content))] == expected
    assert not (tmp_path / "output").exists()


def test_unreadable_files_and_folders_are_named(tmp_path_factory):
    """As a user who cannot read them (root reads everything, so the check runs as 'nobody' then)."""
    base = Path(tempfile.mkdtemp(prefix="harden-unreadable-"))  # /tmp, so 'nobody' can reach it
    try:
        content = write_content(base)
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (content / "opportunities" / "locked").mkdir(mode=0o700)
        secret = content / "opportunities" / "leeds" / "secret.yaml"
        secret.write_text(opportunity(), encoding="utf-8")
        secret.chmod(0o200)
        (content / "opportunities" / "locked").chmod(0o000)
        env = {**os.environ, "SOURCE_DATE_EPOCH": TEST_EPOCH, "PYTHONPATH": str(ROOT / "plugins"), "PYTHONDONTWRITEBYTECODE": "1"}
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        done = subprocess.run([*as_nobody, sys.executable, "-m", "portal_content", str(content), "-s", str(ROOT / "pelicanconf.py")],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"{content}/opportunities/leeds/secret.yaml:1: cannot read the file: Permission denied" in done.stderr.splitlines()
        assert f"{content}/opportunities/locked:1: cannot read this folder: Permission denied. Fix its permissions" in done.stderr.splitlines()
    finally:
        for path in [base, *base.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o700)
        shutil.rmtree(base)
