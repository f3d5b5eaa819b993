"""TOML files with locations: bytes to data or to a ``path:line:col: reason`` problem (pure).

Every TOML file coach reads (sessions, rest days, routines, config, the safety
acknowledgement) comes through here, so a broken file reads the same wherever it is. tomllib
gives no positions for the data it returns, so :func:`locate` finds the line and column of a
key path such as ``("steps", 2, "inhale")`` in the text itself. Reasons never quote the
file's content: a character tomllib tripped on could come from a private note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from coach.core.store.files import os_reason, read_regular

KeyPath = tuple[str | int, ...]
MAX_FILE_BYTES = 16 * 1024 * 1024  # far beyond any real coach file; refuse to load a stray giant
CUT_SHORT = "; the file may be cut short"


class TomlProblem(Exception):
    """A file that could not be used: ``path:line:col: reason``; ``key`` is where in the data."""

    def __init__(
        self, path: Path | str, line: int, col: int, reason: str, key: KeyPath = ()
    ) -> None:
        super().__init__(f"{path}:{line}:{col}: {reason}")
        self.path = Path(path)
        self.line = line
        self.col = col
        self.reason = reason
        self.key = key

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.line, self.col, self.reason, self.key))


class UnreadableFile(TomlProblem):
    """The file could not be read (a permission, a disk error): nothing is known of what it
    holds, and it may read well the next time."""


class MissingFile(UnreadableFile):
    """There is no file: for settings that means the defaults, for a session a problem."""


class EmptyFile(TomlProblem):
    """The file holds nothing but blank lines; each caller says what that means for it."""


@dataclass(frozen=True)
class Document:
    """A parsed file: its data, and its text for finding where a key sits."""

    path: Path | str
    text: str
    data: dict[str, Any]

    @cached_property
    def _positions(self) -> dict[KeyPath, tuple[int, int]]:
        return key_positions(self.text)

    def locate(self, key: KeyPath) -> tuple[int, int]:
        """Line and column of ``key`` or of its nearest enclosing table; 1:1 if none is found."""
        return _nearest(self._positions, key)

    def problem(self, key: KeyPath, reason: str) -> TomlProblem:
        """A problem with the value at ``key``, placed on its line."""
        line, col = self.locate(key)
        return TomlProblem(self.path, line, col, reason, key)


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, or a problem at 1:1 saying why it could not be read."""
    try:
        raw = read_regular(Path(path), max_bytes + 1)
    except FileNotFoundError as error:
        raise MissingFile(path, 1, 1, f"could not be read: {os_reason(error)}") from None
    except OSError as error:
        raise UnreadableFile(path, 1, 1, f"could not be read: {os_reason(error)}") from None
    if len(raw) > max_bytes:
        raise TomlProblem(path, 1, 1, "too large to be a coach file")
    return raw


# ---------------------------------------------------------------------------------------------
# Bytes to data

_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")
# The character tomllib tripped on, as a Python repr: keep only the word "character".
_QUOTED_CHAR = re.compile(r"""character ('(?:[^'\\]|\\.){1,12}'|"(?:[^"\\]|\\.){1,12}")""")
_NEWLINE_CHAR = re.compile(r"character '\\n'")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _end(text: str) -> tuple[int, int]:
    """Just after the last character that is not a line break: where a cut file stops."""
    return _line_col(text, len(text.rstrip("\n")))


def _syntax_reason(message: str) -> str:
    if _NEWLINE_CHAR.search(message):  # a line break inside "..." or '...'
        return "the text on this line is missing its closing quote"
    message = _QUOTED_CHAR.sub("character", message).strip().rstrip(".")
    return message[:1].lower() + message[1:]


