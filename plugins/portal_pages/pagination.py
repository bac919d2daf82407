"""Folder-style pagination with stable URLs: ``<base>/``, ``<base>/page/2/``, ..."""

from __future__ import annotations

from dataclasses import dataclass

PER_PAGE = 20


@dataclass
class ListPage:
    number: int
    count: int  # how many pages the list has
    items: list
    total: int  # how many items the whole list has
    base_url: str  # page 1, e.g. "opportunities/"

    @staticmethod
    def url_for(base_url: str, number: int) -> str:
        return base_url if number == 1 else f"{base_url}page/{number}/"

    @property
    def url(self) -> str:
        return self.url_for(self.base_url, self.number)

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @property
    def title_note(self) -> str:
        """' (page 2 of 3)' after a list's title on its later pages, so each page's <title> is its own."""
        return f" (page {self.number} of {self.count})" if self.number > 1 else ""

    @property
    def first_item(self) -> int:
        return (self.number - 1) * PER_PAGE + 1 if self.items else 0

    @property
    def last_item(self) -> int:
        return self.first_item + len(self.items) - 1 if self.items else 0

    @property
    def previous_url(self) -> str | None:
        return self.url_for(self.base_url, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_for(self.base_url, self.number + 1) if self.number < self.count else None

    def links(self) -> list[tuple[int, str] | None]:
        """Page numbers to show (first, last, and neighbours); ``None`` marks a gap."""
        wanted = sorted({1, self.count, self.number - 1, self.number, self.number + 1} & set(range(1, self.count + 1)))
        shown: list[tuple[int, str] | None] = []
        for number in wanted:
            if shown and shown[-1] is not None and number - shown[-1][0] > 1:
                shown.append(None)
            shown.append((number, self.url_for(self.base_url, number)))
        return shown


def paginate(items: list, base_url: str) -> list[ListPage]:
    """Always at least one page, so an empty list still has its page."""
    count = max(1, -(-len(items) // PER_PAGE))
    return [ListPage(number, count, items[(number - 1) * PER_PAGE : number * PER_PAGE], len(items), base_url) for number in range(1, count + 1)]
