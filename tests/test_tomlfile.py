"""The one TOML reader: a broken file is one ``path:line:col: reason``; keys are found in text."""

from __future__ import annotations

import errno
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coach.core.store.codec import dumps_toml
from coach.core.tomlfile import (
    EmptyFile,
    KeyPath,
    MissingFile,
    TomlProblem,
    load,
    locate,
    read_bytes,
)

PATH = Path("/home/me/.config/coach/config.toml")


def problem(raw: bytes) -> str:
    with pytest.raises(TomlProblem) as caught:
        load(raw, PATH)
    error = caught.value
    assert str(error) == f"{PATH}:{error.line}:{error.col}: {error.reason}"
    return str(error).removeprefix(f"{PATH}:")


# --- bytes to data ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "1:1: the file is empty"),
        (b"\n  \r\n\t\n", "1:1: the file is empty"),
        (b"\xef\xbb\xbf\n", "1:1: the file is empty"),
        (b"a = 1\nb = \x00\x01", "2:5: not a text file (it holds binary data)"),
        (b'a = 1\nnote = "caf\xe9"\n', "2:12: not UTF-8 text"),
        ('a = "café'.encode()[:-1], "1:9: not UTF-8 text; the file may be cut short"),
        (b"a = 1\nb = \n", "2:5: not valid TOML: invalid value"),
        (
            b'a = 1\nb = "no end\nc = 2\n',
            "2:12: not valid TOML: the text on this line is missing its closing quote",
        ),
        (b"a = 'no end\n", """1:12: not valid TOML: expected "'"; the file may be cut short"""),
        (b'a = "abc', "1:9: not valid TOML: unterminated string; the file may be cut short"),
        (b"a = 1\nb = [\n\n\n", "2:6: not valid TOML: invalid value; the file may be cut short"),
        (b"a = 1\na = 2\n", "2:6: not valid TOML: cannot overwrite a value"),
    ],
)
def test_every_kind_of_broken_file_is_one_located_problem(raw: bytes, expected: str) -> None:
    assert problem(raw) == expected


def test_an_empty_file_is_its_own_kind_so_settings_can_mean_defaults() -> None:
    with pytest.raises(EmptyFile):
        load(b"\n", PATH)


def test_the_character_tomllib_tripped_on_is_never_quoted() -> None:
    # It could be part of a private note; the reason names only its kind.
    for raw in (b'note = "s\x01cret"\n', b"note = 's\x01cret'\n"):
        reason = problem(raw)
        assert "\\x01" not in reason and "'" not in reason and "cret" not in reason, reason
        assert reason.startswith("1:") and "character" in reason


def test_a_bom_from_a_windows_editor_is_skipped() -> None:
    assert load(b"\xef\xbb\xbfa = 1\n", PATH).data == {"a": 1}


def test_reading_a_file_names_why_it_could_not_be_read(tmp_path: Path) -> None:
    with pytest.raises(MissingFile) as missing:
        read_bytes(tmp_path / "nope.toml")
    assert str(missing.value) == f"{tmp_path / 'nope.toml'}:1:1: could not be read: " + (
        os.strerror(errno.ENOENT).lower()
    )
    with pytest.raises(TomlProblem, match=r":1:1: could not be read: is a directory$"):
        read_bytes(tmp_path)
    big = tmp_path / "big.toml"
    big.write_bytes(b"a = 1\n" * 10)
    with pytest.raises(TomlProblem, match=r"big.toml:1:1: too large to be a coach file$"):
        read_bytes(big, max_bytes=59)
    assert read_bytes(big, max_bytes=60) == b"a = 1\n" * 10


def test_a_problem_with_a_value_is_placed_on_its_line() -> None:
    document = load(b'[checkin]\n  pain = "two"\n', PATH)
    found = document.problem(("checkin", "pain"), "checkin.pain must be a whole number")
    assert str(found) == f"{PATH}:2:3: checkin.pain must be a whole number"
    assert found.key == ("checkin", "pain")


# --- where a key sits -------------------------------------------------------------------------

ROUTINE = """\
schema_version = 1   # a comment with "quotes" and [brackets]
name = "Evening"

[[steps]]
title = "first"

[[steps]]
title = "second"
  [steps.trainer]
  size = 2
  [[steps.sets]]
  reps = 1
  [[steps.sets]]
  reps = 2

[[ steps ]]
"quoted key" = 1
'literal.key' = 2
"esc\\"aped" = 3
guide = \"\"\"
inhale = 4
[[steps]]
\"\"\"
inhale = 5
dotted . key = 6
other = '''one''' # '''
exhale = 7
values = [
  ["not", "a", "header"],
  { also = "not a key" },
  \"\"\"
x = 1\"\"\",
]
cycles = 8

[support]
name = "after the array"
"""


