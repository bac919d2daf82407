"""Strict YAML reading for hand-written content files.

PyYAML's defaults are unkind to people writing files by hand: ``wheelchair: no``
becomes ``False``, ``phone: 01131234567`` becomes an octal number, duplicate
keys silently keep the last value, and anchors allow "billion laughs" bombs.
This module reads YAML with a small YAML 1.2-style resolver (only
``true``/``false`` are booleans, numbers never start with 0), turns every
such surprise into a :class:`~portal_content.problems.Problem`, and records the
line of every key so later checks can point at it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

try:  # libyaml scans, parses and composes many times faster; the pure-Python one is the fallback
    from yaml._yaml import CParser as Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.loader import BaseLoader

    class Parser(BaseLoader):  # the reader, scanner, parser and composer of the pure-Python loader
        def __init__(self, stream):
            super().__init__(stream)

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 20  # an opportunity needs 4 levels; libyaml's composer overflows the C stack near 50,000

Path = tuple  # a path into the data: keys (str) and list indexes (int)


class ContentResolver(BaseResolver):
    """Implicit types close to YAML 1.2's core schema, with no surprises."""


ContentResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
ContentResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
ContentResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$"),
    list("-+0123456789"),
)
ContentResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
ContentResolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(
        r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"(?:[Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?)?)?$"
    ),
    list("0123456789"),
)

SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class YamlLoader(Parser, SafeConstructor, ContentResolver):
    """Composes the node graph (an alias is a second reference to its anchor's node, not a copy)."""

    def __init__(self, stream):
        Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        ContentResolver.__init__(self)


@dataclass
class YamlDocument:
    """A parsed file: plain data plus where each key and value sits."""

    data: object
    lines: dict = field(default_factory=dict)  # Path -> 1-based line
    raw: dict = field(default_factory=dict)  # Path -> the scalar as written
    literal: set = field(default_factory=set)  # Paths of '|' block scalars: text lines = file lines

    def line_of(self, path: Path) -> int:
        """Line of the value at ``path``, or of its nearest parent that exists."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class YamlProblem(Exception):
    """A file that cannot be read as YAML at all; ``line`` is 1-based."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def decode(raw: bytes) -> str:
    """Decode UTF-8 (with or without a byte-order mark), naming the bad line."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            1,
            f"file is {-(-len(raw) // 1024)} KB; the limit is {MAX_FILE_BYTES // 1024} KB. "
            "Shorten the text or split it into several opportunities",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(
            line,
            "file is not saved as UTF-8 text (byte "
            f"0x{raw[error.start]:02x} is not valid UTF-8). Save it again choosing "
            "'UTF-8' as the encoding",
        ) from None


def parse_yaml(text: str, line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document strictly; raise :class:`YamlProblem` on any surprise.

    ``line_offset`` is added to every line number, for YAML that starts further
    down a file (a principle's front matter after its ``---`` line).
    """
    try:
        return _parse_yaml(text, line_offset)
    except YamlProblem as problem:
        problem.line += line_offset
        raise


def _parse_yaml(text: str, line_offset: int) -> YamlDocument:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlProblem(1, "file is empty. Copy the template and fill in the fields")
    tab_line = _tab_indented_line(text)
    if tab_line:
        raise YamlProblem(
            tab_line,
            "line is indented with a tab character. YAML needs spaces: replace the tab with 2 spaces",
        )
    loader = YamlLoader(text)
    line_of = FileLines(text)
    try:
        _check_depth(text, line_of)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(*_explain_syntax_error(error, line_of)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, f"this is not valid YAML ({error})") from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem(1, "file is empty. Copy the template and fill in the fields")
    document = YamlDocument(data=None)
    builder = _Builder(loader, document, line_offset, line_of)
    document.data = builder.build(node, ())
    return document


class FileLines:
    """The file line (1-based) of a parser mark, counting only newlines.

    YAML also ends lines at U+0085, U+2028 and U+2029, which editors do not show as
    line breaks: after one of those, the parser's line numbers would be one too high.
    """

    def __init__(self, text: str):
        self.skewed = any(character in text for character in "\x85\u2028\u2029")
        if self.skewed:
            body = text[1:] if text.startswith("\ufeff") else text  # marks do not count a byte-order mark
            self.newlines = [index for index, character in enumerate(body) if character == "\n"]

    def __call__(self, mark) -> int:
        if not self.skewed:
            return mark.line + 1
        return bisect_left(self.newlines, mark.index) + 1


