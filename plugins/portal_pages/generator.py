"""Writes the public pages of the URL contract from the portal model.

Reads ``context["portal"]`` (built by ``portal_content``) at output time and
renders the theme's templates; every page is a folder with ``index.html``.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from pelican.generators import Generator
from portal_content.atomic import BuildStopped
from portal_content.colours import ColourError
from portal_content.nearby import NearbyIndex, district_order, near_district_places, near_towns
from portal_content.parallel import PageBatch

from .cards import CardRenderer
from .indexes import related_opportunities
from .pagination import paginate
from .structured_data import job_posting_json
from .stylesheet import build_stylesheet, contrast_problems

logger = logging.getLogger(__name__)

HOME_NEWEST = 6
HOME_FACET_VALUES = 6
HOME_SOON = 5  # "Happening soon" on the home page: at most this many sessions ...
SOON_DAYS = 30  # ... starting in the next this many days


def site_root_path(absolute_url: str) -> str:
    """'/repo' for https://example.github.io/repo (a GitHub Pages project site), '' at a host's root."""
    return urlsplit(absolute_url).path.rstrip("/")


class PortalPagesGenerator(Generator):
    """Home, lists, opportunities, organisations, facets, principles, 404, robots.txt, site.css."""

    def generate_context(self):
        """Check the colour settings before anything is written, so a typo cannot half-build a site."""
        self.env.filters["job_posting_json"] = job_posting_json
        try:
            self.stylesheet = build_stylesheet(Path(self.theme) / "css", self.settings.get("PORTAL_COLOURS"))
        except ColourError as error:
            raise BuildStopped(f"pelicanconf: {error}.") from None
        for problem in contrast_problems(self.settings.get("PORTAL_COLOURS")):
            logger.warning(problem)

    def generate_output(self, writer):
        site = self.context["portal"]
        self.pages = PageBatch(writer, self.settings)
        self.cards = CardRenderer(self.env)
        self._write_stylesheet()
        soon_until = site.build_time + timedelta(days=SOON_DAYS)
        soon = [dated for dated in site.upcoming_sessions if dated.session.start <= soon_until][:HOME_SOON]
        self._write("home", "index.html", "", newest=site.open_opportunities[:HOME_NEWEST], facet_counts=self._counts(site), soon=soon)
        days: dict = {}
        for dated in site.upcoming_sessions:
            days.setdefault(max(dated.session.start, site.build_time).date(), []).append(dated)
        self._write("sessions", "sessions/index.html", "sessions/", days=list(days.items()))
        self._write_list("opportunity_list", "opportunities/", site.open_opportunities)
        for opportunity in site.opportunities:
            self._write(
                "opportunity",
                f"{opportunity.url}index.html",
                opportunity.url,
                opportunity=opportunity,
                related=related_opportunities(opportunity, site.open_by_facet),
                noindex=not opportunity.is_open,
                reusable=True,
            )
        self._write("organisations", "organisations/index.html", "organisations/", organisations=site.organisations)
        for organisation in site.organisations:
            self._write("organisation", f"{organisation.url}index.html", organisation.url, organisation=organisation, reusable=True)
        near = self._write_near_pages(site)
        for facet in site.browse_facets:
            counts = site.facet_counts(facet.key)
            self._write("facet_index", f"{facet.key}/index.html", f"{facet.key}/", facet=facet, counts=counts)
            for term, _ in counts:
                districts, towns = near.get(term.key, ([], [])) if facet.key == "areas" else ([], [])
                self._write_list(
                    "facet", f"{facet.key}/{term.key}/", site.open_by_facet[facet.key][term.key],
                    facet=facet, term=term, heading=facet.heading_for(term.label), near_districts=districts, near_towns=towns,
                )
        self._write("principles", "principles/index.html", "principles/", principles=site.principles)
        for principle in site.principles:
            self._write("principle", f"{principle.url}index.html", principle.url, principle=principle)
        # Served for a missing page at any depth, so relative links would break: root-absolute ones instead.
        self._write("404", "404.html", "404.html", noindex=True, relative_urls=False, SITEURL=site_root_path(self.settings["SITE_ABSOLUTE_URL"]))
        self._write_text("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {self.settings['SITE_ABSOLUTE_URL']}/sitemap.xml\n")
        self.pages.write()  # in worker processes (PORTAL_WORKERS) while the other plugins go on
        self.pages = self.cards = None  # let the memory go while feeds and the rest are made

    def _write_near_pages(self, site) -> dict[str, tuple[list[str], list]]:
        """/near/<district>/ for every district holding an open opportunity's place, and
        /near/<town>/ for the region's main towns, nearest first.

        Returns, by area key, the districts and towns its area page links to: the districts of its
        open places, and the towns whose nearest open place is in the area.
        """
        within = float(self.settings.get("PORTAL_NEAR_MILES", 10))
        limit = int(self.settings.get("PORTAL_NEAR_LIMIT", 100))
        districts: dict[str, set[str]] = {}
        for opportunity in site.open_opportunities:
            for location in opportunity.locations:
                if location.district:
                    districts.setdefault(location.area.key, set()).add(location.district)
        index = NearbyIndex(site.open_opportunities)
        nearest = max(limit, 1)  # a town's nearest opportunity says which area page links to it
        for place in near_district_places(site):
            self._write_near_list(place, *index.nearest_first(place.point, within, nearest), within, limit)
        towns: dict[str, list] = {}
        for place in near_towns(site):
            nearby, count = index.nearest_first(place.point, within, nearest)
            self._write_near_list(place, nearby, count, within, limit)
            if nearby:
                towns.setdefault(nearby[0].location.area.key, []).append(place)
        return {area: (sorted(districts.get(area, ()), key=district_order), towns.get(area, [])) for area in districts.keys() | towns.keys()}

    def _write_near_list(self, place, nearby: list, count: int, within: float, limit: int):
        """Only the ``limit`` nearest (PORTAL_NEAR_LIMIT) of the ``count`` within reach: a place in a busy city would
        otherwise list thousands, and the pages of all places together would grow faster than the opportunities."""
        self._write_list("near", f"near/{place.slug}/", nearby[:limit], place=place, within=within, within_count=count)

    @staticmethod
    def _counts(site) -> dict:
        """``{facet key: [(term, open count), ...]}`` for the home page: keys with open opportunities, busiest first,
        every area and the six busiest of the others."""
        shown = {facet.key: site.facet_counts(facet.key, busiest_first=True, open_only=True) for facet in site.browse_facets}
        return {key: pairs if key == "areas" else pairs[:HOME_FACET_VALUES] for key, pairs in shown.items()}

    def _write(self, template: str, save_as: str, url: str, relative_urls: bool | None = None, reusable: bool = False, **variables):
        """``reusable``: the template reads from the model only these variables (never ``portal``'s lists or
        counts), so a rebuild may take the page from the last site when they are unchanged (portal_content.reuse)."""
        variables.setdefault("noindex", False)
        variables.setdefault("rendered_card", self.cards)
        self.pages.add(save_as, self.get_template(template), self.context, relative_urls=relative_urls, reusable=reusable, page_url=url, **variables)

    def _write_list(self, template: str, base_url: str, opportunities: list, **variables):
        for list_page in paginate(opportunities, base_url):
            self._write(template, list_page.save_as, list_page.url, reusable=True, list_page=list_page, **variables)

    def _write_text(self, name: str, text: str):
        path = Path(self.output_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def _write_stylesheet(self):
        self._write_text("theme/css/site.css", self.stylesheet)
