"""Settings for publishing: the example site's real address.

Used by the deploy workflow: ``pelican content -s publishconf.py``.
Set SITEURL to where your portal is published.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("PORTAL_SITEURL") or "https://volunteer.example.org.uk"
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
