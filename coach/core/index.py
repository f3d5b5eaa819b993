"""The derived summary index: a cache of per-session summaries so `coach log` stays fast (pure).

The session files are the only record. The index under ``<data>/index/`` remembers, for each
session file, its size and modification time and the summary the history needs (or the
problem found in it), so a run re-reads only files that are new or changed. Deleting the
index, or finding any of it unreadable, only costs one slower run; nothing is ever lost.

It is kept in small files, so a run parses only what its view needs:

- ``YYYY.json``: the summaries of the sessions in ``sessions/YYYY/``;
- ``trainer.json``: for each session with trainer practice, the little the ladder reads;
- ``folders.json``: each year folder's modification time and how many files it holds, and
  the files known to be bad (checked every run, so each is named until it is fixed).

A folder's modification time changes whenever a file in it is added, removed or renamed.
While it is the one recorded, the folder's names are the ones the index knows, so
`coach log` counts an old year without listing it, and `coach trainer` takes the folder's
trainer practice at trainer.json's word (once every file in the folder has been checked
since the folder last changed, and none was left out). A file edited in place keeps its
folder's time, so `coach log` always compares the size and time of the last 12 weeks' files
with the index, `coach trainer` those of the last 12 weeks' trainer files, and `coach log
--all` and the exports those of every file: an edit is seen there. So an older session
edited in place by hand, or any session edited in place to add trainer practice, is seen by
`coach trainer` once `coach log --all` has read it. Coach saves by writing a new file over
the old one, which changes the folder's time. What could not be looked at (a folder that
could not be listed, a file that could not be read) is not remembered.

A run looks only at the files it needs, chosen by the day in their names (the last 12 weeks
and the newest sessions for the table): their stat is compared with the index and they are
read again when changed. Older files are only counted until a view needs them (``--all``,
an older ``--since``, ``--routine`` or an export).

While the data folder is locked the index holds summaries (routine names, ratings, a note's
start), so it is kept only encrypted, each file as ``NAME.json.age``: read with the identity
the view unlocked, written to that identity's recipient. A locked folder never gets a plain
one.
"""

from __future__ import annotations

import json
import os
import re
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.history import (
    Practice,
    SessionSummary,
    practice_fields,
    practice_from_fields,
    practice_of,
    summarize,
    summary_fields,
    summary_from_fields,
)
from coach.core.paths import Paths
from coach.core.store.codec import SessionFileError
from coach.core.store.files import atomic_write, ensure_private_dir, read_regular
from coach.core.store.sessions import file_stem, is_data_name, one_form_each, read_session
from coach.core.tomlfile import UnreadableFile
from coach.core.vault import SEALED_SUFFIX, NotDecryptable, decrypt, encrypt, is_locked

if TYPE_CHECKING:
    from coach.core.vault import Identity

# The index's own format: raise it whenever SessionSummary or an entry changes shape, and only
# then, so upgrading coach does not throw a good index away.
# 3: sensate focus; 4: trainer bleeding and movement; 8: a file per year; 9: trainer.json keeps
# each start as a number too.
FORMAT = 9
INDEX_FOLDER = "index"
FOLDERS = "folders"
TRAINER = "trainer"
# Index files as coach names them: the above, a year, and the single file of format 6 and
# before, which a save removes (it held every summary, note previews included).
INDEX_NAME = re.compile(r"(folders|trainer|sessions|\d{4})\.json(\.age)?")
MAX_INDEX_BYTES = 256 * 1024 * 1024  # some 60 times a 10,000-session index: bigger is not ours
# A file (or folder) changed within this many nanoseconds before a run began looking could
# change again within the same timestamp tick, unseen; leave it out so the next run looks again.
RACY_NS = 2_000_000_000
_YEAR = re.compile(r"\d{4}")

