"""A second region from settings alone: a Shropshire-like portal leaves no trace of West Yorkshire.

The test writes a small content folder of its own and a settings file that
imports ``pelicanconf.py`` and changes only the settings README.md lists under
"Configure another region". The real build must then mention neither West
Yorkshire, its partnership nor any of its five places in any file it writes
(pages, feeds, open data, schemas, forms, templates, the widget, the search
index), and its area pages, feeds, search filters and form choices must use
the new areas. Expected values come from the content and settings written here.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, run_build
from helpers_feeds import write_opportunity, write_organisation
from helpers_pages import page

pytestmark = pytest.mark.slow

AREAS = {"shrewsbury": "Shrewsbury", "oswestry": "Oswestry and the Borderlands", "ludlow": "Ludlow"}
# "Craven Arms" is a Shropshire town (in the Near box's place names), not the first region's Craven.
FIRST_REGION = re.compile(r"west\s+yorkshire|bradford|calderdale|kirklees|leeds|wakefield|craven(?!\s+arms)", re.IGNORECASE)
SETTINGS = f"""\
import sys
sys.path.insert(0, {str(ROOT)!r})
from pelicanconf import *  # noqa: F403

SITENAME = "Volunteer for health and care in Shropshire"
SITE_SHORT_NAME = "Volunteer Shropshire"
PORTAL_REGION = "Shropshire"
PORTAL_PARTNERSHIP = "Shropshire, Telford and Wrekin Partnership"
PORTAL_TAGLINE = "Volunteering in health and care, close to home."
PORTAL_CONTACT_EMAIL = "volunteering@shropshire.example.org.uk"
PORTAL_REPOSITORY_URL = "https://github.com/shropshire-example/volunteering"
PORTAL_COLOURS = {{"brand": "#7a1f5c", "brand-dark": "#4d1339", "link": "#0b4f8a"}}
PORTAL_VOCABULARIES = {{"areas": {AREAS!r}}}
PORTAL_FOOTER_PAGES = ["about", "privacy"]
PORTAL_POSTCODE_AREAS = ["SY", "TF"]
SITEURL = "https://volunteer.shropshire.example.org.uk"
"""


def write_content(content: Path) -> None:
    write_organisation(content, "riverside-hospital", name="Riverside Hospital Trust", areas=("shrewsbury", "ludlow"))
    write_organisation(content, "hills-hospice", name="Hills Hospice", areas=("oswestry",))
    write_opportunity(content, "ward-helper", organisation="riverside-hospital", title="Ward helper", area="shrewsbury", posted="2026-10-03")
    write_opportunity(content, "garden-friend", organisation="hills-hospice", title="Garden friend", area="oswestry",
                      activities=("gardening-and-environment",), settings=("hospice",), posted="2026-10-02",
                      extra="""\
                      sessions:
                        - start: "2027-03-14T10:00"
                          end: "2027-03-14T12:00"
                      """)
    write_opportunity(content, "shop-volunteer", organisation="hills-hospice", title="Shop volunteer", area="oswestry", posted="2026-10-01")
    write_opportunity(content, "old-role", organisation="riverside-hospital", title="An old role", area="ludlow", posted="2026-01-01",
                      extra="closes: 2026-02-01\n")
    principles = content / "principles"
    principles.mkdir(parents=True)
    (principles / "01-welcome-everyone.md").write_text(
        "---\ntitle: Welcome everyone\nsummary: Anyone can volunteer.\norder: 1\n---\nWe welcome everyone who wants to help.\n", encoding="utf-8"
    )
    pages = content / "pages"
    pages.mkdir(parents=True)
    (pages / "about.md").write_text("Title: About this site\nSlug: about\n\nVolunteering in Shropshire. [Read our privacy notice](/privacy/).\n", encoding="utf-8")
    (pages / "privacy.md").write_text("Title: Privacy notice\nSlug: privacy\n\nWe use no cookies.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def shropshire(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("shropshire")
    write_content(root / "content")
    settings = root / "shropshireconf.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    result = run_build(root / "content", root / "out", settings=settings)
    assert result.returncode == 0, result.log
    return root / "out"


def readable_text(path: Path) -> str:
    """A written file as text; Pagefind's gzipped index files decompressed first."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def test_settings_file_changes_only_settings_the_readme_lists():
    listed = set(re.findall(r"^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)?", (ROOT / "README.md").read_text(encoding="utf-8"), re.MULTILINE))
    documented = {name for pair in listed for name in pair if name}
    changed = set(re.findall(r"^([A-Z_]+) =", SETTINGS, re.MULTILINE))
    assert changed <= documented, changed - documented


