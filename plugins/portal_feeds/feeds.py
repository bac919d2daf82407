"""Atom 1.0, RSS 2.0 (feedgenerator, Pelican's own library) and JSON Feed 1.1 for one selection.

Dates come from the content (``posted``), never the clock, so the same content
gives the same bytes; an empty feed is dated with the build time.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime

import feedgenerator
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator
from markupsafe import escape
from portal_content.facets import facet_keys
from portal_content.links import SiteLinks
from portal_content.wording import long_date

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class _DatedFromContent:
    """feedgenerator falls back to the wall clock for an empty feed; we fall back to the build time."""

    def latest_post_date(self):
        dates = [item["updateddate"] or item["pubdate"] for item in self.items]
        return max(dates) if dates else self.feed["build_time"]


class _EntriesWrittenOnce:
    """An opportunity sits in five or more feeds (all, its organisation, areas, activities,
    settings), and writing its XML was most of the feeds' time: each entry is serialised once per
    format and the same text reused. ``entry_cache`` maps an item's id to its XML."""

    entry_element: str
    entry_cache: dict[str, str]

    def write_items(self, handler):
        for item in self.items:
            xml = self.entry_cache.get(item["unique_id"])
            if xml is None:
                out = io.StringIO()
                entry = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
                entry.startElement(self.entry_element, self.item_attributes(item))
                self.add_item_elements(entry, item)
                entry.endElement(self.entry_element)
                xml = self.entry_cache[item["unique_id"]] = out.getvalue()
            # Written as it is: the text was escaped when it was serialised above.
            handler.ignorableWhitespace(xml)


class AtomFeed(_DatedFromContent, _EntriesWrittenOnce, feedgenerator.Atom1Feed):
    entry_element = "entry"


class RssFeed(_DatedFromContent, _EntriesWrittenOnce, feedgenerator.Rss201rev2Feed):
    entry_element = "item"


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


@dataclass
class FeedItem:
    """What every feed says about one opportunity, worked out once however many lists it is in."""

    opportunity: object
    url: str
    author_url: str
    content_html: str
    posted: datetime
    categories: list[str]
    json_item: dict


def entry_caches() -> dict[type, dict[str, str]]:
    """One cache of serialised entries per format, shared by every feed of one build."""
    return {AtomFeed: {}, RssFeed: {}}


def feed_items(opportunities, links: SiteLinks) -> dict[str, FeedItem]:
    items = {}
    for opportunity in opportunities:
        url = links.absolute(opportunity.url)
        posted = links.midnight(opportunity.posted)
        content = item_content_html(opportunity, links)
        categories = [term.label for term in (*opportunity.activities, *opportunity.areas)]
        keys = facet_keys(opportunity)
        author_url = links.absolute(opportunity.organisation.url)
        items[opportunity.slug] = FeedItem(opportunity, url, author_url, content, posted, categories, {
            "id": url,
            "url": url,
            "title": opportunity.title,
            "summary": opportunity.summary,
            "content_html": content,
            "date_published": posted.isoformat(),
            "date_modified": posted.isoformat(),
            "authors": [{"name": opportunity.organisation.name, "url": author_url}],
            "tags": categories,
            "_volunteering": {
                "about": links.absolute("partners/"),
                "organisation": opportunity.organisation.slug,
                "closes": opportunity.closes.isoformat() if opportunity.closes else None,
                "areas": keys["areas"],
                "activities": keys["activities"],
                "settings": keys["settings"],
            },
        })
    return items


def _syndication_feed(feed_class, selection, path: str, items: dict[str, FeedItem], caches, site, links: SiteLinks, settings: dict) -> bytes:
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
    feed.entry_cache = caches[feed_class]
    for opportunity in selection.opportunities:
        item = items[opportunity.slug]
        feed.add_item(
            title=opportunity.title,
            link=item.url,
            unique_id=item.url,
            unique_id_is_permalink=True,
            # Atom writes this as <summary type="html">, so the plain-text summary is escaped;
            # RSS has one description, so it gets the whole text.
            description=str(escape(opportunity.summary)) if feed_class is AtomFeed else item.content_html,
            content=item.content_html,
            author_name=opportunity.organisation.name,
            author_link=item.author_url,
            pubdate=item.posted,
            updateddate=item.posted,
            categories=item.categories,
        )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return (out.getvalue() + "\n").encode("utf-8")


def json_feed(selection, path: str, items: dict[str, FeedItem], links: SiteLinks, settings: dict) -> bytes:
    document = {
        "version": JSON_FEED_VERSION,
        "title": f"{selection.heading} – {settings['SITENAME']}",
        "home_page_url": links.absolute(selection.page_url),
        "feed_url": links.absolute(path),
        "description": f"Open volunteering opportunities from {settings['SITENAME']}.",
        "language": settings.get("DEFAULT_LANG", "en-GB"),
        "authors": [{"name": settings["SITENAME"], "url": links.absolute("")}],
        "items": [items[opportunity.slug].json_item for opportunity in selection.opportunities],
    }
    # Compact: without indent json uses its fast C encoder, which matters for thousands of items.
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def feed_paths(selection) -> list[str]:
    """Where one selection's Atom, RSS and JSON feeds go."""
    stem = f"feeds/{selection.name}"
    return [f"{stem}.atom.xml", f"{stem}.rss.xml", f"{stem}.json"]


def feed_files(selection, items: dict[str, FeedItem], caches, site, links: SiteLinks, settings: dict) -> dict[str, bytes]:
    """The three feeds of one selection, by output path; ``caches`` from :func:`entry_caches`."""
    atom, rss, json_path = feed_paths(selection)
    return {
        atom: _syndication_feed(AtomFeed, selection, atom, items, caches, site, links, settings),
        rss: _syndication_feed(RssFeed, selection, rss, items, caches, site, links, settings),
        json_path: json_feed(selection, json_path, items, links, settings),
    }
