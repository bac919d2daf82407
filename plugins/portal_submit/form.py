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
        "title": "What is the role called?",
        "organisation": "Organisation",
        "summary": "Sum up the role in one sentence",
        "description": "What will volunteers do?",
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
        "commitment.times": "Times of the week",
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

FORMATTING = "You can use simple formatting: **bold**, and a new line starting with - for each item of a list."

# Hints that help, each with an example. Every field gets one here or from the schema's words;
# tests/test_contrib_form.py checks none of them uses words like "Markdown", "true" or "YAML".
HINTS = {
    "opportunity": {
        "title": "Use the name people will recognise, for example Ward companion or Garden helper.",
        "organisation": "If your organisation is not in the list, describe your organisation first (see the link above).",
        "summary": "It shows in lists and search results, for example: Chat with patients on the ward and help at mealtimes.",
        "description": "Why it matters, what a session looks like and who it suits. " + FORMATTING,
        "activities": "Choose all that fit.",
        "settings": "Choose all that fit.",
        "gp_approach": "Only if the role is in or for a GP practice.",
        "locations": "Where volunteers go. Leave it empty if the role is only done from home or online.",
        "locations.0.name": "For example St James's Hospital or Hebble Community Hall.",
        "locations.0.address": "For example 12 Beckett Street.",
        "locations.0.postcode": "For example LS9 7TF.",
        "remote": "Tick this if people can do the role from home or online. Then you do not need to give a place.",
        "commitment.hours_per_week": "A number, like 3, or a range, like 2 to 4. Leave it empty if it varies.",
        "commitment.schedule": "Choose all that fit.",
        "commitment.min_months": "The shortest time you ask people to stay, for example 6.",
        "commitment.times": "Only if you need people at particular times. Choose all that fit.",
        "requirements.min_age": "For example 16. Leave it empty if there is no age limit.",
        "requirements.dbs_check": "The level of criminal record check volunteers need before they start.",
        "requirements.skills": "Put each skill on its own line, for example: Good listener.",
        "training": "The induction and training you give, for example: A half-day welcome session. " + FORMATTING,
        "support.expenses": "For example bus fares or parking.",
        "support.supported_volunteering": "For example a buddy, extra time or adjustments for disabled people.",
        "support.notes": "Supervision, buddying and wellbeing, for example: A named supervisor and a monthly catch-up. " + FORMATTING,
        "access.notes": "For example: step-free entrance, hearing loop, quiet room, BSL interpreter on request.",
        "suitable_for": "Choose all that fit.",
        "pathway": "For example: Many volunteers go on to train as healthcare assistants.",
        "languages": "Languages the role can be done in. Type to find a language, then tick it.",
        "apply": "Give at least one of a web address, an email address or a phone number.",
        "apply.url": "For example www.example.org.uk/volunteer.",
        "apply.email": "For example volunteering@example.org.uk.",
        "apply.phone": "For example 0113 496 0123.",
        "apply.instructions": "Anything people should know before they apply, for example: Call on weekday mornings.",
        "posted": "The day you first listed the role. We fill in today.",
        "closes": "The last day people can apply. Leave it empty if it stays open.",
        "review_by": "When you will check the listing is still right. Leave it empty for 6 months after the date posted.",
        "sessions": "Only for one-off events with a date and time. Leave it empty otherwise.",
        "sessions.0.location": "For example: Main hall, Hebble Community Centre.",
        "tags": "Other words people might search for, each on its own line, for example: gardening.",
    },
    "organisation": {
        "name": "Your organisation's full name, for example Hebble Growers Community Gardens.",
        "website": "For example www.example.org.uk.",
        "description": "Who you are and what you do. " + FORMATTING,
        "contact.email": "For example volunteering@example.org.uk.",
        "contact.phone": "For example 0113 496 0123.",
        "principles_adopted": "Leave it empty if you have not signed up yet.",
        "areas": "Choose all that fit.",
        "sector": "Choose the one that fits best.",
    },
}

# Fields tucked under "More options" at the end of the form (with the web-address name).
MORE_OPTIONS = {"opportunity": ("posted", "review_by", "tags"), "organisation": ()}

