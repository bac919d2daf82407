"""The site's main navigation as data: what the header links to and which link is current.

Templates print these items; which plugins add a link (search) and when a link is
"current" (its page, or a page below it) are decided here, once, not in Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str  # from the site root, like "opportunities/"
    sections: bool = True  # pages below it (opportunities/<slug>/) count as inside it

    def current(self, page_url: str) -> str | None:
        """``aria-current``: 'page' on its own page, 'true' on a page below it, None elsewhere."""
        if page_url == self.path:
            return "page"
        if page_url and self.sections and page_url.startswith(self.path):
            return "true"
        return None


def main_navigation(plugins: list[str]) -> list[NavItem]:
    items = [NavItem("Find opportunities", "opportunities/"), NavItem("Organisations", "organisations/"), NavItem("Volunteer Principles", "principles/")]
    if "portal_search" in plugins:
        items.append(NavItem("Search", "search/", sections=False))
    return items
