"""The model's memory-saving forms: shared vocabulary terms, the files' fields kept as JSON, and
slotted value classes; each gives the same values as the content files and survives pickling."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date

import pytest
import yaml
from helpers_content import OPP, ORGANISATION, opportunity
from helpers_loader import SETTINGS, load, model_of
from portal_content.links import SiteLinks
from portal_content.vocabularies import Vocabularies
from portal_feeds.open_data import open_data_files

SECOND = "opportunities/leeds/ward-visitor.yaml"
RICHER = opportunity(
    "hours_per_week: 3",
    "hours_per_week:\n  min: 1.5\n  max: 4",
    append=(
        "closes: 2027-01-31\n"
        "languages:\n  - en\n  - PL\n"
        "tags:\n  - company\n"
        "sessions:\n"
        '  - start: "2026-12-02T10:00"\n'
        '    end: "2026-12-02T12:00"\n'
        "    location: St Aidan's Hospital, LS9 7TF\n"
    ),
)
CHANGES = {OPP: RICHER, SECOND: opportunity("title: Ward companion", "title: Ward visitor")}


def json_ready(value):
    """What the YAML holds, with dates as ISO text (as JSON has them)."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


def test_a_vocabulary_gives_one_frozen_term_per_key():
    vocabularies = Vocabularies({"activities": {"befriending": "Keeping company"}})
    term = vocabularies.term("activities", "befriending")
    assert term is vocabularies.term("activities", "befriending")
    assert (term.key, term.label) == ("befriending", "Keeping company")
    assert vocabularies.terms("activities") == [term] and vocabularies.terms("activities")[0] is term
    assert vocabularies.term("languages", "PL").label == "Polish" and vocabularies.term("languages", "PL").key == "PL"
    assert vocabularies.term("languages", "PL") is not vocabularies.term("languages", "pl")
    with pytest.raises(dataclasses.FrozenInstanceError):
        term.label = "Changed"


def test_opportunities_share_their_terms(tmp_path, monkeypatch):
    site = load(tmp_path, monkeypatch, CHANGES).site
    first, second = site.opportunities
    assert first.activities[0] is second.activities[0] is site.vocabularies.term("activities", "befriending")
    assert first.locations[0].area is second.locations[0].area is first.organisation.areas[0]
    assert first.commitment.duration is second.commitment.duration


def test_data_is_what_the_files_hold_and_a_new_copy_each_time(tmp_path, monkeypatch):
    site = load(tmp_path, monkeypatch, CHANGES).site
    richer = next(item for item in site.opportunities if item.slug == "ward-companion")
    assert richer.data == {"slug": "ward-companion", **json_ready(yaml.safe_load(RICHER))}
    assert richer.data["commitment"]["hours_per_week"] == {"min": 1.5, "max": 4}
    assert richer.data["sessions"][0]["start"] == "2026-12-02T10:00"
    assert list(richer.data) == ["slug", *yaml.safe_load(RICHER)]  # the file's order, which open data keeps
    richer.data["title"] = "Changed"
    assert richer.data["title"] == "Ward companion"
    organisation = site.organisations[0]
    assert organisation.data == {"slug": "leeds-helpers", **json_ready(yaml.safe_load(ORGANISATION))}


def test_a_pickled_model_gives_the_same_model_and_open_data(tmp_path, monkeypatch):
    site = load(tmp_path, monkeypatch, CHANGES).site
    copy = pickle.loads(pickle.dumps(site, protocol=pickle.HIGHEST_PROTOCOL))
    assert model_of(copy) == model_of(site)
    links = SiteLinks.from_settings(SETTINGS)
    assert open_data_files(copy, links) == open_data_files(site, links)
    first, second = copy.opportunities
    assert first.activities[0] is second.activities[0] is copy.vocabularies.term("activities", "befriending")
    richer = next(item for item in copy.opportunities if item.slug == "ward-companion")
    assert (richer.commitment.hours_per_week.low, richer.commitment.hours_per_week.high) == (1.5, 4)
    assert richer.sessions[0].place is richer.locations[0]
    assert [term.key for term in richer.languages] == ["en", "PL"]