# How a field is named inside a sentence ("Enter the youngest age as a number, for example 16").
NOUNS = {
    "title": "the name of the role",
    "summary": "a one-sentence summary",
    "description": "what volunteers will do",
    "commitment.hours_per_week": "the hours a week",
    "commitment.min_months": "the shortest stay in months",
    "requirements.min_age": "the youngest age",
    "pathway": "where the role can lead",
    "$slug": "a web address name",
}
EXAMPLES = {"commitment.hours_per_week": "3", "commitment.min_months": "6", "requirements.min_age": "16"}

# The form's error messages (GOV.UK style). messages.js fills in {noun}, {Noun}, {example},
# {low}, {high}, {max}, {description}, {slug} and {link}; per-field ones win over the kinds.
MESSAGES = {
    "required": "Enter {noun}",
    "required.choice": "Select {noun}",
    "required.checkboxes": "Select at least one option for {noun}",
    "number": "Enter {noun} as a number, for example {example}",
    "whole": "Enter {noun} as a whole number, for example {example}",
    "range": "{Noun} must be a number from {low} to {high}",
    "maxLength": "{Noun} must be {max} characters or fewer",
    "pattern": "Enter {description}",
    "date": "Enter a real date for {noun}",
    "enum": "Select {noun} from the list",
    "default": "Check {noun}",
    "anyOf": "Enter a web address, an email address or a phone number for applying",
    "links": "Links must start with https://, mailto: or tel:. Change {link}",
    "closes_before_posted": "The closing date must be the same as or after the date posted",
    "review_before_posted": "The review date must be the same as or after the date posted",
    "session_end": "The end of the session must be after its start",
    "text.forbidden": "This answer has a hidden character ({character}) that cannot be shown on a web page. It often comes from copying and pasting: delete the text and type it again",
    "text.line_break": "Write this answer on one line",
    "slug.pattern": "The web address name must only use lowercase letters, numbers and single hyphens, like ward-companion",
    "slug.taken": "The web address name {slug} is already used. Choose another one",
    "fields": {
        "opportunity": {
            "title": "Enter the name of the role",
            "organisation": "Select your organisation",
            "activities": "Select at least one kind of volunteering",
            "settings": "Select at least one place where it happens",
            "locations": "Enter the name of the place, or tick “It can be done from home or online”",
            "locations.0.area": "Select the area the place is in",
            "commitment.schedule": "Select at least one time of the week",
            "commitment.duration": "Select how long the role lasts",
            "posted": "Enter the date posted",
        },
        "organisation": {"sector": "Select the kind of organisation", "areas": "Select at least one area where you work"},
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
    noun: str = ""  # how messages name it: "the youngest age"
    example: str = ""  # for "Enter ... as a number, for example 16"
    more: bool = False  # shown under "More options"

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

    def build_parts(self) -> tuple[list, list]:
        """(the main questions, those under "More options") in schema order."""
        controls = self.build()
        more = [control for control in controls if control.path in MORE_OPTIONS.get(self.kind, ())]
        for control in flatten(more):
            control.more = True
        return [control for control in controls if control not in more], more

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
        if path == "languages":
            control = "languages"  # ticked by name from a searchable list, written as codes
        elif path.endswith("hours_per_week"):
            control = "hours"  # "3" or "2 to 4"
        elif kind == "array":
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
            width="short" if control in ("number", "hours", "date") or path.endswith("postcode") else "",
            noun=NOUNS.get(path) or "the " + label[:1].lower() + label[1:],
            example=EXAMPLES.get(path, ""),
        )

    def _options(self, node: dict, path: str) -> list:
        if path == "organisation" and self.organisations:
            return [(org.slug, org.name) for org in self.organisations]
        if path == "languages":
            return language_options(self.vocabularies)
        name = vocabulary_name(node)
        if name:
            labels = self.vocabularies.labels[name]
            return [(key, labels[key]) for key in (node.get("enum") or (node.get("items") or {}).get("enum") or [])]
        return []


def language_options(vocabularies: Vocabularies) -> list:
    """The site's language names, A to Z, one code per name (the first listed)."""
    first: dict[str, str] = {}
    for code, name in vocabularies.labels["languages"].items():
        first.setdefault(name, code)
    return sorted(((code, name) for name, code in first.items()), key=lambda option: option[1].casefold())


def flatten(controls: list) -> list[Field]:
    """Every Field, in page order (groups opened up)."""
    found = []
    for control in controls:
        found.extend(flatten(control.fields) if control.is_group else [control])
    return found
