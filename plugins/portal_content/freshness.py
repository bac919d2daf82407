"""``python -m portal_content.freshness``: listings that need their organisation's attention.

Lists open opportunities past their ``review_by`` date or closing in the next
14 days (from the build date: ``SOURCE_DATE_EPOCH`` when set), grouped by
organisation with its contact. ``--json`` gives the same for the nightly job,
with a ready-made reminder issue title and body per organisation.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

from .__main__ import read_site_settings
from .environment import run_command
from .links import SiteLinks
from .loader import load_content

DAYS_AHEAD = 14


def form_links(links: SiteLinks | None, slug: str) -> dict:
    """The /submit/ form's edit and one-click "still recruiting" addresses for a listing."""
    if links is None or not links.base:
        return {}
    return {"edit_url": links.absolute(f"submit/?edit={slug}"), "confirm_url": links.absolute(f"submit/?edit={slug}&confirm=1")}


def stale_listings(site, days: int = DAYS_AHEAD, links: SiteLinks | None = None) -> list[dict]:
    """One entry per organisation with listings to check, by organisation name."""
    today = site.build_date
    horizon = today + timedelta(days=days)
    groups = []
    for organisation in site.organisations:
        listings = []
        for opportunity in sorted(organisation.open_opportunities, key=lambda opp: opp.slug):
            reasons = []
            if opportunity.review_by < today:
                reasons.append({"kind": "review-overdue", "date": opportunity.review_by.isoformat(), "text": f"was due for review on {opportunity.review_by}"})
            if opportunity.closes is not None and opportunity.closes <= horizon:
                reasons.append({"kind": "closing-soon", "date": opportunity.closes.isoformat(), "text": f"closes on {opportunity.closes}"})
            if reasons:
                listings.append({
                    "slug": opportunity.slug, "title": opportunity.title, "source": opportunity.source, "url": opportunity.url,
                    "reasons": reasons, **form_links(links, opportunity.slug),
                })
        if listings:
            groups.append({
                "organisation": organisation.slug,
                "name": organisation.name,
                "contact": {"email": organisation.contact_email, "phone": organisation.contact_phone},
                "opportunities": listings,
                "issue_title": f"Listings to check: {organisation.name}",
                "issue_body": issue_body(organisation.name, listings, days),
            })
    return groups


def issue_body(name: str, listings: list[dict], days: int) -> str:
    def entry(item: dict) -> str:
        line = f"- **{item['title']}** (`{item['source']}`): {' and '.join(reason['text'] for reason in item['reasons'])}"
        if item.get("edit_url"):
            line += f"\n  [Still recruiting: confirm it in one click]({item['confirm_url']}) · [Change it]({item['edit_url']})"
        return line

    lines = [
        f"Some listings from {name} need a check.",
        "",
        *[entry(item) for item in listings],
        "",
        "To confirm a listing is still right, use its **Still recruiting** link (or set `review_by` to a new date in its file).",
        "To keep it open longer, change or remove `closes` with its **Change it** link. To close it, leave it as it is.",
        f"This issue is updated every night. It lists listings past their review date or closing in the next {days} days.",
    ]
    return "\n".join(lines)


def as_text(groups: list[dict], build_date, days: int) -> str:
    if not groups:
        return f"Nothing to check on {build_date}: no open listing is past its review date or closing in the next {days} days."
    lines = [f"Listings to check on {build_date} (past review_by, or closing in the next {days} days):"]
    for group in groups:
        contact = ", ".join(value for value in (group["contact"]["email"], group["contact"]["phone"]) if value) or "no contact given"
        lines += ["", f"{group['name']} ({group['organisation']}): {contact}"]
        for item in group["opportunities"]:
            lines.append(f"  - {item['source']}: {item['title']}: {' and '.join(reason['text'] for reason in item['reasons'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal_content.freshness", description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", default="content", help="content folder (default: content)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument("--json", action="store_true", help="print JSON for scheduled jobs")
    parser.add_argument("--days", type=int, default=DAYS_AHEAD, help=f"how far ahead to look for closing dates (default: {DAYS_AHEAD})")
    args = parser.parse_args(argv)

    settings = read_site_settings(args.settings if Path(args.settings).is_file() else None)
    result = load_content(args.content, settings)
    if result.errors:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        print("Fix the content first (see the problems above), then run this again.", file=sys.stderr)
        return 1
    site = result.site
    groups = stale_listings(site, args.days, SiteLinks.from_settings(settings) if settings.get("SITEURL") else None)
    if args.json:
        print(json.dumps({"build_date": site.build_date.isoformat(), "days": args.days, "organisations": groups}, ensure_ascii=False, indent=2))
    else:
        print(as_text(groups, site.build_date, args.days))
    return 0


if __name__ == "__main__":
    sys.exit(run_command(main))
