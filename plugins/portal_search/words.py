"""The site's own words, for "Did you mean …?" on /search/ (``search/words.json``).

Pagefind matches word beginnings, so a misspelling ("befrinding") matches nothing real.
search.js compares such a word with this list (activities, settings, areas, towns and
places, organisation names, titles, tags) and offers the nearest one. Short words are
left out: they are rarely misspelt and would make poor suggestions.
"""

from __future__ import annotations

import re
import unicodedata

from portal_content.model import Site

MIN_LENGTH = 4
WORD = re.compile(r"[^\W\d_]+")  # letters only: "Heron's" gives "heron"


def words_in(text: str) -> set[str]:
    """Lower-case words of ``text`` without accents (as typed on a phone keyboard)."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return {word for word in WORD.findall(plain) if len(word) >= MIN_LENGTH}


def site_words(site: Site) -> list[str]:
    """Sorted, unique words from what open opportunities and organisations are called and where they are."""
    texts: list[str] = []
    for facet in ("activities", "settings", "areas", "suitable_for"):
        texts.extend(term.label for term in site.vocabularies.terms(facet))
    for organisation in site.organisations:
        texts.append(organisation.name)
    for opportunity in site.open_opportunities:
        texts.append(opportunity.title)
        texts.extend(opportunity.tags)
        for location in opportunity.locations:
            texts.extend(part for part in (location.name, location.address) if part)
    found: set[str] = set()
    for text in texts:
        found |= words_in(text)
    return sorted(found)
