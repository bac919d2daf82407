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