Stat = tuple[int, int]  # (mtime_ns, size)
# What a run knows of one checked file: (mtime_ns, size, summary or None, problem or None).
Entry = tuple[int, int, SessionSummary | None, str | None]
# What folders.json keeps for a year folder: its mtime (None when it was too recent to
# trust), how many files it held, whether the index knew every one, and the ones whose name
# carries no day (renamed by hand: they may be any day, so they are checked every run).
Record = tuple[int | None, int, bool, list[str]]


def index_folder(data: Path) -> Path:
    """Where the index lives: inside the data folder, so nothing derived lands outside it."""
    return data / INDEX_FOLDER


def index_files(data: Path, *, sealed: bool | None = None) -> list[Path]:
    """The index's files in ``data`` (only plain or only sealed ones, when ``sealed`` says)."""
    try:
        found = sorted(index_folder(data).iterdir())
    except OSError:
        return []
    return [
        path
        for path in found
        if (match := INDEX_NAME.fullmatch(path.name))
        and (sealed is None or sealed == bool(match.group(2)))
    ]


def remove_index(data: Path, *, sealed: bool) -> None:
    """Delete the index's plain (or sealed) files: derived, and they hold note previews."""
    for path in index_files(data, sealed=sealed):
        path.unlink(missing_ok=True)


_DAY = re.compile(r"[^/]*/(\d{4}-\d{2}-\d{2})[^/]*$")


def stem_day(rel: str) -> str | None:
    """The YYYY-MM-DD a session file is named after, or None for a name in another form."""
    match = _DAY.match(rel)
    return match.group(1) if match else None


def session_id(rel: str) -> str:
    """The ID shown in the table: the file stem."""
    return file_stem(rel.rsplit("/", 1)[-1])


class _Year:
    """One folder under ``sessions/``: its names, listed when needed, and its index file,
    read when needed."""

    def __init__(self, name: str, path: str, mtime: int, record: Record | None) -> None:
        self.name = name
        self.prefix = name + "/"
        self.path = path
        self.mtime = mtime
        self.record = record
        self.names: list[str] | None = None  # relative paths, once listed
        self.failed = False  # its listing failed: its names are not known
        self.cached: dict[str, object] | None = None  # its index file's entries, once read

    @property
    def indexed(self) -> bool:
        """Whether it gets a year file: a folder coach did not name is read every run."""
        return _YEAR.fullmatch(self.name) is not None

    @property
    def listed(self) -> bool:
        """Whether this run has the folder's names."""
        return self.names is not None and not self.failed

    @property
    def unchanged(self) -> bool:
        """Whether the folder holds the names it held when the index recorded it."""
        return self.record is not None and self.record[0] == self.mtime

    @property
    def known(self) -> bool:
        """Whether it is unchanged, and the index knew every file in it then."""
        return self.unchanged and self.record is not None and self.record[2]

    def within(self, low: str, high: str) -> bool:
        """Whether files named after a day from ``low`` to ``high`` may be in this folder."""
        return not self.indexed or low[:4] <= self.name <= high[:4]


