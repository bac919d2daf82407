"""The typed model every later stage reads: templates, feeds, search and widget.

Built once per build by :mod:`portal_content.loader` from validated files.
Nothing downstream looks at raw YAML; it reads these dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

import orjson

from . import facets, facts, search_facets
from .places import Place, Point, Postcodes
from .vocabularies import Term, Vocabularies


@dataclass
class Organisation:
    slug: str
    name: str
    sector: Term
    areas: list[Term]
    website: str
    description_html: str
    contact_email: str | None
    contact_phone: str | None
    principles_adopted: date | None
    source: str  # file path relative to the project, for messages
    data_json: bytes  # the file's fields as JSON (see ``data``)
    opportunities: list[Opportunity] = field(default_factory=list)  # newest first, open and closed

    @property
    def url(self) -> str:
        return f"organisations/{self.slug}/"

    @property
    def data(self) -> dict:
        """The file's fields as JSON-ready values, for open data: kept as JSON bytes, a third of the dicts' memory."""
        return orjson.loads(self.data_json)

    @cached_property
    def open_opportunities(self) -> list[Opportunity]:
        """Computed once (the model is complete before anyone reads it): pages may ask for it often."""
        return [opportunity for opportunity in self.opportunities if opportunity.is_open]

    @property
    def facts(self) -> tuple[facts.Fact, ...]:
        return facts.organisation_facts(self)

    @property
    def description(self) -> str:
        return facts.organisation_description(self)

    @property
    def caption(self) -> str:
        return facts.organisation_caption(self)

    @property
    def open_summary(self) -> str:
        """'3 open opportunities', or that it has none at the moment."""
        return facts.organisation_open(self)


@dataclass(slots=True)
class Location:
    name: str
    address: str | None
    postcode: str | None
    area: Term
    point: Point | None = None  # from OS Code-Point Open; None without a postcode or for BT
    precision: str = ""  # "postcode", or "sector"/"district" when only a centre was found
    locality: str | None = None  # the nearest town or village (GeoNames): the address's locality

    @property
    def district(self) -> str | None:
        """``LS9`` for ``LS9 7TF``: the /near/<district>/ page this place is listed from."""
        return self.postcode.split(" ")[0] if self.postcode and self.point else None


@dataclass(slots=True)
class Hours:
    """Hours a week: ``low == high`` for a single number; either may be ``None``."""

    low: float | None
    high: float | None


@dataclass(slots=True)
class Commitment:
    hours_per_week: Hours | None
    schedule: list[Term]
    duration: Term
    min_months: int | None
    times: list[Term] = field(default_factory=list)  # day-parts as written (commitment.times), week order
    day_parts: list[Term] = field(default_factory=list)  # times, or those its schedule implies: what "When can you help?" matches


@dataclass(slots=True)
class Requirements:
    min_age: int | None
    dbs_check: Term
    skills: list[str]


@dataclass(slots=True)
class Support:
    expenses: bool | None
    supported_volunteering: bool | None
    notes_html: str


@dataclass(slots=True)
class Access:
    wheelchair: Term | None
    notes: str | None


@dataclass(slots=True)
class Apply:
    url: str | None
    email: str | None
    phone: str | None
    instructions: str | None


@dataclass(slots=True)
class Session:
    start: datetime  # aware, in the site's time zone
    end: datetime
    location: str | None
    place: Location | None = None  # the opportunity's location it is at: named in its text, or the only one


def session_place(location_text: str | None, locations: list[Location]) -> Location | None:
    """The location a session's text names (by postcode or name); without text, the first location."""
    if not location_text:
        return locations[0] if locations else None
    squeezed = location_text.replace(" ", "").upper()
    for location in locations:
        if location.postcode and location.postcode.replace(" ", "") in squeezed:
            return location
    for location in locations:
        if location.name.casefold() in location_text.casefold():
            return location
    return None


@dataclass
class Opportunity:
    slug: str
    title: str
    organisation: Organisation
    summary: str
    description_html: str
    activities: list[Term]
    settings: list[Term]
    gp_approach: Term | None
    locations: list[Location]
    remote: bool
    commitment: Commitment
    requirements: Requirements
    training_html: str
    support: Support
    access: Access
    suitable_for: list[Term]
    pathway: str | None
    languages: list[Term]
    apply: Apply
    posted: date
    closes: date | None
    review_by: date
    sessions: list[Session]
    tags: list[str]
    is_open: bool  # decided against the build date
    source: str
    data_json: bytes  # the file's fields as JSON (see ``data``)

    @property
    def url(self) -> str:
        return f"opportunities/{self.slug}/"

    @property
    def data(self) -> dict:
        """The file's fields as JSON-ready values, for open data: kept as JSON bytes, a third of the dicts' memory."""
        return orjson.loads(self.data_json)

    @property
    def areas(self) -> list[Term]:
        """Areas of its locations; a remote-only role belongs to its organisation's areas."""
        found = {location.area.key: location.area for location in self.locations}
        if not found:
            found = {area.key: area for area in self.organisation.areas}
        return sorted(found.values(), key=lambda term: term.label)

    @cached_property
    def card_facts(self) -> tuple[facts.Fact, ...]:
        """Where, time and closing date: cached, as a card is shown on many pages."""
        return facts.card_facts(self)

    @property
    def handout_facts(self) -> tuple[facts.Fact, ...]:
        return facts.handout_facts(self)


