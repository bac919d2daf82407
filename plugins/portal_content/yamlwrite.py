"""Write listing data as YAML people can read and the strict reader gives back unchanged.

Every one-line string is double-quoted (so ``no``, ``0113…``, ``# …`` and
``key: value`` stay text); text of several lines is a ``|`` block, as people
write it by hand, unless it holds something only quoting keeps exact (spaces at
a line's end, tabs, control characters). Keys follow the schema's order. The
form's ``yaml.js`` writes the same style, so a listing looks the same whichever
way it arrived.
"""

from __future__ import annotations

# Characters YAML cannot hold as they are inside a double-quoted string.
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}


def _unprintable(code: int) -> bool:
    """Characters YAML needs written as an escape (or, for surrogates, replaced)."""
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)


def quote(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\uFFFD")
        elif _unprintable(code):
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def block(text: str, indent: str) -> list[str] | None:
    """Text of several lines as a literal block (``|``, ``|-`` or ``|+``), or None when quoting is safer."""
    body = text.rstrip("\n")
    lines = body.split("\n")
    if "\n" not in text or not body.strip("\n") or body.lstrip("\n")[0] == " " or any(char != "\n" and _unprintable(ord(char)) for char in text):
        return None
    if any(line != line.rstrip() for line in lines):
        return None
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    return [f"|{chomp}", *[f"{indent}  {line}" if line else "" for line in lines], *[""] * (trailing - 1)]


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quote(value)
    return str(value)


def _ordered(schema: dict, value: dict) -> list:
    known = list((schema or {}).get("properties", {}))
    return [key for key in known if key in value] + [key for key in value if key not in known]


def mapping_lines(schema: dict, value: dict, indent: str = "") -> list[str]:
    lines = []
    for key in _ordered(schema, value):
        child = ((schema or {}).get("properties") or {}).get(key) or {}
        item = value[key]
        if isinstance(item, list):
            lines.append(f"{indent}{key}:")
            for entry in item:
                if isinstance(entry, dict):
                    inner = mapping_lines(child.get("items") or {}, entry, indent + "    ")
                    lines.append(f"{indent}  - {inner[0][len(indent) + 4:]}")
                    lines.extend(inner[1:])
                else:
                    lines.append(f"{indent}  - {scalar(entry)}")
        elif isinstance(item, dict):
            lines.append(f"{indent}{key}:")
            lines.extend(mapping_lines(child, item, indent + "  "))
        elif isinstance(item, str) and block(item, indent):
            first, *rest = block(item, indent)
            lines.append(f"{indent}{key}: {first}")
            lines.extend(rest)
        else:
            lines.append(f"{indent}{key}: {scalar(item)}")
    return lines


def yaml_text(schema: dict, data: dict, header: str = "") -> str:
    """The whole file: optional ``# comment`` header lines, then the fields."""
    comments = [f"# {line}" for line in header.splitlines()]
    return "\n".join([*comments, *mapping_lines(schema, data)]) + "\n"
