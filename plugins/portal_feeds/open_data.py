"""Open data: opportunities and organisations as JSON and CSV, with the JSON Schemas that describe them.

A record keeps every field exactly as the file has it (so it validates against
``/api/opportunity.schema.json``) and adds derived fields that the file does not have.
"""

from __future__ import annotations

import copy
import csv
import io

import orjson
from portal_content.links import SiteLinks
from portal_content.schema import site_schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
LIST_SEPARATOR = "; "
# Spreadsheet programs run cells starting with these as formulas (CSV injection, OWASP's list),
# and some also read the full-width forms (＝ ＋ － ＠) as formula starts. JSON is never changed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
CSV_FIRST = ["slug", "title", "url", "organisation", "organisation_details.name", "summary"]
CSV_LEFT_OUT = {"description_html"}  # the Markdown description is there; HTML in a spreadsheet helps no one


def _dumps(document) -> bytes:
    """Indented, keys sorted, UTF-8: the bytes ``json.dumps(document, ensure_ascii=False, indent=2,
    sort_keys=True) + "\n"`` gives, from orjson, as Python's json has no fast encoder for indented
    output (1.0 s of the build at 10,000 opportunities, orjson 0.07 s)."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)


# -- Records ------------------------------------------------------------------------------------

OPPORTUNITY_EXTRAS = {
    "slug": {"type": "string", "description": "the file name without .yaml; also the last part of its address"},
    "url": {"type": "string", "format": "uri", "description": "the opportunity's page on this site"},
    "is_open": {"type": "boolean", "description": "always true here: closed opportunities are left out"},
    "areas": {"type": "array", "items": {"type": "string", "x-vocabulary": "areas"}, "description": "area keys of its locations (its organisation's areas if it has none)"},
    "description_html": {"type": "string", "description": "the description rendered to sanitised HTML"},
    "positions": {
        "type": "array",
        "description": "where each of its locations is, one entry per entry of locations and in the same order "
        "(empty for a role without locations); from OS Code-Point Open, so null where a location has no postcode or a BT one",
        "items": {
            "type": "object",
            "required": ["latitude", "longitude", "locality", "precision"],
            "additionalProperties": False,
            "properties": {
                "latitude": {"type": ["number", "null"], "minimum": -90, "maximum": 90, "description": "WGS84 latitude in degrees"},
                "longitude": {"type": ["number", "null"], "minimum": -180, "maximum": 180, "description": "WGS84 longitude in degrees"},
                "locality": {"type": ["string", "null"], "description": "the nearest town or village (GeoNames)"},
                "precision": {
                    "type": ["string", "null"], "enum": ["postcode", "sector", "district", None],
                    "description": "postcode: the postcode's own position; sector or district: the postcode is not in the data, so the centre of its sector or district",
                },
            },
        },
    },
    "organisation_details": {
        "type": "object",
        "description": "the organisation named by organisation",
        "required": ["slug", "name", "url", "website", "sector"],
        "additionalProperties": False,
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "url": {"type": "string", "format": "uri", "description": "its page on this site"},
            "website": {"type": "string", "format": "uri"},
            "sector": {"type": "string", "x-vocabulary": "sectors"},
        },
    },
}

ORGANISATION_EXTRAS = {
    "slug": {"type": "string", "description": "the file name without .yaml; also the last part of its address"},
    "url": {"type": "string", "format": "uri", "description": "the organisation's page on this site"},
    "description_html": {"type": "string", "description": "the description rendered to sanitised HTML"},
    "open_opportunities": {"type": "array", "items": {"type": "string"}, "description": "slugs of its open opportunities, newest first"},
}


def opportunity_record(opportunity, links: SiteLinks) -> dict:
    organisation = opportunity.organisation
    return {
        **opportunity.data,
        "url": links.absolute(opportunity.url),
        "is_open": opportunity.is_open,
        "areas": [term.key for term in opportunity.areas],
        "description_html": opportunity.description_html,
        "positions": [_position(location) for location in opportunity.locations],
        "organisation_details": {
            "slug": organisation.slug,
            "name": organisation.name,
            "url": links.absolute(organisation.url),
            "website": organisation.website,
            "sector": organisation.sector.key,
        },
    }


def _position(location) -> dict:
    point = location.point
    return {
        "latitude": round(point.lat, 5) if point else None,
        "longitude": round(point.lon, 5) if point else None,
        "locality": location.locality,
        "precision": location.precision or None,
    }


def organisation_record(organisation, links: SiteLinks) -> dict:
    return {
        **organisation.data,
        "url": links.absolute(organisation.url),
        "description_html": organisation.description_html,
        "open_opportunities": [opportunity.slug for opportunity in organisation.open_opportunities],
    }


# -- Schemas ------------------------------------------------------------------------------------


def _fill_enums(node, vocabularies) -> None:
    """Vocabulary fields list this site's keys, as in the content schemas."""
    if isinstance(node, dict):
        if "x-vocabulary" in node:
            node["enum"] = vocabularies.keys(node["x-vocabulary"])
        for value in node.values():
            _fill_enums(value, vocabularies)
    elif isinstance(node, list):
        for value in node:
            _fill_enums(value, vocabularies)


