"""The example content's model, loaded the way the build loads it, to compute expectations."""

from __future__ import annotations

import os
from unittest import mock

from conftest import ROOT, TEST_EPOCH
from portal_content.loader import load_content

import pelicanconf

SITEURL = pelicanconf.SITEURL


def settings_dict() -> dict:
    return {name: getattr(pelicanconf, name) for name in dir(pelicanconf) if name.isupper()}


def load_example_model():
    """The Site model for ``content/`` on the tests' build date."""
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": TEST_EPOCH}):
        result = load_content(ROOT / "content", settings_dict())
    assert result.site is not None, [str(problem) for problem in result.errors]
    return result.site
