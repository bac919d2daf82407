"""HTML parsing helpers for the pages tests: a small element tree on the stdlib parser.

Tests ask questions of parsed elements (tags, attributes, text), never of raw file text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)  # Element or str
    parent: Element | None = None
    url: str = "/"  # on the document: the URL path of the page, for resolving relative links

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list[Element]:
        """Descendants (and self) matching the tag and attributes; ``class_`` matches one class."""
        found = []
        for element in self.iter():
            if tag and element.tag != tag:
                continue
            if all(_matches(element, name, value) for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag: str | None = None, **attrs) -> Element | None:
        matches = self.find_all(tag, **attrs)
        return matches[0] if matches else None

    def one(self, tag: str | None = None, **attrs) -> Element:
        matches = self.find_all(tag, **attrs)
        assert len(matches) == 1, f"expected one <{tag}> {attrs}, found {len(matches)}"
        return matches[0]

    @property
    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return " ".join(" ".join(parts).split())

    def get(self, name: str, default=None):
        return self.attrs.get(name, default)

    def link(self, attribute: str = "href") -> str | None:
        """The site path this element's link points to (resolved from its page), None when external."""
        root = self
        while root.parent is not None:
            root = root.parent
        return internal_path(self.get(attribute) or "", root.url)

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()


def _matches(element: Element, name: str, value) -> bool:
    if name == "class_":
        return element.has_class(value)
    name = name.replace("_", "-")
    if value is True:
        return name in element.attrs
    return element.attrs.get(name) == value


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: (value if value is not None else "") for name, value in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.current = self.current.parent

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


@functools.lru_cache(maxsize=512)
def _parse_file(path: str, url: str) -> Element:
    document = parse_html(Path(path).read_text(encoding="utf-8"))
    document.url = url
    return document


def page(site: Path, url_path: str) -> Element:
    """The parsed page at a public URL path such as ``/opportunities/`` or ``/404.html``."""
    relative = url_path.lstrip("/")
    path = site / relative
    if relative == "" or relative.endswith("/"):
        path = path / "index.html"
    assert path.is_file(), f"no page at {url_path}"
    return _parse_file(str(path), "/" + relative)


def internal_path(href: str, base: str = "/") -> str | None:
    """The site path an href points to, or None when it is external, a fragment or mailto/tel.

    Links inside pages are relative: they are resolved against ``base``, the URL path of the page
    they are on. An absolute address (even the site's own) counts as external: it would not work
    when the site is served anywhere else.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return None
    return urljoin(base, parts.path)


def main_links(document: Element) -> list[str]:
    """The links in ``<main>``: site paths for links inside the site, the href as written otherwise."""
    main = document.one("main")
    return [anchor.link() or anchor.get("href") for anchor in main.find_all("a") if anchor.get("href")]
