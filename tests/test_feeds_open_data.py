"""Open data: /api/*.json against the schemas the site publishes, and the CSV file."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from conftest import TEST_EPOCH
from helpers_feeds import EXAMPLE, SITEURL, read_content
from jsonschema import Draft202012Validator, FormatChecker


def json_ready(value):
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def read(site, path):
    return json.loads((site / path).read_text(encoding="utf-8"))


def errors(schema, document) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]


@pytest.fixture(scope="module")
def facts():
    return read_content(EXAMPLE)


def test_published_schemas_are_valid_and_have_their_own_address(example_site):
    for name in ("opportunity", "organisation", "opportunities", "organisations"):
        schema = read(example_site, f"api/{name}.schema.json")
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"{SITEURL}/api/{name}.schema.json"


def test_opportunities_json_has_every_open_opportunity_with_every_field(example_site, facts):
    document = read(example_site, "api/opportunities.json")
    schema = read(example_site, "api/opportunities.schema.json")
    assert errors(schema, document) == []
    assert document["schema"] == schema["$id"]
    assert (example_site / document["schema"].removeprefix(SITEURL + "/")).is_file()
    assert datetime.fromisoformat(document["generated"]) == datetime.fromtimestamp(int(TEST_EPOCH), tz=UTC)
    expected = facts.open
    assert document["count"] == len(expected) == len(document["opportunities"])
    for record, opportunity in zip(document["opportunities"], expected, strict=True):
        assert record["slug"] == opportunity.slug
        assert record["url"] == opportunity.url
        assert record["is_open"] is True
        assert record["areas"] and set(record["areas"]) == set(opportunity.areas)
        for field, value in opportunity.data.items():
            assert record[field] == json_ready(value), (opportunity.slug, field)
        organisation = record["organisation_details"]
        assert organisation["slug"] == opportunity.org_slug == record["organisation"]
        assert organisation["name"] == opportunity.organisation["name"]
        assert organisation["url"] == f"{SITEURL}/organisations/{opportunity.org_slug}/"


def test_each_record_without_its_derived_fields_validates_against_the_opportunity_schema(example_site):
    content_schema = read(example_site, "api/opportunity.schema.json")
    collection = read(example_site, "api/opportunities.schema.json")
    derived = set(collection["properties"]["opportunities"]["items"]["properties"]) - set(content_schema["properties"])
    assert derived >= {"slug", "url", "is_open", "areas", "organisation_details"}
    for record in read(example_site, "api/opportunities.json")["opportunities"]:
        own = {key: value for key, value in record.items() if key not in derived}
        assert errors(content_schema, own) == [], record["slug"]


def test_organisations_json_lists_every_organisation_with_its_open_opportunities(example_site, facts):
    document = read(example_site, "api/organisations.json")
    assert errors(read(example_site, "api/organisations.schema.json"), document) == []
    content_schema = read(example_site, "api/organisation.schema.json")
    by_slug = {record["slug"]: record for record in document["organisations"]}
    assert sorted(by_slug) == sorted(facts.organisations) and document["count"] == len(facts.organisations)
    for slug, data in facts.organisations.items():
        record = by_slug[slug]
        for field, value in data.items():
            assert record[field] == json_ready(value)
        assert record["open_opportunities"] == [o.slug for o in facts.open if o.org_slug == slug]
        own = {key: value for key, value in record.items() if key in content_schema["properties"]}
        assert errors(content_schema, own) == []


def test_csv_has_one_row_per_open_opportunity_and_round_trips(example_site):
    raw = (example_site / "api" / "opportunities.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    records = read(example_site, "api/opportunities.json")["opportunities"]
    assert len(body) == len(records)
    assert header[:3] == ["slug", "title", "url"] and len(header) == len(set(header))
    for column in ("commitment.schedule", "commitment.duration", "locations.area", "apply.url", "requirements.dbs_check"):
        assert column in header
    # Writing the parsed rows back gives the same bytes: nothing is lost or mangled by quoting.
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    assert out.getvalue().encode("utf-8") == raw
    for row, record in zip((dict(zip(header, row, strict=True)) for row in body), records, strict=True):
        assert row["slug"] == record["slug"] and row["url"] == record["url"]
        assert row["title"].removeprefix("'") == record["title"]
        assert row["activities"] == "; ".join(record["activities"])
        assert row["commitment.schedule"] == "; ".join(record["commitment"]["schedule"])
        assert row["commitment.duration"] == record["commitment"]["duration"]
        assert row["locations.area"] == "; ".join(location["area"] for location in record.get("locations", []))
        assert row["posted"] == record["posted"]
        assert row["closes"] == record.get("closes", "")
        hours = record["commitment"].get("hours_per_week")
        if isinstance(hours, int | float):
            assert row["commitment.hours_per_week.min"] == row["commitment.hours_per_week.max"] == str(hours)
        elif isinstance(hours, dict) and "max" in hours:
            assert row["commitment.hours_per_week.max"] == str(hours["max"])
