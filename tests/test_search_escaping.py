"""Organisation-written text reaches the index and the result cards as text, never as markup."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT, StaticServer, run_build
from helpers_search import serve_siteurl_locally, wait_for_search

import pelicanconf

pytestmark = [pytest.mark.slow, pytest.mark.browser]

HOSTILE_TITLE = """Ward "welcome" <img src=x onerror="window.hacked=1"> & friends"""
HOSTILE_SUMMARY = """Zebrafinch </script><script>window.hacked=2</script> helpers ' " & <b>bold</b>"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    path = next(content.rglob("avth-ward-welcome-volunteer.yaml"))
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines = [
        f"title: {json.dumps(HOSTILE_TITLE)}" if line.startswith("title:") else f"summary: {json.dumps(HOSTILE_SUMMARY)}" if line.startswith("summary:") else line
        for line in lines
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(content, root / "output")
    assert result.returncode == 0, result.log
    server = StaticServer(root / "output")
    yield server, root / "output"
    server.close()


def test_hostile_text_is_shown_as_text_in_search_results(page, hostile_site):
    server, output = hostile_site
    serve_siteurl_locally(page, output, pelicanconf.SITEURL)
    page.goto(f"{server.url}/search/?q=zebrafinch")
    wait_for_search(page, 0)
    assert page.inner_text("#search-results > li:first-child h3") == HOSTILE_TITLE
    assert page.inner_text("#search-results > li:first-child .card__summary") == HOSTILE_SUMMARY
    assert page.locator("#search-results img, #search-results b, #search-results script").count() == 0
    assert page.evaluate("() => window.hacked") is None