def load(raw: bytes, path: Path | str) -> Document:
    """Parse a file's bytes; raises :class:`TomlProblem` (or :class:`EmptyFile`) naming ``path``.

    A UTF-8 byte-order mark, as some Windows editors write, is allowed and skipped.
    """
    import tomllib  # deferred: only a read needs it, and `coach --help` never reads

    body = raw.removeprefix(b"\xef\xbb\xbf")
    if not body.strip():
        raise EmptyFile(path, 1, 1, "the file is empty")
    nul = body.find(b"\0")
    if nul >= 0:
        line, col = _line_col(body.decode("latin-1"), nul)
        raise TomlProblem(path, line, col, "not a text file (it holds binary data)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        head = body[: error.start].decode("utf-8")
        line, col = _line_col(head, len(head))
        short = error.end == len(body) and error.reason == "unexpected end of data"
        raise TomlProblem(
            path, line, col, "not UTF-8 text" + (CUT_SHORT if short else "")
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line, col, cut = 1, 1, ""
        where = _POSITION.search(message)
        if where:
            message = message[: where.start()]
            if where.group(1):
                line, col = int(where.group(1)), int(where.group(2))
            else:
                (line, col), cut = _end(text), CUT_SHORT
        reason = f"not valid TOML: {_syntax_reason(message)}{cut}"
        raise TomlProblem(path, line, col, reason) from None
    return Document(path, text, data)


# ---------------------------------------------------------------------------------------------
# Where a key sits in the text

_BARE = r"[A-Za-z0-9_-]+"
_PART = rf"""(?:{_BARE}|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]")
_KEY = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")
_PARTS = re.compile(_PART)
_SIGNIFICANT = re.compile(r"""["'#\[\]{}]""")


def _names(dotted: str) -> list[str]:
    names = []
    for part in _PARTS.findall(dotted):
        if part[0] == '"' and "\\" in part:
            import tomllib  # an escape in a quoted key: let tomllib read it as it did before

            part = next(iter(tomllib.loads(f"{part} = 0")))
        elif part[0] in "\"'":
            part = part[1:-1]
        names.append(part)
    return names


def _closing(line: str, start: int, quote: str) -> int | None:
    """Where the string opened by ``quote`` ends on this line (just past it), or None."""
    i = start
    while i < len(line):
        if line[i] == "\\" and quote[0] == '"':
            i += 2
        elif line.startswith(quote, i):
            end = i + len(quote)
            # """a""""" ends a string holding a"": up to two quotes may belong to the text
            while len(quote) == 3 and end < len(line) and line[end] == quote[0] and end - i < 5:
                end += 1
            return end
        else:
            i += 1
    return None


def _scan(line: str, start: int, quote: str | None, depth: int) -> tuple[str | None, int]:
    """Read past values to the end of the line: the multi-line string still open, if any, and
    how many brackets of a multi-line array are still open."""
    i = start
    while True:
        if quote is not None:
            end = _closing(line, i, quote)
            if end is None:
                return quote, depth
            i, quote = end, None
        found = _SIGNIFICANT.search(line, i)
        if found is None or found.group() == "#":
            return None, depth
        char, i = found.group(), found.start()
        if char in "[{":
            depth, i = depth + 1, i + 1
        elif char in "]}":
            depth, i = max(0, depth - 1), i + 1
        elif line.startswith(char * 3, i):
            quote, i = char * 3, i + 3
        else:
            end = _closing(line, i + 1, char)
            i = len(line) if end is None else end


def key_positions(text: str) -> dict[KeyPath, tuple[int, int]]:
    """Line and column of every table header and key in valid TOML ``text``, by key path.

    ``[[array]]`` entries are counted, so ``("steps", 2)`` is the third ``[[steps]]``, and a
    header such as ``[steps.trainer]`` belongs to the latest entry. Lines inside multi-line
    strings and multi-line arrays are values, never keys.
    """
    positions: dict[KeyPath, tuple[int, int]] = {}
    arrays: dict[KeyPath, int] = {}
    section: KeyPath = ()
    quote: str | None = None
    depth = 0
    for number, raw_line in enumerate(text.split("\n"), 1):
        line = raw_line.removesuffix("\r")
        start = 0
        if quote is None and depth == 0:
            if header := _HEADER.match(line):
                col = header.start(1) + 1
                path: list[str | int] = []
                names = _names(header.group(2))
                for i, name in enumerate(names):
                    path.append(name)
                    positions.setdefault(tuple(path), (number, col))
                    here = tuple(path)
                    if header.group(1) == "[[" and i == len(names) - 1:
                        arrays[here] = arrays.get(here, -1) + 1
                    if here in arrays:
                        path.append(arrays[here])
                        positions.setdefault(tuple(path), (number, col))
                section = tuple(path)
                start = header.end()
            elif key := _KEY.match(line):
                col = key.start(1) + 1
                path = list(section)
                for name in _names(key.group(1)):
                    path.append(name)
                    positions.setdefault(tuple(path), (number, col))
                start = key.end()
        quote, depth = _scan(line, start, quote, depth)
    return positions


def _nearest(positions: dict[KeyPath, tuple[int, int]], key: KeyPath) -> tuple[int, int]:
    for size in range(len(key), 0, -1):
        if key[:size] in positions:
            return positions[key[:size]]
    return 1, 1


def locate(text: str, key: KeyPath) -> tuple[int, int]:
    """Line and column of ``key`` in ``text``, or of its nearest enclosing table; else 1:1."""
    return _nearest(key_positions(text), key)
