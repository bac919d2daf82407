"""The strict YAML reader on its own: plain words and the right line for each mistake."""

from __future__ import annotations

import pytest
from portal_content.yamlsafe import MAX_FILE_BYTES, YamlProblem, decode, format_path, parse_yaml


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: a\nsummary b\nposted: 2026-01-01\n", 2,
         "this is not valid YAML: this line has no ':' after its field name. "
         "Write it as 'field: value', or indent it to continue the text above"),
        ("title: a\n  summary: b\n", 2,
         "this is not valid YAML: a value contains ': ', or the line is indented more than the one above. "
         "Put text that contains ': ' in double quotes, or line the field up with the others"),
        ("tags:\n  - a\n summary: b\n", 3,
         "this is not valid YAML: the indentation does not line up, or a quoted value has more text after its "
         "closing quote. Fields at the same level need the same number of spaces"),
        ('summary: "He said "hi" to me"\n', 1,
         "this is not valid YAML: the indentation does not line up, or a quoted value has more text after its "
         "closing quote. Fields at the same level need the same number of spaces"),
        ("title: @home\n", 1,
         "this is not valid YAML: the value starts with a character YAML keeps for itself (such as @, ` or %). "
         "Put the text in double quotes"),
        ('title: "C:\\docs"\n', 1,
         "this is not valid YAML: a backslash (\\) inside double quotes starts a special code. "
         "Use single quotes around this text instead"),
        ("tags: [a, b\ntitle: x\n", 2,
         "this is not valid YAML: a list in [ ] or a group in { } is not closed. "
         "Add the closing bracket, or write each item on its own line"),
        ("title: 'it''s\n", 1,
         "this is not valid YAML: a quote opened on this line is never closed. Add the closing quote at the end of the text"),
        ("title: *bold* text\n", 1,
         "this is not valid YAML: a value starts with '*' or '&', which YAML reads specially. Put the text in double quotes"),
        ("title: *bold\n", 1,
         "this is not valid YAML: a value starts with '*' or '&', which YAML reads specially. Put the text in double quotes"),
        ("place: &home Leeds\ntitle: x\nwhere: *home\n", 1,
         "anchors and aliases ('&' and '*') are not allowed. Write the value out in full, "
         "or put text that starts with '*' or '&' in double quotes"),
        ("title: !custom x\n", 1,
         "the tag '!custom' is not allowed. Remove the '!' part and write plain text, numbers, lists or fields"),
        ("title: a\ntags: !!set {a, b}\n", 2,
         "the tag '!!set' is not allowed. Remove the '!' part and write plain text, numbers, lists or fields"),
        ("a:\n  b: 1\n  b: 2\n", 3, "a.b: this field appears twice (first on line 2). Keep one and delete the other"),
        ("   \n\n", 1, "file is empty. Copy the template and fill in the fields"),
        ("tags: - a\n", 1,
         "this is not valid YAML: a list item ('- ') cannot start on the same line as its field name. "
         "Put it on the next line, indented"),
        ("- " * 100_000 + "x\n", 1,
         "lists and fields are nested more than 20 levels deep here. Check the indentation and the [ ] and { } brackets"),
        ("a:\n" + "".join("  " * level + "b:\n" for level in range(1, 30)), 21,
         "lists and fields are nested more than 20 levels deep here. Check the indentation and the [ ] and { } brackets"),
        ("title: a\n  \tsummary: b\n", 2,
         "line is indented with a tab character. YAML needs spaces: replace the tab with 2 spaces"),
        ("title: a\ncommitment:\n  hours_per_week: !!float .nan\n", 3, "commitment.hours_per_week: '.nan' is not a number we can use. Write a number like 3 or 2.5"),
        ("title: a\nmin_age: !!float -.inf\n", 2, "min_age: '-.inf' is not a number we can use. Write a number like 3 or 2.5"),
        ("title: a\nmin_age: !!float 1e999\n", 2, "min_age: '1e999' is not a number we can use. Write a number like 3 or 2.5"),
    ],
)
def test_syntax_mistakes_are_explained_on_their_line(text, line, message):
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.message) == (line, message)


def test_tab_inside_a_value_is_fine():
    assert parse_yaml("title: a\tb\n").data == {"title": "a\tb"}


def test_yaml_1_2_style_scalars():
    document = parse_yaml(
        "a: yes\nb: no\nc: on\nd: true\ne: 0113\nf: 3\ng: 2.5\nh: 2026-01-31\ni: ~\nj: 1e3\nk: 0x10\nl: 010\n"
    )
    data = document.data
    assert data["a"] == "yes" and data["b"] == "no" and data["c"] == "on" and data["d"] is True
    assert data["e"] == "0113" and data["f"] == 3 and data["g"] == 2.5
    assert data["h"].isoformat() == "2026-01-31" and data["i"] is None
    assert data["j"] == "1e3" and data["k"] == "0x10" and data["l"] == "010"


def test_impossible_date_is_kept_as_written():
    assert parse_yaml("closes: 2027-02-30\n").data == {"closes": "2027-02-30"}


def test_lines_and_raw_values_are_recorded():
    document = parse_yaml("title: a\nlocations:\n  - name: x\n    area: leeds\nhours: 03\n")
    assert document.lines[("title",)] == 1
    assert document.lines[("locations", 0, "area")] == 4
    assert document.line_of(("locations", 0, "postcode")) == 3
    assert document.raw[("hours",)] == "03"


def test_line_offset_for_front_matter():
    document = parse_yaml("title: a\nsummary: b\n", line_offset=1)
    assert document.lines[("summary",)] == 3
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("title: a\ntitle: b\n", line_offset=1)
    assert caught.value.line == 3 and "first on line 2" in caught.value.message


def test_too_many_nodes_is_refused():
    with pytest.raises(YamlProblem) as caught:
        parse_yaml("tags:\n" + "  - a\n" * 25_000)
    assert caught.value.message == "file has too many entries to be an opportunity"


def test_decode_accepts_bom_and_refuses_other_encodings_with_the_line():
    assert decode(b"\xef\xbb\xbftitle: caf\xc3\xa9\n") == "title: café\n"
    with pytest.raises(YamlProblem) as caught:
        decode(b"title: a\nsummary: caf\xe9\n")
    assert caught.value.line == 2
    with pytest.raises(YamlProblem) as caught:
        decode(b"x" * (MAX_FILE_BYTES + 1))
    assert caught.value.message.startswith("file is 257 KB; the limit is 256 KB.")


def test_format_path_counts_items_from_one():
    assert format_path(("locations", 0, "postcode")) == "locations[1].postcode"
    assert format_path(()) == ""


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_numbers_count_only_newlines(separator):
    """YAML also breaks lines at U+2028, U+2029 and U+0085; editors, and our messages, do not."""
    text = f'summary: "one{separator}two"\ntitle: x\ntags:\n  - a\n'
    document = parse_yaml(text)
    assert document.data["title"] == "x"
    assert document.line_of(("title",)) == 2
    assert document.line_of(("tags", 0)) == 4
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(f'summary: "one{separator}two"\ntitle: x\n  bad: y\n')
    assert caught.value.line == 3
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(f'summary: "one{separator}two"\ntitle: x\nwhere: *home\n', line_offset=4)
    assert caught.value.line == 7
