"""Checks that turn a parsed file into precise, fixable problems.

First the JSON Schema (types, required fields, vocabularies, formats), with
each jsonschema error reworded for a volunteer coordinator; then the rules a
schema cannot express (references between files, date order, link schemes).
"""

from __future__ import annotations

import contextlib
import difflib
import re
from datetime import date, datetime

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker

from .markup import unsafe_links
from .problems import Problem
from .yamlsafe import YamlDocument, format_path

MARKDOWN_FIELDS = {
    "opportunity": (("description",), ("training",), ("support", "notes")),
    "organisation": (("description",),),
}


def json_ready(value):
    """YAML dates and times become ISO strings, as JSON and the schema expect."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


class SchemaChecker:
    """Validates data against one kind's schema and words the errors.

    Most files are valid: jsonschema-rs (Rust, the same draft 2020-12, about 100 times faster)
    says so first, and jsonschema, whose errors carry what the messages need, looks only at
    a file it refuses. A test holds jsonschema-rs to refusing everything jsonschema refuses.
    """

    def __init__(self, schema: dict):
        self.schema = schema
        self.validator = Draft202012Validator(schema, format_checker=FormatChecker())
        self.quick = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)

    def problems(self, data: dict, document: YamlDocument, source: str, skip=frozenset()) -> list[Problem]:
        """Problems from the schema, except for ``skip`` fields (already reported by another check)."""
        with contextlib.suppress(ValueError):  # a value it cannot take (a key that is not text): the full check
            if self.quick.is_valid(data):
                return []
        errors = [error for error in self.validator.iter_errors(data) if format_path(tuple(error.absolute_path)) not in skip]
        # One message per mistake: a list of choices beats "expected text", and "expected
        # text" beats a pattern or format complaint about the same value.
        kinds: dict[tuple, set] = {}
        for error in errors:
            kinds.setdefault(tuple(error.absolute_path), set()).add(error.validator)
        found = []
        for error in errors:
            at_path = kinds[tuple(error.absolute_path)]
            if error.validator == "type" and "enum" in at_path:
                continue
            if error.validator in {"pattern", "format", "minLength", "maxLength"} and "type" in at_path:
                continue
            found.extend(self._explain(error, document, source))
        return found

    def _explain(self, error, document: YamlDocument, source: str) -> list[Problem]:
        path = tuple(error.absolute_path)
        kind = error.validator
        schema = error.schema
        value = error.instance

        def at(field_path, message):
            return Problem(source, document.line_of(field_path), format_path(field_path), message)

        if kind == "required":
            missing = [name for name in error.validator_value if name not in value]
            return [
                at((*path, name), f"this field is missing. Add {self._describe(error.schema, name)}")
                for name in missing
            ]
        if kind == "additionalProperties":
            known = list(schema.get("properties", {}))
            return [
                at((*path, name), f"'{name}' is not a field we know. {_suggest(name, known, 'Fields here are')}")
                for name in sorted(set(value) - set(known))
            ]
        if kind == "type" and schema.get("format") == "date":
            return [at(path, f"expected a date like 2027-01-31, got {_describe_value(value, document.raw.get(path))}")]
        if kind == "type":
            return [at(path, f"expected {_type_words(schema)}, got {_describe_value(value, document.raw.get(path))}{_type_hint(schema, value)}")]
        if kind == "enum":
            suggestion = _suggest(value, error.validator_value, None)
            if suggestion:
                return [at(path, f"{_quote(value)} is not one of the choices. {suggestion}")]
            return [at(path, f"expected one of {_or_list(error.validator_value)}, got {_quote(value)}")]
        if kind == "format" and error.validator_value == "date":
            written = document.raw.get(path, value)
            return [at(path, f"expected a date like 2027-01-31, got {_quote(written)}{_missing_day_hint(written)}")]
        if kind == "pattern":
            expected = schema.get("description", f"text matching {error.validator_value}")
            return [at(path, f"expected {expected}, got {_quote(document.raw.get(path, value))}")]
        if kind == "maxLength":
            return [at(path, f"is {len(value)} characters long; the limit is {error.validator_value}. Make it shorter")]
        if kind == "minLength":
            if path and isinstance(path[-1], int):
                return [at(path, "is empty. Write something here or delete this line")]
            optional = "" if self._required(path) else " or remove the field"
            return [at(path, f"is empty. Write something here{optional}")]
        if kind == "minItems":
            return [at(path, f"needs at least {error.validator_value} item. Add one on a new line starting '  - '")]
        if kind == "uniqueItems":
            return [at(path, "has the same value more than once. Remove the repeat")]
        if kind in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}:
            return [at(path, f"{_range_words(schema)}, got {value}")]
        if kind == "oneOf" and path[-1:] == ("hours_per_week",):
            return [
                at(
                    path,
                    "expected a number of hours like 3 (more than 0, at most 168), or a range written as "
                    f"'min: 2' and 'max: 4' on the lines below, got {_describe_value(value, document.raw.get(path))}",
                )
            ]
        if kind == "anyOf":
            found = f"only {_or_list(sorted(value))}" if isinstance(value, dict) and value else "nothing"
            return [at(path, f"expected at least one of url, email or phone, each on its own line below apply:, got {found}")]
        if kind == "minProperties":
            return [at(path, "is empty. Add 'min:' or 'max:' below it, or remove it")]
        if kind == "const":
            return []
        return [at(path, error.message)]

    def _required(self, path: tuple) -> bool:
        """Whether the field at ``path`` (ending in a field name) is required in its group of fields."""
        node = self.schema
        for part in path[:-1]:
            node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
        return path[-1] in node.get("required", ())

    def _describe(self, schema: dict, name: str) -> str:
        """The field's description; an if/else branch has none, so look at the top level."""
        node = schema.get("properties", {}).get(name) or self.schema["properties"].get(name, {})
        return f"{name}: {node['description']}" if "description" in node else name


