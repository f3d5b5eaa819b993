"""The derived summary index: a cache of per-session summaries so `coach log` stays fast (pure).

The session files are the only record. The index under ``<data>/index/`` remembers, for each
session file, its size and modification time and the summary the history needs (or the
problem found in it), so a run re-reads only files that are new or changed. Deleting the
index, or finding it unreadable, only costs one slower run; nothing is ever lost.

While the data folder is locked the index holds summaries (routine names, ratings, a note's
start), so it is kept only encrypted, as ``sessions.json.age``: read with the identity the
view unlocked, written to that identity's recipient. A locked folder never gets a plain one.

A run looks only at the files it needs, chosen by the day in their names (the last 12 weeks
and the newest sessions for the table): their stat is compared with the index and they are
read again when changed. Older files are only counted by name until a view needs them
(``--all``, an older ``--since``, ``--routine`` or an export), so a long history costs one
directory listing, with or without the index. Files known to be bad are checked every run.
"""

from __future__ import annotations

import json
import os
import re
import time
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from coach.core.history import SessionSummary, summarize, summary_fields, summary_from_fields
from coach.core.paths import Paths
from coach.core.store.codec import SessionFileError
from coach.core.store.files import atomic_write, ensure_private_dir
from coach.core.store.sessions import file_stem, is_data_name, one_form_each, read_session
from coach.core.vault import (
    SEALED_SUFFIX,
    Identity,
    NotDecryptable,
    decrypt,
    encrypt,
    is_locked,
    sealed_path,
)

# The index's own format: raise it whenever SessionSummary or an entry changes shape, and only
# then, so upgrading coach does not throw a good index away.
FORMAT = 6  # 3: sensate-focus stage and check-ins; 4: trainer bleeding and movement
INDEX_FILE = "sessions.json"
MAX_INDEX_BYTES = 256 * 1024 * 1024  # some 60 times a 10,000-session index: bigger is not ours
# A file changed within this many nanoseconds of saving the index could change again
# within the same timestamp tick; leave it out so the next run reads it again.
RACY_NS = 2_000_000_000

Stat = tuple[int, int]  # (mtime_ns, size)
# What the index keeps per file: (mtime_ns, size, summary or None, problem or None).
Entry = tuple[int, int, SessionSummary | None, str | None]


def index_path(data: Path, *, sealed: bool = False) -> Path:
    """Where the index lives inside the data folder (encrypted: ``sessions.json.age``)."""
    path = data / "index" / INDEX_FILE
    return sealed_path(path) if sealed else path


def list_files(sessions_root: Path) -> list[str]:
    """Every session file under ``sessions/YYYY/`` as a relative path (names only, no stat),
    plain or sealed, each file once."""
    found: list[str] = []
    try:
        years = [e for e in os.scandir(sessions_root) if e.is_dir() and e.name[0] != "."]
    except OSError:
        return found
    for year in years:
        prefix = year.name + "/"
        try:
            with os.scandir(year.path) as entries:
                names = [e.name for e in entries if is_data_name(e.name)]
            found += [prefix + name for name in one_form_each(names)]
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
    return file_stem(rel.rsplit("/", 1)[-1])


