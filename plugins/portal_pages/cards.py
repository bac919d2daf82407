"""Opportunity cards rendered once and reused on every page that lists them.

A card appears on the opportunity list, several facet pages, its organisation's
page and other opportunities' "similar" lists; rendering the macro each time
was a tenth of the build. The card depends only on the opportunity, the heading
level and the page's SITEURL (``..``, ``../..``: links are relative), so one
rendering per (opportunity, level, SITEURL) is exact. Cards are not kept between
builds: a rebuild takes the unchanged pages that show them from the last site
(portal_content.reuse), and renders only the few cards its other pages show.
"""

from __future__ import annotations

from markupsafe import Markup


class CardRenderer:
    """``rendered_card(opportunity, heading_level, SITEURL)`` for templates: the ``opportunity_card`` macro, memoised."""

    page_fingerprint = "cards"  # what it gives a page is decided by the opportunities the page passes it (portal_content.reuse)

    def __init__(self, env):
        self.opportunity_card = env.get_template("macros/opportunity_card.html").module.opportunity_card
        self.cards: dict[tuple[str, int, str], Markup] = {}

    def __call__(self, opportunity, heading_level: int, siteurl: str) -> Markup:
        key = (opportunity.slug, heading_level, siteurl)
        if key not in self.cards:
            self.cards[key] = self.opportunity_card(siteurl, opportunity, heading_level)
        return self.cards[key]
