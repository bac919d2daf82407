"""The facts pages list about an opportunity or organisation, decided once in Python.

Templates only print these: which facts exist, their order, labels and wording,
and which headings apply are decided here (with :mod:`.wording`), so a card, a
page and a handout cannot drift apart, and the decisions are tested directly.

A fact's value is data, never HTML built here: ``groups`` of lines, each line a
tuple of parts, a part being text (escaped by the template) or a :class:`Link`.
The ``summary_list`` macro prints a fact's groups as ``layout`` says. The only
HTML is ``html``: content Markdown the loader already rendered and sanitised.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import wording
from .wording import LABELS, PAGE, PHRASES

HELP_DBS = "dbs-checks"  # content/pages/<slug>.md: linked from the facts when the site has them
HELP_AFTER_APPLYING = "after-you-apply"


@dataclass(frozen=True)
class Link:
    text: str
    path: str = ""  # inside the site, from its root ("organisations/x/"): templates put SITEURL before it
    href: str = ""  # outside the site: https:, mailto: or tel:


Line = tuple  # parts: str or Link


@dataclass(frozen=True)
class Fact:
    """One row of a summary list: a label and a value that is never empty."""

    label: str
    groups: tuple[tuple[Line, ...], ...] = ()
    layout: str = "lines"  # "lines": one group, lines one under another; "places": a paragraph per group; "list": a plain list
    html: str = ""  # sanitised prose from the content, after the groups


@dataclass(frozen=True)
class Section:
    """A heading and its facts: only made when there is a fact to show."""

    heading: str
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class SessionTimes:
    """One dated session as the page lists it: machine-readable times and the words for them."""

    start: str  # ISO 8601, for <time datetime>
    start_text: str  # "14 March 2027, 10:00"
    end: str
    end_text: str  # "12:30", or with its date when it ends on another day
    location: str


@dataclass(frozen=True)
class OpportunityPage:
    """What the opportunity page shows beyond the model's own fields."""

    title: str  # for <title>, before the site's name
    description: str  # the meta description
    facts: tuple[Fact, ...]  # the key facts under the summary
    needs: Section | None  # "What you need"
    support: Section | None  # "Support and access"
    contacts: tuple[tuple[str, Link], ...]  # how to apply by email or phone: ("Email", link)
    after_applying: Link | None  # the help page about what happens next, when the site has one
    sessions: tuple[SessionTimes, ...]  # its dated sessions, in file order
    about: str  # the heading over the organisation's description
    related_heading: str


def _text(label: str, text: str) -> list[Fact]:
    """A fact of one line of text, or none when the text is empty."""
    return [Fact(label, (((text,),),))] if text else []


def _labels(terms) -> str:
    return ", ".join(term.label for term in terms)


def _lines(label: str, *lines: Line) -> list[Fact]:
    lines = tuple(line for line in lines if line)
    return [Fact(label, (lines,))] if lines else []


def _places(opportunity) -> tuple[tuple[Line, ...], ...]:
    groups = [((f"{PHRASES['remote']}.",),)] if opportunity.remote else []
    for location in opportunity.locations:
        groups.append(tuple((text,) for text in (location.name, location.address, location.postcode) if text))
    return tuple(groups)


def _setting(opportunity) -> str:
    text = _labels(opportunity.settings)
    return f"{text} ({opportunity.gp_approach.label})" if text and opportunity.gp_approach else text


def _closing(opportunity) -> str:
    if opportunity.is_open:
        return wording.closing_summary(opportunity)
    return f"Closed on {wording.long_date(opportunity.closes)}"


def _help(page_paths: dict[str, str], slug: str, text: str) -> Link | None:
    return Link(text, path=page_paths[slug]) if slug in page_paths else None


def _email(address: str) -> Link:
    return Link(address, href=f"mailto:{address}")


def _phone(number: str) -> Link:
    return Link(number, href=f"tel:{number.replace(' ', '')}")


def _contacts(email: str | None, phone: str | None) -> tuple[tuple[str, Link], ...]:
    return tuple([(PAGE["email"], _email(email))] if email else []) + tuple([(PAGE["phone"], _phone(phone))] if phone else [])


def opportunity_facts(opportunity) -> tuple[Fact, ...]:
    """The key facts under an opportunity's summary: who, where, when, what kind and until when."""
    organisation = opportunity.organisation
    places = _places(opportunity)
    return tuple(
        [Fact(LABELS["organisation"], (((Link(organisation.name, path=organisation.url),),),))]
        + _text(LABELS["area"], _labels(opportunity.areas))
        + ([Fact(LABELS["where"], places, layout="places")] if places else [])
        + _lines(LABELS["time_needed"], (wording.commitment_summary(opportunity),), (wording.minimum_stay(opportunity),) if opportunity.commitment.min_months else ())
        + _text(LABELS["activities"], _labels(opportunity.activities))
        + _text(LABELS["setting"], _setting(opportunity))
        + _text(LABELS["closing"], _closing(opportunity))
    )


