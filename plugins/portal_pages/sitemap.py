"""sitemap.xml from what the build wrote, as the writer reports it: every plugin's pages are in it.

Pelican sends ``content_written`` with each page's own template variables, so
the sitemap needs no second look at the HTML: a page is listed unless it was
written with ``noindex`` (closed opportunities, the 404 page, the widget's
frame, the stats report), and an opportunity's ``lastmod`` is its ``posted``
date from the model, never the clock. Only folder pages (``.../index.html``)
have addresses of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape


@dataclass
class Sitemap:
    """The pages of one build, collected while they are written."""

    pages: list[tuple[str, str | None]] = field(default_factory=list)  # (output file path, lastmod)

    def written(self, path: str, context: dict) -> None:
        if Path(path).name != "index.html" or context.get("noindex"):
            return
        opportunity = context.get("opportunity")
        lastmod = opportunity.posted.isoformat() if opportunity is not None and context.get("page_url") == opportunity.url else None
        self.pages.append((path, lastmod))

    def entries(self, output: Path, site_url: str) -> list[tuple[str, str | None]]:
        found = {}
        for path, lastmod in self.pages:
            folder = Path(path).parent.resolve().relative_to(output.resolve()).as_posix()
            found[f"{site_url}/" if folder == "." else f"{site_url}/{folder}/"] = lastmod
        return sorted(found.items())

    def write(self, output_path: str, site_url: str) -> None:
        output = Path(output_path)
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for url, lastmod in self.entries(output, site_url.rstrip("/")):
            lastmod_tag = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
            lines.append(f"  <url><loc>{escape(url)}</loc>{lastmod_tag}</url>")
        lines.append("</urlset>")
        (output / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