def test_no_file_of_the_build_mentions_the_first_region(shropshire):
    files = [path for path in sorted(shropshire.rglob("*")) if path.is_file() and path.suffix not in {".wasm"}]
    assert len(files) > 50
    leaks = []
    for path in files:
        for match in FIRST_REGION.finditer(readable_text(path)):
            leaks.append(f"{path.relative_to(shropshire)}: {match.group(0)!r}")
    assert not leaks, "\n".join(leaks[:40])


def test_area_pages_feeds_and_widget_use_the_new_areas(shropshire):
    assert [anchor.link() for anchor in page(shropshire, "/areas/").one("main").find_all("a", class_="facet-list__link")] == [
        f"/areas/{key}/" for key in AREAS
    ]
    expected = {"shrewsbury": ["/opportunities/ward-helper/"], "oswestry": ["/opportunities/garden-friend/", "/opportunities/shop-volunteer/"], "ludlow": []}
    for key, label in AREAS.items():
        document = page(shropshire, f"/areas/{key}/")
        assert label in document.one("h1").text
        assert [anchor.link() for anchor in document.one("main").find_all("a", class_="card__link")] == expected[key]
        feed = json.loads((shropshire / "feeds" / "areas" / f"{key}.json").read_text(encoding="utf-8"))
        assert label in feed["title"]
        assert [item["url"] for item in feed["items"]] == [f"https://volunteer.shropshire.example.org.uk{path}" for path in expected[key]]
        assert (shropshire / "embed" / "data" / "areas" / f"{key}.js").is_file()
    partners = (shropshire / "partners" / "index.html").read_text(encoding="utf-8")
    assert "data-area=&#34;oswestry&#34;" in partners or "data-area=&#34;shrewsbury&#34;" in partners
    assert "Volunteer Shropshire" in page(shropshire, "/opportunities/ward-helper/").one("title").text
    assert "Shropshire, Telford and Wrekin Partnership" in page(shropshire, "/").one("footer").text


def test_search_filters_and_form_choices_use_the_new_areas(shropshire):
    labels = json.loads(page(shropshire, "/search/").one("script", id="search-labels").text)
    areas = next(group for group in labels if group["name"] == "area")
    assert {key: label for key, label, _ in areas["values"]} == {"shrewsbury": "Shrewsbury", "oswestry": AREAS["oswestry"]}, "areas with open roles"
    index = " ".join(readable_text(path) for path in (shropshire / "pagefind" / "filter").glob("*"))
    assert "shrewsbury" in index and "oswestry" in index
    radios = {element.get("value") for element in page(shropshire, "/submit/").find_all("input", name="locations.0.area")}
    assert radios == set(AREAS)
    boxes = {element.get("value") for element in page(shropshire, "/submit/organisation/").find_all("input", name="areas")}
    assert boxes == set(AREAS)
    template = (shropshire / "submit" / "templates" / "organisation.yaml").read_text(encoding="utf-8")
    assert f"Areas for this site: {', '.join(AREAS)}." in template


def test_markdown_links_from_the_root_become_relative(shropshire):
    about = page(shropshire, "/about/")
    privacy = next(anchor for anchor in about.one("main").find_all("a") if anchor.text == "Read our privacy notice")
    assert privacy.get("href") == "../privacy/" and privacy.link() == "/privacy/"


def test_every_output_that_draws_uses_the_new_colours(shropshire):
    assert "--colour-brand: #7a1f5c;" in (shropshire / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert 'fill="#7a1f5c"' in (shropshire / "favicon.svg").read_text(encoding="utf-8")
    assert "--colour-link: #0b4f8a;" in (shropshire / "embed" / "frame.css").read_text(encoding="utf-8")
    assert '"link":"#0b4f8a"' in (shropshire / "embed" / "embed.js").read_text(encoding="utf-8")
