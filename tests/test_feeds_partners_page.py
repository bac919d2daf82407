"""The /partners/ page documents every feed and data file, and the pages for partners are valid HTML."""

from __future__ import annotations

from html.parser import HTMLParser

from helpers_feeds import EXAMPLE, SITEURL, read_content, vocabulary_keys


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: set[str] = set()
        self.code: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.add(dict(attrs).get("href"))
        self._in_code = self._in_code or tag == "pre"

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_code = False

    def handle_data(self, data):
        if self._in_code:
            self.code.append(data)


def parse(path) -> _Links:
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_partners_page_links_every_feed_and_data_file(example_site):
    page = parse(example_site / "partners" / "index.html")
    published = {
        f"../{path.relative_to(example_site).as_posix()}"
        for folder in ("feeds", "api")
        for path in (example_site / folder).rglob("*")
        if path.is_file()
    }
    assert len(published) > 100
    assert published - page.hrefs == set()


def test_partners_page_has_copy_paste_snippets_for_the_widget_and_the_iframe(example_site):
    """The example area is the one with most open opportunities (the first in the settings on a tie)."""
    lists = read_content(EXAMPLE).selections()
    keys = vocabulary_keys("areas")
    area = max(keys, key=lambda key: (len(lists[f"areas/{key}"]), -keys.index(key)))
    snippets = "".join(parse(example_site / "partners" / "index.html").code)
    assert f'<script src="{SITEURL}/embed/embed.js" data-area="{area}" data-limit="5" referrerpolicy="no-referrer" async></script>' in snippets
    assert f'<iframe src="{SITEURL}/embed/?area={area}&amp;limit=5"' in snippets
