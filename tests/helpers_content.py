"""A minimal valid content folder, and tools to break one thing in it.

Tests copy this folder into a temp directory, change one file, and check
the exact problem line the loader, the check command and the build print.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

ORGANISATION = """\
name: Leeds Helpers
sector: vcse
areas:
  - leeds
website: https://leeds-helpers.example.org.uk
description: |
  A small charity in Leeds.
contact:
  email: hello@leeds-helpers.example.org.uk
  phone: "0113 496 0000"
principles_adopted: 2025-01-10
"""

OPPORTUNITY = """\
title: Ward companion
organisation: leeds-helpers
summary: Chat with patients on the wards.
description: |
  Spend time with patients who would like company.
activities:
  - befriending
settings:
  - hospital
locations:
  - name: St Aidan's Hospital
    postcode: LS9 7TF
    area: leeds
commitment:
  hours_per_week: 3
  schedule:
    - weekday-daytime
  duration: ongoing
apply:
  url: https://leeds-helpers.example.org.uk/apply
posted: 2026-10-01
"""

PRINCIPLE = """\
---
title: Volunteers are welcomed
summary: Everyone who volunteers is welcomed and valued.
---
We welcome every volunteer and thank them for their time.
"""

PAGE = """\
Title: About
Slug: about

About this site.
"""

ORGANISATION_FILE = "content/organisations/leeds-helpers.yaml"
OPPORTUNITY_FILE = "content/opportunities/leeds/ward-companion.yaml"
PRINCIPLE_FILE = "content/principles/01-welcome.md"

FILES = {
    "organisations/leeds-helpers.yaml": ORGANISATION,
    "opportunities/leeds/ward-companion.yaml": OPPORTUNITY,
    "principles/01-welcome.md": PRINCIPLE,
    "pages/about.md": PAGE,
}


def write_content(base: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the minimal folder, then apply ``changes``: path -> new text/bytes, or None to delete."""
    content = base / "content"
    files: dict[str, str | bytes | None] = {**FILES, **(changes or {})}
    for relative, text in sorted(files.items()):
        if text is None:
            continue
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return content


def replace_line(text: str, old: str, new: str) -> str:
    """``text`` with the one line equal to ``old`` (stripped) replaced by ``new`` (same indent)."""
    lines = text.splitlines(keepends=True)
    matches = [index for index, line in enumerate(lines) if line.strip() == old]
    assert len(matches) == 1, f"{old!r} found {len(matches)} times"
    index = matches[0]
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = textwrap.indent(new, indent) + ("\n" if not new.endswith("\n") else "")
    return "".join(lines)


def opportunity(old: str | None = None, new: str = "", *, append: str = "") -> str:
    """The minimal opportunity with one line changed and/or lines appended."""
    text = OPPORTUNITY if old is None else replace_line(OPPORTUNITY, old, new)
    return text + append


OPP = "opportunities/leeds/ward-companion.yaml"
ORG = "organisations/leeds-helpers.yaml"
PRI = "principles/01-welcome.md"
LOCATIONS = "locations:\n  - name: St Aidan's Hospital\n    postcode: LS9 7TF\n    area: leeds\n"
APPLY_URL = "url: https://leeds-helpers.example.org.uk/apply"
FIELDS_HERE = (
    "Fields here are: title, organisation, summary, description, activities, settings, gp_approach, "
    "locations, remote, commitment, requirements, training, support, access, suitable_for, pathway, "
    "languages, apply, posted, closes, review_by, sessions, tags"
)


class Broken:
    """One broken input: the minimal folder with ``changes``, and the exact lines it must print.

    ``expected`` lines are relative to the content folder; prefix them with the
    folder as the loader shows it (``content/`` when run from the project).
    """

    def __init__(self, name: str, changes: dict, *expected: str):
        self.name = name
        self.changes = changes
        self.expected = list(expected)

    def lines(self, prefix: str) -> list[str]:
        return [prefix + line.replace("{prefix}", prefix) for line in self.expected]


