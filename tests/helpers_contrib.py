"""Helpers for the contributor-workflow tests: fill the submit forms like a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent


def from_issue(content: Path, body: str, *extra: str) -> subprocess.CompletedProcess:
    """Run ``python -m portal_content.from_issue`` on an issue body, as the issue workflow does."""
    from conftest import TEST_EPOCH

    env = {**os.environ, "SOURCE_DATE_EPOCH": TEST_EPOCH, "PYTHONPATH": str(ROOT / "plugins")}
    command = [sys.executable, "-m", "portal_content.from_issue", "--content", str(content), "-s", str(ROOT / "pelicanconf.py"), *extra]
    return subprocess.run(command, input=body, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def copy_content(tmp_path: Path) -> Path:
    """A throwaway copy of the example content, to add files to."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def make_file(page) -> tuple[str, str]:
    """Press "Check your answers" with the keyboard; return (path, YAML text) once it is shown."""
    page.get_by_role("button", name="Check your answers").focus()
    page.keyboard.press("Enter")
    page.locator("#submit-result").wait_for(state="visible")
    return page.locator("#submit-path").inner_text(), page.locator("#submit-yaml").input_value()


def set_web_address_name(page, slug: str) -> None:
    """Open "More options" (if closed) and type the web-address name."""
    more = page.locator("#form-more")
    if more.get_attribute("open") is None:
        page.get_by_text("More options", exact=True).click()
    page.get_by_label("Web address name").fill(slug)


def fill_valid_opportunity(page, slug: str, *, title: str = "Garden helper at the health centre") -> None:
    """Fill every required field of /submit/ (and a few optional ones) through labels."""
    page.get_by_label("What is the role called?").fill(title)
    set_web_address_name(page, slug)
    page.get_by_label("Organisation", exact=False).first.select_option(label="Aire Valley Teaching Hospitals NHS Trust")
    page.get_by_label("Sum up the role in one sentence").fill("Help keep the health centre garden tidy and welcoming for patients.")
    page.get_by_label("What will volunteers do?").fill("You will weed, plant and water.\n\nNo experience needed.")
    page.get_by_label("Gardening and environment", exact=True).check()
    page.get_by_label("Outdoors", exact=True).check()
    page.get_by_label("Name of the place").fill("Example Health Centre")
    page.get_by_label("Postcode").fill("LS9 7TF")
    page.get_by_role("radio", name="Leeds", exact=True).check()
    page.get_by_label("Hours a week").fill("2.5")
    page.get_by_label("Weekends", exact=True).check()
    page.get_by_role("radio", name="Ongoing", exact=True).check()
    page.get_by_label("Youngest age").fill("16")
    page.get_by_label("Criminal record (DBS) check").select_option(label="Basic DBS check")
    page.get_by_label("Out-of-pocket expenses are paid").check()
    page.get_by_label("Web address to apply").fill("https://www.example.org.uk/apply")
    page.get_by_label("Date posted").fill("2026-11-20")
    page.get_by_label("Closing date").fill("2027-01-31")


def decode_link(href: str) -> tuple[str, dict]:
    """Split a link (create new file, new issue, mailto:) into its address and decoded query parameters."""
    parts = urlsplit(href)
    query = {key: values[0] for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
    if parts.scheme == "mailto":
        return f"mailto:{parts.path}", query
    return f"{parts.scheme}://{parts.netloc}{parts.path}", query


def serve_siteurl(page, site_dir: Path, siteurl: str = "http://127.0.0.1:8000") -> None:
    """Answer requests for the example build's absolute SITEURL (stylesheet, links) from ``site_dir``.

    The example site is built for http://127.0.0.1:8000 but tests serve it on a free port;
    without this the page would render without its stylesheet and axe would check the wrong thing.
    """

    def fulfil(route):
        path = urlsplit(route.request.url).path.lstrip("/")
        target = site_dir / path
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            route.fulfill(path=str(target))
        else:
            route.fulfill(status=404, body="Not found")

    page.route(siteurl + "/**", fulfil)
