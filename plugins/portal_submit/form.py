"""Turn a JSON Schema into form fields, so the form always matches the build's rules.

Every field, its type, whether it is required, its choices (with the site's
vocabulary labels), length limit and hint come from ``site_schema``; only the
words people read (labels, a few friendlier hints) live here. A field added
to the schema appears in the form with a label made from its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal_content.vocabularies import Vocabularies

# Plain-English labels; a field missing here gets one made from its name.
LABELS = {
    "opportunity": {
        "title": "Role name",
        "organisation": "Organisation",
        "summary": "Summary",
        "description": "Description",
        "activities": "Kinds of volunteering",
        "settings": "Where it happens",
        "gp_approach": "How it supports general practice",
        "locations": "Place",
        "locations.0.name": "Name of the place",
        "locations.0.address": "Street address",
        "locations.0.postcode": "Postcode",
        "locations.0.area": "Area",
        "remote": "It can be done from home or online",
        "commitment": "Time asked for",
        "commitment.hours_per_week": "Hours a week",
        "commitment.schedule": "When",
        "commitment.duration": "How long the role lasts",
        "commitment.min_months": "Shortest stay, in months",
        "requirements": "What volunteers need",
        "requirements.min_age": "Youngest age",
        "requirements.dbs_check": "Criminal record (DBS) check",
        "requirements.skills": "Skills",
        "training": "Training",
        "support": "Support for volunteers",
        "support.expenses": "Out-of-pocket expenses are paid",
        "support.supported_volunteering": "Extra support is offered to people who need it",
        "support.notes": "Support notes",
        "access": "Access",
        "access.wheelchair": "Wheelchair access",
        "access.notes": "Access notes",
        "suitable_for": "Good for",
        "pathway": "Where it can lead",
        "languages": "Languages",
        "apply": "How to apply",
        "apply.url": "Web address to apply",
        "apply.email": "Email address to apply",
        "apply.phone": "Phone number to apply",
        "apply.instructions": "What to do",
        "posted": "Date posted",
        "closes": "Closing date",
        "review_by": "Review date",
        "sessions": "Dated session",
        "sessions.0.start": "Start",
        "sessions.0.end": "End",
        "sessions.0.location": "Where the session is",
        "tags": "Keywords",
    },
    "organisation": {
        "name": "Organisation name",
        "sector": "Kind of organisation",
        "areas": "Areas where you work",
        "website": "Website",
        "description": "About your organisation",
        "contact": "Volunteering team contact",
        "contact.email": "Email address",
        "contact.phone": "Phone number",
        "principles_adopted": "Date you adopted the Volunteer Principles",
    },
}

# Hints where the schema's description is too short for someone new.
HINTS = {
    "opportunity": {
        "organisation": "If your organisation is not in the list, describe your organisation first (see the link above).",
        "summary": "One sentence that sums up the role. It shows in lists and search results.",
        "description": "What volunteers will do and why it matters. You can use Markdown: a blank line between paragraphs, '- ' for a list.",
        "locations": "Where volunteers go. Leave it empty if the role is only done from home or online.",
        "remote": "Tick this if people can do the role from home or online. Then you do not need to give a place.",
        "commitment.hours_per_week": "A number, like 3. Leave it empty if it varies.",
        "requirements.skills": "Put each skill on its own line.",
        "languages": "Language codes like en, ur or pl. Put each one on its own line.",
        "apply": "Give at least one of a web address, an email address or a phone number.",
        "closes": "The last day people can apply. Leave it empty if it stays open.",
        "review_by": "When you will check the listing is still right. Leave it empty for 6 months after the date posted.",
        "sessions": "Only for one-off events with a date and time. Leave it empty otherwise.",
        "tags": "Words people might search for. Put each one on its own line.",
    },
    "organisation": {
        "description": "Who you are and what you do. You can use Markdown.",
    },
}

# The word for one item of a list of objects, for the "Add another ..." button.
ITEM_NOUNS = {"locations": "place", "sessions": "session"}

AUTOCOMPLETE = {
    "name": "organization",
    "website": "url",
    "contact.email": "email",
    "contact.phone": "tel",
    "apply.email": "email",
    "apply.phone": "tel",
    "apply.url": "url",
    "locations.0.address": "street-address",
    "locations.0.postcode": "postal-code",
}


def element_id(path: str) -> str:
    """The HTML id of a field or group: ``apply.url`` -> ``f-apply-url``."""
    return "f-" + path.replace("$", "").replace(".", "-").replace("_", "-")


@dataclass
class Field:
    """One control: ``path`` is the dotted place of its value in the file (``locations.0.name``)."""

    path: str
    label: str
    hint: str
    kind: str  # text, textarea, lines, number, date, datetime, boolean, radios, select, checkboxes
    required: bool
    options: list = field(default_factory=list)  # Terms
    max_length: int | None = None
    autocomplete: str | None = None
    width: str = ""
    description: str = ""  # the schema's words, for messages about the field's format

    @property
    def id(self) -> str:
        return element_id(self.path)

    @property
    def is_group(self) -> bool:
        return False


@dataclass
class Group:
    """A fieldset: an object (commitment, apply) or the first item of a list of objects."""

    path: str
    label: str
    hint: str
    required: bool
    fields: list = field(default_factory=list)
    repeat: str = ""  # for a list of objects: the word for one item ("place"), offered as "Add another place"

    @property
    def id(self) -> str:
        return element_id(self.path)

    @property
    def is_group(self) -> bool:
        return True


def vocabulary_name(node: dict) -> str | None:
    return node.get("x-vocabulary") or (node.get("items") or {}).get("x-vocabulary")


def humanise(name: str) -> str:
    return name.replace("_", " ").capitalize()


def sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".") if text else ""


class FormBuilder:
    """Walks one kind's schema, in its property order, into Fields and Groups."""

    def __init__(self, kind: str, schema: dict, vocabularies: Vocabularies, organisations=()):
        self.kind = kind
        self.schema = schema
        self.vocabularies = vocabularies
        self.organisations = list(organisations)

    def build(self) -> list:
        return self._properties(self.schema, "")

    def _properties(self, node: dict, prefix: str) -> list:
        required = set(node.get("required", []))
        return [
            self._control(child, prefix + name, name in required)
            for name, child in node.get("properties", {}).items()
        ]

    def _words(self, path: str, node: dict) -> tuple[str, str]:
        label = LABELS.get(self.kind, {}).get(path) or humanise(path.rsplit(".", 1)[-1])
        hint = HINTS.get(self.kind, {}).get(path) or sentence(node.get("description", ""))
        return label, hint

    def _control(self, node: dict, path: str, required: bool):
        label, hint = self._words(path, node)
        if "oneOf" in node:  # hours_per_week: offer the plain-number form
            node = {**next(alt for alt in node["oneOf"] if alt.get("type") in ("number", "integer")), "description": node.get("description", "")}
        kind = node.get("type")
        if kind == "object":
            return Group(path, label, hint, required, self._properties(node, path + "."))
        if kind == "array" and (node.get("items") or {}).get("type") == "object":
            return Group(path, label, hint, required, self._properties(node["items"], path + ".0."), ITEM_NOUNS.get(path, "item"))
        options = self._options(node, path)
        if kind == "array":
            control = "checkboxes" if options else "lines"
        elif options:
            control = "radios" if required and len(options) <= 12 and path != "organisation" else "select"
        elif kind == "boolean":
            control = "boolean"
        elif kind in ("integer", "number"):
            control = "number"
        elif node.get("format") == "date":
            control = "date"
        elif "T[0-9]{2}:" in node.get("pattern", ""):
            control = "datetime"
        elif "pattern" not in node and (node.get("maxLength") is None or node["maxLength"] >= 200):
            control = "textarea"
        else:
            control = "text"
        return Field(
            path=path,
            label=label,
            hint=hint,
            kind=control,
            required=required,
            options=options,
            max_length=node.get("maxLength"),
            autocomplete=AUTOCOMPLETE.get(path),
            description=node.get("description", ""),
            width="short" if control in ("number", "date") or path.endswith("postcode") else "",
        )

    def _options(self, node: dict, path: str) -> list:
        if path == "organisation" and self.organisations:
            return [(org.slug, org.name) for org in self.organisations]
        name = vocabulary_name(node)
        if name:
            labels = self.vocabularies.labels[name]
            return [(key, labels[key]) for key in (node.get("enum") or (node.get("items") or {}).get("enum") or [])]
        return []


def flatten(controls: list) -> list[Field]:
    """Every Field, in page order (groups opened up)."""
    found = []
    for control in controls:
        found.extend(flatten(control.fields) if control.is_group else [control])
    return found
