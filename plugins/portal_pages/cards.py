"""Opportunity cards rendered once and reused on every page that lists them.

A card appears on the opportunity list, several facet pages, its organisation's
page and other opportunities' "similar" lists; rendering the macro each time
was a tenth of the build. The card depends only on the opportunity, the heading
level and SITEURL, so one rendering per (opportunity, level) is exact.
"""

from __future__ import annotations

from markupsafe import Markup


class CardRenderer:
    """``rendered_card(opportunity, heading_level)`` for templates: the ``opportunity_card`` macro, memoised."""

    def __init__(self, env, context: dict):
        self.macro = env.get_template("macros/opportunity_card.html").make_module(context).opportunity_card
        self.cards: dict[tuple[str, int], Markup] = {}

    def __call__(self, opportunity, heading_level: int = 2) -> Markup:
        key = (opportunity.slug, heading_level)
        if key not in self.cards:
            self.cards[key] = self.macro(opportunity, heading_level)
        return self.cards[key]