class SessionIndex:
    """The session files on disk and what is known about each.

    A file is *checked* once this run has compared its size and modification time with the
    index (reading it again if they differ). Only checked files give summaries. Files a view
    does not need are only counted by name, so a long history costs one directory listing.
    """

    def __init__(
        self,
        sessions_root: Path,
        cache_file: Path,
        *,
        identity: Identity | None = None,
    ) -> None:
        """``identity`` reads sealed session files; a sealed cache (``*.age``) is read and
        written with it, and without it is neither read nor written."""
        self.sessions_root = sessions_root
        self.cache_file = cache_file
        self.identity = identity
        names = list_files(sessions_root)
        if identity is None:  # sealed files cannot be opened: not problems, just not here
            names = [rel for rel in names if not rel.endswith(SEALED_SUFFIX)]
        self._day: dict[str, str] = {}  # dated file name -> the day in it
        undated = []
        for rel in names:
            day = stem_day(rel)
            if day is None:
                undated.append(rel)  # renamed by hand: it may be any day, so always check it
            else:
                self._day[rel] = day
        # Entries stay as parsed JSON until a view needs them: only those are checked and
        # turned into summaries, so a long history costs one JSON parse, not 10,000 objects.
        self._cache = _load(cache_file, identity)
        self._checked: dict[str, Entry] = {}
        self._summary: dict[str, SessionSummary] = {}
        present = set(names)
        self._changed = any(rel not in present for rel in self._cache)  # files removed
        # Known bad files are checked every run, so each is named until it is fixed.
        bad = [rel for rel, e in self._cache.items() if _known_bad(e) and rel in present]
        self.check(undated + bad)

    def _names_between(self, low: str, high: str) -> list[str]:
        return [rel for rel, day in self._day.items() if low <= day <= high]

    def check(self, rels: Iterable[str], *, trainer_only: bool = False) -> None:
        """Compare these files with the index and read the new or changed ones.

        With ``trainer_only``, an unchanged file the index knows has no trainer check-in is
        left unchecked (and unread), so the ladder costs a stat per file, not a summary.
        """
        root = os.fspath(self.sessions_root) + os.sep  # plain strings: a stat per file adds up
        for rel in rels:
            if rel in self._checked:
                continue
            try:
                st = os.stat(root + rel)  # noqa: PTH116 (a Path per file costs more than the stat)
            except OSError:
                continue  # removed while we looked
            raw = self._cache.get(rel)
            if trainer_only and _fresh_without_trainer(raw, st.st_mtime_ns, st.st_size):
                continue
            entry = _entry(raw)
            if entry is not None and entry[0] == st.st_mtime_ns and entry[1] == st.st_size:
                if entry[2] is not None:
                    self._summary[rel] = entry[2]
                self._checked[rel] = entry
                continue
            self._read(rel, self.sessions_root / rel, (st.st_mtime_ns, st.st_size))

    def _read(self, rel: str, path: Path, stat: Stat) -> None:
        try:
            summary = summarize(read_session(path, self.identity), session_id(rel))
        except SessionFileError as error:
            self._checked[rel] = (*stat, None, _strip_path(str(error), path))
            self._summary.pop(rel, None)
        else:
            self._checked[rel] = (*stat, summary, None)
            self._summary[rel] = summary
        self._changed = True

    def check_between(
        self, low: str = "", high: str = "9999", *, trainer_only: bool = False
    ) -> None:
        """Check every file named after a day from ``low`` to ``high``."""
        self.check(self._names_between(low, high), trainer_only=trainer_only)

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
        sealed = self.cache_file.name.endswith(".age")
        if not self._changed or (sealed and self.identity is None):
            return
        fresh = (time.time_ns() if now_ns is None else now_ns) - RACY_NS
        entries: dict[str, object] = {
            rel: e
            for rel, e in self._cache.items()
            if rel in self._day and rel not in self._checked
        }  # not needed this run: kept as they were, to be checked when they are needed
        entries.update(
            (rel, [mtime, size, _summary_text(s), problem, bool(s and s.trainer)])
            for rel, (mtime, size, s, problem) in self._checked.items()
            if mtime < fresh
        )
        body = json.dumps(
            entries,
            separators=(",", ":"),  # ASCII escapes: json parses them quicker than UTF-8
        ).encode()
        encoded = _header(body) + body
        if sealed and self.identity is not None:
            encoded = encrypt(encoded, self.identity.to_public())
        try:
            ensure_private_dir(self.cache_file.parent)
            atomic_write(self.cache_file, encoded)
        except OSError:
            return
        self._changed = False


def _strip_path(message: str, path: Path) -> str:
    # Keep problems relative, so a data folder that moves still names the right file.
    prefix = str(path)
    return message[len(prefix) :] if message.startswith(prefix + ":") else message


