"""What the search index knows about each page: filters, sort keys and result-card meta.

One list of filter groups drives both sides: the hidden attributes rendered into
each open opportunity page (read by Pagefind) and the label map on /search/
(read by search.js). Filter values are vocabulary keys so search URLs stay stable
when a label is reworded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .facets import BY_KEY
from .vocabularies import Term
from .wording import closing_summary, commitment_summary, dbs_summary, where_summary

if TYPE_CHECKING:
    from .model import Opportunity, Site
    from .places import Point

# Every indexed page carries every sort key, or Pagefind drops it from sorted results.
# Pages that are not opportunities sort after every opportunity, both ways.
NO_CLOSING_DATE = "9999-12-30"
SORT_DEFAULTS = {"posted": "0000-01-01", "closes": "9999-12-31"}
# A word on every indexed page. Pagefind 1.5 loads every chunk of the word index for a search with
# no term (a filter ticked, no word typed: the whole index, megabytes on a large site; fixed
# upstream in Pagefind PR 1317, not released yet); /search/ asks for this word instead, which loads
# one chunk. Nobody types it (search.js never shows it).
EVERY_PAGE_WORD = "zqxeverypage"

YES_NO = {"remote": ("Can be done remotely", "In person only"), "expenses": ("Expenses paid", "Expenses not paid")}


def _yes_no(group: str, value: bool | None) -> list[Term]:
    if value is None:
        return []
    yes, no = YES_NO[group]
    return [Term("yes", yes)] if value else [Term("no", no)]


@dataclass(frozen=True)
class FilterGroup:
    """One fieldset on /search/ and one ``data-pagefind-filter`` name (also its URL parameter)."""

    name: str
    legend: str
    values: Callable[[Opportunity], list[Term]]
    vocabulary: str | None = None  # show values in this vocabulary's order; by label otherwise


FILTER_GROUPS: tuple[FilterGroup, ...] = (
    FilterGroup("area", BY_KEY["areas"].label, lambda o: o.areas, "areas"),
    FilterGroup("activity", BY_KEY["activities"].label, lambda o: o.activities, "activities"),
    FilterGroup("setting", BY_KEY["settings"].label, lambda o: o.settings, "settings"),
    FilterGroup("schedule", "Time of week", lambda o: o.commitment.schedule, "schedules"),
    FilterGroup("times", "When can you help?", lambda o: o.commitment.day_parts, "times"),
    FilterGroup("duration", "How long", lambda o: [o.commitment.duration], "durations"),
    FilterGroup("dbs-check", "DBS check", lambda o: [o.requirements.dbs_check], "dbs_checks"),
    FilterGroup("remote", "Remote volunteering", lambda o: _yes_no("remote", o.remote)),
    FilterGroup("wheelchair", "Wheelchair access", lambda o: [o.access.wheelchair] if o.access.wheelchair else [], "wheelchair"),
    FilterGroup("expenses", "Expenses", lambda o: _yes_no("expenses", o.support.expenses)),
    FilterGroup("suitable-for", "Suitable for", lambda o: o.suitable_for, "suitable_for"),
    FilterGroup("language", "Languages", lambda o: o.languages),
    FilterGroup("gp-approach", "Approach in general practice", lambda o: [o.gp_approach] if o.gp_approach else [], "gp_approaches"),
    FilterGroup("organisation", BY_KEY["organisations"].label, lambda o: [Term(o.organisation.slug, o.organisation.name)]),
    FilterGroup("sector", "Type of organisation", lambda o: [o.organisation.sector], "sectors"),
)


NEAR_FILTER = "near-"  # one Pagefind filter per postcode district ("near-ls9"): a near-search loads only those in reach
NEAR_HOME = ("near-home", "yes")  # remote roles, shown "From home"


def near_anchor(centre: Point | None) -> tuple[int, int]:
    """A district's anchor in hundredths of a degree ((0, 0) if it has no centre).

    Filter values are offsets from it, so they stay short ("-12 35" rather than "53.8069 -1.5204");
    /search/near/reach.json gives each district's anchor to the browser.
    """
    return (round(centre.lat * 100), round(centre.lon * 100)) if centre else (0, 0)


def near_offset(point: Point, anchor: tuple[int, int]) -> tuple[int, int]:
    """A point to 4 decimals (about 10 m) as ten-thousandths of a degree from ``anchor``."""
    return round(point.lat * 10000) - anchor[0] * 100, round(point.lon * 10000) - anchor[1] * 100


def near_filters(opportunity: Opportunity, centres: dict[str, Point]) -> list[tuple[str, str]]:
    """Where an opportunity is, as Pagefind filters: ``("near-ls9", "-12 35")`` per located place.

    One filter per district keeps a near-search's download to the districts within reach: a
    single filter of every position grew with the site (57 kB gzipped at 10,000 opportunities).
    """
    values = []
    for location in opportunity.locations:
        if location.point and location.district:
            lat, lon = near_offset(location.point, near_anchor(centres.get(location.district)))
            values.append((NEAR_FILTER + location.district.lower(), f"{lat} {lon}"))
    if opportunity.remote:
        values.append(NEAR_HOME)
    return values


def opportunity_search_data(opportunity: Opportunity, centres: dict[str, Point]) -> dict:
    """Filters, sort keys and meta for one open opportunity page (see partials/search_data.html).

    The card texts (where, time, closing) are the model's wording, so a search
    result reads exactly like the same opportunity in a list. ``centres``: postcode
    districts' centres, the anchors of the near filters.
    """
    filters = sorted({(group.name, term.key) for group in FILTER_GROUPS for term in group.values(opportunity)} | set(near_filters(opportunity, centres)))
    sort = {"posted": opportunity.posted.isoformat(), "closes": opportunity.closes.isoformat() if opportunity.closes else NO_CLOSING_DATE}
    meta = {
        "title": opportunity.title,
        "organisation": opportunity.organisation.name,
        "summary": opportunity.summary,
        "where": where_summary(opportunity),
        "time": commitment_summary(opportunity),
        "closes": closing_summary(opportunity),
        "areas": ", ".join(term.label for term in opportunity.areas),
        "url": opportunity.url,
        "slug": opportunity.slug,
        # Printed with each result (a handout needs the check and how to apply, spelled out).
        "dbs": dbs_summary(opportunity) or "No DBS check needed",
        "apply_phone": opportunity.apply.phone or "",
        "apply_email": opportunity.apply.email or "",
        "apply_url": opportunity.apply.url or "",
        # The sort values again, for the search page to merge sorted results of several index shards.
        **{f"sort_{name}": value for name, value in sort.items()},
    }
    # Words people search for that the page shows only in its facts list (left out of the
    # index): activity and setting names, so "befriending" finds every befriending role.
    words = [term.label for term in (*opportunity.activities, *opportunity.settings)] + [EVERY_PAGE_WORD]
    return {"filters": filters, "sort": sort, "meta": meta, "words": " ".join(words)}


def filter_labels(site: Site) -> list[dict]:
    """Every filter value used by an open opportunity: [key, label, open opportunities], in display order.

    The counts are what /search/ shows before anything is typed or ticked, so an empty
    search page asks Pagefind for nothing (a search without a word loads the whole index).
    """
    groups = []
    for group in FILTER_GROUPS:
        labels: dict[str, str] = {}
        counts: dict[str, int] = {}
        for opportunity in site.open_opportunities:
            for term in {term.key: term for term in group.values(opportunity)}.values():
                labels.setdefault(term.key, term.label)
                counts[term.key] = counts.get(term.key, 0) + 1
        if group.vocabulary:
            order = {key: index for index, key in enumerate(site.vocabularies.keys(group.vocabulary))}
            keys = sorted(labels, key=lambda key: (order.get(key, len(order)), key))
        else:
            keys = sorted(labels, key=lambda key: (labels[key].casefold(), key))
        groups.append({"name": group.name, "legend": group.legend, "values": [[key, labels[key], counts[key]] for key in keys]})
    return groups
