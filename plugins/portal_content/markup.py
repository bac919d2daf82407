"""Markdown written by organisations, rendered and made safe.

Organisation text is untrusted: it is rendered with markdown-it-pyrs (CommonMark,
in linear time: Python-Markdown is quadratic on unmatched ``[``, ``*[``,
setext lines and more, so one file could hang a build), then cleaned with nh3
(the Ammonia sanitiser) keeping a small set of tags and only http(s), mailto
and tel links. Validation already rejects other link schemes with a precise
message, and limits each Markdown field to ``MAX_MARKDOWN_CHARS``; sanitising
is the second line of defence.
"""

from __future__ import annotations

import re

import nh3
from markdown_it_pyrs import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4",
    "blockquote", "code", "pre", "hr", "abbr", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
LINK_PATTERN = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)|<((?:[a-z][a-z0-9+.-]*):[^>\s]+)>|href\s*=\s*[\"']?([^\"'\s>]+)", re.I)
SCHEME_PATTERN = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*)\s*:")

MAX_MARKDOWN_CHARS = 10_000  # per field; the longest real text (a content page) is about 3,600

# The Rust port of markdown-it: the same HTML as markdown-it-py for every field of 9,000 test files,
# 15 times faster (Markdown was the largest part of reading content).
_renderer = MarkdownIt("commonmark").enable("table")


def render_markdown(text: str | None) -> str:
    """Markdown to sanitised HTML; headings start at h2 because the page has the h1."""
    if not text:
        return ""
    html = _renderer.render(text).strip()
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )


# json.dumps leaves these as they are; inside a <script> element they could end it ("</script>")
# or open a comment ("<!--"). As JSON string escapes they mean the same characters.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_safe(json_text: str) -> str:
    """JSON text made safe to place inside any ``<script>`` element, whatever the data holds."""
    return json_text.translate(_SCRIPT_SAFE)


def unsafe_links(text: str | None) -> list[tuple[int, str]]:
    """``(offset, link)`` for links in Markdown or HTML whose scheme is not https, mailto or tel."""
    found = []
    for match in LINK_PATTERN.finditer(text or ""):
        target = next(group for group in match.groups() if group)
        scheme = SCHEME_PATTERN.match(target)
        if scheme and scheme.group(1).lower() not in {"https", "mailto", "tel"}:
            found.append((match.start(), target))
    return found
