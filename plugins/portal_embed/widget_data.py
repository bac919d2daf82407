"""Data for the partner widget: one small script per selection, loaded with a <script> element.

A partner's site may send no CORS headers, so the widget cannot fetch() JSON
from here. Each data file calls one fixed global callback instead (JSONP
style). The JSON is escaped so no content can end the script or the string.
"""

from __future__ import annotations

import json

from portal_content.links import SiteLinks, facet_keys, long_date
from portal_content.markup import script_safe

CALLBACK = "volunteerPortalWidgetData"
def script_safe_json(value) -> str:
    """ASCII-only JSON (so U+2028/U+2029 are escaped too), safe inside a script."""
    return script_safe(json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":")))


def widget_item(opportunity, links: SiteLinks) -> dict:
    return {
        "title": opportunity.title,
        "url": links.absolute(opportunity.url),
        "organisation": opportunity.organisation.name,
        "summary": opportunity.summary,
        "areas": [term.label for term in opportunity.areas],
        "closes": long_date(opportunity.closes) if opportunity.closes else None,
        # Keys for combining filters in the browser (data-area plus data-activity, say).
        "keys": facet_keys(opportunity),
    }


def widget_data_files(selections, open_opportunities, links: SiteLinks) -> dict[str, bytes]:
    files = {}
    items = {opportunity.slug: widget_item(opportunity, links) for opportunity in open_opportunities}
    for selection in selections:
        payload = {
            "name": selection.name,
            "heading": selection.heading,
            "more": links.absolute(selection.page_url),
            "items": [items[opportunity.slug] for opportunity in selection.opportunities],
        }
        files[f"embed/data/{selection.name}.js"] = f"{CALLBACK}({script_safe_json(payload)});\n".encode("ascii")
    return files