def _check_depth(text: str, line_of: FileLines) -> None:
    """Refuse deep nesting from the event stream, before composing: a 100 KB file of
    '[' would otherwise crash the process (composing recurses)."""
    events = Parser(text)
    depth = 0
    try:
        while (event := events.get_event()) is not None:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(
                        line_of(event.start_mark),
                        f"lists and fields are nested more than {MAX_DEPTH} levels deep here. "
                        "Check the indentation and the [ ] and { } brackets",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        events.dispose()


def _tab_indented_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return number
    return 0


def _explain_syntax_error(error: yaml.MarkedYAMLError, line_of: FileLines) -> tuple[int, str]:
    """(line, plain words) for a YAML syntax error; the parser's own words are jargon."""
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    mark = error.problem_mark or error.context_mark
    if "but found another document" in problem:
        hint = (
            "this file holds more than one document (a second '---' line). "
            "Keep one opportunity per file: delete the '---' line and move the rest to a new file"
        )
    elif "scanning a quoted scalar" in context and "end of stream" in problem:
        mark = error.context_mark  # where the quote opened, not where the file ran out
        hint = "a quote opened on this line is never closed. Add the closing quote at the end of the text"
    elif "unknown escape" in problem:
        hint = "a backslash (\\) inside double quotes starts a special code. Use single quotes around this text instead"
    elif "mapping values are not allowed" in problem:
        hint = (
            "a value contains ': ', or the line is indented more than the one above. "
            "Put text that contains ': ' in double quotes, or line the field up with the others"
        )
    elif "could not find expected ':'" in problem:
        mark = error.context_mark or mark  # the line without its colon, not the next one
        hint = "this line has no ':' after its field name. Write it as 'field: value', or indent it to continue the text above"
    elif "expected key" in problem or "expected <block end>" in problem:
        hint = (
            "the indentation does not line up, or a quoted value has more text after its closing quote. "
            "Fields at the same level need the same number of spaces"
        )
    elif "scanning an alias" in context or "scanning an anchor" in context or "undefined alias" in problem:
        hint = "a value starts with '*' or '&', which YAML reads specially. Put the text in double quotes"
    elif "block sequence entries are not allowed" in problem:
        hint = "a list item ('- ') cannot start on the same line as its field name. Put it on the next line, indented"
    elif "cannot start any token" in problem:
        hint = "the value starts with a character YAML keeps for itself (such as @, ` or %). Put the text in double quotes"
    elif "flow sequence" in context or "flow mapping" in context:
        hint = "a list in [ ] or a group in { } is not closed. Add the closing bracket, or write each item on its own line"
    else:
        hint = f"{problem or context}. Check the quotes and indentation on this line and the one above"
    return (line_of(mark) if mark else 1), f"this is not valid YAML: {hint}"


class _Builder:
    """Turns composed nodes into plain data, refusing anything unsafe or ambiguous."""

    def __init__(self, loader: YamlLoader, document: YamlDocument, line_offset: int, line_of: FileLines):
        self.loader = loader
        self.line_of = line_of
        self.document = document
        self.line_offset = line_offset  # added to lines we record; YamlProblem lines get it in parse_yaml
        self.count = 0
        self.seen: set[int] = set()  # ids of nodes built: meeting one again means an alias

    def build(self, node, path: Path):
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem(self.line_of(node.start_mark), "file has too many entries to be an opportunity")
        if id(node) in self.seen:
            # Refused at the first reuse, before anything expands: no "billion laughs".
            raise YamlProblem(
                self.line_of(node.start_mark),
                "anchors and aliases ('&' and '*') are not allowed. Write the value out in full, "
                "or put text that starts with '*' or '&' in double quotes",
            )
        self.seen.add(id(node))
        self.document.lines.setdefault(path, self.line_of(node.start_mark) + self.line_offset)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self._bad_tag(node)
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag not in SCALAR_TAGS:
            raise self._bad_tag(node)
        self.document.raw[path] = node.value
        if node.style == "|":
            self.document.literal.add(path)
        try:
            value = self.loader.yaml_constructors[node.tag](self.loader, node)
        except (yaml.YAMLError, ValueError) as error:
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value  # a day that does not exist: the schema's date check words it

            raise YamlProblem(self.line_of(node.start_mark), f"cannot read the value {node.value!r}: {error}") from None
        if isinstance(value, float) and not math.isfinite(value):
            # '!!float .nan' or '!!float 1e999': every range check passes a NaN, and JSON has neither
            raise YamlProblem(
                self.line_of(node.start_mark), f"{format_path(path)}: {node.value!r} is not a number we can use. Write a number like 3 or 2.5"
            )
        return value

    def _mapping(self, node, path: Path) -> dict:
        if node.tag != "tag:yaml.org,2002:map":
            raise self._bad_tag(node)
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(self.line_of(key_node.start_mark), "a field name must be plain text")
            key = key_node.value
            line = self.line_of(key_node.start_mark) + self.line_offset
            if key in result:
                first = self.document.lines[(*path, key)]
                raise YamlProblem(
                    line - self.line_offset,
                    f"{format_path((*path, key))}: this field appears twice (first on line {first}). "
                    "Keep one and delete the other",
                )
            self.document.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key))
            self.document.lines[(*path, key)] = line
        return result

    def _bad_tag(self, node) -> YamlProblem:
        written = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
        return YamlProblem(
            self.line_of(node.start_mark),
            f"the tag '{written}' is not allowed. Remove the '!' part and write plain text, "
            "numbers, lists or fields",
        )


def format_path(path: Path) -> str:
    """``('locations', 0, 'postcode')`` -> ``locations[1].postcode`` (items count from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text