def _section(heading: str, facts: list[Fact]) -> Section | None:
    return Section(heading, tuple(facts)) if facts else None


def opportunity_page(opportunity, page_paths: dict[str, str]) -> OpportunityPage:
    """Everything the opportunity page decides from the data; ``page_paths`` are the site's content pages by slug."""
    requirements, support, access = opportunity.requirements, opportunity.support, opportunity.access
    dbs = wording.dbs_summary(opportunity)
    dbs_help = _help(page_paths, HELP_DBS, PAGE["dbs_help"])
    needs = (
        _text(LABELS["age"], wording.age_summary(opportunity))
        + _lines(LABELS["dbs_check"], (dbs, ". ", dbs_help) if dbs and dbs_help else (dbs,) if dbs else ())
        + ([Fact(LABELS["skills"], tuple(((skill,),) for skill in requirements.skills), layout="list")] if requirements.skills else [])
    )
    helped = (
        _text(LABELS["expenses"], wording.expenses_summary(opportunity))
        + _text(LABELS["supported"], PAGE["supported"] if support.supported_volunteering else "")
        + ([Fact(LABELS["support"], html=support.notes_html)] if support.notes_html else [])
        + _text(LABELS["wheelchair"], access.wheelchair.label if access.wheelchair else "")
        + _text(LABELS["access"], access.notes or "")
        + _text(LABELS["languages"], _labels(opportunity.languages))
    )
    closed = not opportunity.is_open
    return OpportunityPage(
        title=f"{PAGE['closed_title'] if closed else ''}{opportunity.title} – {opportunity.organisation.name}",
        description=(
            f"{PAGE['closed_description'] if closed else ''}{opportunity.summary} "
            f"{wording.commitment_summary(opportunity)}. {wording.where_summary(opportunity)}."
        ),
        facts=opportunity_facts(opportunity),
        needs=_section(PAGE["needs"], needs),
        support=_section(PAGE["support"], helped),
        contacts=_contacts(opportunity.apply.email, opportunity.apply.phone),
        after_applying=_help(page_paths, HELP_AFTER_APPLYING, PAGE["after_applying"]),
        sessions=tuple(
            SessionTimes(session.start.isoformat(), wording.session_start(session), session.end.isoformat(), wording.session_end(session), session.location or "")
            for session in opportunity.sessions
        ),
        about=PAGE["about"].format(name=opportunity.organisation.name),
        related_heading=PAGE["related_closed"] if closed else PAGE["related"],
    )


def card_facts(opportunity) -> tuple[Fact, ...]:
    """The three facts on a card in a list: where, time and closing date."""
    return tuple(
        _text(LABELS["where"], wording.where_summary(opportunity))
        + _text(LABELS["time"], wording.commitment_summary(opportunity))
        + _text(LABELS["closing"], wording.closing_summary(opportunity))
    )


def handout_facts(opportunity) -> tuple[Fact, ...]:
    """A printed handout's facts before how to apply: every place spelled out on one line."""
    places = ([PHRASES["remote"]] if opportunity.remote else []) + [
        ", ".join(text for text in (location.name, location.address, location.postcode) if text) for location in opportunity.locations
    ]
    return tuple(
        _text(LABELS["where"], "; ".join(places))
        + _text(LABELS["when"], wording.commitment_summary(opportunity))
        + _text(LABELS["dbs_check_short"], opportunity.requirements.dbs_check.label)
        + (_text(LABELS["closing"], wording.closing_summary(opportunity)) if opportunity.is_open and opportunity.closes else [])
    )


def organisation_facts(organisation) -> tuple[Fact, ...]:
    """An organisation's areas, contacts (as links) and whether it adopted the Volunteer Principles."""
    email, phone = organisation.contact_email, organisation.contact_phone
    adopted = organisation.principles_adopted
    return tuple(
        _text(LABELS["areas"], _labels(organisation.areas))
        + [Fact(LABELS["website"], (((Link(organisation.website, href=organisation.website),),),))]
        + _lines(LABELS["email"], (_email(email),) if email else ())
        + _lines(LABELS["phone"], (_phone(phone),) if phone else ())
        + _text(LABELS["principles"], PAGE["adopted_on"].format(date=wording.long_date(adopted)) if adopted else PAGE["not_adopted"])
    )


def organisation_description(organisation) -> str:
    """The meta description of an organisation's page."""
    return f"Volunteer with {organisation.name} in {_labels(organisation.areas)}: {wording.open_count(len(organisation.open_opportunities))}."


def organisation_caption(organisation) -> str:
    """Under its name in the list of organisations: sector and areas."""
    return f"{organisation.sector.label} · {_labels(organisation.areas)}"


def organisation_open(organisation) -> str:
    count = len(organisation.open_opportunities)
    return wording.open_count(count) if count else PAGE["none_open"]
