"""Pelican plugin: the pages that help organisations add their own listings.

Writes ``/submit/`` (opportunity form), ``/submit/organisation/`` (organisation
form), the commented template files under ``/submit/templates/`` and
``/contributing/`` (CONTRIBUTING.md, the one source of the guidance). The
forms are built from the same JSON Schema the build validates with, so
another region's vocabularies appear in them without code changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
from pelican import signals
from pelican.generators import Generator
from portal_content.links import page_siteurl
from portal_content.markup import LINK_PATTERN, script_safe
from portal_content.schema import site_schema
from portal_content.slugs import SLUG_MAX_LENGTH, SLUG_PATTERN, SLUG_SEPARATORS
from portal_content.template_files import fit_to_site
from portal_content.validate import MARKDOWN_FIELDS
from portal_content.wording import WORDS

from .form import MESSAGES, NOUNS, Field, FormBuilder, flatten

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_FILES = ("opportunity.yaml", "organisation.yaml")
AREAS_LINE = re.compile(r"(?m)^\*\*Areas\*\* in this example site: .*$")

FORMS = {
    "opportunity": {
        "title": "List a volunteering opportunity",
        "noun": "opportunity",
        "lead": "Tell us about the role. You will see how it looks, then send it to the portal team in one click.",
        "description": "Write the file that lists your volunteering opportunity on this site.",
        "save_as": "submit/index.html",
        "page_url": "submit/",
    },
    "organisation": {
        "title": "Describe your organisation",
        "noun": "organisation profile",
        "lead": "Tell us about your organisation. You will then send it to the portal team in one click.",
        "description": "Write the file that describes your organisation on this site.",
        "save_as": "submit/organisation/index.html",
        "page_url": "submit/organisation/",
    },
}


# Links longer than these fall back to copy-and-paste. GitHub answers 414 above about 8 KB of
# address; 6,000 characters leaves room for its own redirects. Some email programs (Outlook on
# Windows) cut mailto: links at 2,048 characters, so email gets 2,000.
ISSUE_URL_LIMIT = 6000
MAILTO_LIMIT = 2000


def script_json(value) -> str:
    """JSON that is safe inside a <script> element (use it with |safe): no "</script>" or "<!--" can appear."""
    return script_safe(json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":")))


def slug_field(kind: str) -> Field:
    """The file name is not a field of the file, so the schema cannot describe it."""
    hint = (
        "We make it from the role's name. It is the end of the listing's web address, for example ward-companion in …/opportunities/ward-companion/. Use lowercase letters, numbers and hyphens."
        if kind == "opportunity"
        else "We make it from your organisation's name, for example hebble-growers. Use lowercase letters, numbers and hyphens."
    )
    return Field(path="$slug", label="Web address name", hint=hint, kind="text", required=True, noun=NOUNS["$slug"], more=True)


def field_config(control: Field) -> dict:
    """What the form's modules need to know about a control to read it and word its errors."""
    return {
        "path": control.path,
        "id": control.id,
        "label": control.label,
        "kind": control.kind,
        "required": control.required,
        "description": control.description,
        "noun": control.noun,
        "example": control.example,
        "more": control.more,
        "url": control.autocomplete == "url",  # "www.example.org" gets https:// in front
    }


def content_path(source: str) -> str:
    """``…/content/opportunities/org/x.yaml`` as the repository path the form writes to."""
    return "content/opportunities/" + source.split("/opportunities/", 1)[-1]


def render_contributing(text: str, siteurl: str) -> str:
    """CONTRIBUTING.md as HTML for the site: links to repository files become site links."""
    html = markdown.markdown(text, extensions=["tables", "toc", "fenced_code", "sane_lists"], output_format="html")
    html = re.sub(r"<h1[^>]*>.*?</h1>\s*", "", html, count=1, flags=re.S)  # the page template has the h1
    html = html.replace('href="templates/', f'href="{siteurl}/submit/templates/')
    html = html.replace("<th>", '<th scope="col">')
    # On a narrow screen (or with enlarged text) a table scrolls inside its own box: focusable, so
    # people using a keyboard can scroll it too.
    return html.replace("<table>", '<table tabindex="0">')


