"""The derived summary index: a cache of per-session summaries so `coach log` stays fast (pure).

The session files are the only record. The index under ``<data>/index/`` remembers, for each
session file, its size and modification time and the summary the history needs (or the
problem found in it), so a run re-reads only files that are new or changed. Deleting the
index, or finding it unreadable, only costs one slower run; nothing is ever lost.

A run looks only at the files it needs, chosen by the day in their names (the last 12 weeks
and the newest sessions for the table): their stat is compared with the index and they are
read again when changed. Older files are only counted by name until a view needs them
(``--all``, an older ``--since``, ``--routine`` or an export), so a long history costs one
directory listing, with or without the index. Files known to be bad are checked every run.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import __version__
from coach.core.history import SessionSummary, summarize

if TYPE_CHECKING:
    from coach.core.records import Session

FORMAT = 1
INDEX_FILE = "sessions.marshal"
# A file changed within this many nanoseconds of saving the index could change again
# within the same timestamp tick; leave it out so the next run reads it again.
RACY_NS = 2_000_000_000

Stat = tuple[int, int]  # (mtime_ns, size)
# What the index keeps per file: (mtime_ns, size, summary fields or None, problem or None).
Entry = tuple[int, int, tuple[object, ...] | None, str | None]


def index_path(data: Path) -> Path:
    """Where the index lives inside the data folder."""
    return data / "index" / INDEX_FILE


def list_files(sessions_root: Path) -> list[str]:
    """Every session file under ``sessions/YYYY/`` as a relative path (names only, no stat)."""
    found: list[str] = []
    try:
        years = [e for e in os.scandir(sessions_root) if e.is_dir() and e.name[0] != "."]
    except OSError:
        return found
    for year in years:
        prefix = year.name + "/"
        try:
            with os.scandir(year.path) as entries:
                found += [
                    prefix + e.name for e in entries if e.name[-5:] == ".toml" and e.name[0] != "."
                ]
        except OSError:
            continue
    return found


_DAY = re.compile(r"[^/]*/(\d{4}-\d{2}-\d{2})[^/]*$")


def stem_day(rel: str) -> str | None:
    """The YYYY-MM-DD a session file is named after, or None for a name in another form."""
    match = _DAY.match(rel)
    return match.group(1) if match else None


def session_id(rel: str) -> str:
    """The ID shown in the table: the file stem."""
    return rel.rsplit("/", 1)[-1].removesuffix(".toml")


class SessionIndex:
    """The session files on disk and what is known about each.

    A file is *checked* once this run has compared its size and modification time with the
    index (reading it again if they differ). Only checked files give summaries. Files a view
    does not need are only counted by name, so a long history costs one directory listing.
    """

    def __init__(self, sessions_root: Path, cache_file: Path) -> None:
        self.sessions_root = sessions_root
        self.cache_file = cache_file
        names = list_files(sessions_root)
        self._day: dict[str, str] = {}  # dated file name -> the day in it
        undated = []
        for rel in names:
            day = stem_day(rel)
            if day is None:
                undated.append(rel)  # renamed by hand: it may be any day, so always check it
            else:
                self._day[rel] = day
        self._cache = _load(cache_file)
        self._checked: dict[str, Entry] = {}
        self._summary: dict[str, SessionSummary] = {}
        present = set(names)
        self._changed = any(rel not in present for rel in self._cache)  # files removed
        # Known bad files are checked every run, so each is named until it is fixed.
        try:
            bad = [rel for rel, e in self._cache.items() if e[3] is not None and rel in present]
        except (TypeError, IndexError):  # a damaged index: start again
            self._cache, bad, self._changed = {}, [], True
        self.check(undated + bad)

    def _names_between(self, low: str, high: str) -> list[str]:
        return [rel for rel, day in self._day.items() if low <= day <= high]

    def check(self, rels: Iterable[str]) -> None:
        """Compare these files with the index and read the new or changed ones."""
        make = SessionSummary._make
        width = len(SessionSummary._fields)
        for rel in rels:
            if rel in self._checked:
                continue
            path = self.sessions_root / rel
            try:
                st = path.stat()
            except OSError:
                continue  # removed while we looked
            entry = self._cache.get(rel)
            try:
                if entry is not None and entry[0] == st.st_mtime_ns and entry[1] == st.st_size:
                    if entry[2] is not None:
                        if len(entry[2]) != width:
                            raise ValueError("an index entry of the wrong shape")
                        self._summary[rel] = make(entry[2])
                    self._checked[rel] = entry
                    continue
            except (TypeError, ValueError, IndexError):
                pass  # a damaged entry: read the file again
            self._read(rel, path, (st.st_mtime_ns, st.st_size))

    def _read(self, rel: str, path: Path, stat: Stat) -> None:
        from coach.core.store.codec import SessionFileError

        try:
            summary = summarize(read_session(path), session_id(rel))
        except SessionFileError as error:
            self._checked[rel] = (*stat, None, _strip_path(str(error), path))
            self._summary.pop(rel, None)
        else:
            self._checked[rel] = (*stat, tuple(summary), None)
            self._summary[rel] = summary
        self._changed = True

    def check_between(self, low: str = "", high: str = "9999") -> None:
        """Check every file named after a day from ``low`` to ``high``."""
        self.check(self._names_between(low, high))

    def check_newest(self, low: str, high: str, wanted: int, enough: Callable[[], bool]) -> None:
        """Check files from the newest name back, ``wanted`` at a time, until ``enough()``."""
        waiting = sorted(
            (rel for rel in self._names_between(low, high) if rel not in self._checked),
            reverse=True,
        )
        while waiting and not enough():
            self.check(waiting[:wanted])
            waiting = waiting[wanted:]

    def unchecked_between(self, low: str = "", high: str = "9999") -> int:
        """How many files named in this range were not checked (known bad ones excepted)."""
        return sum(1 for rel in self._names_between(low, high) if rel not in self._checked)

    @property
    def summaries(self) -> list[SessionSummary]:
        """Every good session checked so far."""
        return list(self._summary.values())

    def paths_by_id(self) -> dict[str, Path]:
        """The file each checked session came from, by session ID."""
        return {summary.id: self.sessions_root / rel for rel, summary in self._summary.items()}

    @property
    def problems(self) -> list[str]:
        """``path:line:col: reason`` for each bad file, in file order."""
        out = []
        for rel in sorted(self._checked):
            problem = self._checked[rel][3]
            if problem is not None:
                out.append(
                    f"{self.sessions_root / rel}{problem}" if problem.startswith(":") else problem
                )
        return out

    def save(self, now_ns: int | None = None) -> None:
        """Write the index if anything changed; a cache that cannot be written is no problem."""
        if not self._changed:
            return
        fresh = (time.time_ns() if now_ns is None else now_ns) - RACY_NS
        shared: dict[object, object] = {}
        entries = {rel: e for rel, e in self._cache.items() if rel in self._day}
        entries.update(self._checked)
        entries = {
            rel: (e[0], e[1], _share(e[2], shared), e[3])
            for rel, e in entries.items()
            if e[0] < fresh
        }
        data = marshal.dumps(
            {
                "format": FORMAT,
                "coach": __version__,
                "python": tuple(sys.version_info[:2]),
                "entries": entries,
            }
        )
        from coach.core.store.files import atomic_write, ensure_private_dir

        try:
            ensure_private_dir(self.cache_file.parent)
            atomic_write(self.cache_file, data)
        except OSError:
            return
        self._changed = False


def _share(
    fields: tuple[object, ...] | None, shared: dict[object, object]
) -> tuple[object, ...] | None:
    # One object per repeated value (routine names, status words): marshal then writes each
    # once and refers back, which keeps the index small and quick to load.
    if fields is None:
        return None
    return tuple(shared.setdefault(v, v) if isinstance(v, str) else v for v in fields)


def _strip_path(message: str, path: Path) -> str:
    # Keep problems relative, so a data folder that moves still names the right file.
    prefix = str(path)
    return message[len(prefix) :] if message.startswith(prefix + ":") else message


def _load(cache_file: Path) -> dict[str, Entry]:
    """The cached entries, or nothing when the index is missing, old or damaged."""
    try:
        raw = cache_file.read_bytes()
    except OSError:
        return {}
    try:
        data = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or data.get("coach") != __version__
        or data.get("python") != tuple(sys.version_info[:2])
    ):
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    return entries


# ---------------------------------------------------------------------------------------------
# Reading session files quickly: an exact reader for the TOML coach itself writes

# What store.dumps_toml writes, and nothing more: ``key = value`` lines with bare keys, basic
# strings, decimal numbers, booleans and date-times with an offset, ``[name]``, ``[[name]]`` and
# ``[name.child]`` under an array of tables, and blank lines. Each pattern accepts a subset of
# what tomllib accepts and gives the same value; anything else makes fast_loads give up, and
# the file is read by tomllib through the store as before.
_KEY_VALUE = re.compile(r"([A-Za-z0-9_-]+) = (.+)")
_TABLE = re.compile(r"\[([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?\]")
_ARRAY_TABLE = re.compile(r"\[\[([A-Za-z0-9_-]+)\]\]")
_STRING = re.compile(
    r'"((?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}))*)"'
)
_ESCAPE = re.compile(r'\\(?:([btnfr"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))')
_ESCAPED = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)")
_MOMENT = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:\.([0-9]{1,6}))?"
    r"([+-])([01][0-9]|2[0-3]):([0-5][0-9])"
)
_ZONES: dict[str, timezone] = {}


class _Unexpected(Exception):
    """Something coach does not write itself: leave the file to tomllib."""


def _unescape(match: re.Match[str]) -> str:
    short, four, eight = match.groups()
    if short is not None:
        return _ESCAPED[short]
    code = int(four or eight, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _Unexpected  # tomllib refuses it: let it say so
    return chr(code)


def _zone(sign: str, hours: str, minutes: str) -> timezone:
    key = sign + hours + minutes
    zone = _ZONES.get(key)
    if zone is None:
        factor = 1 if sign == "+" else -1
        zone = timezone(timedelta(hours=factor * int(hours), minutes=factor * int(minutes)))
        _ZONES[key] = zone
    return zone


def _value(text: str) -> object:
    first = text[0]
    if first == '"':
        match = _STRING.fullmatch(text)
        if match is None:
            raise _Unexpected
        inner = match.group(1)
        return _ESCAPE.sub(_unescape, inner) if "\\" in inner else inner
    if text == "true":
        return True
    if text == "false":
        return False
    if len(text) >= 25 and text[4] == "-":
        moment = _MOMENT.fullmatch(text)
        if moment is None:
            raise _Unexpected
        y, mo, d, h, mi, s, micro, sign, zh, zm = moment.groups()
        return datetime(  # raises ValueError for a day a month does not have
            int(y),
            int(mo),
            int(d),
            int(h),
            int(mi),
            int(s),
            int(micro.ljust(6, "0")) if micro else 0,
            tzinfo=_zone(sign, zh, zm),
        )
    if _INTEGER.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    raise _Unexpected


def fast_loads(raw: bytes) -> dict[str, Any] | None:
    """The file as tomllib.loads would give it, or None when it holds anything unexpected.

    Only the shape coach writes is understood; for any other file (hand-edited, damaged, or
    from a newer coach) this returns None and the caller reads it the usual way.
    """
    if b"\0" in raw or b"\r" in raw or raw[:3] == b"\xef\xbb\xbf" or raw[-1:] != b"\n":
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    root: dict[str, Any] = {}
    table = root
    arrays: set[int] = set()  # the lists made by [[name]], which [name.child] may extend
    try:
        for line in text[:-1].split("\n"):
            if not line:
                continue
            if line[0] == "[":
                many = _ARRAY_TABLE.fullmatch(line)
                if many is not None:
                    name = many.group(1)
                    tables = root.get(name)
                    if tables is None:
                        tables = root[name] = []
                        arrays.add(id(tables))
                    elif id(tables) not in arrays:
                        return None
                    table = {}
                    tables.append(table)
                    continue
                one = _TABLE.fullmatch(line)
                if one is None:
                    return None
                parent, name = root, one.group(1)
                if one.group(2) is not None:
                    tables = root.get(name)
                    if not isinstance(tables, list) or id(tables) not in arrays:
                        return None
                    parent, name = tables[-1], one.group(2)
                if name in parent:
                    return None
                table = parent[name] = {}
                continue
            pair = _KEY_VALUE.fullmatch(line)
            if pair is None or pair.group(1) in table:
                return None
            table[pair.group(1)] = _value(pair.group(2))
    except (_Unexpected, ValueError, OverflowError):
        return None
    return root


def read_session(path: Path) -> Session:
    """One session file, exactly as store.read_session reads it, but quicker for coach's own.

    A file in the shape coach writes is parsed here; any other file, and any file that is not
    a valid session, goes through store.read_session, so every problem reads the same.
    """
    from coach.core.store import codec as store
    from coach.core.store import sessions

    try:
        with path.open("rb") as handle:
            raw = handle.read(sessions.MAX_FILE_BYTES + 1)
    except OSError:
        raw = b""
    if len(raw) <= sessions.MAX_FILE_BYTES:
        data = fast_loads(raw)
        if data is not None:
            try:
                return store.session_from_dict(data, str(path))
            except store.SessionFileError:
                pass
    return sessions.read_session(path)
