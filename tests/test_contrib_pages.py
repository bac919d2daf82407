"""The contributing page (one source: CONTRIBUTING.md) and the maintainers' /stats/ report."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser

import pytest
from conftest import ROOT, axe_violations, format_violations
from portal_content.schema import site_schema
from portal_content.vocabularies import Vocabularies
from portal_content.yamlsafe import parse_yaml

BUILD_DATE = date(2026, 11, 26)  # conftest's TEST_EPOCH


class Tables(HTMLParser):
    """Every <table> as its caption and rows of (tag, attributes, text) cells."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._row = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._cell = ["caption", {}, ""]
        elif tag == "tr":
            self._row = []
            self.tables[-1]["rows"].append(self._row)
        elif tag in ("th", "td"):
            self._cell = [tag, dict(attrs), ""]

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1]["caption"] = self._cell[2].strip()
            self._cell = None
        elif tag in ("th", "td") and self._cell:
            self._row.append((self._cell[0], self._cell[1], self._cell[2].strip()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data


def parse_tables(html: str) -> list[dict]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


# -- /stats/ ------------------------------------------------------------------------------


def counts_from_files() -> tuple[int, dict[str, Counter]]:
    """Count open opportunities straight from the YAML files, independently of the plugin."""
    organisations = {path.stem: parse_yaml(path.read_text(encoding="utf-8")).data for path in (ROOT / "content" / "organisations").glob("*.yaml")}
    counts = {name: Counter() for name in ("areas", "activities", "settings", "sectors", "suitable_for")}
    total = 0
    for path in (ROOT / "content" / "opportunities").rglob("*.yaml"):
        data = parse_yaml(path.read_text(encoding="utf-8")).data
        closes = data.get("closes")
        if closes is not None and (closes if isinstance(closes, date) else date.fromisoformat(closes)) < BUILD_DATE:
            continue
        total += 1
        organisation = organisations[data["organisation"]]
        areas = {location["area"] for location in data.get("locations") or []} or set(organisation["areas"])
        counts["areas"].update(areas)
        counts["activities"].update(set(data["activities"]))
        counts["settings"].update(set(data["settings"]))
        counts["sectors"].update([organisation["sector"]])
        counts["suitable_for"].update(set(data.get("suitable_for") or []))
    return total, counts


def test_stats_json_equals_counts_from_the_content_files(example_json):
    stats = example_json("/stats/stats.json")
    total, counts = counts_from_files()
    assert stats["build_date"] == "2026-11-26"
    assert stats["open_opportunities"] == total
    assert total > 0
    for facet, counter in counts.items():
        from_json = {row["key"]: row["count"] for row in stats["facets"][facet]}
        assert {key: count for key, count in from_json.items() if count} == dict(counter), facet
        counts_in_order = [row["count"] for row in stats["facets"][facet]]
        assert counts_in_order == sorted(counts_in_order, reverse=True), facet


def test_stats_page_has_accessible_charts_and_tables_with_the_same_numbers(example_site, example_json):
    html = (example_site / "stats" / "index.html").read_text(encoding="utf-8")
    stats = example_json("/stats/stats.json")
    assert re.search(r'<meta name="robots" content="noindex[^"]*">', html)
    tables = {table["caption"]: table for table in parse_tables(html)}
    headings = {"areas": "By area", "activities": "By activity", "settings": "By where it happens",
                "sectors": "By kind of organisation", "suitable_for": "By who it is good for"}
    for facet, heading in headings.items():
        rows = stats["facets"][facet]
        table = tables[f"Open opportunities {heading.lower()}"]
        header, *body = table["rows"]
        assert all(tag == "th" and attrs.get("scope") == "col" for tag, attrs, _ in header)
        assert [(cells[0][1].get("scope"), cells[0][2], cells[1][2]) for cells in body] == [("row", row["label"], str(row["count"])) for row in rows]
        svg = re.search(rf'<svg class="bar-chart" id="chart-{facet}" role="img" aria-labelledby="chart-{facet}-title chart-{facet}-desc".*?</svg>', html, re.S).group(0)
        desc = re.search(rf'<desc id="chart-{facet}-desc">(.*?)</desc>', svg, re.S).group(1)
        assert desc == "; ".join(f"{row['label']}: {row['count']}" for row in rows).replace("&", "&amp;") + "."
        assert svg.count("<rect") == len(rows)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/stats/", "/contributing/"])
def test_stats_and_contributing_pages_have_no_axe_violations(page, site_server, example_site, path):
    from helpers_contrib import serve_siteurl

    serve_siteurl(page, example_site)
    page.goto(site_server.url + path)
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


# -- /contributing/ and CONTRIBUTING.md ------------------------------------------------------


def contributing_text() -> str:
    return (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_page_is_rendered_from_contributing_md(example_site):
    html = (example_site / "contributing" / "index.html").read_text(encoding="utf-8")
    text = contributing_text()
    title = text.splitlines()[0].removeprefix("# ")
    assert f'<h1 class="heading-xl">{title}</h1>' in html
    for heading in re.findall(r"^#{2,3} (.+)$", text, re.M):
        assert re.search(rf'<h[23] id="[^"]+">{re.escape(heading)}</h[23]>', html), heading
    # links to the templates go to the copies published on the site
    assert 'href="../submit/templates/opportunity.yaml"' in html
    assert 'href="templates/' not in html
    for table in parse_tables(html):
        assert all(attrs.get("scope") == "col" for _, attrs, _ in table["rows"][0])


def field_rows(section: str) -> dict[str, str]:
    """The `field` -> "do you need it?" column of one of CONTRIBUTING.md's field tables."""
    text = contributing_text().split(f"### {section}", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return {match[0]: match[1].strip() for match in re.findall(r"^\| `([a-z_.]+)` \| ([^|]+) \|", text, re.M)}


@pytest.mark.parametrize(("kind", "section"), [("opportunity", "An opportunity"), ("organisation", "An organisation")])
def test_contributing_explains_every_field_and_agrees_on_what_is_required(kind, section):
    schema = site_schema(kind, Vocabularies())
    rows = field_rows(section)
    for name, node in schema["properties"].items():
        children = node.get("properties") or {}
        listed = name in rows or any(key.startswith(name + ".") for key in rows)
        assert listed, name
        if name in rows and name != "locations":  # required unless remote: checked below
            required = name in schema["required"]
            assert rows[name].startswith("yes") == required, (name, rows[name])
        if name in ("commitment", "requirements", "support", "access"):
            for child in children:
                key = f"{name}.{child}"
                assert key in rows, key
                assert rows[key].startswith("yes") == (child in node.get("required", [])), key
    if kind == "opportunity":
        assert rows["locations"] == "yes, unless `remote` is `true`"
        assert schema["else"] == {"required": ["locations"]}


def test_contributing_lists_the_vocabularies_keys():
    text = contributing_text()
    vocabularies = Vocabularies()
    for name, marker in (("activities", "**Kinds of volunteering** (`activities`):"), ("suitable_for", "**Good for** (`suitable_for`):")):
        line = next(line for line in text.splitlines() if line.startswith(marker))
        assert re.findall(r"`([a-z-]+)`", line.removeprefix(marker)) == vocabularies.keys(name)
    settings_row = next(line for line in text.splitlines() if line.startswith("| `settings` |"))
    assert re.findall(r"`([a-z-]+)`", settings_row)[1:] == vocabularies.keys("settings")
    sector_row = next(line for line in text.splitlines() if line.startswith("| `sector` |"))
    assert re.findall(r"`([a-z-]+)`", sector_row)[1:] == vocabularies.keys("sectors")


MISTAKE = """title: Ward companion
organisation: aire-valley-hospitals
summary: Keep patients company on the ward.
description: Chat with patients who would like some company.
activities:
  - befriending
settings:
  - hospital
remote: true
commitment:
  hours_per_week: 3
  duration: ongoing
  schedule:
    - weekdays
apply:
  url: https://www.example.org.uk/volunteer
posted: 2026-11-20
"""


def test_contributing_error_example_is_what_the_check_prints(tmp_path):
    """The guide's example error must stay the real message for that mistake."""
    from conftest import run_check
    from helpers_contrib import copy_content

    example = re.search(r"```\n(content/opportunities/[^\n]+)\n```", contributing_text()).group(1)
    path, line, _ = example.split(":", 2)
    content = copy_content(tmp_path)
    target = content / path.removeprefix("content/")
    text = MISTAKE
    target.write_text(text, encoding="utf-8")
    done = run_check(content)
    printed = [entry.split(":", 2) for entry in done.stderr.splitlines() if entry.startswith(str(target)) or entry.startswith(path)]
    assert len(printed) == 1, done.stderr
    assert printed[0][1] == line
    assert printed[0][2] == example.split(":", 2)[2]
    assert json.dumps(printed)  # plain data, no surprises


# -- the /submit/ forms' words ---------------------------------------------------------------

JARGON = re.compile(r"\b(markdown|true|false|slug|yaml|bcp ?47|iso ?8601)\b", re.I)


@pytest.mark.parametrize("path", ["submit/index.html", "submit/organisation/index.html"])
def test_form_words_are_plain_english(example_site, path):
    """No label, hint or message people read uses file-format jargon; the first question is the name."""
    from helpers_pages import parse_html

    document = parse_html((example_site / path).read_text(encoding="utf-8"))
    main = document.one("main")
    words = [element.text for tag in ("label", "legend", "summary", "p", "li", "h1", "h2", "h3", "div") for element in main.find_all(tag)]
    assert words
    assert [text for text in words if JARGON.search(text)] == []
    config = json.loads(re.search(r'<script type="application/json" id="submit-config">(.*?)</script>', (example_site / path).read_text(encoding="utf-8"), re.S).group(1))
    messages = [value for value in config["messages"].values() if isinstance(value, str)] + list(config["messages"]["fields"].values())
    assert [text for text in messages if JARGON.search(re.sub(r"\{\w+\}", "", text))] == []  # blanks like {slug} are filled in
    first = next(element for element in main.find_all("label") if element.get("for", "").startswith("f-"))
    assert first.get("for") == ("f-title" if path.startswith("submit/index") else "f-name")


def test_form_offers_languages_by_name_from_the_sites_list(example_site):
    from pelican.settings import read_settings

    html = (example_site / "submit" / "index.html").read_text(encoding="utf-8")
    names = Vocabularies(read_settings(str(ROOT / "pelicanconf.py")).get("PORTAL_VOCABULARIES")).labels["languages"]
    offered = re.findall(r'<input type="checkbox" id="f-languages[^"]*" name="languages" value="([^"]+)"[^>]*>\s*<label for="[^"]+">([^<]+)</label>', html)
    assert {name for _, name in offered} == set(names.values())  # every name once (two codes share "British Sign Language")
    assert all(names[code] == name for code, name in offered)
    assert [name for _, name in offered] == sorted((name for _, name in offered), key=str.casefold)
    assert 'id="f-languages-search"' in html


def test_the_preview_gets_the_sites_wording_from_the_build_and_keeps_no_copy(example_site):
    """preview.js says facts as the site's cards do, from the labels and phrases the build publishes."""
    html = (example_site / "submit" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script type="application/json" id="submit-config">(.*?)</script>', html, re.S).group(1))
    published = json.loads((ROOT / "plugins" / "portal_content" / "wording.json").read_text(encoding="utf-8"))
    assert config["wording"] == published
    script = (ROOT / "theme" / "static" / "js" / "submit" / "preview.js").read_text(encoding="utf-8")
    copies = [text for text in [*published["labels"].values(), *published["phrases"]["months"]] if f"'{text}'" in script or f'"{text}"' in script]
    copies += [phrase for phrase in ("hours a week", "Apply by", "From home", "or from home", "No closing date") if phrase in script]
    assert copies == []