class SubmitGenerator(Generator):
    """Writes the forms, the template downloads and the contributing page."""

    def generate_output(self, writer):
        site = self.context["portal"]
        for kind, words in FORMS.items():
            schema = site_schema(kind, site.vocabularies)
            controls, more = FormBuilder(kind, schema, site.vocabularies, site.organisations).build_parts()
            slug = slug_field(kind)
            items = site.opportunities if kind == "opportunity" else site.organisations
            # Files not where the form would put them (content/opportunities/<org>/<slug>.yaml), for editing.
            moved = {
                opp.slug: content_path(opp.source)
                for opp in (site.opportunities if kind == "opportunity" else ())
                if content_path(opp.source) != f"content/opportunities/{opp.organisation.slug}/{opp.slug}.yaml"
            }
            config = {
                "kind": kind,
                "site": self.settings.get("SITENAME", ""),
                "folder": "content/opportunities/" if kind == "opportunity" else "content/organisations/",
                "repository": self.settings.get("PORTAL_REPOSITORY_URL", "").rstrip("/"),
                "branch": self.settings.get("PORTAL_REPOSITORY_BRANCH", "main"),
                "contact": self.settings.get("PORTAL_CONTACT_EMAIL", ""),
                # new-listing issues are turned into pull requests by .github/workflows/listing-from-issue.yml;
                # organisation profiles are read by a person.
                "issue_label": "new-listing" if kind == "opportunity" else "new-organisation",
                "issue_url_limit": ISSUE_URL_LIMIT,
                "mailto_limit": MAILTO_LIMIT,
                "existing": sorted(item.slug for item in items),
                "paths": dict(sorted(moved.items())),
                "organisations": {org.slug: org.name for org in site.organisations},
                "labels": site.vocabularies.labels,
                # The model's fact labels and phrases (portal_content/wording.json), for the live preview.
                "wording": WORDS,
                "slug": {"pattern": SLUG_PATTERN.pattern, "separators": SLUG_SEPARATORS.pattern, "max": SLUG_MAX_LENGTH},
                "messages": {**MESSAGES, "fields": MESSAGES["fields"].get(kind, {})},
                # The build's link rule for Markdown fields, so the form can apply it too.
                "markdown_fields": [".".join(path) for path in MARKDOWN_FIELDS.get(kind, ())],
                "link_pattern": LINK_PATTERN.pattern,
                "fields": [field_config(control) for control in [*flatten(controls), *flatten(more), slug]],
            }
            writer.write_file(
                words["save_as"],
                self.get_template("submit"),
                self.context,
                form={**words, "kind": kind, "controls": controls, "more": more, "slug_field": slug},
                schema_json=script_json(schema),
                config_json=script_json(config),
                page_url=words["page_url"],
            )
        self._write_templates(site.vocabularies.keys("areas"))
        self._write_contributing(writer, site.vocabularies.keys("areas"))

    def _write_templates(self, areas: list[str]):
        target = Path(self.output_path) / "submit" / "templates"
        target.mkdir(parents=True, exist_ok=True)
        for name in TEMPLATE_FILES:
            text = (PROJECT_ROOT / "templates" / name).read_text(encoding="utf-8")
            (target / name).write_text(fit_to_site(text, areas), encoding="utf-8")

    def _write_contributing(self, writer, areas: list[str]):
        text = (PROJECT_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
        # The guide lists the example site's areas; the site shows its own.
        text = AREAS_LINE.sub("**Areas** on this site: " + ", ".join(f"`{key}`" for key in areas) + ".", text)
        title = text.splitlines()[0].lstrip("# ").strip()
        writer.write_file(
            "contributing/index.html",
            self.get_template("contributing"),
            self.context,
            title=title,
            body_html=render_contributing(text, page_siteurl("contributing/index.html", self.settings)),
            page_url="contributing/",
        )


def get_generators(pelican_object):
    return SubmitGenerator


def register():
    signals.get_generators.connect(get_generators)
