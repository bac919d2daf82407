"""Pelican plugin: ``/stats/``, a report for maintainers, and ``/stats/stats.json``.

Counts open opportunities by area, activity, setting, organisation sector and
suitable-for, so the partnership can see gaps at a glance. One pass over the
open opportunities; every list is sorted so the output is reproducible.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

# Counted only here, beyond the model's browse facets: (key in the JSON and vocabulary, heading, terms).
REPORT_ONLY = (
    ("sectors", "By kind of organisation", lambda opp: [opp.organisation.sector]),
    ("suitable_for", "By who it is good for", lambda opp: opp.suitable_for),
)


def count_facets(site) -> dict:
    """Every term of each vocabulary with its number of open opportunities, most first."""
    counts = {facet.key: (facet.browse, dict((term, count) for term, count in site.facet_counts(facet.key))) for facet in site.browse_facets}
    for key, heading, terms in REPORT_ONLY:
        counter = Counter(term.key for opportunity in site.open_opportunities for term in {term.key: term for term in terms(opportunity)}.values())
        counts[key] = (heading, {term: counter[term.key] for term in site.vocabularies.terms(key)})
    facets = {}
    for key, (heading, by_term) in counts.items():
        rows = [{"key": term.key, "label": term.label, "count": count} for term, count in by_term.items()]
        rows.sort(key=lambda row: (-row["count"], row["label"].lower(), row["key"]))
        facets[key] = {"heading": heading, "terms": rows}
    return facets


class StatsGenerator(Generator):
    def generate_output(self, writer):
        site = self.context["portal"]
        facets = count_facets(site)
        data = {
            "build_date": site.build_date.isoformat(),
            "open_opportunities": len(site.open_opportunities),
            "organisations": len(site.organisations),
            "facets": {key: facet["terms"] for key, facet in facets.items()},
        }
        target = Path(self.output_path) / "stats"
        target.mkdir(parents=True, exist_ok=True)
        (target / "stats.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        writer.write_file(
            "stats/index.html",
            self.get_template("stats"),
            self.context,
            facets=facets,
            stats=data,
            page_url="stats/",
            noindex=True,
        )


def get_generators(pelican_object):
    return StatsGenerator


def register():
    signals.get_generators.connect(get_generators)
