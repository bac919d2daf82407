"""Helpers for the phone, text-zoom and shortlist tests.

- ``write_long_token_content``: the example content plus an organisation and opportunities
  whose every field holds a long unbroken token (an e-mail address, a URL, a hostile title shown
  as text), newest so they reach the home page, the lists and the facet pages.
- ``text_zoom_context``: Chromium with a profile whose default font size is 32 px (what people
  with low vision set: text-only zoom, 200%), not page zoom.
- ``WORDS_SPLIT_JS``: ordinary words (letters only) that a line break cut in two.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT
from helpers_feeds import HOSTILE_TITLES, write_opportunity, write_organisation

LONG_ORG = "long-token-org"
LONG_SLUG = "long-token-role"
LONG_TOKEN = "Supercalifragilisticexpialidocious_" + "X" * 40
LONG_EMAIL = "volunteering.coordinator.for.the.whole.district@an-extremely-long-domain-name.example.org.uk"
LONG_URL = "https://www.an-extremely-long-domain-name.example.org.uk/volunteering/opportunities/apply-now-for-this-role"
# The busiest area, activity and setting of the example content, so the facet pages tested list them.
LONG_TERMS = {"area": "leeds", "activities": ("befriending", "patient-support"), "settings": ("community", "hospital")}


def write_long_token_content(target: Path) -> list[str]:
    """Copy the example content to ``target`` and add long-token listings; return their slugs."""
    shutil.copytree(ROOT / "content", target)
    write_organisation(target, LONG_ORG, name=f"Organisation{LONG_TOKEN}"[:120], areas=(LONG_TERMS["area"],),
                       description=f"We are {LONG_TOKEN}. Write to {LONG_EMAIL} or see {LONG_URL}.")
    slugs = [LONG_SLUG]
    write_opportunity(
        target, LONG_SLUG, organisation=LONG_ORG, title=f"Helper{LONG_TOKEN}"[:90],
        summary=f"Email {LONG_EMAIL} about {LONG_TOKEN}"[:200], description=f"{LONG_TOKEN}\n\nApply at {LONG_URL} or {LONG_EMAIL}.",
        activities=LONG_TERMS["activities"], settings=LONG_TERMS["settings"], area=LONG_TERMS["area"],
        location=f"Hall{LONG_TOKEN}", posted="2026-11-25",
        extra=f"""\
        tags: ["{LONG_TOKEN[:40]}"]
        requirements:
          dbs_check: enhanced
          skills: ["{LONG_TOKEN}"]
        pathway: "{LONG_URL}"
        """,
    )
    for number, title in enumerate(HOSTILE_TITLES[:3], 1):
        slug = f"hostile-long-{number}"
        write_opportunity(
            target, slug, organisation=LONG_ORG, title=(title + LONG_TOKEN)[:90], summary=f"{LONG_URL} {LONG_TOKEN}",
            activities=LONG_TERMS["activities"], settings=LONG_TERMS["settings"], area=LONG_TERMS["area"], posted=f"2026-11-2{number}",
        )
        slugs.append(slug)
    # The apply block of the template has only a URL: give the long one an e-mail and phone too.
    path = target / "opportunities" / f"{LONG_SLUG}.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "apply:\n  url: https://example.org.uk/apply\n", f"apply:\n  url: {LONG_URL}\n  email: {LONG_EMAIL}\n  phone: 0113 496 0000\n"
    )
    path.write_text(text, encoding="utf-8")
    return slugs


def text_zoom_context(browser, profile: Path, **options):
    """A persistent Chromium context whose default font size is 32 px (text-only zoom 200%)."""
    (profile / "Default").mkdir(parents=True, exist_ok=True)
    (profile / "Default" / "Preferences").write_text(json.dumps({"webkit": {"webprefs": {"default_font_size": 32}}}), encoding="utf-8")
    return browser.browser_type.launch_persistent_context(
        str(profile), executable_path=browser_executable(), args=["--no-sandbox", "--disable-gpu", "--no-first-run"], **options
    )


def browser_executable() -> str:
    from conftest import CHROMIUM

    return CHROMIUM


# Whole words (letters only, between spaces) drawn on more than one line: a split word.
WORDS_SPLIT_JS = r"""() => {
    const split = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const parent = node.parentElement;
        if (!parent || !parent.checkVisibility({visibilityProperty: true})) continue;
        for (const match of node.textContent.matchAll(/(?<=^|\s)[A-Za-z’']{2,20}(?=[.,;:!?)”]*(\s|$))/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (lines.size > 1) split.push(`<${parent.localName}> "${match[0]}"`);
        }
    }
    return split.slice(0, 10);
}"""