@dataclass
class Geography:
    """Where things are: the region's postcode districts, its place names and the data's credits."""

    postcodes: Postcodes | None  # Code-Point Open for the areas read (None: no postcodes anywhere)
    districts: dict[str, Point]  # district -> centre, for the region's and the content's districts
    places: list[Place]  # GeoNames places in the region's box (plus a margin), by name
    towns: list[Place]  # the region's main towns (PORTAL_NEAR_TOWN_POPULATION people or more), by name
    credits: tuple[str, ...]  # attribution lines the licences ask for
    licences: tuple[dict, ...]  # the same for open-data metadata: name, licence URL, attribution


@dataclass
class Principle:
    slug: str
    title: str
    summary: str
    order: int
    body_html: str
    source: str

    @property
    def url(self) -> str:
        return f"principles/{self.slug}/"


@dataclass(frozen=True)
class Dated:
    """One dated session with its opportunity; ``number`` counts from 1 in file order (the calendar UID)."""

    opportunity: Opportunity
    number: int
    session: Session


@dataclass
class Site:
    """Everything the build knows, sorted so output is reproducible."""

    build_date: date
    build_time: datetime  # aware; SOURCE_DATE_EPOCH when set
    vocabularies: Vocabularies
    organisations: list[Organisation]  # by name
    opportunities: list[Opportunity]  # newest first: posted, then title
    principles: list[Principle]  # by order
    geography: Geography | None = None
    page_paths: dict[str, str] = field(default_factory=dict)  # content pages (content/pages/) by slug: "about" -> "about/"

    def opportunity_page(self, opportunity: Opportunity) -> facts.OpportunityPage:
        """The facts, headings and help links of an opportunity's page."""
        return facts.opportunity_page(opportunity, self.page_paths)

    @cached_property
    def open_opportunities(self) -> list[Opportunity]:
        """Computed once: every page may show a count, and a scan per page would be quadratic."""
        return [opportunity for opportunity in self.opportunities if opportunity.is_open]

    @cached_property
    def example_postcode(self) -> str | None:
        """A postcode of an open opportunity's place: examples in hints use the region's own."""
        found = sorted(location.postcode for opportunity in self.open_opportunities for location in opportunity.locations if location.point)
        return found[0] if found else None

    @cached_property
    def example_place(self) -> str | None:
        """The region's biggest town, for the same hints."""
        places = self.geography.places if self.geography else []
        return max(places, key=lambda place: (place.population, place.name)).name if places else None

    @cached_property
    def upcoming_sessions(self) -> list[Dated]:
        """Sessions of open opportunities that have not ended, soonest first (for /sessions/ and the home page)."""
        found = [
            Dated(opportunity, number, session)
            for opportunity in self.open_opportunities
            for number, session in enumerate(opportunity.sessions, 1)
            if session.end >= self.build_time
        ]
        return sorted(found, key=lambda dated: (dated.session.start, dated.opportunity.title.casefold(), dated.opportunity.slug, dated.number))

    @cached_property
    def adopting_organisations(self) -> list[Organisation]:
        return [org for org in self.organisations if org.principles_adopted]

    @cached_property
    def open_by_facet(self) -> dict[str, dict[str, list[Opportunity]]]:
        """``{facet: {key: open opportunities, newest first}}`` for every facet and key (see :mod:`.facets`)."""
        return facets.open_by_facet(self)

    @property
    def browse_facets(self) -> tuple[facets.Facet, ...]:
        """Areas, activities and settings: the facets with browse pages, in the order pages show them."""
        return facets.BROWSE_FACETS

    def search_data(self, opportunity: Opportunity) -> dict:
        """Filters, sort keys and result meta the search index reads from an open opportunity's page."""
        return search_facets.opportunity_search_data(opportunity, self.geography.districts if self.geography else {})

    @property
    def search_sort_defaults(self) -> dict[str, str]:
        """Sort keys for indexed pages that are not opportunities (Pagefind drops pages without them)."""
        return search_facets.SORT_DEFAULTS

    @property
    def search_every_page_word(self) -> str:
        """The word every indexed page carries, so a search with no word loads one index chunk, not all."""
        return search_facets.EVERY_PAGE_WORD

    @cached_property
    def example_area(self) -> str:
        """The area with most open opportunities (the first in the settings on a tie), for examples such as the widget's."""
        return max(self.facet_counts("areas"), key=lambda pair: pair[1])[0].key

    def facet_counts(self, facet: str, busiest_first: bool = False, open_only: bool = False) -> list[tuple[Term, int]]:
        """``[(term, open opportunities)]`` for every value of a facet (``open_only``: those with any),
        busiest first (then by label) on request."""
        lists = self.open_by_facet[facet]
        pairs = [(term, len(lists.get(term.key, []))) for term in facets.facet_terms(self, facets.BY_KEY[facet])]
        if open_only:
            pairs = [pair for pair in pairs if pair[1]]
        if busiest_first:
            pairs.sort(key=lambda pair: (-pair[1], pair[0].label))
        return pairs
