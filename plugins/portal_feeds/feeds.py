"""Atom 1.0, RSS 2.0 (feedgenerator, Pelican's own library) and JSON Feed 1.1 for one selection.

Dates come from the content (``posted``), never the clock, so the same content
gives the same bytes; an empty feed is dated with the build time.
"""

from __future__ import annotations

import io
import json

import feedgenerator
from markupsafe import escape

from .links import SiteLinks, facet_keys, long_date

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class _DatedFromContent:
    """feedgenerator falls back to the wall clock for an empty feed; we fall back to the build time."""

    def latest_post_date(self):
        dates = [item["updateddate"] or item["pubdate"] for item in self.items]
        return max(dates) if dates else self.feed["build_time"]


class AtomFeed(_DatedFromContent, feedgenerator.Atom1Feed):
    pass


class RssFeed(_DatedFromContent, feedgenerator.Rss201rev2Feed):
    pass


def item_content_html(opportunity, links: SiteLinks) -> str:
    """The rendered (already sanitised) description, then the facts a reader needs in a feed reader."""
    closes = f"Closing date: {long_date(opportunity.closes)}" if opportunity.closes else "No closing date"
    areas = ", ".join(term.label for term in opportunity.areas)
    url = links.absolute(opportunity.url)
    return (
        f"{opportunity.description_html}\n"
        f"<p><strong>{escape(closes)}</strong></p>\n"
        f"<p>Organisation: {escape(opportunity.organisation.name)}. Areas: {escape(areas)}.</p>\n"
        f'<p><a href="{escape(url)}">Find out more and apply</a></p>'
    )


def item_categories(opportunity) -> list[str]:
    return [term.label for term in (*opportunity.activities, *opportunity.areas)]


def _syndication_feed(feed_class, selection, path: str, site, links: SiteLinks, settings: dict):
    feed = feed_class(
        title=f"{selection.heading} – {settings['SITENAME']}",
        link=links.absolute(selection.page_url),
        description=f"Open volunteering opportunities from {settings['SITENAME']}.",
        language=settings.get("DEFAULT_LANG", "en-GB"),
        feed_url=links.absolute(path),
        feed_guid=links.absolute(path),
        author_name=settings["SITENAME"],
        author_link=links.absolute(""),
        build_time=site.build_time,
    )
    for opportunity in selection.opportunities:
        url = links.absolute(opportunity.url)
        content = item_content_html(opportunity, links)
        posted = links.midnight(opportunity.posted)
        feed.add_item(
            title=opportunity.title,
            link=url,
            unique_id=url,
            unique_id_is_permalink=True,
            # Atom writes this as <summary type="html">, so the plain-text summary is escaped;
            # RSS has one description, so it gets the whole text.
            description=str(escape(opportunity.summary)) if feed_class is AtomFeed else content,
            content=content,
            author_name=opportunity.organisation.name,
            author_link=links.absolute(opportunity.organisation.url),
            pubdate=posted,
            updateddate=posted,
            categories=item_categories(opportunity),
        )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return (out.getvalue() + "\n").encode("utf-8")


def atom_feed(selection, path, site, links, settings) -> bytes:
    return _syndication_feed(AtomFeed, selection, path, site, links, settings)


def rss_feed(selection, path, site, links, settings) -> bytes:
    return _syndication_feed(RssFeed, selection, path, site, links, settings)


def json_feed(selection, path: str, site, links: SiteLinks, settings: dict) -> bytes:
    items = []
    for opportunity in selection.opportunities:
        url = links.absolute(opportunity.url)
        posted = links.midnight(opportunity.posted).isoformat()
        items.append({
            "id": url,
            "url": url,
            "title": opportunity.title,
            "summary": opportunity.summary,
            "content_html": item_content_html(opportunity, links),
            "date_published": posted,
            "date_modified": posted,
            "authors": [{"name": opportunity.organisation.name, "url": links.absolute(opportunity.organisation.url)}],
            "tags": item_categories(opportunity),
            "_volunteering": {
                "about": links.absolute("partners/"),
                "organisation": opportunity.organisation.slug,
                "closes": opportunity.closes.isoformat() if opportunity.closes else None,
                **facet_keys(opportunity),
            },
        })
    document = {
        "version": JSON_FEED_VERSION,
        "title": f"{selection.heading} – {settings['SITENAME']}",
        "home_page_url": links.absolute(selection.page_url),
        "feed_url": links.absolute(path),
        "description": f"Open volunteering opportunities from {settings['SITENAME']}.",
        "language": settings.get("DEFAULT_LANG", "en-GB"),
        "authors": [{"name": settings["SITENAME"], "url": links.absolute("")}],
        "items": items,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def feed_files(selection, site, links: SiteLinks, settings: dict) -> dict[str, bytes]:
    """The three feeds of one selection, by output path."""
    stem = f"feeds/{selection.name}"
    return {
        f"{stem}.atom.xml": atom_feed(selection, f"{stem}.atom.xml", site, links, settings),
        f"{stem}.rss.xml": rss_feed(selection, f"{stem}.rss.xml", site, links, settings),
        f"{stem}.json": json_feed(selection, f"{stem}.json", site, links, settings),
    }
