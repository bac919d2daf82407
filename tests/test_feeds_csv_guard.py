"""The CSV's formula guard: every character a spreadsheet reads as a formula start is neutralised in
the CSV, and only there: the JSON keeps the text exactly (a +44 phone number stays +44)."""

from __future__ import annotations

import csv
import io
import json

from conftest import run_build
from helpers_content import APPLY_URL, opportunity, write_content
from helpers_settings import installed_plugins, settings_file

OPP = "opportunities/leeds/ward-companion.yaml"
# (CSV column, what the file says) for each formula start; the YAML writes each with escapes.
HOSTILE = {
    "title": ("\uff1d1+1 full-width equals", 'title: "\\uFF1D1+1 full-width equals"'),
    "summary": ("\uff0bcmd full-width plus", 'summary: "\\uFF0Bcmd full-width plus"'),
    "pathway": ("\uff20SUM(1) full-width at", 'pathway: "\\uFF20SUM(1) full-width at"'),
    "access.notes": ("\uff0d2+3 full-width minus", 'access:\n  notes: "\\uFF0D2+3 full-width minus"'),
    "apply.instructions": ("\n=HYPERLINK(\"https://evil.example\") after a line feed", 'instructions: "\\n=HYPERLINK(\\"https://evil.example\\") after a line feed"'),
}
PHONE = "+44 113 496 0000"


def test_formula_starts_are_quoted_in_csv_and_kept_in_json(tmp_path):
    text = opportunity("title: Ward companion", HOSTILE["title"][1])
    text = text.replace("summary: Chat with patients on the wards.", HOSTILE["summary"][1])
    text = text.replace(APPLY_URL, f'{APPLY_URL}\n  phone: "{PHONE}"\n  {HOSTILE["apply.instructions"][1]}')
    text += HOSTILE["pathway"][1] + "\n" + HOSTILE["access.notes"][1] + "\n"
    content = write_content(tmp_path, {OPP: text})
    result = run_build(content, tmp_path / "output", settings=settings_file(tmp_path, PLUGINS=installed_plugins()))
    assert result.returncode == 0, result.log
    rows = list(csv.DictReader(io.StringIO((tmp_path / "output" / "api" / "opportunities.csv").read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 1
    for column, (value, _) in HOSTILE.items():
        assert rows[0][column] == "'" + value, column
    assert rows[0]["apply.phone"] == "'" + PHONE  # a spreadsheet would read +44 ... as a formula too
    record = json.loads((tmp_path / "output" / "api" / "opportunities.json").read_text(encoding="utf-8"))["opportunities"][0]
    assert record["apply"]["phone"] == PHONE
    assert record["title"] == HOSTILE["title"][0]
    assert record["apply"]["instructions"] == HOSTILE["apply.instructions"][0]
