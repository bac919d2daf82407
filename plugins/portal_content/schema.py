"""The JSON Schemas: one source of truth for validation, docs and the form.

The files in ``schemas/`` mark vocabulary fields with ``"x-vocabulary"``;
:func:`site_schema` fills in the site's own keys as ``enum`` so the published
schema is exactly what this site's build checks.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

from .textrules import text_rules
from .vocabularies import Vocabularies

SCHEMA_DIR = Path(__file__).parent / "schemas"
KINDS = ("opportunity", "organisation", "principle")


@cache
def _base_schema(kind: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


def site_schema(kind: str, vocabularies: Vocabularies, schema_id: str | None = None) -> dict:
    """The schema for ``kind`` with this site's vocabularies filled in."""
    schema = copy.deepcopy(_base_schema(kind))
    if schema_id:
        schema = {"$schema": schema.pop("$schema"), "$id": schema_id, **schema}
    _fill_vocabularies(schema, vocabularies)
    schema["x-text-rules"] = text_rules(kind)  # what no JSON Schema keyword says for every text field at once
    return schema


def _fill_vocabularies(node, vocabularies: Vocabularies) -> None:
    if isinstance(node, dict):
        name = node.get("x-vocabulary")
        if name:
            node["enum"] = vocabularies.keys(name)
        for value in node.values():
            _fill_vocabularies(value, vocabularies)
    elif isinstance(node, list):
        for value in node:
            _fill_vocabularies(value, vocabularies)