class SessionIndex:
    """The session files on disk and what is known about each.

    A file is *checked* once this run has compared its size and modification time with the
    index (reading it again if they differ). Only checked files give summaries. Files a view
    does not need are only counted, so a long history costs a stat per year folder.
    """

    def __init__(
        self,
        sessions_root: Path,
        folder: Path,
        *,
        identity: Identity | None = None,
        sealed: bool = False,
    ) -> None:
        """``identity`` reads sealed session files. A sealed index (``*.json.age``) is read
        and written with it, and without it is neither read nor written."""
        self._began = time.time_ns()  # before anything is looked at: see RACY_NS
        self.sessions_root = sessions_root
        self.folder = folder
        self.identity = identity
        self.sealed = sealed
        self._checked: dict[str, Entry] = {}
        self._summary: dict[str, SessionSummary] = {}
        self._practice: dict[str, Practice] = {}
        self._reread: set[str] = set()  # files read from disk this run
        self._failed: set[str] = set()  # ... and those that could not be read at all
        found = self._load(FOLDERS)
        folders = found[1] if found is not None else {}
        self._records = _records(folders.get("years"))
        self._bad = _bad_entries(folders.get("bad"))
        self._trainer_digest = folders.get("trainer")
        self._trainer: dict[str, object] | None = None  # trainer.json, once read and trusted
        self._trainer_tried = False
        self._years: dict[str, _Year] = {}
        try:
            with os.scandir(sessions_root) as entries:
                for entry in entries:
                    if entry.name[0] != "." and entry.is_dir():
                        record = self._records.get(entry.name)
                        mtime = entry.stat().st_mtime_ns
                        self._years[entry.name] = _Year(entry.name, entry.path, mtime, record)
        except OSError:
            pass
        # Known bad files, and files whose name has no day, are checked every run.
        always = [rel for rel in self._bad if self._year_of(rel) is not None]
        for year in self._years.values():
            if year.unchanged and year.record is not None:
                always += [year.prefix + name for name in year.record[3]]
            else:
                always += [rel for rel in self._names(year) if stem_day(rel) is None]
        self.check(always)

    # Reading the index's own files and the folders.

    def _file(self, name: str) -> Path:
        return self.folder / (name + ".json" + (SEALED_SUFFIX if self.sealed else ""))

    def _load(self, name: str) -> tuple[str, dict[str, object]] | None:
        return _load(self._file(name), self.identity, self.sealed)

    def _year_of(self, rel: str) -> _Year | None:
        return self._years.get(rel.split("/", 1)[0])

    def _names(self, year: _Year) -> list[str]:
        """The folder's data files as relative paths, each once, listed on first use."""
        if year.names is None:
            try:
                names = [n for n in os.listdir(year.path) if is_data_name(n)]  # noqa: PTH208 (names only)
            except OSError:
                names = []
                year.failed = True
            if self.identity is None:  # sealed files cannot be opened: not problems, not here
                names = [name for name in names if not name.endswith(SEALED_SUFFIX)]
            year.names = [year.prefix + name for name in one_form_each(names)]
        return year.names

    def _entries(self, year: _Year) -> dict[str, object]:
        """The year file's entries, read on first use."""
        if year.cached is None:
            found = self._load(year.name) if year.indexed else None
            year.cached = found[1] if found is not None else {}
        return year.cached

    def _trainer_file(self) -> dict[str, object] | None:
        """trainer.json, when it is the one folders.json was saved with; else None."""
        if not self._trainer_tried:
            self._trainer_tried = True
            found = self._load(TRAINER)
            if found is not None and found[0] == self._trainer_digest:
                self._trainer = found[1]
        return self._trainer

    def _names_between(self, low: str, high: str) -> list[str]:
        return [
            rel
            for year in self._years.values()
            if year.within(low, high)
            for rel in self._names(year)
            if low <= (stem_day(rel) or "") <= high
        ]

    # Checking files.

    def check(self, rels: Iterable[str]) -> None:
        """Compare these files with the index and read the new or changed ones."""
        root = os.fspath(self.sessions_root) + os.sep  # plain strings: a stat per file adds up
        for rel in rels:
            if rel in self._checked:
                continue
            try:
                st = os.stat(root + rel)  # noqa: PTH116 (a Path per file costs more than the stat)
            except OSError:
                continue  # removed while we looked
            entry = self._cached(rel)
            if entry is not None and entry[0] == st.st_mtime_ns and entry[1] == st.st_size:
                if entry[2] is not None:
                    self._summary[rel] = entry[2]
                self._checked[rel] = entry
                continue
            self._read(rel, self.sessions_root / rel, (st.st_mtime_ns, st.st_size))

    def _cached(self, rel: str) -> Entry | None:
        """What the index holds for ``rel``, checked field by field; None for nothing usable."""
        if rel in self._bad:
            return self._bad[rel]
        year = self._year_of(rel)
        return _entry(self._entries(year).get(rel)) if year is not None else None

    def _read(self, rel: str, path: Path, stat: Stat) -> None:
        try:
            summary = summarize(read_session(path, self.identity), session_id(rel))
        except SessionFileError as error:
            self._checked[rel] = (*stat, None, _strip_path(str(error), path))
            self._summary.pop(rel, None)
            if isinstance(error, UnreadableFile):
                self._failed.add(rel)  # the disk's answer, not the file's: not kept
        else:
            self._checked[rel] = (*stat, summary, None)
            self._summary[rel] = summary
        self._reread.add(rel)

    def check_between(self, low: str = "", high: str = "9999") -> None:
        """Check every file named after a day from ``low`` to ``high``."""
        self.check(self._names_between(low, high))

    def check_newest(self, low: str, high: str, wanted: int, enough: Callable[[], bool]) -> None:
        """Check files from the newest name back, ``wanted`` at a time, until ``enough()``.

        Year folders are listed newest first, and only as far back as needed."""
        for year in sorted(self._years.values(), key=lambda y: y.name, reverse=True):
            if enough():
                return
            if not year.within(low, high):
                continue
            waiting = sorted(
                (
                    rel
                    for rel in self._names(year)
                    if rel not in self._checked and low <= (stem_day(rel) or "") <= high
                ),
                reverse=True,
            )
            while waiting and not enough():
                self.check(waiting[:wanted])
                waiting = waiting[wanted:]

    def check_trainer(self, recent: str = "") -> None:
        """Check every file with trainer practice, so :attr:`practices` is the whole history.

        A folder unchanged since the index was saved is taken at trainer.json's word, but for
        its files named from the day ``recent`` on, whose size and time are compared, as
        `coach log` compares them; a stat for each of thousands of old files would cost more
        than the whole view otherwise does. Any other folder is checked whole."""
        trainer = self._trainer_file()
        root = os.fspath(self.sessions_root) + os.sep
        for year in self._years.values():
            section = trainer.get(year.name) if trainer is not None else None
            if not (year.known and isinstance(section, dict)):
                self.check(self._names(year))
                continue
            folder = root + year.prefix
            for name, raw in section.items():
                rel = year.prefix + name
                if rel in self._checked:
                    continue
                practice = _practice(raw)
                if practice is None:  # an entry that is not one: not to be trusted again
                    self._trainer = None
                    self.check([rel])
                    continue
                if name[:10] >= recent:
                    try:
                        st = os.stat(folder + name)  # noqa: PTH116
                    except OSError:
                        # Gone from a folder whose names have not changed: removed this very
                        # moment, or an index that does not describe this folder. Look at it
                        # all, and have the next save make trainer.json again.
                        self._trainer = None
                        self.check(self._names(year))
                        break
                    if raw[0] != st.st_mtime_ns or raw[1] != st.st_size:
                        self.check([rel])  # changed since: read again
                        continue
                self._practice[rel] = practice

    # What the views read.

    def unchecked_between(self, low: str = "", high: str = "9999") -> int:
        """How many files named in this range were not checked."""
        count = 0
        for year in self._years.values():
            whole = low <= year.name and year.name + "-99" <= high
            if year.names is None and year.unchanged and year.record is not None and whole:
                count += year.record[1] - sum(
                    1 for rel in self._checked if rel.startswith(year.prefix)
                )
            elif year.within(low, high):
                count += sum(
                    1
                    for rel in self._names(year)
                    if rel not in self._checked and low <= (stem_day(rel) or "") <= high
                )
        return count

    @property
    def summaries(self) -> list[SessionSummary]:
        """Every good session checked so far."""
        return list(self._summary.values())

    @property
    def practices(self) -> list[Practice]:
        """Every session with trainer practice, once :meth:`check_trainer` has run."""
        found = dict(self._practice)
        found.update((rel, practice_of(s)) for rel, s in self._summary.items() if s.trainer)
        return list(found.values())

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

    # Saving.

    def save(self, now_ns: int | None = None) -> None:
        """Write the index files that changed; an index that cannot be written is no problem.

        Year files first, then trainer.json (made from them), then folders.json, which names
        the trainer.json it goes with: a save cut short leaves files that disagree, and
        disagreeing files are not trusted, so the next run checks more and writes them again.
        ``now_ns`` is when this run began looking (by default, when the index was opened):
        what changed within RACY_NS before it is left out.

        A folder is recorded as known (every file in it known, so ``coach trainer`` can take
        trainer.json's section for it) only when that section is made from the entries its
        record was worked out from: a listed folder's from its year file, whose every file
        this run checked (or which was known already); another's is trainer.json's own.
        """
        if self.sealed and self.identity is None:
            return
        if not self.sealed and is_locked(self.folder.parent):
            return  # locked while this run looked: a locked folder never gets a plain index
        fresh = (self._began if now_ns is None else now_ns) - RACY_NS
        listed = {rel for year in self._years.values() if year.listed for rel in year.names or ()}
        gone = {  # files the index knew that a listing of their folder no longer shows
            rel
            for rel in [*self._bad, *(r for y in self._years.values() for r in y.cached or ())]
            if rel not in listed and ((year := self._year_of(rel)) is None or year.listed)
        }
        dropped = self._reread | gone
        bad = {rel: e for rel, e in self._bad.items() if rel not in dropped}
        good: dict[str, list[object]] = {}
        unsettled: set[str] = set()  # folders with a file read this run and not kept
        for rel in self._reread:
            mtime, size, summary, problem = self._checked[rel]
            if mtime >= fresh or rel in self._failed:
                unsettled.add(rel.split("/", 1)[0])  # it may change again unseen, or be unread
            elif summary is None:
                bad[rel] = (mtime, size, None, problem)
            else:
                good[rel] = [mtime, size, _summary_text(summary), bool(summary.trainer)]
        written: dict[str, dict[str, object]] = {}
        for year in self._years.values():
            if year.indexed and any(rel.startswith(year.prefix) for rel in dropped):
                entries = {r: e for r, e in self._entries(year).items() if r not in dropped}
                entries.update((r, e) for r, e in good.items() if r.startswith(year.prefix))
                written[year.name] = entries
        records: dict[str, list[object]] = {}
        renewed = False  # a folder newly known: trainer.json's section for it is made again
        for name, year in self._years.items():
            names = year.names if year.listed else None
            if names is None:
                if year.record is not None:
                    when, count, complete, undated = year.record
                    records[name] = [when, count, complete and name not in unsettled, undated]
                continue
            known = written[name] if name in written else self._entries(year)
            complete = (
                year.indexed
                and (year.known or all(r in self._checked for r in names))
                and all(r in known or r in bad for r in names)
            )
            record: list[object] = [
                year.mtime if year.mtime < fresh else None,
                len(names),
                complete,
                [rel[len(year.prefix) :] for rel in names if stem_day(rel) is None],
            ]
            renewed = renewed or (complete and record != list(year.record or ()))
            records[name] = record
        # A year folder gone since the last save: its year file goes too (it holds previews).
        vanished = [n for n in self._records if n not in self._years and _YEAR.fullmatch(n)]
        changed = bool(written or vanished) or renewed
        trainer = self._trainer_file() if changed or self._trainer_tried else None
        rebuild = changed or (self._trainer_tried and trainer is None)
        try:
            for name, entries in written.items():
                self._write(name, entries)
            for name in vanished:
                self._file(name).unlink(missing_ok=True)
            digest = self._trainer_digest
            if rebuild:
                sections = {}
                for name, year in self._years.items():
                    if not year.indexed:
                        continue
                    old = trainer.get(name) if trainer is not None else None
                    if not year.listed and isinstance(old, dict):
                        sections[name] = self._updated(year, old, dropped, good)
                        continue
                    sections[name] = self._section(year, written.get(name), old)
                    if not year.listed and name in records:
                        records[name][2] = False  # made from a year file its record did not see
                digest = self._write(TRAINER, sections)
            folders = {
                "years": records,
                "bad": {r: list(e) for r, e in bad.items()},
                "trainer": digest,
            }
            old_folders = {
                "years": {n: list(r) for n, r in self._records.items()},
                "bad": {r: list(e) for r, e in self._bad.items()},
                "trainer": self._trainer_digest,
            }
            if folders != old_folders:
                self._write(FOLDERS, folders)
                for name in ("sessions.json", "sessions.json" + SEALED_SUFFIX):
                    (self.folder / name).unlink(missing_ok=True)  # format 6 and before
        except OSError:
            return
        self._reread.clear()

    def _updated(
        self,
        year: _Year,
        section: dict[str, object],
        dropped: set[str],
        good: dict[str, list[object]],
    ) -> dict[str, object]:
        """trainer.json's part for a folder not listed this run: the trusted section, less
        the files read again or gone, plus those read again that have trainer practice."""
        updated = {n: e for n, e in section.items() if year.prefix + n not in dropped}
        for rel in good:
            mtime, size, summary, _ = self._checked[rel]  # what good was made from
            if summary is not None and summary.trainer and rel.startswith(year.prefix):
                updated[rel[len(year.prefix) :]] = _trainer_entry(mtime, size, summary)
        return updated

    def _section(
        self, year: _Year, written: dict[str, object] | None, old: object
    ) -> dict[str, object]:
        """trainer.json's part for one year, made from its year file's entries with trainer
        practice; the practice of a file unchanged since ``old`` (the trusted section) is
        taken from there, so only the others' summaries are parsed."""
        section: dict[str, object] = {}
        trusted = old if isinstance(old, dict) else {}
        for rel, raw in (written if written is not None else self._entries(year)).items():
            if not (isinstance(raw, list) and len(raw) == 4 and raw[3] is True):
                continue
            name = rel[len(year.prefix) :]  # by file name: the section is the year
            checked = self._checked.get(rel)
            if checked is not None and checked[:2] == tuple(raw[:2]) and checked[2] is not None:
                section[name] = _trainer_entry(checked[0], checked[1], checked[2])
                continue
            before = trusted.get(name)
            if isinstance(before, list) and len(before) == 3 and before[:2] == raw[:2]:
                section[name] = before
            elif (entry := _entry(raw)) is not None and entry[2] is not None:
                section[name] = _trainer_entry(entry[0], entry[1], entry[2])
        return section

    def _write(self, name: str, entries: Mapping[str, object]) -> str:
        """Write one index file; returns the digest in its first line."""
        body = json.dumps(entries, separators=(",", ":")).encode()  # ASCII: quicker to parse
        header = _header(body)
        encoded = header + body
        if self.sealed and self.identity is not None:
            encoded = encrypt(encoded, self.identity.to_public())
        ensure_private_dir(self.folder)
        atomic_write(self._file(name), encoded)
        return header.split()[2].decode()


