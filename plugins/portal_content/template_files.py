"""The commented template files (``templates/*.yaml``), fitted to the site's own areas.

The files in the repository are written for the example site and stay valid as
they are. People download them from ``/submit/templates/`` and the scaffold
command copies them, so the areas they name must be the site's own: the
"Areas for this site" comment lists them, and an example area the site does not
have becomes one it has. Everything else is left byte for byte.
"""

from __future__ import annotations

import re

AREA_LIST = re.compile(r"(?m)^(# Areas for this site: ).*$")
AREA_VALUE = re.compile(r"(?m)^(\s*area: )([a-z0-9-]+)$")
AREA_ITEMS = re.compile(r"(?m)^(areas:\n)((?:  - [a-z0-9-]+\n)+)")


def fit_to_site(text: str, area_keys: list[str]) -> str:
    if not area_keys:
        return text

    def item_list(match: re.Match) -> str:
        examples = re.findall(r"- (\S+)", match.group(2))
        if set(examples) <= set(area_keys):
            return match.group(0)
        return match.group(1) + "".join(f"  - {key}\n" for key in area_keys[: len(examples)])

    text = AREA_LIST.sub(lambda match: match.group(1) + ", ".join(area_keys) + ".", text)
    text = AREA_VALUE.sub(lambda match: match.group(1) + (match.group(2) if match.group(2) in area_keys else area_keys[0]), text)
    return AREA_ITEMS.sub(item_list, text)
