"""The example content read independently, for the page and browser tests' expected values.

Plain YAML (and front matter) reading with the rules the content format states: an
opportunity is open until its closing date passes (the tests' build date), lists are
newest first (posted, then title, then file name), an opportunity's areas are its places'
(else its organisation's), organisations go by name and principles by their order. None
of the plugins' loading or sorting code is used, so a mistake in the model shows up as a
difference between the pages and these values. Labels are the settings' vocabularies.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from conftest import ROOT, TEST_EPOCH
from portal_content.vocabularies import DEFAULT_VOCABULARIES

import pelicanconf

CONTENT = ROOT / "content"
BUILD_DATE = datetime.fromtimestamp(int(TEST_EPOCH), tz=UTC).astimezone(ZoneInfo(pelicanconf.TIMEZONE)).date()


@dataclass(frozen=True)
class Term:
    key: str
    label: str


class Vocabularies:
    """The words people read for each key: the content format's lists, as the settings change them."""

    def __init__(self):
        self.labels = {**DEFAULT_VOCABULARIES, **getattr(pelicanconf, "PORTAL_VOCABULARIES", {})}

    def term(self, name: str, key: str) -> Term:
        return Term(key, self.labels[name][key])

    def terms(self, name: str) -> list[Term]:
        return [Term(key, label) for key, label in self.labels[name].items()]


@dataclass
class Record:
    """Attribute access to a file's fields (``data``), plus what the format derives from them."""

    data: dict

    def __getattr__(self, name):
        try:
            value = self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(name) from None
        return Record(value) if isinstance(value, dict) else value


@dataclass
class Hours:
    low: float | None
    high: float | None


@dataclass
class Organisation:
    slug: str
    data: dict
    opportunities: list = field(default_factory=list)

    name = property(lambda self: self.data["name"].strip())
    website = property(lambda self: self.data["website"])
    contact_email = property(lambda self: self.data.get("contact_email"))
    principles_adopted = property(lambda self: self.data.get("principles_adopted"))
    url = property(lambda self: f"organisations/{self.slug}/")

    @property
    def open_opportunities(self) -> list:
        return [opportunity for opportunity in self.opportunities if opportunity.is_open]


@dataclass
class Opportunity:
    slug: str
    data: dict
    organisation: Organisation
    vocabularies: Vocabularies

    title = property(lambda self: self.data["title"].strip())
    summary = property(lambda self: self.data["summary"].strip())
    posted = property(lambda self: self.data["posted"])
    closes = property(lambda self: self.data.get("closes"))
    remote = property(lambda self: bool(self.data.get("remote")))
    url = property(lambda self: f"opportunities/{self.slug}/")
    is_open = property(lambda self: self.closes is None or self.closes >= BUILD_DATE)
    apply = property(lambda self: Record({"url": None, "email": None, "phone": None, **self.data["apply"]}))

    @property
    def areas(self) -> list[Term]:
        keys = {location["area"] for location in self.data.get("locations") or []} or set(self.organisation.data["areas"])
        return sorted((self.vocabularies.term("areas", key) for key in keys), key=lambda term: term.label)

    @property
    def activities(self) -> list[Term]:
        return [self.vocabularies.term("activities", key) for key in self.data["activities"]]

    @property
    def settings(self) -> list[Term]:
        return [self.vocabularies.term("settings", key) for key in self.data["settings"]]

    @property
    def commitment(self) -> Record:
        raw = self.data["commitment"]
        hours = raw.get("hours_per_week")
        hours = Hours(hours.get("min"), hours.get("max")) if isinstance(hours, dict) else None if hours is None else Hours(hours, hours)
        return Record({**raw, "hours_per_week": hours, "duration": self.vocabularies.term("durations", raw["duration"])})

    @property
    def requirements(self) -> Record:
        raw = self.data.get("requirements") or {}
        return Record({**raw, "dbs_check": self.vocabularies.term("dbs_checks", raw.get("dbs_check", "none"))})

    @property
    def order(self):
        return (-self.posted.toordinal(), self.title.lower(), self.slug)


@dataclass
class Principle:
    slug: str
    title: str
    summary: str
    order: int
    url = property(lambda self: f"principles/{self.slug}/")


@dataclass
class Site:
    vocabularies: Vocabularies
    organisations: list[Organisation]
    opportunities: list[Opportunity]
    principles: list[Principle]

    @property
    def open_opportunities(self) -> list[Opportunity]:
        return [opportunity for opportunity in self.opportunities if opportunity.is_open]

    @property
    def adopting_organisations(self) -> list[Organisation]:
        return [organisation for organisation in self.organisations if organisation.principles_adopted]


def _front_matter(path: Path) -> dict:
    _, header, _ = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(header)


@functools.cache
def read_site(content: Path = CONTENT) -> Site:
    """The content folder as the format describes it, on the tests' build date."""
    vocabularies = Vocabularies()
    organisations = {path.stem: Organisation(path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in (content / "organisations").glob("*.yaml")}
    opportunities = []
    for path in (content / "opportunities").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        opportunities.append(Opportunity(path.stem, data, organisations[data["organisation"]], vocabularies))
    opportunities.sort(key=lambda opportunity: opportunity.order)
    for opportunity in opportunities:
        opportunity.organisation.opportunities.append(opportunity)
    principles = []
    for path in (content / "principles").glob("*.md"):
        header = _front_matter(path)
        principles.append(Principle(path.stem.split("-", 1)[1], header["title"], header["summary"], int(header["order"])))
    return Site(
        vocabularies,
        sorted(organisations.values(), key=lambda organisation: (organisation.name.lower(), organisation.slug)),
        opportunities,
        sorted(principles, key=lambda principle: (principle.order, principle.slug)),
    )
