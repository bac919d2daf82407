"""Related opportunities, from the facet lists the model computes once per build.

Each page weighs only the newest few of each shared list, so the build stays
linear in the number of opportunities however many pages it writes.
"""

from __future__ import annotations

RELATED_LIMIT = 4
# Only the newest few of each shared facet are weighed, so each page costs a constant amount.
RELATED_CANDIDATES_PER_FACET = 20


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
