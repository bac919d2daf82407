"""Problems found in content, worded for the person who wrote the file."""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake (or warning) at a file, line and field."""

    source: str  # path relative to the project, as people see it in their editor
    line: int
    field: str  # dotted field path, "" for the whole file
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}:"
        label = "warning: " if self.warning else ""
        if self.field:
            return f"{where} {label}{self.field}: {self.message}"
        return f"{where} {label}{self.message}"


class ContentError(Exception):
    """Raised to stop a build; Pelican prints it as one line and exits with code 1."""

    exitcode = 1

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"{count} {noun} in the content (listed above). Fix them and build again; "
            "nothing was written to the output folder."
        )


def report(problems: list[Problem], stream=None) -> None:
    """Print one whole line per problem, unwrapped, so CI logs and editors can link to it."""
    stream = stream or sys.stderr
    for problem in sorted(problems):
        print(problem, file=stream)
    stream.flush()
