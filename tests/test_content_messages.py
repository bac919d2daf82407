"""Every broken input gives exactly the message a coordinator needs: file, line, field, expected, found.

The loader runs in-process on a temp copy of a minimal valid folder, so these
tests are fast; ``test_content_broken_builds.py`` runs the same table through
the real ``pelican`` command and the check command.
"""

from __future__ import annotations

import time

import pytest
from helpers_content import BROKEN, OPP, OPPORTUNITY, write_content
from helpers_loader import load_problems


def test_minimal_folder_is_valid(tmp_path, monkeypatch):
    assert load_problems(tmp_path, monkeypatch, {}) == []


@pytest.mark.parametrize("case", BROKEN, ids=lambda case: case.name)
def test_broken_input_gives_exact_message(case, tmp_path, monkeypatch):
    assert load_problems(tmp_path, monkeypatch, case.changes) == case.lines("content/")


def test_utf8_byte_order_mark_is_accepted(tmp_path, monkeypatch):
    assert load_problems(tmp_path, monkeypatch, {OPP: b"\xef\xbb\xbf" + OPPORTUNITY.encode()}) == []


def test_leading_document_marker_is_accepted(tmp_path, monkeypatch):
    assert load_problems(tmp_path, monkeypatch, {OPP: "---\n" + OPPORTUNITY}) == []


def test_python_tag_is_never_run(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    changes = {OPP: OPPORTUNITY.replace("title: Ward companion", f'title: !!python/object/apply:os.system ["touch {marker}"]')}
    problems = load_problems(tmp_path, monkeypatch, changes)
    assert len(problems) == 1 and "is not allowed" in problems[0]
    assert not marker.exists()


def test_alias_bomb_is_rejected_quickly(tmp_path, monkeypatch):
    levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
    started = time.perf_counter()
    problems = load_problems(tmp_path, monkeypatch, {OPP: "\n".join(levels) + "\n"})
    assert time.perf_counter() - started < 2
    assert problems == [f"content/{OPP}:1: anchors and aliases ('&' and '*') are not allowed. Write the value out in full, "
                        "or put text that starts with '*' or '&' in double quotes"]


def test_merge_key_is_just_an_unknown_field(tmp_path, monkeypatch):
    text = OPPORTUNITY.replace("commitment:\n", "commitment:\n  <<: {duration: ongoing}\n")
    assert load_problems(tmp_path, monkeypatch, {OPP: text}) == [
        f"content/{OPP}:15: commitment.<<: '<<' is not a field we know. "
        "Fields here are: hours_per_week, schedule, times, duration, min_months"
    ]


def test_every_file_is_read_even_when_others_are_broken(tmp_path, monkeypatch):
    changes = {OPP: OPPORTUNITY.replace("title: Ward companion", "titel: Ward companion")}
    content = write_content(tmp_path, changes)
    (content / "opportunities" / "other.yaml").write_text("- just a list\n", encoding="utf-8")
    problems = load_problems(tmp_path, monkeypatch, None)
    assert problems == [
        f"content/{OPP}:1: titel: 'titel' is not a field we know. Did you mean 'title'?",
        f"content/{OPP}:1: title: this field is missing. Add title: the role's name, for example Ward companion",
        "content/opportunities/other.yaml:1: expected fields like 'title: ...' at the top level, got a list. "
        "Start each line with a field name",
    ]
