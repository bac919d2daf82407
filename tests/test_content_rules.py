"""Rules that are not plain errors: warnings, defaults, accepted variants and the model they give."""

from __future__ import annotations

from datetime import date

from helpers_content import APPLY_URL, LOCATIONS, OPP, OPPORTUNITY, PRI, opportunity
from helpers_loader import load, load_problems


def test_past_review_by_only_warns_and_names_the_file(tmp_path, monkeypatch):
    result = load(tmp_path, monkeypatch, {OPP: opportunity(append="review_by: 2026-11-01\n")})
    assert [str(problem) for problem in result.problems] == [
        f"content/{OPP}:22: warning: review_by: this listing was due for review on 2026-11-01. "
        "Check it is still right, then set review_by to a later date"
    ]
    assert result.errors == [] and result.site is not None


def test_review_defaults_to_six_months_after_posted(tmp_path, monkeypatch):
    result = load(tmp_path, monkeypatch, {OPP: opportunity("posted: 2026-10-01", "posted: 2026-05-25")})
    assert [str(problem) for problem in result.problems] == [
        f"content/{OPP}:21: warning: posted: this listing was due for review on 2026-11-25. "
        "Check it is still right, then set review_by to a later date"
    ]
    assert result.site.opportunities[0].review_by == date(2026, 11, 25)


def test_review_due_today_is_not_yet_late(tmp_path, monkeypatch):
    assert load_problems(tmp_path, monkeypatch, {OPP: opportunity(append="review_by: 2026-11-26\n")}) == []


def test_closed_opportunity_is_not_nagged_for_review(tmp_path, monkeypatch):
    changes = {OPP: opportunity(append="closes: 2026-11-02\nreview_by: 2026-11-01\n")}
    assert load_problems(tmp_path, monkeypatch, changes) == []


def test_gp_approach_without_general_practice_only_warns(tmp_path, monkeypatch):
    result = load(tmp_path, monkeypatch, {OPP: opportunity(append="gp_approach: social-prescribing\n")})
    assert [str(problem) for problem in result.problems] == [
        f"content/{OPP}:22: warning: gp_approach: is only used when settings includes general-practice. "
        "Add general-practice to settings or remove gp_approach"
    ]
    assert result.site.opportunities[0].gp_approach.key == "social-prescribing"


def test_gp_approach_with_general_practice_is_quiet(tmp_path, monkeypatch):
    changes = {OPP: opportunity("- hospital", "- general-practice", append="gp_approach: shared-premises\n")}
    assert load_problems(tmp_path, monkeypatch, changes) == []


def test_remote_without_locations_is_fine_and_takes_the_organisations_areas(tmp_path, monkeypatch):
    result = load(tmp_path, monkeypatch, {OPP: OPPORTUNITY.replace(LOCATIONS, "remote: true\n")})
    assert result.problems == []
    opportunity_ = result.site.opportunities[0]
    assert opportunity_.remote is True and opportunity_.locations == []
    assert [area.key for area in opportunity_.areas] == ["leeds"]


def test_remote_false_still_needs_locations(tmp_path, monkeypatch):
    assert load_problems(tmp_path, monkeypatch, {OPP: OPPORTUNITY.replace(LOCATIONS, "remote: false\n")}) == [
        f"content/{OPP}:1: locations: this field is missing. "
        "Add locations: a list of places, each with a name and an area (or set remote: true)"
    ]


def test_unquoted_yes_no_and_leading_zero_phone_stay_text(tmp_path, monkeypatch):
    changes = {OPP: opportunity(APPLY_URL, "phone: 01134960000", append="access:\n  wheelchair: no\n")}
    result = load(tmp_path, monkeypatch, changes)
    assert result.problems == []
    opportunity_ = result.site.opportunities[0]
    assert opportunity_.apply.phone == "01134960000"
    assert opportunity_.access.wheelchair.key == "no"


def test_postcode_is_normalised(tmp_path, monkeypatch):
    result = load(tmp_path, monkeypatch, {OPP: opportunity("postcode: LS9 7TF", "postcode: ls97tf")})
    assert result.problems == []
    assert result.site.opportunities[0].locations[0].postcode == "LS9 7TF"


def test_hours_range_and_single_number(tmp_path, monkeypatch):
    result = load(tmp_path, monkeypatch, {OPP: opportunity("hours_per_week: 3", "hours_per_week:\n  min: 2\n  max: 4.5")})
    hours = result.site.opportunities[0].commitment.hours_per_week
    assert (hours.low, hours.high) == (2, 4.5)


def test_sessions_are_local_times_in_the_site_time_zone(tmp_path, monkeypatch):
    changes = {OPP: opportunity(append="sessions:\n  - start: 2027-07-14T10:00\n    end: 2027-07-14T12:30\n    location: Ward 4\n")}
    session = load(tmp_path, monkeypatch, changes).site.opportunities[0].sessions[0]
    assert session.start.isoformat() == "2027-07-14T10:00:00+01:00"
    assert session.end.isoformat() == "2027-07-14T12:30:00+01:00"


