"""Controlled vocabularies: the keys content may use and the words people read.

These are the defaults from the content contract. A site replaces any of them
with the ``PORTAL_VOCABULARIES`` setting (a dict of the same shape), so another
region changes its areas or labels without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_VOCABULARIES: dict[str, dict[str, str]] = {
    "areas": {},  # the region's own: PORTAL_VOCABULARIES must set them
    "sectors": {
        "nhs-trust": "NHS trust",
        "ambulance-service": "Ambulance service",
        "general-practice": "General practice",
        "primary-care-network": "Primary care network",
        "local-authority": "Local council",
        "police": "Police",
        "fire-and-rescue": "Fire and rescue",
        "education": "Education",
        "vcse": "Voluntary and community group",
        "hospice": "Hospice",
        "housing": "Housing",
        "other": "Other",
    },
    "activities": {
        "befriending": "Befriending",
        "patient-support": "Patient support",
        "wayfinding-and-welcome": "Wayfinding and welcome",
        "peer-support": "Peer support",
        "mentoring": "Mentoring",
        "driving-and-transport": "Driving and transport",
        "fundraising": "Fundraising",
        "events": "Events",
        "gardening-and-environment": "Gardening and environment",
        "admin-and-office": "Admin and office",
        "digital-support": "Digital support",
        "advice-and-information": "Advice and information",
        "arts-and-culture": "Arts and culture",
        "sport-and-physical-activity": "Sport and physical activity",
        "food-and-nutrition": "Food and nutrition",
        "first-response": "First response",
        "youth-work": "Youth work",
        "community-leadership": "Community leadership",
        "research-and-involvement": "Research and involvement",
        "practical-tasks": "Practical tasks",
    },
    "settings": {
        "hospital": "Hospital",
        "general-practice": "GP practice",
        "community": "In the community",
        "home-visits": "Home visits",
        "ambulance-service": "Ambulance service",
        "care-home": "Care home",
        "hospice": "Hospice",
        "mental-health-service": "Mental health service",
        "online": "Online",
        "outdoors": "Outdoors",
        "events": "Events",
    },
    "suitable_for": {
        "young-people": "Young people",
        "students": "Students",
        "older-people": "Older people",
        "people-seeking-work": "People looking for work",
        "lived-experience": "People with lived experience",
        "families": "Families",
        "employer-supported": "Employer-supported volunteering",
        "no-experience-needed": "No experience needed",
        "people-with-disabilities": "Disabled people",
    },
    "gp_approaches": {
        "enabling-general-practice": "Supporting the practice's day-to-day work",
        "shared-premises": "Services in the practice building",
        "social-prescribing": "Social prescribing",
        "community-centred": "Community-centred general practice",
    },
    "schedules": {
        "weekday-daytime": "Weekday daytimes",
        "weekday-evenings": "Weekday evenings",
        "weekends": "Weekends",
        "flexible": "Flexible times",
    },
    "durations": {
        "one-off": "One-off",
        "fixed-term": "Fixed term",
        "ongoing": "Ongoing",
    },
    "dbs_checks": {
        "none": "No DBS check needed",
        "basic": "Basic DBS check",
        "standard": "Standard DBS check",
        "enhanced": "Enhanced DBS check",
    },
    "wheelchair": {
        "yes": "Wheelchair accessible",
        "partial": "Partly wheelchair accessible",
        "no": "Not wheelchair accessible",
        "unknown": "Wheelchair access not known",
    },
    "languages": {
        "en": "English",
        "ar": "Arabic",
        "bn": "Bengali",
        "cy": "Welsh",
        "fa": "Persian",
        "fr": "French",
        "gu": "Gujarati",
        "hi": "Hindi",
        "ku": "Kurdish",
        "pa": "Punjabi",
        "pl": "Polish",
        "ro": "Romanian",
        "so": "Somali",
        "ti": "Tigrinya",
        "uk": "Ukrainian",
        "ur": "Urdu",
        "zh": "Chinese",
        "bfi": "British Sign Language",
        "sgn-gb": "British Sign Language",
        # More languages spoken in UK communities (2021 Census main languages), so the form can
        # offer them by name. Labels only: content may use any language code.
        "ak": "Akan (Twi)",
        "am": "Amharic",
        "bg": "Bulgarian",
        "cs": "Czech",
        "de": "German",
        "el": "Greek",
        "es": "Spanish",
        "ga": "Irish",
        "gd": "Scottish Gaelic",
        "hu": "Hungarian",
        "ig": "Igbo",
        "it": "Italian",
        "lt": "Lithuanian",
        "lv": "Latvian",
        "ml": "Malayalam",
        "ne": "Nepali",
        "ps": "Pashto",
        "pt": "Portuguese",
        "ru": "Russian",
        "sk": "Slovak",
        "sn": "Shona",
        "sq": "Albanian",
        "sw": "Swahili",
        "syl": "Sylheti",
        "ta": "Tamil",
        "tl": "Tagalog",
        "tr": "Turkish",
        "vi": "Vietnamese",
        "yo": "Yoruba",
        "yue": "Cantonese",
    },
}

# The 21 day-parts of the UK volunteering data standard: monday-morning ... sunday-evening.
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_PARTS = ("morning", "afternoon", "evening")
DEFAULT_VOCABULARIES["times"] = {f"{day}-{part}": f"{day.capitalize()} {part}" for day in DAYS for part in DAY_PARTS}
# The day-parts a schedule implies, so a listing with only `schedule` matches "When can you help?".
SCHEDULE_TIMES = {
    "weekday-daytime": tuple(f"{day}-{part}" for day in DAYS[:5] for part in ("morning", "afternoon")),
    "weekday-evenings": tuple(f"{day}-evening" for day in DAYS[:5]),
    "weekends": tuple(f"{day}-{part}" for day in DAYS[5:] for part in DAY_PARTS),
    "flexible": tuple(f"{day}-{part}" for day in DAYS for part in DAY_PARTS),
}

# Vocabularies whose keys content must use; "languages" only supplies labels.
CLOSED_VOCABULARIES = tuple(key for key in DEFAULT_VOCABULARIES if key != "languages")


@dataclass(frozen=True, order=True)
class Term:
    """One vocabulary entry: the key in files and URLs, the label people read."""

    key: str
    label: str

    def __str__(self) -> str:
        return self.label


class Vocabularies:
    """The site's vocabularies, defaults overlaid with the ``PORTAL_VOCABULARIES`` setting."""

    def __init__(self, overrides: dict | None = None):
        self.labels: dict[str, dict[str, str]] = {
            name: dict(entries) for name, entries in DEFAULT_VOCABULARIES.items()
        }
        for name, entries in (overrides or {}).items():
            self.labels[name] = dict(entries)
        self._terms: dict[tuple[str, str], Term] = {}

    def keys(self, name: str) -> list[str]:
        return list(self.labels[name])

    def term(self, name: str, key: str) -> Term:
        """One shared ``Term`` per key (terms are frozen): 10,000 opportunities use some 300,000."""
        found = self._terms.get((name, key))
        if found is None:
            label = self.labels["languages"].get(key.lower(), key) if name == "languages" else self.labels[name][key]
            found = self._terms[name, key] = Term(key, label)
        return found

    def terms(self, name: str) -> list[Term]:
        return [self.term(name, key) for key in self.labels[name]]
