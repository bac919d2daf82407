"""Atom, RSS and JSON Feed: every list, exactly the open opportunities, valid and stable."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime, time
from pathlib import Path

import feedparser
import pytest
from conftest import TEST_EPOCH, run_build
from helpers_feeds import EXAMPLE, SITEURL, ZONE, read_content, vocabulary_keys, write_opportunity, write_organisation
from jsonschema import Draft202012Validator
from portal_content.vocabularies import Vocabularies

import pelicanconf

JSON_FEED_SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
LABELS = Vocabularies(getattr(pelicanconf, "PORTAL_VOCABULARIES", None)).labels
BUILD_TIME = datetime.fromtimestamp(int(TEST_EPOCH), tz=UTC)


@pytest.fixture(scope="module")
def facts():
    return read_content(EXAMPLE)


def midnight(day):
    return datetime.combine(day, time(0), tzinfo=ZONE)


def long_date(day):
    return f"{day.day} {day.strftime('%B')} {day.year}"


def parsed_date(struct):
    return datetime(*struct[:6], tzinfo=UTC)


def test_there_is_one_feed_per_list_in_each_format(example_site, facts):
    expected = {f"{name}.{fmt}" for name in facts.selections() for fmt in ("atom.xml", "rss.xml", "json")}
    written = {path.relative_to(example_site / "feeds").as_posix() for path in (example_site / "feeds").rglob("*") if path.is_file()}
    assert written - {"sessions.ics"} == expected
    # Sanity of the expectation itself: every organisation and vocabulary key has its own list.
    assert len(facts.selections()) == 1 + len(facts.organisations) + sum(len(vocabulary_keys(f)) for f in ("areas", "activities", "settings"))


@pytest.mark.parametrize("fmt,version", [("atom.xml", "atom10"), ("rss.xml", "rss20")])
def test_xml_feeds_parse_cleanly_with_exactly_the_open_opportunities(example_site, facts, fmt, version):
    assert facts.closed, "the example content should include closed opportunities, or this test proves less"
    for name, expected in facts.selections().items():
        feed = feedparser.parse((example_site / "feeds" / f"{name}.{fmt}").read_bytes())
        assert feed.bozo == 0, (name, feed.get("bozo_exception"))
        assert feed.version == version
        assert [entry.id for entry in feed.entries] == [o.url for o in expected], name
        newest = max((midnight(o.data["posted"]) for o in expected), default=BUILD_TIME)
        assert parsed_date(feed.feed.updated_parsed) == newest, name
        assert feed.feed.link == f"{SITEURL}/{'opportunities' if name == 'all' else name}/"
        for entry, opportunity in zip(feed.entries, expected, strict=True):
            assert entry.title == opportunity.title
            assert entry.link == opportunity.url
            assert entry.author == opportunity.organisation["name"]
            assert parsed_date(entry.published_parsed) == midnight(opportunity.data["posted"])
            categories = [LABELS["activities"][key] for key in opportunity.data["activities"]]
            categories += [LABELS["areas"][key] for key in sorted(opportunity.areas, key=lambda k: LABELS["areas"][k])]
            assert [tag.term for tag in entry.tags] == categories
            content = entry.content[0].value if fmt == "atom.xml" else entry.description
            closing = f"Closing date: {long_date(opportunity.closes)}" if opportunity.closes else "No closing date"
            assert closing in content
            if fmt == "atom.xml":
                assert html.unescape(entry.summary) == " ".join(opportunity.data["summary"].split())
                assert parsed_date(entry.updated_parsed) == midnight(opportunity.data["posted"])


def test_json_feeds_are_valid_json_feed_1_1_with_exactly_the_open_opportunities(example_site, facts):
    validator = Draft202012Validator(JSON_FEED_SCHEMA)
    for name, expected in facts.selections().items():
        path = f"feeds/{name}.json"
        feed = json.loads((example_site / path).read_text(encoding="utf-8"))
        errors = [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(feed)]
        assert not errors, (name, errors)
        assert feed["feed_url"] == f"{SITEURL}/{path}"
        assert [item["id"] for item in feed["items"]] == [o.url for o in expected]
        for item, opportunity in zip(feed["items"], expected, strict=True):
            assert item["title"] == opportunity.title
            assert item["authors"][0]["name"] == opportunity.organisation["name"]
            assert datetime.fromisoformat(item["date_published"]) == midnight(opportunity.data["posted"])
            extension = item["_volunteering"]
            assert extension["closes"] == (opportunity.closes.isoformat() if opportunity.closes else None)
            assert extension["organisation"] == opportunity.org_slug
            assert extension["areas"] == sorted(opportunity.areas, key=lambda k: LABELS["areas"][k])
            assert extension["activities"] == opportunity.data["activities"]
            assert extension["settings"] == opportunity.data["settings"]
            assert set(extension) == {"about", "organisation", "closes", "areas", "activities", "settings"}


def test_closed_opportunities_are_in_no_feed_or_data_file(example_site, facts):
    published = [p for folder in ("feeds", "api", "embed") for p in (example_site / folder).rglob("*") if p.is_file()]
    for opportunity in facts.closed:
        for path in published:
            assert f"/opportunities/{opportunity.slug}/" not in path.read_text(encoding="utf-8"), (opportunity.slug, path)


def small_site(content: Path) -> None:
    write_organisation(content, "quiet-group", name="Quiet group", areas=("wakefield",))
    write_organisation(content, "busy-group", name="Busy group")
    write_opportunity(content, "old-role", organisation="quiet-group", title="Old role", area="wakefield", posted="2026-01-05",
                      extra="closes: 2026-03-01\n")
    write_opportunity(content, "new-role", organisation="busy-group", title="New role", posted="2026-11-02",
                      extra="closes: 2026-11-26\n")  # closes today: still open
    write_opportunity(content, "older-role", organisation="busy-group", title="Older role", posted="2026-06-30")


def test_a_list_with_nothing_open_is_an_empty_valid_feed_dated_with_the_build_time(tmp_path):
    content = tmp_path / "content"
    small_site(content)
    result = run_build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    facts = read_content(content)
    assert [o.slug for o in facts.open] == ["new-role", "older-role"]
    assert facts.selections()["organisations/quiet-group"] == []
    for fmt in ("atom.xml", "rss.xml"):
        feed = feedparser.parse((tmp_path / "out" / "feeds" / "organisations" / f"quiet-group.{fmt}").read_bytes())
        assert feed.bozo == 0 and feed.entries == []
        assert parsed_date(feed.feed.updated_parsed) == BUILD_TIME
        everything = feedparser.parse((tmp_path / "out" / "feeds" / f"all.{fmt}").read_bytes())
        assert [entry.id for entry in everything.entries] == [f"{SITEURL}/opportunities/new-role/", f"{SITEURL}/opportunities/older-role/"]
    empty = json.loads((tmp_path / "out" / "feeds" / "organisations" / "quiet-group.json").read_text(encoding="utf-8"))
    assert empty["items"] == [] and not list(Draft202012Validator(JSON_FEED_SCHEMA).iter_errors(empty))


def published_files(output: Path) -> dict[str, bytes]:
    found = {}
    for folder in ("feeds", "api", "embed", "partners", "opportunities"):
        for path in (output / folder).rglob("*"):
            if path.is_file() and (folder != "opportunities" or path.name == "sessions.ics"):
                found[path.relative_to(output).as_posix()] = path.read_bytes()
    return found


def test_same_content_and_epoch_give_byte_identical_feeds_and_data(example_site, example_site_again):
    first, second = published_files(example_site), published_files(example_site_again)
    assert len(first) > 100
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