@pytest.mark.parametrize(
    ("key", "where"),
    [
        (("schema_version",), (1, 1)),
        (("steps",), (4, 1)),
        (("steps", 0, "title"), (5, 1)),
        (("steps", 1), (7, 1)),
        (("steps", 1, "trainer"), (9, 3)),
        (("steps", 1, "trainer", "size"), (10, 3)),
        (("steps", 1, "sets", 0, "reps"), (12, 3)),
        (("steps", 1, "sets", 1, "reps"), (14, 3)),
        (("steps", 1, "sets", 1), (13, 3)),
        (("steps", 2), (16, 1)),
        (("steps", 2, "quoted key"), (17, 1)),
        (("steps", 2, "literal.key"), (18, 1)),
        (("steps", 2, 'esc"aped'), (19, 1)),
        (("steps", 2, "inhale"), (24, 1)),  # not the line inside the multi-line guide
        (("steps", 2, "dotted", "key"), (25, 1)),
        (("steps", 2, "exhale"), (27, 1)),
        (("steps", 2, "cycles"), (34, 1)),  # the array's lines are values, never keys
        (("steps", 2, "x"), (16, 1)),  # not a key: the nearest table
        (("steps", 3), (4, 1)),  # no fourth step: the [[steps]] inside the guide is text
        (("steps", 1, "missing"), (7, 1)),
        (("support", "name"), (37, 1)),
        (("nowhere", 0, "at all"), (1, 1)),
    ],
)
def test_a_key_path_is_found_on_its_line(key: KeyPath, where: tuple[int, int]) -> None:
    data = tomllib.loads(ROUTINE)  # the text is valid TOML, and these are its keys
    assert len(data["steps"]) == 3 and data["steps"][2]["inhale"] == 5
    assert locate(ROUTINE, key) == where


def test_windows_line_endings_and_unicode_line_breaks_keep_line_numbers() -> None:
    text = 'a = "one\u2028two"\r\n[checkin]\r\npain = 2\r\n'
    assert locate(text, ("checkin", "pain")) == (3, 1)


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace")))
def test_no_bytes_make_load_fail_with_anything_but_a_located_problem(raw: bytes) -> None:
    try:
        load(raw, PATH)
    except TomlProblem as error:
        assert str(error) == f"{PATH}:{error.line}:{error.col}: {error.reason}"
        assert error.line >= 1 and error.col >= 1 and error.reason


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_load_reads_any_valid_text_as_tomllib_does(text: str) -> None:
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    if text.strip() and "\0" not in text:
        assert load(text.encode("utf-8", "surrogatepass"), PATH).data == expected


keys = st.text(min_size=1, max_size=8)  # quotes, dots, spaces, line breaks: any key at all
strings = st.text(max_size=30) | st.sampled_from(['"""\n[[a]]\nb = 1\n"""', "x = 1\n[t]\n"])
leaf_tables = st.dictionaries(keys, st.integers() | strings, max_size=3)
nested_tables: st.SearchStrategy[dict[str, Any]] = st.recursive(
    leaf_tables, lambda inner: st.dictionaries(keys, inner, max_size=3), max_leaves=12
)
arrays_of_tables: st.SearchStrategy[dict[str, Any]] = st.recursive(
    leaf_tables,
    lambda inner: st.dictionaries(
        keys, inner | st.lists(inner, min_size=1, max_size=3), max_size=3
    ),
    max_leaves=12,
)


def _numbered(data: Any, path: KeyPath, leaves: dict[KeyPath, int]) -> Any:
    """``data`` with every integer made unique, remembering where each one is."""
    if isinstance(data, dict):
        return {k: _numbered(v, (*path, k), leaves) for k, v in data.items()}
    if isinstance(data, list):
        return [_numbered(v, (*path, i), leaves) for i, v in enumerate(data)]
    if isinstance(data, int):
        leaves[path] = 1000 + len(leaves)
        return leaves[path]
    return data


def _holds_cr(data: Any) -> bool:
    """Whether any key or text in ``data`` holds a carriage return."""
    if isinstance(data, dict):
        return any(_holds_cr(k) or _holds_cr(v) for k, v in data.items())
    return isinstance(data, str) and "\r" in data


def every_value_is_found_on_its_own_line(data: dict[str, Any], write: Any) -> None:
    leaves: dict[KeyPath, int] = {}
    data = _numbered(data, (), leaves)
    text = write(data)
    assert tomllib.loads(text) == data
    if text.strip():
        assert load(text.encode(), PATH).data == data
    lines = text.split("\n")
    for key, number in leaves.items():
        line, col = locate(text, key)
        assert lines[line - 1].endswith(f" = {number}"), (key, number, text)
        assert col == 1


@settings(max_examples=150, deadline=None)
@given(arrays_of_tables)
def test_every_value_coach_writes_is_found_on_its_line(data: dict[str, Any]) -> None:
    # coach's own writer: [[array]] entries, arrays inside them, [a.b] tables, quoted keys
    every_value_is_found_on_its_own_line(data, lambda d: dumps_toml(d).decode())


@settings(max_examples=150, deadline=None)
@given(nested_tables)
def test_every_value_in_a_file_with_multiline_strings_is_found_on_its_line(
    data: dict[str, Any],
) -> None:
    # multi-line strings holding lines that look like keys and headers. In one, "\r\n" is a
    # line break and TOML reads it back as "\n": a value that cannot come back unchanged.
    assume(not _holds_cr(data))
    every_value_is_found_on_its_own_line(data, lambda d: tomli_w.dumps(d, multiline_strings=True))