def open_index(paths: Paths, identity: Identity | None) -> SessionIndex:
    """The index of ``paths``' sessions: sealed and read with ``identity`` while the folder is
    locked; while it is locked and no identity is given, neither read nor saved."""
    sealed = is_locked(paths.data)
    return SessionIndex(paths.sessions, index_path(paths.data, sealed=sealed), identity=identity)


def _load(cache_file: Path, identity: Identity | None = None) -> dict[str, object]:
    """The cached entries, or nothing when the index is missing, too big, of another format or
    damaged. JSON, so a damaged or foreign file can only fail to parse: it never runs code, and
    reading it takes time and memory in proportion to its size, which is capped. A sealed
    index is decrypted first; without the identity it is not read at all."""
    sealed = cache_file.name.endswith(".age")
    if sealed and identity is None:
        return {}
    try:
        with cache_file.open("rb") as handle:
            raw = handle.read(MAX_INDEX_BYTES + 1)
    except OSError:
        return {}
    if sealed and identity is not None and len(raw) <= MAX_INDEX_BYTES:
        try:
            raw = decrypt(raw, identity)
        except NotDecryptable:
            return {}
    header, _, body = raw.partition(b"\n")
    if len(raw) > MAX_INDEX_BYTES or header + b"\n" != _header(body):
        return {}  # too big, another format, or not the bytes that were written: rebuild
    try:
        entries = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError included
        return {}
    return entries if isinstance(entries, dict) else {}


# An entry: [mtime_ns, size, the summary as JSON text or null, problem or null, has trainer].
# The summary is text inside the index, so loading the index parses one string per session;
# only the summaries a view needs are parsed further.


def _summary_text(summary: SessionSummary | None) -> str | None:
    if summary is None:
        return None
    return json.dumps(summary_fields(summary), separators=(",", ":"))  # ASCII: quicker to parse


def _known_bad(raw: object) -> bool:
    return isinstance(raw, list) and len(raw) == 5 and raw[2] is None and raw[3] is not None


def _fresh_without_trainer(raw: object, mtime: int, size: int) -> bool:
    return (
        isinstance(raw, list)
        and len(raw) == 5
        and raw[0] == mtime
        and raw[1] == size
        and raw[3] is None
        and raw[4] is False
    )


def _header(body: bytes) -> bytes:
    """The first line: the format and a digest of the rest, so any damage is seen at once."""
    # A checksum against accidental damage (a cut-short or flipped file); the index is only a
    # cache, and zlib loads in a fraction of the time hashlib's OpenSSL does.
    digest = f"{zlib.crc32(body):08x}"
    return f"coach-index {FORMAT} {digest}\n".encode()


def _entry(raw: object) -> Entry | None:
    """One index entry as written by :meth:`SessionIndex.save`, or None if it is not one."""
    if not isinstance(raw, list) or len(raw) != 5:
        return None
    mtime, size, text, problem, _ = raw
    if not (_is_int(mtime) and _is_int(size)) or not (problem is None or isinstance(problem, str)):
        return None
    if text is None:
        return (mtime, size, None, problem) if problem is not None else None
    if not isinstance(text, str):
        return None
    try:
        fields = json.loads(text)
    except (ValueError, RecursionError):
        return None
    summary = summary_from_fields(fields)
    return None if summary is None else (mtime, size, summary, None)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def newest_sessions(sessions_root: Path, cache_file: Path, count: int) -> list[SessionSummary]:
    """The newest ``count`` good sessions (fewer when there are fewer), newest first.

    Only the newest files are looked at, through the index; the index is not written, so a
    screen that only wants the latest few sessions costs one folder listing and no write.
    """
    index = SessionIndex(sessions_root, cache_file)
    index.check_newest("", "9999", count, lambda: len(index.summaries) >= count)
    return sorted(index.summaries, key=lambda s: s.timestamp, reverse=True)[:count]
