"""Content pages (``content/pages/*.md``) read like every other Markdown on the site.

Pelican's own Markdown reader passes raw HTML, ``<script>`` included, straight
to the page and is quadratic on some input. This reader takes the place of it:
the same ``Key: value`` front matter (already checked by the loader, so nothing
here can fail on content the check passed), and the body rendered and
sanitised by :func:`portal_content.markup.render_markdown`.
"""

from __future__ import annotations

from pelican.readers import BaseReader

from .loader import split_front_matter
from .markup import render_markdown
from .yamlsafe import decode, parse_yaml


class PageReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def read(self, source_path):
        with open(source_path, "rb") as handle:
            text = decode(handle.read())
        header, body, offset = split_front_matter(text)
        data = parse_yaml(header, offset).data if header.strip() else {}
        metadata = {key: self.process_metadata(key, value) for key, value in data.items()}
        return render_markdown(body), metadata


def use_page_reader(readers) -> None:
    for extension in PageReader.file_extensions:
        readers.reader_classes[extension] = PageReader
