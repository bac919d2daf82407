"""Opportunity cards rendered once and reused on every page that lists them.

A card appears on the opportunity list, several facet pages, its organisation's
page and other opportunities' "similar" lists; rendering the macro each time
was a tenth of the build. The card depends only on the opportunity, the heading
level and the page's SITEURL (``..``, ``../..``: links are relative), so one
rendering per (opportunity, level, SITEURL) is exact. For the same reason a card is
kept in the build cache between builds, by the bytes of the opportunity's and its
organisation's files, the level, SITEURL and the build time (code, templates and
settings are the cache's key): a rebuild after one change renders only that
opportunity's cards.
"""

from __future__ import annotations

from markupsafe import Markup
from portal_content import cache


class CardRenderer:
    """``rendered_card(opportunity, heading_level, SITEURL)`` for templates: the ``opportunity_card`` macro, memoised."""

    def __init__(self, env, context: dict):
        self.template = env.get_template("macros/opportunity_card.html")
        self.context = context
        self.macros: dict[str, object] = {}
        self.cards: dict[tuple[str, int, str], Markup] = {}

    def __call__(self, opportunity, heading_level: int, siteurl: str) -> Markup:
        key = (opportunity.slug, heading_level, siteurl)
        if key not in self.cards:
            build = cache.active()
            inputs = (
                opportunity.slug, build.digests.get(f"opportunity:{opportunity.source}"),
                opportunity.organisation.slug, build.digests.get(f"organisation:{opportunity.organisation.source}"),
                heading_level, siteurl, self.context["portal"].build_time.isoformat(),
            )
            self.cards[key] = build.remember("card", repr(inputs), lambda: self._render(opportunity, heading_level, siteurl))
        return self.cards[key]

    def _render(self, opportunity, heading_level: int, siteurl: str) -> Markup:
        if siteurl not in self.macros:
            self.macros[siteurl] = self.template.make_module({**self.context, "SITEURL": siteurl}).opportunity_card
        return self.macros[siteurl](opportunity, heading_level)
