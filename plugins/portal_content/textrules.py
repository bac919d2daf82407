"""Rules every text value obeys, shared by the build, the check command and the /submit/ form.

Control characters (C0 other than tab and line feed, DEL, C1), the
non-characters U+FFFE and U+FFFF and lone surrogates cannot be shown on a
page, break feeds (XML forbids them) and hide text in CI logs. Text that is
only spaces makes an empty heading or link. A line break in a one-line field
(a title, a postcode) breaks the layout and the published data.

The rules travel to the form inside every published schema as
``"x-text-rules"`` (see :func:`portal_content.schema.site_schema`), so both
sides refuse the same characters with the same words.
"""

from __future__ import annotations

import re

from .problems import Problem
from .yamlsafe import YamlDocument, format_path

# A regular expression character class that Python's re and JavaScript's RegExp (with the "u" flag) both read.
FORBIDDEN = "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF\\uFFFE\\uFFFF]"
LINE_BREAKS = "[\\n\\r]"
FORBIDDEN_CHARACTER = re.compile(FORBIDDEN)
LINE_BREAK = re.compile(LINE_BREAKS)

FORBIDDEN_MESSAGE = (
    "contains a control character ({character}) that cannot be shown on a web page or in a feed. "
    "Delete it (it often comes from copying and pasting) and type the text again"
)
LINE_BREAK_MESSAGE = "must be on one line, but it has a line break. Write it on one line"
BLANK_MESSAGE = "has only spaces in it. Write something here, or delete the line"

# Fields whose text may run over several lines; every other text field is one line.
MULTI_LINE = {
    "opportunity": ["description", "training", "support.notes", "access.notes", "apply.instructions", "summary"],
    "organisation": ["description"],
    "principle": ["summary"],
    "page": ["summary"],
}


def text_rules(kind: str) -> dict:
    """The rules for one kind of file, as the form reads them from the schema."""
    return {
        "forbidden": FORBIDDEN,
        "forbidden_message": FORBIDDEN_MESSAGE,
        "line_breaks": LINE_BREAKS,
        "line_break_message": LINE_BREAK_MESSAGE,
        "blank_message": BLANK_MESSAGE,
        "multi_line": MULTI_LINE.get(kind, []),
    }


def character_name(character: str) -> str:
    return f"U+{ord(character):04X}"


def raw_text_problem(text: str) -> tuple[int, str] | None:
    """(line, message) for the first forbidden character written straight into a file, which YAML cannot read."""
    match = FORBIDDEN_CHARACTER.search(text)
    if not match:
        return None
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return line, "this line " + FORBIDDEN_MESSAGE.format(character=f"{character_name(match.group())}, column {column}")


def text_problems(kind: str, data, document: YamlDocument, source: str, line_of_text=None) -> list[Problem]:
    """One problem per text value that breaks a rule, at the line where it is.

    ``line_of_text(path, text, offset)`` gives the exact file line of a character
    inside a block of text; without it the field's own line is used.
    """
    multi_line = set(MULTI_LINE.get(kind, ()))
    found: list[Problem] = []

    def visit(value, path: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                bad = FORBIDDEN_CHARACTER.search(str(key))
                if bad:
                    shown = format_path(path) or "the file"
                    found.append(Problem(source, document.line_of((*path, key)), format_path(path), f"a field name in {shown} " + FORBIDDEN_MESSAGE.format(character=character_name(bad.group()))))
                    continue
                visit(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*path, index))
        elif isinstance(value, str):
            problem = _text_problem(value, path, multi_line)
            if problem:
                offset, message = problem
                line = line_of_text(path, value, offset) if line_of_text else document.line_of(path)
                found.append(Problem(source, line, format_path(path), message))

    visit(data, ())
    return found


def _text_problem(value: str, path: tuple, multi_line: set) -> tuple[int, str] | None:
    bad = FORBIDDEN_CHARACTER.search(value)
    if bad:
        return bad.start(), FORBIDDEN_MESSAGE.format(character=character_name(bad.group()))
    field = ".".join(part for part in path if isinstance(part, str))
    if field not in multi_line:
        brk = LINE_BREAK.search(value)
        if brk:
            return brk.start(), LINE_BREAK_MESSAGE
    if value and not value.strip():
        return 0, BLANK_MESSAGE
    return None
