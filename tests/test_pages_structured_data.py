"""JSON-LD JobPosting on every open opportunity page, parsed and checked field by field."""

from __future__ import annotations

import json

import pytest
from helpers_pages import page
from helpers_pages_model import SITEURL, load_example_model
from portal_pages.structured_data import script_json


@pytest.fixture(scope="module")
def model():
    return load_example_model()


def job_posting_of(document) -> dict:
    script = document.one("head").one("script", type="application/ld+json")
    return json.loads(script.text)


def test_every_open_opportunity_has_a_valid_job_posting(example_site, model):
    remote_seen = located_seen = 0
    for opportunity in model.open_opportunities:
        data = job_posting_of(page(example_site, f"/{opportunity.url}"))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "JobPosting"
        assert data["title"] == opportunity.title
        assert data["description"] == opportunity.description_html and data["description"]
        assert data["datePosted"] == opportunity.posted.isoformat()
        if opportunity.closes:
            assert data["validThrough"] == opportunity.closes.isoformat()
        else:
            assert "validThrough" not in data
        assert data["employmentType"] == "VOLUNTEER"
        assert data["hiringOrganization"] == {"@type": "Organization", "name": opportunity.organisation.name, "sameAs": opportunity.organisation.website}
        assert data["directApply"] is False
        assert data["url"] == f"{SITEURL}/{opportunity.url}"
        if opportunity.remote and not opportunity.locations:  # fully remote only (issue 13)
            remote_seen += 1
            assert data["jobLocationType"] == "TELECOMMUTE"
            assert data["applicantLocationRequirements"]["@type"] == "AdministrativeArea"
            assert data["applicantLocationRequirements"]["name"]
        else:
            assert "jobLocationType" not in data
        if opportunity.locations:
            located_seen += 1
            places = data["jobLocation"]
            assert len(places) == len(opportunity.locations)
            for place, location in zip(places, opportunity.locations, strict=True):
                assert place["@type"] == "Place" and place["name"] == location.name
                address = place["address"]
                assert address["@type"] == "PostalAddress"
                assert address["addressRegion"] == location.area.label
                assert address["addressCountry"] == "GB"
                if location.postcode:
                    assert address["postalCode"] == location.postcode
        else:
            assert "jobLocation" not in data
    assert remote_seen and located_seen


def test_script_json_cannot_break_out_of_its_script_element():
    hostile = {"title": "</script><script>alert(1)</script> & <!--"}
    text = str(script_json(hostile))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == hostile
