"""``python -m portal_content.issue_form``: write the GitHub issue form from the settings.

The "List an opportunity" issue form (``.github/ISSUE_TEMPLATE/list-an-opportunity.yml``)
offers the site's vocabularies, areas included, as ``Label (key)`` choices. A fork for
another region must not edit them by hand, so the form is written from a region-free
skeleton (``issue_form.yml`` beside this file) and the settings' vocabularies:
``make issue-form`` after changing ``PORTAL_VOCABULARIES``. A test checks that the
committed form is what this writes for the current settings.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from pelican.settings import get_settings_from_file

from .environment import run_command
from .vocabularies import Vocabularies

SKELETON = Path(__file__).with_name("issue_form.yml")
FORM = Path(".github") / "ISSUE_TEMPLATE" / "list-an-opportunity.yml"
HEADER = """\
# The "List an opportunity" issue form, for people who cannot use git.
# Written by `make issue-form` (python -m portal_content.issue_form) from
# plugins/portal_content/issue_form.yml and the settings' vocabularies: edit those, not this file.
"""


def issue_form(settings: dict) -> str:
    """The form's YAML: the skeleton with each ``vocabulary: name`` replaced by its ``Label (key)`` options."""
    labels = Vocabularies(settings.get("PORTAL_VOCABULARIES")).labels
    form = yaml.safe_load(SKELETON.read_text(encoding="utf-8"))
    for item in form["body"]:
        attributes = item.get("attributes", {})
        item["attributes"] = {
            ("options" if key == "vocabulary" else key): ([f"{label} ({term})" for term, label in labels[value].items()] if key == "vocabulary" else value)
            for key, value in attributes.items()
        }
    return HEADER + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal_content.issue_form", description=__doc__.splitlines()[0].split(": ", 1)[1])
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings file (default: pelicanconf.py)")
    parser.add_argument("-o", "--output", default=str(FORM), help=f"where to write the form (default: {FORM})")
    args = parser.parse_args(argv)
    if not Path(args.settings).is_file():
        parser.error(f"there is no settings file at {args.settings!r}")
    output = Path(args.output)
    text = issue_form(get_settings_from_file(args.settings))  # only its values: no content folder needed
    output.parent.mkdir(parents=True, exist_ok=True)
    changed = not output.is_file() or output.read_text(encoding="utf-8") != text
    output.write_text(text, encoding="utf-8")
    print(f"{'Wrote' if changed else 'Unchanged:'} {output}")
    return 0


if __name__ == "__main__":
    sys.exit(run_command(main))
