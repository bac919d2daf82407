"""Organisation text crafted to break out of XML, JSON, CSV, iCalendar and HTML stays inert data.

The widget's JavaScript and iframe page: tests/test_embed_hostile.py.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from helpers_feeds import HOSTILE_ORGANISATION, HOSTILE_SUMMARY, HOSTILE_TITLES, hostile_build
from icalendar import Calendar

ATOM = "{http://www.w3.org/2005/Atom}"
EVENT_HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_build(tmp_path_factory)


def assert_inert_html(fragment: str) -> None:
    """Rendered HTML from organisation text: no script element, no event handler, no javascript: link."""
    assert "<script" not in fragment.lower()
    assert not EVENT_HANDLER_ATTRIBUTE.search(fragment), fragment
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", fragment, re.IGNORECASE)


def test_xml_feeds_stay_well_formed_and_keep_the_text_exactly(hostile):
    out, _ = hostile
    feeds = sorted((out / "feeds").rglob("*.xml"))
    assert feeds
    for path in feeds:
        raw = path.read_bytes()
        assert feedparser.parse(raw).bozo == 0, path
        assert b"<script" not in raw and b"<img" not in raw and b"<svg" not in raw, path
        root = ET.fromstring(raw)
        if root.tag == f"{ATOM}feed":
            entries = root.findall(f"{ATOM}entry")
            titles = [entry.findtext(f"{ATOM}title") for entry in entries]
            for entry in entries:
                assert_inert_html(entry.findtext(f"{ATOM}content"))
                assert html.unescape(entry.findtext(f"{ATOM}summary")) == " ".join(HOSTILE_SUMMARY.split())
                assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == HOSTILE_ORGANISATION
        else:
            items = root.findall("channel/item")
            titles = [item.findtext("title") for item in items]
            for item in items:
                assert_inert_html(item.findtext("description"))
        if path.name.startswith("all."):
            assert sorted(titles) == sorted(HOSTILE_TITLES)


def test_json_feeds_and_api_files_keep_the_text_exactly(hostile):
    out, _ = hostile
    feed = json.loads((out / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert sorted(item["title"] for item in feed["items"]) == sorted(HOSTILE_TITLES)
    for item in feed["items"]:
        assert_inert_html(item["content_html"])
        assert item["authors"][0]["name"] == HOSTILE_ORGANISATION
    records = json.loads((out / "api" / "opportunities.json").read_text(encoding="utf-8"))["opportunities"]
    assert sorted(record["title"] for record in records) == sorted(HOSTILE_TITLES)
    for record in records:
        assert_inert_html(record["description_html"])
    organisation = json.loads((out / "api" / "organisations.json").read_text(encoding="utf-8"))["organisations"][0]
    assert organisation["name"] == HOSTILE_ORGANISATION
    assert_inert_html(organisation["description_html"])


def test_csv_cells_never_start_like_a_formula(hostile):
    out, _ = hostile
    rows = list(csv.reader(io.StringIO((out / "api" / "opportunities.csv").read_text(encoding="utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == len(HOSTILE_TITLES)
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
        record = dict(zip(header, row, strict=True))
        assert record["locations.name"] == "'@SUM(1+1) </script>"
        assert record["tags"] == "'-2+3; +cmd; <b>bold</b>"
    titles = sorted(dict(zip(header, row, strict=True))["title"] for row in body)
    assert titles == sorted("'" + t if t.startswith(FORMULA_STARTS) else t for t in HOSTILE_TITLES)


def test_calendar_keeps_the_text_as_text(hostile):
    out, _ = hostile
    calendar = Calendar.from_ical((out / "feeds" / "sessions.ics").read_bytes())
    found = list(calendar.walk("VEVENT"))
    assert len(found) == len(HOSTILE_TITLES)
    assert sorted(str(event["SUMMARY"]) for event in found) == sorted(f"{t} ({HOSTILE_ORGANISATION})" for t in HOSTILE_TITLES)
    assert {str(event["LOCATION"]) for event in found} == {"</script><script>window.__pwned='ics'</script>"}


def test_partners_page_escapes_the_text(hostile):
    out, _ = hostile
    text = (out / "partners" / "index.html").read_text(encoding="utf-8")
    assert "<script>window" not in text and "<img src=x" not in text and "<svg" not in text
