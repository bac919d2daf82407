"""Data for the partner widget: one small script per selection, loaded with a <script> element.

A partner's site may send no CORS headers, so the widget cannot fetch() JSON
from here. Each data file calls one fixed global callback instead (JSONP
style). The JSON is escaped so no content can end the script or the string.
"""

from __future__ import annotations

import json

from portal_content.facets import facet_keys
from portal_content.links import SiteLinks
from portal_content.markup import script_safe
from portal_content.wording import long_date

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
        # Where it is, for data-near: [latitude, longitude] of each located place.
        "points": [[round(location.point.lat, 4), round(location.point.lon, 4)] for location in opportunity.locations if location.point],
    }


def near_data(site) -> dict:
    """Postcode district centres for data-near (a district like LS9, or a whole postcode's district)."""
    districts = site.geography.districts if site.geography else {}
    return {"name": "near", "districts": {name: [round(point.lat, 4), round(point.lon, 4)] for name, point in sorted(districts.items())}}


def widget_data_files(selections, open_opportunities, links: SiteLinks, site=None) -> dict[str, bytes]:
    files = {}
    if site is not None:
        files["embed/data/near.js"] = f"{CALLBACK}({script_safe_json(near_data(site))});\n".encode("ascii")
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
