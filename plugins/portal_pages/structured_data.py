"""schema.org JSON-LD for opportunity pages, so search engines list them as volunteer roles."""

from __future__ import annotations

import json

from markupsafe import Markup
from portal_content.markup import script_safe


def script_json(data) -> Markup:
    """JSON safe to place inside ``<script type="application/ld+json">``: no ``</script>`` break-out."""
    return Markup(script_safe(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)))


def job_posting_json(opportunity, site_url: str, region: str) -> Markup:
    """The Jinja filter opportunity pages use: ``{{ opportunity | job_posting_json(SITE_ABSOLUTE_URL, PORTAL_REGION) }}``."""
    return script_json(job_posting(opportunity, site_url, region))


def job_posting(opportunity, site_url: str, region: str, country: str = "GB") -> dict:
    """A ``JobPosting`` with ``employmentType`` VOLUNTEER, as the content contract promises."""
    organisation = opportunity.organisation
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": opportunity.title,
        "description": opportunity.description_html,
        "datePosted": opportunity.posted.isoformat(),
        "employmentType": "VOLUNTEER",
        "hiringOrganization": {"@type": "Organization", "name": organisation.name, "sameAs": organisation.website},
        "directApply": False,
        "url": f"{site_url}/{opportunity.url}",
    }
    if opportunity.closes:
        posting["validThrough"] = opportunity.closes.isoformat()
    if opportunity.locations:
        posting["jobLocation"] = [_place(location, country) for location in opportunity.locations]
    if opportunity.remote and not opportunity.locations:
        # Google reads TELECOMMUTE as "fully remote": a role with places to go is not.
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = {"@type": "AdministrativeArea", "name": region}
    return posting


def _place(location, country: str) -> dict:
    address = {"@type": "PostalAddress", "addressRegion": location.area.label, "addressCountry": country}
    if location.address:
        address["streetAddress"] = location.address
    if location.postcode:
        address["postalCode"] = location.postcode
    if location.locality:
        address["addressLocality"] = location.locality
    place = {"@type": "Place", "name": location.name, "address": address}
    if location.point:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": round(location.point.lat, 5), "longitude": round(location.point.lon, 5)}
    return place
