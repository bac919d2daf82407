"""``python -m portal_content.scaffold ORG SLUG``: start a new opportunity file.

Copies ``templates/opportunity.yaml`` to ``content/opportunities/ORG/SLUG.yaml``
with the organisation and today's date filled in (``SOURCE_DATE_EPOCH`` when
set), after checking the organisation exists and the name is free. It never
overwrites a file. ``make new-opportunity ORG=… SLUG=…`` runs it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .__main__ import read_site_settings
from .environment import build_time, run_command
from .loader import SLUG_PATTERN
from .template_files import fit_to_site
from .vocabularies import Vocabularies

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE = PROJECT_ROOT / "templates" / "opportunity.yaml"


class ScaffoldError(Exception):
    """A reason not to create the file, worded for the person running the command."""


def new_opportunity(content: Path, org: str, slug: str, timezone: str = "Europe/London", template: Path = TEMPLATE, areas: list[str] | None = None) -> Path:
    """Create the file and return its path; raise ScaffoldError (nothing written) when it cannot."""
    for what, value in (("ORG", org), ("SLUG", slug)):
        if not SLUG_PATTERN.match(value or ""):
            suggestion = re.sub(r"[^a-z0-9]+", "-", (value or "").lower()).strip("-")
            hint = f" Try {what}={suggestion}" if suggestion else ""
            raise ScaffoldError(f"{what}={value!r} can only use lowercase letters, numbers and single hyphens.{hint}")
    organisations = content / "organisations"
    if not (organisations / f"{org}.yaml").is_file():
        known = sorted(path.stem for path in organisations.glob("*.yaml"))
        listing = ", ".join(known) if known else "none yet"
        raise ScaffoldError(
            f"there is no organisation file {organisations.as_posix()}/{org}.yaml. "
            f"Known organisations: {listing}. To add yours, copy templates/organisation.yaml there first"
        )
    target = content / "opportunities" / org / f"{slug}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target.as_posix()} already exists. Edit it, or choose another SLUG")
    clash = next(iter(sorted((content / "opportunities").glob(f"**/{slug}.yaml"))), None)
    if clash:
        raise ScaffoldError(f"the name '{slug}' is already used by {clash.as_posix()}. Opportunity names must be unique: choose another SLUG")

    today = build_time(timezone).date().isoformat()
    text = fit_to_site(template.read_text(encoding="utf-8"), areas or [])
    text = re.sub(r"(?m)^organisation: .*$", f"organisation: {org}", text, count=1)
    text = re.sub(r"(?m)^posted: .*$", f"posted: {today}", text, count=1)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal_content.scaffold", description=__doc__.splitlines()[0])
    parser.add_argument("org", help="the organisation's file name in content/organisations/, without .yaml")
    parser.add_argument("slug", help="the new opportunity's short name, like ward-companion")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings file, for the site's TIMEZONE")
    args = parser.parse_args(argv)
    settings = read_site_settings(args.settings if Path(args.settings).is_file() else None)
    try:
        areas = Vocabularies(settings.get("PORTAL_VOCABULARIES")).keys("areas")
        target = new_opportunity(Path(args.content), args.org, args.slug, settings.get("TIMEZONE") or "Europe/London", areas=areas)
    except ScaffoldError as error:
        print(f"Could not create the file: {error}.", file=sys.stderr)
        return 1
    print(f"Created {target.as_posix()}. Open it, change the examples to your own words, then run: make check")
    return 0


if __name__ == "__main__":
    sys.exit(run_command(main))
