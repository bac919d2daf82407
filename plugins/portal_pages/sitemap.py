"""sitemap.xml from what was actually written, so every plugin's pages are in it.

Runs after all writing: every ``index.html`` whose ``<head>`` does not ask for
``noindex`` is listed. ``lastmod`` comes only from the page's own data (its
``article:modified_time`` or ``article:published_time`` meta), never the clock.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape


class _HeadReader(HTMLParser):
    """Reads the ``<head>`` only: robots and date meta tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.noindex = False
        self.dates: dict[str, str] = {}
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "body":
            self.done = True
            return
        if tag != "meta":
            return
        values = {name: (value or "") for name, value in attrs}
        if values.get("name", "").lower() == "robots" and "noindex" in values.get("content", "").lower():
            self.noindex = True
        if values.get("property") in ("article:modified_time", "article:published_time"):
            self.dates[values["property"]] = values.get("content", "")[:10]

    def handle_endtag(self, tag):
        if tag == "head":
            self.done = True


META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)


def _read_head(path: Path) -> _HeadReader:
    """Parse only the head's robots and article date ``<meta>`` tags: at thousands of pages,
    parsing whole heads (JSON-LD and all), then all a dozen meta tags, was most of the sitemap's time."""
    reader = _HeadReader()
    text = path.read_text(encoding="utf-8", errors="replace")
    end = text.find("</head>")
    tags = META_TAG.findall(text if end < 0 else text[:end])
    reader.feed("".join(tag for tag in tags if "robots" in tag.lower() or "article:" in tag))
    return reader


def sitemap_entries(output: Path, site_url: str) -> list[tuple[str, str | None]]:
    entries = []
    for folder, subfolders, files in os.walk(output):
        subfolders.sort()
        if "index.html" not in files:
            continue
        path = Path(folder) / "index.html"
        head = _read_head(path)
        if head.noindex:
            continue
        relative = Path(folder).relative_to(output).as_posix()
        url = f"{site_url}/" if relative == "." else f"{site_url}/{relative}/"
        lastmod = head.dates.get("article:modified_time") or head.dates.get("article:published_time")
        entries.append((url, lastmod or None))
    return sorted(entries)


def write_sitemap(output_path: str, site_url: str) -> None:
    output = Path(output_path)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, lastmod in sitemap_entries(output, site_url.rstrip("/")):
        lastmod_tag = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{lastmod_tag}</url>")
    lines.append("</urlset>")
    (output / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
