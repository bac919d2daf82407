"""The quick schema check (jsonschema-rs) never passes a file the full one (jsonschema) refuses.

A file the quick check passes is not checked again, so a value it lets through that jsonschema
would refuse would reach the site unreported. Every example content file, and thousands of
mutations of them (a value replaced, a field removed or added, at any depth), go through both.
"""

from __future__ import annotations

import copy
import random

from conftest import ROOT
from portal_content.loader import split_front_matter
from portal_content.schema import site_schema
from portal_content.validate import SchemaChecker, json_ready
from portal_content.vocabularies import Vocabularies
from portal_content.yamlsafe import parse_yaml

import pelicanconf

KINDS = {"opportunity": "opportunities", "organisation": "organisations", "principle": "principles", "page": "pages"}
ODD_VALUES = [
    None, True, False, 0, -1, 1, 3, 168, 169, 0.5, 1e400, 2**70, -(2**70), "", " ", "x", "no", "yes", "2027-01-31",
    "2027-02-30", "2027-1-31", "2027-01-31\n", "31/01/2027", "2027-01-31T10:00:00", "https://example.org.uk/",
    "http://example.org.uk/", "javascript:alert(1)", "mailto:a@b.uk", "a@b", "0113 496 0000", "+44 113 496 0000",
    "x" * 5000, [], [""], ["x", "x"], [None], {}, {"min": 2}, {"min": 2, "max": 1}, {"max": 4}, {"min": 0, "max": 4},
]


def examples(kind: str) -> list[dict]:
    found = []
    for path in sorted((ROOT / "content" / KINDS[kind]).rglob("*")):
        if path.suffix == ".yaml":
            found.append(json_ready(parse_yaml(path.read_text(encoding="utf-8")).data))
        elif path.suffix == ".md":
            front, _, offset = split_front_matter(path.read_text(encoding="utf-8"))
            found.append(json_ready(parse_yaml(front, offset).data))
    return found


def places(value, path=()):
    """Every path to a value inside ``value``."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from places(item, (*path, index))


def mutated(data: dict, rng: random.Random) -> dict:
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice([path for path in places(data) if path])
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = rng.random()
        if action < 0.6:
            parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif action < 0.8:
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(["extra", "notes", "min", "url", "Title"])] = copy.deepcopy(rng.choice(ODD_VALUES))
        if not data:
            break
    return data


def test_the_quick_check_refuses_whatever_the_full_check_refuses():
    vocabularies = Vocabularies(getattr(pelicanconf, "PORTAL_VOCABULARIES", None))
    rng = random.Random(20261208)
    refused = passed = 0
    for kind in KINDS:
        checker = SchemaChecker(site_schema(kind, vocabularies))
        originals = examples(kind)
        assert originals, kind
        for data in originals:
            assert checker.quick.is_valid(data) and not list(checker.validator.iter_errors(data)), kind
        for _ in range(1500):
            data = mutated(rng.choice(originals), rng)
            full = list(checker.validator.iter_errors(data))
            if full:
                refused += 1
                assert not checker.quick.is_valid(data), (kind, data, [error.message for error in full])
            else:
                passed += 1
    assert refused > 3000 and passed > 300  # the mutations reach both sides
