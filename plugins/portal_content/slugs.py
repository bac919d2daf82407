"""The rule for short names (slugs) in file names and web addresses, in one place.

The loader checks names with :data:`SLUG_PATTERN`; the issue command and the
/submit/ form (which receives these patterns in its settings) make names from a
role's title with :func:`slugify`, so both sides always agree.
"""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_SEPARATORS = re.compile(r"[^a-z0-9]+")  # every run of other characters becomes one hyphen
SLUG_MAX_LENGTH = 60


def slugify(text: str) -> str:
    """``Café "Friends" #2`` -> ``cafe-friends-2``: accents dropped, at most 60 characters."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return SLUG_SEPARATORS.sub("-", plain).strip("-")[:SLUG_MAX_LENGTH].strip("-")
