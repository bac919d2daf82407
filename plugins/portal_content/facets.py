"""The one facet registry: the ways to browse open opportunities, and the words for each.

A facet is a way to list opportunities by one key: its organisation, area,
activity or setting. Its key is the vocabulary name, the URL folder
(``/areas/leeds/``) and the feed folder (``/feeds/areas/leeds.json``). The
wording here is the only wording: the facet pages, the home page, the search
page, the feeds, the widget and the stats report all read it from here. Which
open opportunities each key lists is computed once per build
(:attr:`portal_content.model.Site.open_by_facet`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .vocabularies import Term


@dataclass(frozen=True)
class Facet:
    key: str  # vocabulary, URL folder and feed folder: organisations, areas, activities, settings
    label: str  # what one value is, as a heading or filter legend: "Area"
    noun: str  # one value inside a sentence: "choose another area"
    browse: str  # the heading over a list of its values: "By area"
    title: str  # its index page: "Browse by area"
    all_link: str  # the link to that index: "All areas"
    intro: str
    heading: str  # one key's list, on its page, feeds and the widget; {label} is the key's label
    terms: Callable  # an opportunity's terms for this facet

    def heading_for(self, label: str) -> str:
        return self.heading.format(label=label)

    def description_for(self, label: str, total: int, region: str) -> str:
        """The meta description of one key's list: '3 open volunteering opportunities in health and care: Leeds, West Yorkshire.'"""
        count = f"{total} open volunteering {'opportunity' if total == 1 else 'opportunities'}" if total else "Volunteering opportunities"
        return f"{count} in health and care: {label}, {region}."


FACETS: tuple[Facet, ...] = (
    Facet(
        "organisations", "Organisation", "organisation", "By organisation", "Organisations", "All organisations",
        "Choose an organisation.", "Volunteering with {label}",
        lambda opportunity: [Term(opportunity.organisation.slug, opportunity.organisation.name)],
    ),
    Facet(
        "areas", "Area", "area", "By area", "Browse by area", "All areas",
        "Choose the place where you would like to volunteer.", "Volunteering in {label}",
        lambda opportunity: opportunity.areas,
    ),
    Facet(
        "activities", "Activity", "activity", "By activity", "Browse by activity", "All kinds of activity",
        "Choose the kind of volunteering you would like to do.", "{label} volunteering",
        lambda opportunity: opportunity.activities,
    ),
    Facet(
        "settings", "Where it happens", "setting", "By where it happens", "Browse by where it happens", "All settings",
        "Choose where the volunteering happens, such as a hospital or from home.", "Volunteering: {label}",
        lambda opportunity: opportunity.settings,
    ),
)
BY_KEY = {facet.key: facet for facet in FACETS}
# The facets with browse pages of their own (/areas/, /activities/, /settings/); organisations have /organisations/.
BROWSE_FACETS = tuple(facet for facet in FACETS if facet.key != "organisations")
ALL_HEADING = "Volunteering opportunities"


def facet_terms(site, facet: Facet) -> list[Term]:
    """Every value of a facet, in the order pages list them: organisations by name, vocabularies as set."""
    if facet.key == "organisations":
        return [Term(organisation.slug, organisation.name) for organisation in site.organisations]
    return site.vocabularies.terms(facet.key)


def facet_keys(opportunity) -> dict[str, list[str]]:
    """The keys under which an opportunity is listed, per facet."""
    return {facet.key: list(dict.fromkeys(term.key for term in facet.terms(opportunity))) for facet in FACETS}


def open_by_facet(site) -> dict[str, dict[str, list]]:
    """``{facet: {key: open opportunities, newest first}}`` with every key present, in one pass."""
    index = {facet.key: {term.key: [] for term in facet_terms(site, facet)} for facet in FACETS}
    for opportunity in site.open_opportunities:
        for facet, keys in facet_keys(opportunity).items():
            for key in keys:
                index[facet].setdefault(key, []).append(opportunity)
    return index