def _strip_path(message: str, path: Path) -> str:
    # Keep problems relative, so a data folder that moves still names the right file.
    prefix = str(path)
    return message[len(prefix) :] if message.startswith(prefix + ":") else message


def open_index(paths: Paths, identity: Identity | None) -> SessionIndex:
    """The index of ``paths``' sessions: sealed and read with ``identity`` while the folder is
    locked; while it is locked and no identity is given, neither read nor saved."""
    return SessionIndex(
        paths.sessions, index_folder(paths.data), identity=identity, sealed=is_locked(paths.data)
    )


def _records(raw: object) -> dict[str, Record]:
    """folders.json's records, each checked; anything else is left out (that folder is listed)."""
    if not isinstance(raw, dict):
        return {}
    found: dict[str, Record] = {}
    for name, record in raw.items():
        if (
            isinstance(record, list)
            and len(record) == 4
            and (record[0] is None or _is_int(record[0]))
            and _is_int(record[1])
            and type(record[2]) is bool
            and isinstance(record[3], list)
            and all(isinstance(n, str) and "/" not in n for n in record[3])
        ):
            found[name] = (record[0], record[1], record[2], record[3])
    return found


def _load(
    path: Path, identity: Identity | None, sealed: bool
) -> tuple[str, dict[str, object]] | None:
    """One index file's digest and entries, or None when it is missing, too big, of another
    format or damaged. JSON, so a damaged or foreign file can only fail to parse: it never
    runs code, and reading it takes time and memory in proportion to its size, which is
    capped. A sealed file is decrypted first; without the identity it is not read at all."""
    if sealed and identity is None:
        return None
    try:
        raw = read_regular(path, MAX_INDEX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_INDEX_BYTES:
        return None
    if sealed and identity is not None:
        try:
            raw = decrypt(raw, identity)
        except NotDecryptable:
            return None
    header, _, body = raw.partition(b"\n")
    if header + b"\n" != _header(body):
        return None  # another format, or not the bytes that were written: rebuild
    try:
        entries = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError included
        return None
    return (header.split()[2].decode(), entries) if isinstance(entries, dict) else None


# A year file's entry: [mtime_ns, size, the summary as JSON text, whether it has trainer
# practice]. The summary is text inside the index, so loading a year parses one string per
# session; only the summaries a view needs are parsed further. A bad file's entry, in
# folders.json: [mtime_ns, size, null, the problem].


def _practice(raw: object) -> Practice | None:
    """The practice in a trainer.json entry, or None for anything else."""
    if not isinstance(raw, list) or len(raw) != 3 or not (_is_int(raw[0]) and _is_int(raw[1])):
        return None
    return practice_from_fields(raw[2])


def _trainer_entry(mtime: int, size: int, summary: SessionSummary) -> list[object]:
    """trainer.json's entry for one file: ``[mtime_ns, size, practice]``."""
    return [mtime, size, practice_fields(practice_of(summary))]


def _summary_text(summary: SessionSummary) -> str:
    return json.dumps(summary_fields(summary), separators=(",", ":"))  # ASCII: quicker to parse


def _header(body: bytes) -> bytes:
    """The first line: the format and a digest of the rest, so any damage is seen at once."""
    # A checksum against accidental damage (a cut-short or flipped file); the index is only a
    # cache, and zlib loads in a fraction of the time hashlib's OpenSSL does.
    digest = f"{zlib.crc32(body):08x}"
    return f"coach-index {FORMAT} {digest}\n".encode()


def _entry(raw: object) -> Entry | None:
    """A year file's entry, checked field by field, or None if it is not one."""
    if not isinstance(raw, list) or len(raw) != 4:
        return None
    mtime, size, text, trainer = raw
    if not (_is_int(mtime) and _is_int(size) and isinstance(text, str)):
        return None
    try:
        fields = json.loads(text)
    except (ValueError, RecursionError):
        return None
    summary = summary_from_fields(fields)
    if summary is None or trainer is not bool(summary.trainer):
        return None
    return (mtime, size, summary, None)


def _bad_entries(raw: object) -> dict[str, Entry]:
    """folders.json's bad files, each checked; anything else is left out (and read again)."""
    if not isinstance(raw, dict):
        return {}
    return {
        rel: (e[0], e[1], None, e[3])
        for rel, e in raw.items()
        if isinstance(e, list)
        and len(e) == 4
        and _is_int(e[0])
        and _is_int(e[1])
        and e[2] is None
        and isinstance(e[3], str)
    }


def _is_int(value: object) -> bool:
    return type(value) is int


def newest_sessions(sessions_root: Path, folder: Path, count: int) -> list[SessionSummary]:
    """The newest ``count`` good sessions (fewer when there are fewer), newest first.

    Only the newest files are looked at, through the index; the index is not written, so a
    screen that only wants the latest few sessions costs a folder listing and no write.
    """
    index = SessionIndex(sessions_root, folder)
    index.check_newest("", "9999", count, lambda: len(index.summaries) >= count)
    return sorted(index.summaries, key=lambda s: s.timestamp, reverse=True)[:count]
