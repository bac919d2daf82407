"""The public pages of the example site: content and links per page type, parsed as HTML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from helpers_pages import main_links, page
from helpers_pages_model import SITEURL
from helpers_yaml_model import read_site
from portal_pages.pagination import PER_PAGE

# The browse facets: URL folder and how an opportunity's terms are read.
FACETS = {"areas": lambda item: item.areas, "activities": lambda item: item.activities, "settings": lambda item: item.settings}


@pytest.fixture(scope="module")
def model():
    """Expected values from the content files themselves (helpers_yaml_model), not from the build's loader."""
    return read_site()


def card_links(document) -> list[str]:
    """The opportunity URL paths of the cards in a list, in order."""
    return [link.one("a").link() for link in document.one("main").find_all("li", class_="card")]


def list_pages(site, base: str) -> list:
    """Every page of a paginated list, following the rel=next links."""
    pages, url = [], base
    while url:
        document = page(site, url)
        pages.append(document)
        following = document.find("a", rel="next")
        url = following.link() if following else None
        assert len(pages) < 1000, "pagination loops"
    return pages


def test_example_content_has_enough_to_test(model):
    """The assertions below need pagination, closed roles and remote roles in the example content."""
    assert len(model.open_opportunities) > PER_PAGE
    assert any(not opportunity.is_open for opportunity in model.opportunities)
    assert any(opportunity.remote for opportunity in model.open_opportunities)


def test_every_page_has_title_description_canonical_and_one_h1(example_site):
    for path in sorted(example_site.rglob("*.html")):
        if path.relative_to(example_site).parts[0] in {"pagefind", "embed"}:
            continue
        document = page(example_site, "/" + path.relative_to(example_site).as_posix())
        head = document.one("head")
        title = head.one("title").text
        assert title and "–" in title or path.name == "index.html" and path.parent == example_site, path
        assert head.one("meta", name="description").get("content").strip(), path
        assert len(document.one("main").find_all("h1")) == 1, path
        if path.name == "404.html":
            assert head.find("link", rel="canonical") is None
        else:
            canonical = head.one("link", rel="canonical").get("href")
            assert canonical == f"{SITEURL}/{path.parent.relative_to(example_site).as_posix()}/".replace("/./", "/"), path
            assert head.one("meta", property="og:url").get("content") == canonical
        assert head.one("meta", property="og:title").get("content") == title
        # A large branded picture for shared links (portal_share draws og-image.png at build time).
        assert head.one("meta", name="twitter:card").get("content") == "summary_large_image"
        assert head.one("meta", property="og:image").get("content") == f"{SITEURL}/og-image.png"
        assert head.one("meta", property="og:image:alt").get("content")


def test_layout_skip_link_is_first_and_nav_links_work(example_site):
    document = page(example_site, "/")
    body = document.one("body")
    first_link = body.find("a")
    assert first_link.get("href") == "#main-content" and "Skip to main content" in first_link.text
    assert document.one("main").get("id") == "main-content"
    nav = document.one("nav", aria_label="Main")
    labels = [anchor.text for anchor in nav.find_all("a")]
    assert labels[:3] == ["Find opportunities", "Organisations", "Volunteer Principles"]
    stylesheet = document.one("link", rel="stylesheet").get("href")
    assert stylesheet == "./theme/css/site.css", "relative, so the site works on any host and sub-path"
    scripts = [script.get("src") for script in document.find_all("script", src=True)]
    assert scripts == ["./theme/js/shortlist/buttons.js"], "only the shortlist buttons' small module on the home page"


def test_home_page_lists_newest_open_opportunities_and_facets_with_counts(example_site, model):
    document = page(example_site, "/")
    assert document.one("title").text == pelicanconf_sitename()
    newest = [f"/{opportunity.url}" for opportunity in model.open_opportunities[:6]]
    assert card_links(document) == newest
    main = document.one("main")
    for facet, terms_of in FACETS.items():
        counted = [item for item in main.find_all("li", class_="facet-list__item") if f"/{facet}/" in item.one("a").get("href")]
        assert counted, facet
        for item in counted:
            key = item.one("a").link().split("/")[2]
            expected = sum(1 for opportunity in model.open_opportunities if key in [term.key for term in terms_of(opportunity)])
            assert item.one("span", class_="facet-list__count").text.startswith(f"{expected} open"), (facet, key)
    principle_links = [href for href in main_links(document) if href.startswith("/principles/")]
    assert f"/{model.principles[0].url}" in principle_links if model.principles else "/principles/" in principle_links