BROKEN = [
    Broken("unknown-field", {OPP: opportunity(append="titel: Ward helper\n")},
           f"{OPP}:22: titel: 'titel' is not a field we know. Did you mean 'title'?"),
    Broken("unknown-field-far-from-any", {OPP: opportunity(append="colour: blue\n")},
           f"{OPP}:22: colour: 'colour' is not a field we know. {FIELDS_HERE}"),
    Broken("misspelt-activity", {OPP: opportunity("- befriending", "- befriendng")},
           f"{OPP}:7: activities[1]: \"befriendng\" is not one of the choices. Did you mean 'befriending'?"),
    Broken("misspelt-setting", {OPP: opportunity("- hospital", "- hospitl")},
           f"{OPP}:9: settings[1]: \"hospitl\" is not one of the choices. Did you mean 'hospital'?"),
    Broken("unknown-area", {OPP: opportunity("area: leeds", "area: york")},
           f"{OPP}:13: locations[1].area: expected one of bradford, calderdale, kirklees, leeds or wakefield, got \"york\""),
    Broken("missing-title", {OPP: opportunity("title: Ward companion", "")},
           f"{OPP}:2: title: this field is missing. Add title: the role's name, for example Ward companion"),
    Broken("missing-posted", {OPP: opportunity("posted: 2026-10-01", "")},
           f"{OPP}:1: posted: this field is missing. Add posted: the date it was first listed"),
    Broken("number-instead-of-text", {OPP: opportunity("title: Ward companion", "title: 42")},
           f"{OPP}:1: title: expected text, got the number 42. Put it in double quotes to keep it as text"),
    Broken("text-instead-of-number", {OPP: opportunity("hours_per_week: 3", "hours_per_week: three")},
           f"{OPP}:15: commitment.hours_per_week: expected a number of hours like 3 (more than 0, at most 168), "
           "or a range written as 'min: 2' and 'max: 4' on the lines below, got \"three\""),
    Broken("hours-out-of-range", {OPP: opportunity("hours_per_week: 3", "hours_per_week: 200")},
           f"{OPP}:15: commitment.hours_per_week: expected a number of hours like 3 (more than 0, at most 168), "
           "or a range written as 'min: 2' and 'max: 4' on the lines below, got the number 200"),
    Broken("choice-written-as-boolean", {OPP: opportunity(append="access:\n  wheelchair: true\n")},
           f"{OPP}:23: access.wheelchair: expected one of yes, partial, no or unknown, got true"),
    Broken("date-written-as-number", {OPP: opportunity("posted: 2026-10-01", "posted: 20261001")},
           f"{OPP}:21: posted: expected a date like 2027-01-31, got the number 20261001"),
    Broken("empty-required-text", {OPP: opportunity("title: Ward companion", 'title: ""')},
           f"{OPP}:1: title: is empty. Write something here"),
    Broken("empty-list-item", {OPP: opportunity(append='tags:\n  - wards\n  - ""\n')},
           f"{OPP}:24: tags[2]: is empty. Write something here or delete this line"),
    Broken("bad-language-code", {OPP: opportunity(append="languages:\n  - en\n  - Polish language\n")},
           f"{OPP}:24: languages[2]: expected a language code like en, ur or pl, got \"Polish language\""),
    Broken("text-instead-of-list", {OPP: opportunity("- befriending", "").replace("activities:\n\n", "activities: befriending\n")},
           f"{OPP}:6: activities: expected a list (each item on its own line starting '- '), got \"befriending\". "
           "Write it as a list: on the next line, \"  - befriending\""),
    Broken("yes-instead-of-true", {OPP: opportunity(append="support:\n  expenses: yes\n")},
           f"{OPP}:23: support.expenses: expected true or false, got \"yes\". Write true instead of yes"),
    Broken("title-too-long", {OPP: opportunity("title: Ward companion", "title: " + "W" * 91)},
           f"{OPP}:1: title: is 91 characters long; the limit is 90. Make it shorter"),
    Broken("summary-too-long", {OPP: opportunity("summary: Chat with patients on the wards.", "summary: " + "Chat. " * 34)},
           f"{OPP}:3: summary: is 203 characters long; the limit is 200. Make it shorter"),
    Broken("date-day-first", {OPP: opportunity(append="closes: 31/01/2027\n")},
           f"{OPP}:22: closes: expected a date like 2027-01-31, got \"31/01/2027\""),
    Broken("date-no-such-day", {OPP: opportunity(append="closes: 2027-02-30\n")},
           f"{OPP}:22: closes: expected a date like 2027-01-31, got \"2027-02-30\" (there is no such day in the calendar)"),
    Broken("closes-before-posted", {OPP: opportunity(append="closes: 2026-09-30\n")},
           f"{OPP}:22: closes: closes (2026-09-30) is before posted (2026-10-01). Check both dates"),
    Broken("session-ends-before-start", {OPP: opportunity(append="sessions:\n  - start: 2027-03-14T10:00\n    end: 2027-03-14T09:30\n")},
           f"{OPP}:24: sessions[1].end: end (2027-03-14 09:30) is not after start (2027-03-14 10:00)"),
    Broken("session-with-time-zone", {OPP: opportunity(append="sessions:\n  - start: 2027-03-14T10:00:00Z\n    end: 2027-03-14T12:00\n")},
           f"{OPP}:23: sessions[1].start: expected a date and time like 2027-03-14T10:00, got \"2027-03-14T10:00:00Z\""),
    Broken("review-by-before-posted", {OPP: opportunity(append="review_by: 2026-09-01\n")},
           f"{OPP}:22: review_by: review_by (2026-09-01) is before posted (2026-10-01). Check both dates"),
    Broken("session-on-a-day-that-does-not-exist", {OPP: opportunity(append="sessions:\n  - start: 2027-02-29T10:00\n    end: 2027-02-29T12:00\n")},
           f"{OPP}:23: sessions[1].start: expected a real date and time like 2027-03-14T10:00, got \"2027-02-29T10:00\"",
           f"{OPP}:24: sessions[1].end: expected a real date and time like 2027-03-14T10:00, got \"2027-02-29T12:00\""),
    Broken("session-without-end", {OPP: opportunity(append="sessions:\n  - start: 2027-03-14T10:00\n    location: Ward 4\n")},
           f"{OPP}:23: sessions[1].end: this field is missing. Add end: a date and time like 2027-03-14T12:30"),
    Broken("bad-postcode", {OPP: opportunity("postcode: LS9 7TF", "postcode: LS97")},
           f"{OPP}:12: locations[1].postcode: expected a UK postcode like LS9 7TF, got \"LS97\""),
    Broken("http-apply-url", {OPP: opportunity(APPLY_URL, "url: http://leeds-helpers.example.org.uk/apply")},
           f"{OPP}:20: apply.url: expected a web address starting https://, got \"http://leeds-helpers.example.org.uk/apply\""),
    Broken("javascript-link", {OPP: opportunity("Spend time with patients who would like company.", "Read [our leaflet](javascript:alert(1)).")},
           f"{OPP}:5: description: links must start with https://, mailto: or tel:, got \"javascript:alert(1)\""),
    Broken("http-link", {OPP: opportunity(append="training: |\n  An induction.\n  See [the course](http://leeds-helpers.example.org.uk/course).\n")},
           f"{OPP}:24: training: links must start with https://, mailto: or tel:, got \"http://leeds-helpers.example.org.uk/course\""),
    Broken("data-link-in-html", {OPP: opportunity(append="support:\n  notes: |\n    A buddy.\n    <a href=\"data:text/html,hi\">more</a>\n")},
           f"{OPP}:25: support.notes: links must start with https://, mailto: or tel:, got \"data:text/html,hi\""),
    Broken("unknown-organisation-close", {OPP: opportunity("organisation: leeds-helpers", "organisation: leeds-helper")},
           f"{OPP}:2: organisation: no organisation file content/organisations/leeds-helper.yaml. Did you mean 'leeds-helpers'?"),
    Broken("unknown-organisation", {OPP: opportunity("organisation: leeds-helpers", "organisation: bradford-trust")},
           f"{OPP}:2: organisation: no organisation file content/organisations/bradford-trust.yaml. "
           "Use the file name of an organisation in content/organisations/, without .yaml"),
    Broken("neither-remote-nor-locations", {OPP: OPPORTUNITY.replace(LOCATIONS, "")},
           f"{OPP}:1: locations: this field is missing. Add locations: a list of places, each with a name and an area (or set remote: true)"),
    Broken("hours-min-more-than-max", {OPP: opportunity("hours_per_week: 3", "hours_per_week:\n  min: 5\n  max: 2")},
           f"{OPP}:16: commitment.hours_per_week.min: min (5) is more than max (2). Swap them"),
    Broken("apply-without-contact", {OPP: opportunity(APPLY_URL, "instructions: Come and see us")},
           f"{OPP}:19: apply: expected at least one of url, email or phone, each on its own line below apply:, got only instructions"),
    Broken("yaml-colon-in-text", {OPP: opportunity("title: Ward companion", "title: Ward companion: days")},
           f"{OPP}:1: this is not valid YAML: a value contains ': ', or the line is indented more than the one above. "
           "Put text that contains ': ' in double quotes, or line the field up with the others"),
    Broken("yaml-unclosed-quote", {OPP: opportunity("title: Ward companion", 'title: "Ward companion')},
           f"{OPP}:1: this is not valid YAML: a quote opened on this line is never closed. Add the closing quote at the end of the text"),
    Broken("tab-indent", {OPP: opportunity("duration: ongoing", "\tduration: ongoing")},
           f"{OPP}:18: line is indented with a tab character. YAML needs spaces: replace the tab with 2 spaces"),
    Broken("duplicate-key", {OPP: opportunity(append="title: Ward helper\n")},
           f"{OPP}:22: title: this field appears twice (first on line 1). Keep one and delete the other"),
    Broken("top-level-list", {OPP: "- title: Ward companion\n- organisation: leeds-helpers\n"},
           f"{OPP}:1: expected fields like 'title: ...' at the top level, got a list. Start each line with a field name"),
    Broken("top-level-scalar", {OPP: "Ward companion\n"},
           f"{OPP}:1: expected fields like 'title: ...' at the top level, got a single value. Start each line with a field name"),
    Broken("empty-file", {OPP: ""},
           f"{OPP}:1: file is empty. Copy the template and fill in the fields"),
    Broken("comment-only-file", {OPP: "# Ward companion: to do\n\n   # fill in later\n"},
           f"{OPP}:1: file is empty. Copy the template and fill in the fields"),
    Broken("not-utf8", {OPP: OPPORTUNITY.replace("Chat with", "Café chat with").encode("cp1252")},
           f"{OPP}:3: file is not saved as UTF-8 text (byte 0xe9 is not valid UTF-8). Save it again choosing 'UTF-8' as the encoding"),
    Broken("python-tag", {OPP: opportunity("title: Ward companion", 'title: !!python/object/apply:os.system ["echo unsafe"]')},
           f"{OPP}:1: the tag '!!python/object/apply:os.system' is not allowed. Remove the '!' part and write plain text, numbers, lists or fields"),
    Broken("alias-bomb", {OPP: 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
                               "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                               "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"},
           f"{OPP}:1: anchors and aliases ('&' and '*') are not allowed. Write the value out in full, "
           "or put text that starts with '*' or '&' in double quotes"),
    Broken("deep-nesting-would-crash-the-parser", {OPP: opportunity(append="tags: " + "[" * 60_000 + "]" * 60_000 + "\n")},
           f"{OPP}:22: lists and fields are nested more than 20 levels deep here. Check the indentation and the [ ] and {{ }} brackets"),
    Broken("file-too-large", {OPP: opportunity(append="tags:\n" + "  - a tag that is repeated far too often\n" * 8000)},
           f"{OPP}:1: file is 321 KB; the limit is 256 KB. Shorten the text or split it into several opportunities"),
    Broken("two-documents", {OPP: OPPORTUNITY + "---\n" + OPPORTUNITY},
           f"{OPP}:22: this is not valid YAML: this file holds more than one document (a second '---' line). "
           "Keep one opportunity per file: delete the '---' line and move the rest to a new file"),
    Broken("duplicate-slug-in-sub-folders", {"opportunities/bradford/ward-companion.yaml": OPPORTUNITY},
           "opportunities/leeds/ward-companion.yaml:1: the opportunity name 'ward-companion' is already used by "
           "{prefix}opportunities/bradford/ward-companion.yaml. Names must be unique across content/opportunities/: "
           "rename one of the files"),
    Broken("file-name-not-a-slug", {"opportunities/leeds/Ward_Companion.yaml": OPPORTUNITY.replace("Ward companion", "Ward helper")},
           "opportunities/leeds/Ward_Companion.yaml:1: the file name 'Ward_Companion.yaml' can only use lowercase letters, "
           "digits and single hyphens. Rename it to 'ward-companion.yaml'"),
    Broken("yml-extension", {"opportunities/leeds/ward-helper.yml": OPPORTUNITY},
           "opportunities/leeds/ward-helper.yml:1: rename the file to end in .yaml (not .yml) so the build reads it"),
    Broken("wrong-extension", {"opportunities/leeds/ward-helper.txt": OPPORTUNITY, "opportunities/leeds/ward-companion.yaml~": OPPORTUNITY},
           "opportunities/leeds/ward-companion.yaml~:1: the build only reads files ending in .yaml here. "
           "Rename the file to end in .yaml, or move it out of opportunities/",
           "opportunities/leeds/ward-helper.txt:1: the build only reads files ending in .yaml here. "
           "Rename the file to end in .yaml, or move it out of opportunities/"),
    Broken("organisation-in-sub-folder", {"organisations/leeds/other-helpers.yaml": ORGANISATION},
           "organisations/leeds/other-helpers.yaml:1: organisation files go straight in organisations/, not in a sub-folder. "
           "Move the file up one level"),
    Broken("organisation-http-website", {ORG: ORGANISATION.replace("website: https://", "website: http://")},
           f"{ORG}:5: website: expected a web address starting https://, got \"http://leeds-helpers.example.org.uk\""),
    Broken("organisation-misspelt-sector", {ORG: ORGANISATION.replace("sector: vcse", "sector: vsce")},
           f"{ORG}:2: sector: \"vsce\" is not one of the choices. Did you mean 'vcse'?"),
    Broken("organisation-missing-name", {ORG: ORGANISATION.replace("name: Leeds Helpers\n", "")},
           f"{ORG}:1: name: this field is missing. Add name: the organisation's name"),
    Broken("organisation-bad-email", {ORG: ORGANISATION.replace("email: hello@leeds-helpers.example.org.uk", "email: hello at leeds-helpers")},
           f"{ORG}:9: contact.email: expected an email address like volunteering@example.org.uk, got \"hello at leeds-helpers\""),
    Broken("organisation-http-link", {ORG: ORGANISATION.replace("A small charity in Leeds.", "A small charity in [Leeds](http://leeds.example).")},
           f"{ORG}:7: description: links must start with https://, mailto: or tel:, got \"http://leeds.example\""),
    Broken("principle-order-not-a-number", {PRI: "---\ntitle: Volunteers are welcomed\nsummary: S.\norder: first\n---\nText.\n"},
           f"{PRI}:4: order: expected a whole number, got \"first\""),
    Broken("principle-without-summary", {PRI: "---\ntitle: Volunteers are welcomed\n---\nWe welcome every volunteer.\n"},
           f"{PRI}:2: summary: this field is missing. Add summary: one sentence that sums it up"),
    Broken("principle-pelican-style-without-summary", {PRI: "Title: Volunteers are welcomed\n\nWe welcome every volunteer.\n"},
           f"{PRI}:1: summary: this field is missing. Add summary: one sentence that sums it up"),
]
