"""Facet indexes and related opportunities, computed once per build.

One pass over the open opportunities fills every facet list, so the build
stays linear in the number of opportunities however many pages it writes.
"""

from __future__ import annotations

from dataclasses import dataclass

RELATED_LIMIT = 4
# Only the newest few of each shared facet are weighed, so each page costs a constant amount.
RELATED_CANDIDATES_PER_FACET = 20


@dataclass(frozen=True)
class Facet:
    """One way to browse: its URL folder, vocabulary and the words on its pages."""

    name: str  # URL folder and feed folder: areas, activities, settings
    title: str  # index page heading
    noun: str  # what one key is called, for sentences
    heading: str  # a facet page's heading; {label} is the key's label
    intro: str

    def terms_of(self, opportunity):
        return getattr(opportunity, self.name)


FACETS = (
    Facet("areas", "Browse by area", "area", "Volunteering in {label}", "Choose the place where you would like to volunteer."),
    Facet("activities", "Browse by activity", "activity", "{label} volunteering", "Choose the kind of volunteering you would like to do."),
    Facet("settings", "Browse by setting", "setting", "Volunteering: {label}", "Choose where the volunteering happens, such as a hospital or from home."),
)


def facet_index(site) -> dict[str, dict[str, list]]:
    """``{facet: {key: [open opportunities, newest first]}}``, with every vocabulary key present."""
    index = {facet.name: {term.key: [] for term in site.vocabularies.terms(facet.name)} for facet in FACETS}
    for opportunity in site.open_opportunities:
        for facet in FACETS:
            for term in facet.terms_of(opportunity):
                index[facet.name].setdefault(term.key, []).append(opportunity)
    return index


def related_opportunities(opportunity, index) -> list:
    """A few open opportunities sharing an activity or area; those sharing most come first.

    Deterministic: ties keep the newest-first order of the facet lists.
    """
    scores: dict[str, list] = {}
    for facet_name, terms in (("activities", opportunity.activities), ("areas", opportunity.areas)):
        for term in terms:
            for position, candidate in enumerate(index[facet_name].get(term.key, [])[:RELATED_CANDIDATES_PER_FACET]):
                if candidate.slug == opportunity.slug:
                    continue
                entry = scores.setdefault(candidate.slug, [0, position, candidate])
                entry[0] += 1
                entry[1] = min(entry[1], position)
    ranked = sorted(scores.values(), key=lambda entry: (-entry[0], entry[1], entry[2].slug))
    return [entry[2] for entry in ranked[:RELATED_LIMIT]]