def pelicanconf_sitename() -> str:
    import pelicanconf

    return pelicanconf.SITENAME


def test_opportunities_list_is_paginated_twenty_a_page_newest_first(example_site, model):
    pages = list_pages(example_site, "/opportunities/")
    expected = [f"/{opportunity.url}" for opportunity in model.open_opportunities]
    assert len(pages) == -(-len(expected) // PER_PAGE) >= 2
    listed = []
    for number, document in enumerate(pages, start=1):
        links = card_links(document)
        assert len(links) == (PER_PAGE if number < len(pages) else len(expected) - PER_PAGE * (len(pages) - 1))
        listed.extend(links)
        canonical = document.one("link", rel="canonical").get("href")
        assert canonical == f"{SITEURL}/opportunities/" + ("" if number == 1 else f"page/{number}/")
        current = document.one("a", aria_current="page", class_="pagination__link")
        assert current.text.endswith(str(number))
    assert listed == expected, "every open opportunity once, newest first, nothing closed"
    assert (example_site / "opportunities/page/2/index.html").is_file()
    assert not (example_site / f"opportunities/page/{len(pages) + 1}").exists()
    assert pages[1].find("a", rel="prev").link() == "/opportunities/"


def test_pagination_folders_do_not_collide_with_opportunity_pages(example_site, model):
    slugs = {opportunity.slug for opportunity in model.opportunities}
    assert "page" not in slugs
    folders = {path.name for path in (example_site / "opportunities").iterdir() if path.is_dir()}
    assert folders == slugs | {"page"}


def test_open_opportunity_page_shows_facts_apply_and_related(example_site, model):
    for opportunity in model.open_opportunities:
        document = page(example_site, f"/{opportunity.url}")
        head, main = document.one("head"), document.one("main")
        assert head.find("meta", name="robots") is None
        assert head.one("title").text == f"{opportunity.title} – {opportunity.organisation.name} – Volunteer West Yorkshire"
        assert main.one("h1").text == opportunity.title
        assert main.get("data-pagefind-body") is not None
        facts = {row.one("dt").text: row.one("dd").text for row in main.find_all("div", class_="summary-list__row")}
        assert facts["Organisation"] == opportunity.organisation.name
        assert facts["Area"] == ", ".join(term.label for term in opportunity.areas)
        assert facts["Time needed"].startswith(opportunity.commitment.duration.label.lower()) or opportunity.commitment.duration.label.lower() in facts["Time needed"]
        dbs = opportunity.requirements.dbs_check
        if dbs.key == "none":
            assert "Criminal record check" not in facts
        else:
            # The level, then a link to the help page on DBS checks.
            assert facts["Criminal record check"] == f"{dbs.label} needed. What a DBS check is, who pays and how long it takes"
        apply = main.one("section", class_="apply")
        hrefs = [anchor.get("href") for anchor in apply.find_all("a")]
        if opportunity.apply.url:
            assert opportunity.apply.url in hrefs
        if opportunity.apply.email:
            assert f"mailto:{opportunity.apply.email}" in hrefs
        if opportunity.apply.phone:
            assert f"tel:{opportunity.apply.phone.replace(' ', '')}" in hrefs
        assert f"/{opportunity.organisation.url}" in main_links(document)
        related = document.find("aside", class_="related")
        if related is not None:
            for href in [anchor.link() for anchor in related.find_all("a", class_="card__link")]:
                slug = href.split("/")[2]
                other = next(item for item in model.opportunities if item.slug == slug)
                assert other.is_open and other.slug != opportunity.slug
                shared = {term.key for term in other.activities} & {term.key for term in opportunity.activities}
                shared |= {term.key for term in other.areas} & {term.key for term in opportunity.areas}
                assert shared, (opportunity.slug, slug)


def test_plain_english_commitment_on_a_known_opportunity(example_site, model):
    opportunity = next(item for item in model.open_opportunities if item.commitment.hours_per_week and item.commitment.hours_per_week.low == item.commitment.hours_per_week.high)
    document = page(example_site, f"/{opportunity.url}")
    facts = {row.one("dt").text: row.one("dd").text for row in document.one("main").find_all("div", class_="summary-list__row")}
    hours = opportunity.commitment.hours_per_week.low
    word = "hour" if hours == 1 else "hours"
    assert facts["Time needed"].startswith(f"About {hours:g} {word} a week, ")


def test_closed_opportunity_page_is_marked_noindex_without_apply(example_site, model):
    closed = [opportunity for opportunity in model.opportunities if not opportunity.is_open]
    open_urls = {f"/{item.url}" for item in model.open_opportunities}
    for opportunity in closed:
        document = page(example_site, f"/{opportunity.url}")
        head, main = document.one("head"), document.one("main")
        assert head.one("meta", name="robots").get("content") == "noindex"
        assert head.find("script", type="application/ld+json") is None
        assert main.get("data-pagefind-body") is None
        assert main.one("strong", class_="tag--closed").text == "Closed"
        assert "closed on" in main.one("div", class_="warning-text").text
        assert main.find("section", class_="apply") is None
        assert main.find("a", class_="button") is None
        hrefs = [anchor.get("href") for anchor in main.find_all("a")]
        if opportunity.apply.url:
            assert opportunity.apply.url not in hrefs
        similar = [anchor.link() for anchor in main.find_all("a", class_="card__link")]
        assert similar and set(similar) <= open_urls, "links to similar open opportunities"


def test_closed_opportunities_are_absent_from_lists_facets_organisations_and_sitemap(example_site, model):
    closed = {f"/{opportunity.url}" for opportunity in model.opportunities if not opportunity.is_open}
    assert closed
    lists = ["/", "/opportunities/"] + [f"/{facet}/{term.key}/" for facet in FACETS for term in model.vocabularies.terms(facet)]
    lists += [f"/{organisation.url}" for organisation in model.organisations]
    for url in lists:
        for document in list_pages(example_site, url):
            assert not closed & {anchor.link() for anchor in document.one("main").find_all("a", class_="card__link")}, url
    sitemap = ET.parse(example_site / "sitemap.xml").getroot()
    locations = {element.text for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert not {f"{SITEURL}{path}" for path in closed} & locations


def test_facet_pages_exist_for_every_key_and_list_matching_open_opportunities(example_site, model):
    for facet, terms_of in FACETS.items():
        index = page(example_site, f"/{facet}/")
        listed_keys = [anchor.link().split("/")[2] for anchor in index.one("main").find_all("a", class_="facet-list__link")]
        terms = model.vocabularies.terms(facet)
        assert listed_keys == [term.key for term in terms]
        for term in terms:
            expected = [f"/{item.url}" for item in model.open_opportunities if term.key in [t.key for t in terms_of(item)]]
            pages = list_pages(example_site, f"/{facet}/{term.key}/")
            assert len(pages) == max(1, -(-len(expected) // PER_PAGE))
            assert [link for document in pages for link in card_links(document)] == expected
            first = pages[0]
            assert term.label in first.one("h1").text
            assert first.one("main").get("data-pagefind-body") is None
            if not expected:
                assert "no open opportunities" in first.one("main").text


def test_organisation_pages_list_open_opportunities_contact_and_principles(example_site, model):
    index = page(example_site, "/organisations/")
    assert [anchor.link() for anchor in index.one("main").find_all("a", class_="card__link")] == [f"/{organisation.url}" for organisation in model.organisations]
    for organisation in model.organisations:
        document = page(example_site, f"/{organisation.url}")
        main = document.one("main")
        assert main.one("h1").text == organisation.name
        assert main.get("data-pagefind-body") is not None
        assert card_links(document) == [f"/{item.url}" for item in organisation.open_opportunities]
        facts = {row.one("dt").text: row.one("dd").text for row in main.find_all("div", class_="summary-list__row")}
        assert facts["Website"] == organisation.website
        if organisation.contact_email:
            assert facts["Volunteering email"] == organisation.contact_email
        if organisation.principles_adopted:
            assert facts["Volunteer Principles"].startswith("Adopted on ")
        else:
            assert facts["Volunteer Principles"] == "Not adopted yet"


def test_principles_pages_show_every_principle_and_adopters_with_dates(example_site, model):
    document = page(example_site, "/principles/")
    main = document.one("main")
    assert [heading.text for heading in main.find_all("h2", class_="heading-l") if heading.get("id") != "adopted-by"] == [principle.title for principle in model.principles]
    adopters = main.one("table").find_all("tr")[1:]
    assert [row.one("a").text for row in adopters] == [organisation.name for organisation in model.adopting_organisations]
    assert [row.one("time").get("datetime") for row in adopters] == [organisation.principles_adopted.isoformat() for organisation in model.adopting_organisations]
    for principle in model.principles:
        single = page(example_site, f"/{principle.url}").one("main")
        assert single.one("h1").text == principle.title
        assert single.get("data-pagefind-body") is not None
    assert main.get("data-pagefind-body") is None, "the combined page would duplicate each principle in search"


def test_lists_and_error_page_are_not_indexed_by_pagefind(example_site):
    for url in ["/", "/opportunities/", "/opportunities/page/2/", "/organisations/", "/areas/", "/404.html"]:
        assert page(example_site, url).one("main").get("data-pagefind-body") is None, url


def test_404_page_is_noindex_and_links_home(example_site):
    """Served for a missing page at any depth, so its links start from the site's root path, not '..'."""
    document = page(example_site, "/404.html")
    assert document.one("meta", name="robots").get("content") == "noindex"
    assert "/" in main_links(document)
    assert document.one("link", rel="stylesheet").get("href") == "/theme/css/site.css"
    assert all(element.get(name).startswith(("/", "#")) for element in document.iter() for name in ("href", "src") if element.get(name))


def test_robots_txt_points_at_the_sitemap(example_site):
    lines = (example_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_sitemap_lists_every_indexable_page_sorted_with_data_dates_only(example_site, model):
    root = ET.parse(example_site / "sitemap.xml").getroot()
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    entries = [(url.find(f"{namespace}loc").text, url.find(f"{namespace}lastmod")) for url in root]
    locations = [location for location, _ in entries]
    assert locations == sorted(locations) and len(set(locations)) == len(locations)
    expected = set()
    for path in example_site.rglob("index.html"):
        head = page(example_site, "/" + path.relative_to(example_site).as_posix()).one("head")
        robots = head.find("meta", name="robots")
        if robots is None or "noindex" not in robots.get("content"):
            folder = path.parent.relative_to(example_site).as_posix()
            expected.add(f"{SITEURL}/" if folder == "." else f"{SITEURL}/{folder}/")
    assert set(locations) == expected
    assert {f"{SITEURL}/", f"{SITEURL}/opportunities/page/2/", f"{SITEURL}/principles/"} <= set(locations)
    posted = {f"{SITEURL}/{item.url}": item.posted.isoformat() for item in model.open_opportunities}
    for location, lastmod in entries:
        if location in posted:
            assert lastmod is not None and lastmod.text == posted[location]
        else:
            assert lastmod is None, location


def test_footer_links_to_the_support_pages_in_settings_order(example_site):
    import pelicanconf

    footer = page(example_site, "/").one("footer")
    links = [anchor.link() for anchor in footer.find_all("a")]
    pages = [f"/{slug}/" for slug in pelicanconf.PORTAL_FOOTER_PAGES if (example_site / slug / "index.html").is_file()]
    assert {"/accessibility/", "/privacy/", "/about/"} <= set(pages)
    assert links[: len(pages)] == pages
    if "portal_feeds" in pelicanconf.PLUGINS:
        assert "/partners/" in links
    # one clear link for organisations, to the page that starts with the form
    organisation_links = [link for link in links if link in ("/submit/", "/contributing/", "/how-to-list-an-opportunity/")]
    assert organisation_links == ["/submit/"]
    assert [anchor.text.strip() for anchor in footer.find_all("a") if anchor.link() == "/submit/"] == ["List an opportunity"]
