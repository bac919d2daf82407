"""Write the pull request's preview comment: where to download the built site, and its changed pages.

Used by .github/workflows/check.yml; the comment itself is posted by preview-comment.yml,
which has the permission to write on pull requests (the check never does).
Usage: python scripts/preview_comment.py CHANGED_FILES OUTPUT_DIR ARTIFACT_URL > comment.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# content file -> the folder of its page in the built site (public URLs from the content contract)
PAGES = [
    (re.compile(r"^content/opportunities/(?:.+/)?([a-z0-9-]+)\.yaml$"), "opportunities/{}/"),
    (re.compile(r"^content/organisations/([a-z0-9-]+)\.yaml$"), "organisations/{}/"),
    (re.compile(r"^content/principles/(?:[0-9]+-)?([a-z0-9-]+)\.md$"), "principles/{}/"),
    (re.compile(r"^content/pages/([a-z0-9-]+)\.md$"), "{}/"),
]


def changed_pages(changed: list[str], output: Path) -> list[tuple[str, str]]:
    """(file, page folder) for each changed content file; the folder is "" when no page was built."""
    found = []
    for name in changed:
        for pattern, page in PAGES:
            match = pattern.match(name)
            if match:
                folder = page.format(match.group(1))
                found.append((name, folder if (output / folder / "index.html").is_file() else ""))
                break
    return found


def comment(changed: list[str], output: Path, artifact_url: str) -> str:
    code = [name for name in changed if not name.startswith("content/")]
    lines = [
        "<!-- portal-preview -->",
        "### Preview of the site",
        "",
        f"The built site is ready: [download the preview]({artifact_url}), unzip it and open `index.html` in a browser.",
        "",
    ]
    pages = changed_pages(changed, output)
    if pages:
        lines.append("Changed pages (folders inside the preview):")
        lines.append("")
        for name, folder in pages:
            lines.append(f"- `{folder}` from `{name}`" if folder else f"- `{name}`: no page (removed, or not published)")
    else:
        lines.append("No content pages changed.")
    if code:
        lines += ["", f"{len(code)} file{'s' if len(code) != 1 else ''} outside `content/` changed, so the whole test suite ran (`make test`)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    changed = [line.strip() for line in Path(argv[0]).read_text(encoding="utf-8").splitlines() if line.strip()]
    sys.stdout.write(comment(changed, Path(argv[1]), argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