def _suggest(value, choices, listing: str | None) -> str:
    close = difflib.get_close_matches(str(value), [str(choice) for choice in choices], n=1, cutoff=0.6)
    if close:
        return f"Did you mean '{close[0]}'?"
    if listing:
        return f"{listing}: {', '.join(choices)}"
    return ""


def _or_list(values) -> str:
    values = [str(value) for value in values]
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + " or " + values[-1]


def _quote(value) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return _describe_value(value, None)


def _type_words(schema: dict) -> str:
    words = {
        "string": "text",
        "array": "a list (each item on its own line starting '- ')",
        "object": "fields indented on the lines below",
        "boolean": "true or false",
        "integer": "a whole number",
        "number": "a number",
    }
    kinds = schema.get("type")
    if isinstance(kinds, list):
        return " or ".join(words.get(kind, kind) for kind in kinds)
    return words.get(kinds, str(kinds))


def _describe_value(value, raw) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {raw if raw is not None else value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f'"{value}"'


def _missing_day_hint(written) -> str:
    """``2027-02-30`` has the right shape but no such day: say so, or people stare at it."""
    if isinstance(written, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", written):
        return " (there is no such day in the calendar)"
    return ""


def _type_hint(schema: dict, value) -> str:
    wanted = schema.get("type")
    if wanted == "string" and isinstance(value, (int, float, bool)):
        return ". Put it in double quotes to keep it as text"
    if wanted == "array" and isinstance(value, str):
        return f'. Write it as a list: on the next line, "  - {value}"'
    if wanted == "boolean" and isinstance(value, str):
        word = {"yes": "true", "y": "true", "on": "true", "no": "false", "n": "false", "off": "false"}.get(value.strip().lower())
        if word:
            return f". Write {word} instead of {value}"
        return ". Write true or false, without quotes"
    return ""


def _range_words(schema: dict) -> str:
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    above = "more than" if "exclusiveMinimum" in schema else "at least"
    if low is not None and high is not None:
        return f"expected a number {above} {low} and at most {high}"
    if low is not None:
        return f"expected a number {above} {low}"
    return f"expected a number at most {high}"


EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DATE_FIELDS = {
    "opportunity": (("posted",), ("closes",), ("review_by",)),
    "organisation": (("principles_adopted",),),
    "page": (("date",), ("modified",)),
}


def parse_date(value) -> date | None:
    """A ``YYYY-MM-DD`` string from :func:`json_ready` in the years 2000-2100, or ``None``."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None
    return day if day and EARLIEST_DATE <= day <= LATEST_DATE else None


def out_of_range(value) -> bool:
    """A real date or time outside 2000-2100: far-off years overflow date arithmetic, and are typos."""
    try:
        day = date.fromisoformat(value[:10]) if isinstance(value, str) and len(value) >= 10 else None
    except ValueError:
        return False
    return day is not None and not EARLIEST_DATE <= day <= LATEST_DATE


def date_problems(kind: str, data: dict, document: YamlDocument, source: str) -> list[Problem]:
    """Dates and session times outside 2000-01-01 to 2100-12-31, each at its own line."""
    paths = list(DATE_FIELDS.get(kind, ()))
    sessions = data.get("sessions") if kind == "opportunity" else None
    for index, session in enumerate(sessions if isinstance(sessions, list) else []):
        if isinstance(session, dict):
            paths += [("sessions", index, "start"), ("sessions", index, "end")]
    found = []
    for path in paths:
        value = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else value[part] if isinstance(value, list) else None
        if kind == "page" and isinstance(value, str) and re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) and not parse_date(value[:10]) and not out_of_range(value):
            found.append(Problem(source, document.line_of(path), format_path(path), f'expected a date like 2027-01-31, got "{value}" (there is no such day in the calendar)'))
        elif out_of_range(value):
            found.append(
                Problem(source, document.line_of(path), format_path(path), f"{value[:4]} is not a likely year: dates must be between 2000-01-01 and 2100-12-31. Check the date")
            )
    return found


LOCAL_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$")


def parse_local_datetime(value) -> datetime | None:
    """A local ``YYYY-MM-DDTHH:MM`` date-time in 2000-2100, or ``None`` (wrong shape, no such day, a time zone)."""
    if not isinstance(value, str) or not LOCAL_DATETIME.match(value) or out_of_range(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def link_problems(kind: str, data: dict, document: YamlDocument, source: str) -> list[Problem]:
    """Markdown links must be https, mailto or tel: anything else could harm readers."""
    found = []
    for field_path in MARKDOWN_FIELDS.get(kind, ()):
        value = data
        for part in field_path:
            value = value.get(part) if isinstance(value, dict) else None
        if not isinstance(value, str):
            continue
        for offset, link in unsafe_links(value):
            found.append(
                Problem(
                    source,
                    text_line(document, field_path, value, offset),
                    format_path(field_path),
                    f'links must start with https://, mailto: or tel:, got "{link}"',
                )
            )
    return found


def text_line(document: YamlDocument, field_path, text: str, offset: int) -> int:
    """The file line of ``text[offset]``: exact for '|' blocks, else the field's own line."""
    line = document.line_of(field_path)
    if tuple(field_path) in document.literal:
        return line + 1 + text.count("\n", 0, offset)
    return line


def opportunity_problems(data: dict, document: YamlDocument, source: str, organisations, build_date: date) -> list[Problem]:
    """Rules across fields and files that the schema cannot express."""
    found = link_problems("opportunity", data, document, source)

    def add(field_path, message, warning=False):
        found.append(Problem(source, document.line_of(field_path), format_path(field_path), message, warning))

    organisation = data.get("organisation")
    if isinstance(organisation, str) and organisation not in organisations:
        hint = _suggest(organisation, sorted(organisations), None) or (
            "Use the file name of an organisation in content/organisations/, without .yaml"
        )
        add(("organisation",), f'no organisation file content/organisations/{organisation}.yaml. {hint}')

    posted = parse_date(data.get("posted"))
    closes = parse_date(data.get("closes"))
    review_by = parse_date(data.get("review_by"))
    if posted and closes and closes < posted:
        add(("closes",), f"closes ({closes}) is before posted ({posted}). Check both dates")
    if posted and review_by and review_by < posted:
        add(("review_by",), f"review_by ({review_by}) is before posted ({posted}). Check both dates")

    hours = (data.get("commitment") or {}).get("hours_per_week") if isinstance(data.get("commitment"), dict) else None
    if isinstance(hours, dict):
        low, high = hours.get("min"), hours.get("max")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            add(("commitment", "hours_per_week", "min"), f"min ({low}) is more than max ({high}). Swap them")

    sessions = data.get("sessions")
    for index, session in enumerate(sessions if isinstance(sessions, list) else []):
        if not isinstance(session, dict):
            continue
        start, end = parse_local_datetime(session.get("start")), parse_local_datetime(session.get("end"))
        for key, parsed in (("start", start), ("end", end)):
            if isinstance(session.get(key), str) and LOCAL_DATETIME.match(session[key]) and parsed is None and not out_of_range(session[key]):
                add(("sessions", index, key), f'expected a real date and time like 2027-03-14T10:00, got "{session[key]}"')
        if start and end and end <= start:
            add(("sessions", index, "end"), f"end ({end:%Y-%m-%d %H:%M}) is not after start ({start:%Y-%m-%d %H:%M})")

    settings = data.get("settings")
    if data.get("gp_approach") and isinstance(settings, list) and "general-practice" not in settings:
        add(("gp_approach",), "is only used when settings includes general-practice. Add general-practice to settings or remove gp_approach", warning=True)

    if posted and not (review_by and review_by < posted):  # that mistake is reported above
        due = review_by or add_months(posted, 6)
        if due < build_date and (closes is None or closes >= build_date):
            add(
                ("review_by",) if review_by else ("posted",),
                f"this listing was due for review on {due}. Check it is still right, then set review_by to a later date",
                warning=True,
            )
    return found


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the month's last day (31 Aug + 6 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