def test_markdown_is_sanitised_in_the_model(tmp_path, monkeypatch):
    changes = {OPP: opportunity("Spend time with patients who would like company.", "Hello <script>alert(1)</script> [site](https://example.org.uk)")}
    html = load(tmp_path, monkeypatch, changes).site.opportunities[0].description_html
    assert "<script" not in html
    assert 'href="https://example.org.uk"' in html


def test_principle_pelican_style_metadata_is_accepted(tmp_path, monkeypatch):
    text = "Title: Volunteers are welcomed\nSummary: Everyone is welcome: really.\n\nWe welcome every volunteer.\n"
    result = load(tmp_path, monkeypatch, {PRI: text})
    assert result.problems == []
    principle = result.site.principles[0]
    assert (principle.slug, principle.title, principle.summary, principle.order) == (
        "welcome", "Volunteers are welcomed", "Everyone is welcome: really.", 1)
    assert principle.body_html == "<p>We welcome every volunteer.</p>"


def test_principle_order_defaults_to_number_prefix_and_can_be_set(tmp_path, monkeypatch):
    changes = {
        "principles/03-support.md": "---\ntitle: Support\nsummary: S.\n---\nText.\n",
        "principles/10-thanks.md": "---\ntitle: Thanks\nsummary: T.\norder: 2\n---\nText.\n",
    }
    principles = load(tmp_path, monkeypatch, changes).site.principles
    assert [(p.slug, p.order) for p in principles] == [("welcome", 1), ("thanks", 2), ("support", 3)]


def test_principle_unknown_front_matter_field(tmp_path, monkeypatch):
    text = "Title: Volunteers are welcomed\nSummary: S.\nAuthor: Sam\n\nText.\n"
    assert load_problems(tmp_path, monkeypatch, {PRI: text}) == [
        f"content/{PRI}:3: author: 'author' is not a field we know. Fields here are: title, summary, order, slug"
    ]


def test_principle_yaml_lines_count_from_the_top_of_the_file(tmp_path, monkeypatch):
    text = "---\ntitle: A\nsummary: B\nsummary: C\n---\nText.\n"
    assert load_problems(tmp_path, monkeypatch, {PRI: text}) == [
        f"content/{PRI}:4: summary: this field appears twice (first on line 3). Keep one and delete the other"
    ]


def test_principle_without_text(tmp_path, monkeypatch):
    assert load_problems(tmp_path, monkeypatch, {PRI: "---\ntitle: A\nsummary: B\n---\n"}) == [
        f"content/{PRI}:1: the principle has no text. Write it below the front matter"
    ]


def test_link_in_a_long_description_points_at_its_own_line(tmp_path, monkeypatch):
    text = opportunity("Spend time with patients who would like company.",
                       "Line one.\n\nLine three [a](https://ok.example)\nLine four [b](http://bad.example)")
    assert load_problems(tmp_path, monkeypatch, {OPP: text}) == [
        f'content/{OPP}:8: description: links must start with https://, mailto: or tel:, got "http://bad.example"'
    ]


def test_mailto_tel_and_relative_links_are_allowed(tmp_path, monkeypatch):
    text = opportunity("Spend time with patients who would like company.",
                       "[mail](mailto:a@example.org.uk) [ring](tel:+441134960000) [about](/about/) <https://x.example>")
    assert load_problems(tmp_path, monkeypatch, {OPP: text}) == []


def test_opportunity_data_is_json_ready_with_slug(tmp_path, monkeypatch):
    opportunity_ = load(tmp_path, monkeypatch, {OPP: opportunity(append="closes: 2027-01-31\n")}).site.opportunities[0]
    assert opportunity_.data["slug"] == "ward-companion"
    assert opportunity_.data["posted"] == "2026-10-01" and opportunity_.data["closes"] == "2027-01-31"
    assert opportunity_.url == "opportunities/ward-companion/"
    assert opportunity_.organisation.slug == "leeds-helpers"
    assert opportunity_.organisation.opportunities == [opportunity_]


def test_hidden_files_are_ignored(tmp_path, monkeypatch):
    changes = {"opportunities/.gitkeep": "", "opportunities/leeds/.DS_Store": b"\x00\x01", "organisations/.keep": ""}
    assert load_problems(tmp_path, monkeypatch, changes) == []


def test_links_in_a_principle_are_checked_on_their_line(tmp_path, monkeypatch):
    text = "---\ntitle: A\nsummary: B\n---\nFirst line.\n\nSee [the old site](http://old.example.org.uk).\n"
    assert load_problems(tmp_path, monkeypatch, {PRI: text}) == [
        f'content/{PRI}:7: links must start with https://, mailto: or tel:, got "http://old.example.org.uk"'
    ]
    pelican_style = "Title: A\nSummary: B\n\n[x](javascript:void(0))\n"
    assert load_problems(tmp_path, monkeypatch, {PRI: pelican_style}) == [
        f'content/{PRI}:4: links must start with https://, mailto: or tel:, got "javascript:void(0)"'
    ]
