"""Shared helpers for the feeds, open data and widget (test_embed_*) tests.

Expectations are computed from the content files themselves (plain YAML reading,
independent of the plugins), never hard-coded.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from conftest import ROOT, TEST_EPOCH, run_build

import pelicanconf

FACETS = ("organisations", "areas", "activities", "settings")
ZONE = ZoneInfo(pelicanconf.TIMEZONE)
BUILD_DATE = datetime.fromtimestamp(int(TEST_EPOCH), tz=UTC).astimezone(ZONE).date()
SITEURL = pelicanconf.SITEURL
HOST = "127.0.0.1"


def vocabulary_keys(name: str) -> list[str]:
    from portal_content.vocabularies import Vocabularies

    return Vocabularies(getattr(pelicanconf, "PORTAL_VOCABULARIES", None)).keys(name)


@dataclass
class Opening:
    """One opportunity as its file says, with what the build should derive from it."""

    slug: str
    data: dict
    organisation: dict
    org_slug: str

    @property
    def title(self) -> str:
        return self.data["title"].strip()

    @property
    def url(self) -> str:
        return f"{SITEURL}/opportunities/{self.slug}/"

    @property
    def closes(self) -> date | None:
        return self.data.get("closes")

    @property
    def is_open(self) -> bool:
        return self.closes is None or self.closes >= BUILD_DATE

    @property
    def areas(self) -> list[str]:
        keys = {location["area"] for location in self.data.get("locations") or []}
        return sorted(keys or set(self.organisation["areas"]))

    def keys(self, facet: str) -> list[str]:
        return {
            "organisations": [self.org_slug],
            "areas": self.areas,
            "activities": self.data["activities"],
            "settings": self.data["settings"],
        }[facet]

    @property
    def order(self):
        """Newest first, then by title: the order every list uses."""
        return (-self.data["posted"].toordinal(), self.title.lower(), self.slug)


@dataclass
class ContentFacts:
    organisations: dict[str, dict]
    opportunities: list[Opening] = field(default_factory=list)

    @property
    def open(self) -> list[Opening]:
        return sorted((o for o in self.opportunities if o.is_open), key=lambda o: o.order)

    @property
    def closed(self) -> list[Opening]:
        return [o for o in self.opportunities if not o.is_open]

    def selections(self) -> dict[str, list[Opening]]:
        """'all' and '<facet>/<key>' for every organisation and vocabulary key, with their open opportunities."""
        lists = {"all": self.open}
        keys = {"organisations": sorted(self.organisations), **{facet: vocabulary_keys(facet) for facet in FACETS[1:]}}
        for facet, facet_keys in keys.items():
            for key in facet_keys:
                lists[f"{facet}/{key}"] = [o for o in self.open if key in o.keys(facet)]
        return lists

    def sessions(self) -> list[tuple[Opening, int, dict]]:
        return [(o, n, s) for o in self.open for n, s in enumerate(o.data.get("sessions") or [], 1)]


def read_content(content: Path) -> ContentFacts:
    organisations = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((content / "organisations").glob("*.yaml"))}
    facts = ContentFacts(organisations)
    for path in sorted((content / "opportunities").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        facts.opportunities.append(Opening(path.stem, data, organisations[data["organisation"]], data["organisation"]))
    return facts


EXAMPLE = ROOT / "content"

# -- Small content folders -------------------------------------------------------------------

ORGANISATION = """\
name: {name}
sector: vcse
areas: [{areas}]
website: https://example.org.uk
description: {description}
"""

OPPORTUNITY = """\
title: {title}
organisation: {organisation}
summary: {summary}
description: {description}
activities: [{activities}]
settings: [{settings}]
locations:
  - name: {location}
    area: {area}
commitment:
  schedule: [flexible]
  duration: ongoing
apply:
  url: https://example.org.uk/apply
posted: {posted}
"""


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar, whatever the characters."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + '"'


def write_organisation(content: Path, slug: str, *, name: str, areas=("leeds",), description: str = "A group.") -> None:
    path = content / "organisations" / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ORGANISATION.format(name=yaml_text(name), areas=", ".join(areas), description=yaml_text(description)), encoding="utf-8")


def write_opportunity(content: Path, slug: str, *, organisation: str, title: str, summary: str = "Help out.", description: str = "You will help.",
                      activities=("befriending",), settings=("community",), area: str = "leeds", location: str = "The hall",
                      posted: str = "2026-10-01", extra: str = "") -> None:
    path = content / "opportunities" / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = OPPORTUNITY.format(
        title=yaml_text(title), organisation=organisation, summary=yaml_text(summary), description=yaml_text(description),
        activities=", ".join(activities), settings=", ".join(settings), location=yaml_text(location), area=area, posted=posted,
    )
    path.write_text(text + textwrap.dedent(extra), encoding="utf-8")


# Hostile text: each payload sets window.__pwned if it ever runs in a page.
HOSTILE_TITLES = [
    '<script>window.__pwned="title"</script>',
    '<img src=x onerror="window.__pwned=\'img\'">',
    'Close CDATA ]]> and </script> & "quotes"',
    "javascript:window.__pwned='href'",
    "=HYPERLINK(\"http://evil.example\",\"click\") \u2028 and \u2029 end",
]
HOSTILE_SUMMARY = "</script><script>window.__pwned='summary'</script> ]]> <svg onload=\"window.__pwned='svg'\"> \u2028 line \u2029 para"
HOSTILE_DESCRIPTION = (
    "<script>window.__pwned='description'</script>\n\n"
    "<img src=x onerror=\"window.__pwned='description-img'\">\n\n"
    "Text javascript:window.__pwned='text' and ]]> and </script> (the validator already refuses javascript: links)\n"
)
HOSTILE_ORGANISATION = 'Evil <script>window.__pwned="org"</script> & Co "Ltd"'


def write_hostile_content(content: Path) -> ContentFacts:
    """A content folder whose text tries to break out of every context the build writes."""
    write_organisation(content, "evil-org", name=HOSTILE_ORGANISATION, areas=("leeds", "wakefield"),
                       description="<img src=x onerror=\"window.__pwned='org-description'\"> javascript:window.__pwned=1")
    for number, title in enumerate(HOSTILE_TITLES, 1):
        write_opportunity(
            content, f"hostile-{number}", organisation="evil-org", title=title, summary=HOSTILE_SUMMARY, description=HOSTILE_DESCRIPTION,
            location="@SUM(1+1) </script>", posted=f"2026-10-{number:02d}",
            extra=f"""\
            tags: ["-2+3", "+cmd", "<b>bold</b>"]
            sessions:
              - start: "2027-03-2{number}T10:00"
                end: "2027-03-2{number}T12:00"
                location: "</script><script>window.__pwned='ics'</script>"
            """,
        )
    write_opportunity(content, "closed-one", organisation="evil-org", title="A closed role", posted="2026-01-01",
                      extra="closes: 2026-02-01\n")
    return read_content(content)


_HOSTILE_BUILDS: dict[str, tuple[Path, ContentFacts]] = {}


def hostile_build(tmp_path_factory) -> tuple[Path, ContentFacts]:
    """The hostile content built once per test session, for the feeds and the widget tests alike."""
    if "built" not in _HOSTILE_BUILDS:
        root = tmp_path_factory.mktemp("hostile")
        facts = write_hostile_content(root / "content")
        result = run_build(root / "content", root / "out")
        assert result.returncode == 0, result.log
        _HOSTILE_BUILDS["built"] = (root / "out", facts)
    return _HOSTILE_BUILDS["built"]