def record_schema(kind: str, extras: dict, vocabularies) -> dict:
    """The content schema of ``kind`` widened by the derived fields, which every record has."""
    schema = site_schema(kind, vocabularies)
    schema.pop("$schema", None)
    added = copy.deepcopy(extras)
    _fill_enums(added, vocabularies)
    schema["properties"].update(added)
    schema["required"] = [*schema["required"], *extras]
    return schema


SOURCES = {
    "type": "array",
    "description": "open data this file draws on, with the attribution its licence asks for",
    "items": {
        "type": "object",
        "required": ["name", "licence", "attribution"],
        "additionalProperties": False,
        "properties": {"name": {"type": "string"}, "licence": {"type": "string", "format": "uri"}, "attribution": {"type": "string"}},
    },
}


def collection_schema(schema_id: str, title: str, key: str, record: dict, description: str) -> dict:
    return {
        "$schema": DRAFT,
        "$id": schema_id,
        "title": title,
        "description": description,
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "generated", "count", key],
        "properties": {
            "schema": {"type": "string", "const": schema_id, "description": "this schema's address"},
            "generated": {"type": "string", "format": "date-time", "description": "when the site was built"},
            "count": {"type": "integer", "minimum": 0, "description": f"how many {key} follow"},
            "sources": SOURCES,
            key: {"type": "array", "items": record},
        },
    }


# -- CSV ----------------------------------------------------------------------------------------


def field_rows(schema: dict, prefix: str = "") -> list[tuple[str, str]]:
    """(flat name, description) in schema order: nested maps give ``commitment.schedule``; a
    number-or-map field (hours) gives its map's fields; a list of maps gives one name per field."""
    rows = []
    for name, node in schema["properties"].items():
        path = f"{prefix}{name}"
        variants = [node, *node.get("oneOf", [])]
        shape = next((variant for variant in variants if "properties" in variant), None)
        items = node.get("items") if node.get("type") == "array" else None
        if shape is None and items and "properties" in items:
            shape = items
        if shape is not None:
            rows += field_rows(shape, f"{path}.")
        else:
            rows.append((path, node.get("description", "")))
    return rows


def csv_columns(schema: dict) -> list[str]:
    """Stable column order: the columns people look for first, then the rest in schema order."""
    names = [name for name, _ in field_rows(schema) if name not in CSV_LEFT_OUT]
    return [*CSV_FIRST, *(name for name in names if name not in CSV_FIRST)]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell_text(item) for item in value)
    return str(value)


def safe_cell(text: str) -> str:
    """Quote-prefix anything a spreadsheet would treat as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _lookup(record, path: list[str]):
    """The value at ``path``; lists of maps give a list (one entry per map); a number where a map
    is expected (hours per week) stands for both ends of the range."""
    value = record
    for depth, part in enumerate(path):
        if isinstance(value, list):
            return [_lookup(item, path[depth:]) for item in value]
        if isinstance(value, int | float) and not isinstance(value, bool) and part in ("min", "max"):
            return value
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def opportunities_csv(records: list[dict], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    paths = [column.split(".") for column in columns]
    for record in records:
        writer.writerow([safe_cell(_cell_text(_lookup(record, path))) for path in paths])
    return out.getvalue().encode("utf-8")


# -- Files --------------------------------------------------------------------------------------


def open_data_files(site, links: SiteLinks) -> dict[str, bytes]:
    vocabularies = site.vocabularies
    generated = site.build_time.isoformat()
    files = {}
    for kind in ("opportunity", "organisation"):
        files[f"api/{kind}.schema.json"] = _dumps(site_schema(kind, vocabularies, schema_id=links.absolute(f"api/{kind}.schema.json")))

    opportunity_schema = record_schema("opportunity", OPPORTUNITY_EXTRAS, vocabularies)
    schema_id = links.absolute("api/opportunities.schema.json")
    files["api/opportunities.schema.json"] = _dumps(collection_schema(
        schema_id, "Open volunteering opportunities", "opportunities", opportunity_schema,
        "Every open opportunity: the fields of its file (see opportunity.schema.json) plus derived fields.",
    ))
    records = [opportunity_record(opportunity, links) for opportunity in site.open_opportunities]
    sources = [dict(source) for source in site.geography.licences] if site.geography else []
    files["api/opportunities.json"] = _dumps(
        {"schema": schema_id, "generated": generated, "count": len(records), "sources": sources, "opportunities": records}
    )
    files["api/opportunities.csv"] = opportunities_csv(records, csv_columns(opportunity_schema))

    schema_id = links.absolute("api/organisations.schema.json")
    files["api/organisations.schema.json"] = _dumps(collection_schema(
        schema_id, "Organisations", "organisations", record_schema("organisation", ORGANISATION_EXTRAS, vocabularies),
        "Every organisation: the fields of its file (see organisation.schema.json) plus derived fields.",
    ))
    organisations = [organisation_record(organisation, links) for organisation in site.organisations]
    files["api/organisations.json"] = _dumps({"schema": schema_id, "generated": generated, "count": len(organisations), "organisations": organisations})
    return files

