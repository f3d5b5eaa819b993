"""The summary index against the truth: each view, run on a warm index, shows what the same
view shows with no index at all, after edits, races, damage and two coach processes."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core import index as index_module
from coach.core import vault
from coach.core.history import recent_from
from coach.core.index import (
    RACY_NS,
    SessionIndex,
    index_files,
    index_folder,
    remove_index,
    stem_day,
)
from coach.core.store.codec import dump_session
from coach.core.store.sessions import read_session
from tests.test_index import OLD_NS, RECENT, age_folders, old_year
from tests.test_index import data as data  # the same fixture: a data folder, a fixed today
from tests.test_log_cli import OFFSET, coach, make_history, session_at, write_session

SECOND = 1_000_000_000


@contextmanager
def no_index(data: Path) -> Iterator[None]:
    """No index at all inside the block; afterwards the index as it was."""
    folder = index_folder(data)
    aside = data.parent / "index-aside"
    if folder.exists():
        folder.rename(aside)
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if aside.exists():
            aside.rename(folder)


def truth(data: Path, *args: str) -> tuple[int, str, str]:
    """The same command with no index at all."""
    with no_index(data):
        return coach(data, *args)


def same(got: tuple[int, str, str], want: tuple[int, str, str]) -> None:
    """The same output, compared part by part so a difference shows line by line."""
    assert got[1] == want[1]
    assert got[2] == want[2]
    assert got[0] == want[0]


def open_index(data: Path) -> SessionIndex:
    return SessionIndex(data / "sessions", index_folder(data))


def warm(data: Path, when: int = OLD_NS) -> None:
    """A whole index, every folder and file old: each folder is trusted as known."""
    coach(data, "log", "--all")
    coach(data, "trainer")
    age_folders(data, when)
    coach(data, "log", "--all")
    coach(data, "trainer")


def with_size(path: Path, size: int) -> bytes:
    return path.read_bytes().replace(b"size = 2", f"size = {size}".encode())


def set_time(path: Path, when: int) -> None:
    os.utime(path, ns=(when, when))


def trainer_session(data: Path, day: datetime, size: int) -> Path:
    path = write_session(data, session_at(day, 0))
    path.write_bytes(with_size(path, size))
    set_time(path, OLD_NS)
    return path


# ---------------------------------------------------------------------------------------------
# coach trainer trusts a folder's trainer.json section only while it names every trainer file


def test_a_trainer_session_edited_in_place_just_before_coach_trainer_stays_seen(
    data: Path,
) -> None:
    paths = old_year(data, start=RECENT)
    warm(data)
    # Edited in place a moment ago: too recent to keep in the index, but still there.
    paths[-1].write_bytes(with_size(paths[-1], 3))
    assert "Now using: trainer size 3" in coach(data, "trainer")[1]
    same(coach(data, "trainer"), truth(data, "trainer"))


def test_a_trainer_session_edited_just_before_log_all_stays_seen_by_trainer(data: Path) -> None:
    paths = old_year(data, count=1)
    warm(data)
    paths[0].write_bytes(with_size(paths[0], 3))  # in place, a moment ago
    coach(data, "log", "--all")
    same(coach(data, "trainer"), truth(data, "trainer"))
    assert "Now using: trainer size 3" in coach(data, "trainer")[1]


def test_a_session_replaced_in_an_old_folder_is_looked_at_before_the_folder_is_trusted(
    data: Path,
) -> None:
    make_history(data)  # this year's sessions: coach log needs none of 2024's
    old_year(data)
    plain = write_session(data, session_at(datetime(2024, 6, 1, 9, 0, tzinfo=OFFSET), 1))
    warm(data)
    # Saved again with trainer practice as editors and sync tools save: a new file renamed
    # over the old one, so the folder's time changes.
    later = session_at(datetime(2024, 6, 1, 9, 0, tzinfo=OFFSET), 0)
    temp = plain.with_name(".swap")
    temp.write_bytes(dump_session(later).replace(b"size = 2", b"size = 4"))
    set_time(temp, OLD_NS + 7 * SECOND)
    temp.replace(plain)
    set_time(plain.parent, OLD_NS + 8 * SECOND)
    coach(data, "log")  # lists 2024 (its time changed) but reads none of its files
    same(coach(data, "trainer"), truth(data, "trainer"))


def test_a_damaged_year_file_does_not_hide_that_years_trainer_sessions(data: Path) -> None:
    paths = old_year(data, start=RECENT)
    warm(data)
    (index_folder(data) / "2026.json").write_bytes(b"")
    # One of them edited in place, long enough ago to be kept.
    paths[0].write_bytes(with_size(paths[0], 1))
    set_time(paths[0], OLD_NS + 5 * SECOND)
    coach(data, "trainer")
    expected = truth(data, "trainer")
    assert re.search(r"trainer size 2 +3 ", expected[1])
    same(coach(data, "trainer"), expected)


def test_two_coach_processes_at_once_leave_no_trainer_session_unseen(data: Path) -> None:
    old_year(data, count=1)
    other = write_session(data, session_at(datetime(2025, 3, 1, 9, 0, tzinfo=OFFSET), 1))
    warm(data)

    def edit(title: bytes, when: int) -> None:
        """A session in 2025 edited in place: each coach below has something to save."""
        other.write_bytes(other.read_bytes().replace(b"Morning reset", title))
        set_time(other, when)

    edit(b"Morning-reset", OLD_NS + 5 * SECOND)
    set_time(other.parent, OLD_NS + 5 * SECOND)
    # One coach starts and looks at every folder as the index knows it...
    first = open_index(data)
    first.check_trainer()
    # ...while a session with trainer practice arrives in 2024, and a second coach saves.
    trainer_session(data, datetime(2024, 6, 1, 9, 0, tzinfo=OFFSET), 4)
    set_time(data / "sessions" / "2024", OLD_NS + 10 * SECOND)
    second = open_index(data)
    second.check_trainer()
    second.save()
    first.save()  # the first one's view of 2024 is older: it must not be taken as the newest
    edit(b"Morning reset", OLD_NS + 12 * SECOND)
    coach(data, "log", "--all")
    expected = truth(data, "trainer")
    assert "Now using: trainer size 4" in expected[1]
    same(coach(data, "trainer"), expected)


# ---------------------------------------------------------------------------------------------
# What could not be looked at is not remembered as the truth


@pytest.fixture
def failing_listing(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Folders (by name) whose listing fails, as a disk or permission error would."""
    failing: set[str] = set()
    real = os.listdir

    def listdir(path: str) -> list[str]:
        if Path(path).name in failing:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(index_module.os, "listdir", listdir)
    return failing


def test_a_folder_that_could_not_be_listed_is_not_remembered_as_empty(
    data: Path, failing_listing: set[str]
) -> None:
    make_history(data)
    old_year(data)
    warm(data)
    set_time(data / "sessions" / "2024", OLD_NS + 5 * SECOND)  # touched: listed again
    failing_listing.add("2024")
    coach(data, "log")
    failing_listing.clear()
    same(coach(data, "log"), truth(data, "log"))
    same(coach(data, "trainer"), truth(data, "trainer"))


def test_a_file_that_could_not_be_read_for_a_moment_is_read_again(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = make_history(data, count=3)
    age_folders(data)
    real = os.open

    def refusing(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == paths[0]:
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", refusing)  # how coach opens a file to read it
        assert "could not be read" in coach(data, "log")[2]
    # Readable again (permissions put back, a disk that answers): nothing about the file
    # changed, and it shows as it is.
    same(coach(data, "log"), truth(data, "log"))


# ---------------------------------------------------------------------------------------------
# Changed within one tick of the clock


def test_a_file_changed_again_within_its_tick_while_coach_ran_is_read_again(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_session(data, session_at(datetime(2026, 11, 20, 8, 0, tzinfo=OFFSET), 0))
    written = OLD_NS
    set_time(path, written)
    clock = SimpleNamespace(now=written + RACY_NS * 3 // 4)  # the run starts soon after
    monkeypatch.setattr(index_module, "time", SimpleNamespace(time_ns=lambda: clock.now))
    index = open_index(data)
    index.check_between()
    # Changed again at once, within the same tick of a coarse clock: the same time and size.
    path.write_bytes(path.read_bytes().replace(b"Evening unwind", b"Evening-unwind"))
    set_time(path, written)
    clock.now = written + RACY_NS * 3 // 2  # a slow run: saved a while later
    index.save()
    again = open_index(data)
    again.check_between()
    assert [s.routine_title for s in again.summaries] == [read_session(path).routine_title]


def test_a_file_added_within_its_folders_tick_while_coach_ran_is_counted(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_history(data)
    old_year(data)
    warm(data)
    folder = data / "sessions" / "2024"
    changed = OLD_NS + 5 * SECOND
    set_time(folder, changed)
    clock = SimpleNamespace(now=changed + RACY_NS * 3 // 4)
    with monkeypatch.context() as patch:
        patch.setattr(index_module, "time", SimpleNamespace(time_ns=lambda: clock.now))
        index = open_index(data)
        index.check_between("2026-08-01")
        index.unchecked_between()  # lists 2024
        # A session saved into 2024 within the same tick: the folder keeps its time.
        write_session(data, session_at(datetime(2024, 5, 1, 9, 0, tzinfo=OFFSET), 3))
        set_time(folder, changed)
        clock.now = changed + RACY_NS * 3 // 2
        index.save()
    same(coach(data, "log"), truth(data, "log"))


# ---------------------------------------------------------------------------------------------
# What the index keeps


def test_a_year_folder_deleted_leaves_nothing_of_it_in_the_index(data: Path) -> None:
    make_history(data)
    paths = old_year(data)
    warm(data)
    shutil.rmtree(data / "sessions" / "2024")
    coach(data, "log")
    coach(data, "trainer")
    every = b"".join(path.read_bytes() for path in index_files(data))
    assert all(path.stem.encode() not in every for path in paths)
    same(coach(data, "trainer"), truth(data, "trainer"))


def test_a_coach_saving_while_the_folder_is_locked_writes_no_plain_index(data: Path) -> None:
    make_history(data)
    index = SessionIndex(data / "sessions", index_folder(data))  # opened before the lock
    index.check_between()
    # coach lock, at that moment: the key first, then the plain index goes.
    (data / vault.RECIPIENT_FILE).write_text("age1...")
    remove_index(data, sealed=False)
    index.save()
    assert index_files(data, sealed=False) == []


# ---------------------------------------------------------------------------------------------
# Any sequence of changes: every view shows what it shows with no index at all

SLOTS = [
    datetime(*when, tzinfo=OFFSET)
    for when in [
        (2024, 3, 4, 9, 0),
        (2024, 12, 31, 22, 0),
        (2025, 1, 1, 7, 0),
        (2025, 11, 20, 20, 0),
        (2026, 2, 2, 8, 0),
        (2026, 9, 10, 7, 30),
        (2026, 11, 20, 8, 0),
        (2026, 11, 25, 7, 0),
    ]
]
YEARS = sorted({f"{slot:%Y}" for slot in SLOTS})
OLD_BEFORE = recent_from(date(2026, 11, 25))  # the data fixture's today
KINDS = ["plain", "other", "trainer 3", "trainer 4", "bad"]
START = ["trainer 3", "plain", "other", "trainer 4", "plain", "trainer 3", "other", "plain"]
VIEWS = [
    "trainer",
    "log",
    "log --limit 1",
    "log --until 2025-12-31 --limit 1",
    "log --since 2025-06-01 --limit 2",
    "today",
    "trainer",
    "export",
    "log --all",
]

slots = st.integers(0, len(SLOTS) - 1)
hows = st.sampled_from(["in place", "renamed over"])
aged = st.booleans()  # the change given a distinct time long ago, or left as just now
edits = st.tuples(st.just("edit"), slots, st.sampled_from(KINDS), hows, aged)
OPERATIONS = st.one_of(
    edits,
    edits,  # the change most often made, in the most ways
    st.tuples(st.just("add"), slots, st.sampled_from(KINDS), aged),
    st.tuples(st.just("delete"), slots, aged),
    st.tuples(st.just("undate"), slots, aged),
    st.tuples(st.just("stray"), slots, st.sampled_from(["misc", "2024 old", "20245"]), aged),
    st.tuples(st.just("drop year"), st.sampled_from(YEARS)),
    st.tuples(st.just("touch"), st.sampled_from(YEARS)),
    st.tuples(
        st.just("damage"),
        st.sampled_from(["folders", "trainer", *YEARS]),
        st.sampled_from(["cut", "gone", "garbage"]),
    ),
)
RUNS = st.tuples(st.just("run"), st.sampled_from(VIEWS))


def content(slot: int, kind: str) -> bytes:
    if kind == "bad":
        return b"routine = "
    session = session_at(SLOTS[slot], {"plain": 1, "other": 3}.get(kind, 0))
    raw = dump_session(session)
    return raw.replace(b"size = 2", f"size = {kind[-1]}".encode()) if kind[0] == "t" else raw


class History:
    """Session files changed as a person, an editor or a sync tool would, and the truth."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.root = data / "sessions"
        self.files: dict[int, Path] = {}
        self.kinds: dict[int, str] = {}
        self.tick = OLD_NS
        self.unseen_edit = False  # the documented exception is in play (see index.py)

    def stamp(self, path: Path, age: bool) -> None:
        if age:
            self.tick += SECOND
            set_time(path, self.tick)

    def apply(self, op: tuple[object, ...]) -> None:
        kind, *args = op
        getattr(self, str(kind).replace(" ", "_"))(*args)

    def add(self, slot: int, kind: str, age: bool) -> None:
        if slot in self.files:
            return
        path = self.root / f"{SLOTS[slot]:%Y}" / f"{SLOTS[slot]:%Y-%m-%dT%H-%M-%S}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content(slot, kind))
        self.files[slot], self.kinds[slot] = path, kind
        self.stamp(path, age)
        self.stamp(path.parent, age)

    def edit(self, slot: int, kind: str, how: str, age: bool) -> None:
        path = self.files.get(slot)
        if path is None:
            return
        if how == "in place":
            # The documented limits (see index.py), until coach log --all reads the file:
            # coach trainer does not see trainer practice (or a fault) added in place, nor an
            # old trainer session changed in place.
            was = self.kinds[slot]
            added = was in ("plain", "other") and kind[0] in "tb"
            old = f"{SLOTS[slot]:%Y-%m-%d}" < OLD_BEFORE and path.name[0] != "h"
            changed = was[0] == "t" and content(slot, kind) != content(slot, was)
            if added or (old and changed):
                self.unseen_edit = True
            path.write_bytes(content(slot, kind))
        else:
            temp = path.with_name(".swap")
            temp.write_bytes(content(slot, kind))
            temp.replace(path)
            self.stamp(path.parent, age)
        self.kinds[slot] = kind
        self.stamp(path, age)

    def delete(self, slot: int, age: bool) -> None:
        path = self.files.pop(slot, None)
        if path is not None:
            self.kinds.pop(slot)
            path.unlink()
            self.stamp(path.parent, age)

    def undate(self, slot: int, age: bool) -> None:
        path = self.files.get(slot)
        if path is not None and path.name[0] != "h":
            self.files[slot] = path.rename(path.with_name(f"hand named {slot}.toml"))
            self.stamp(path.parent, age)

    def stray(self, slot: int, folder: str, age: bool) -> None:
        """Moved by hand into a folder coach did not name."""
        path = self.files.get(slot)
        if path is not None and path.parent.name != folder:
            (self.root / folder).mkdir(exist_ok=True)
            self.files[slot] = path.rename(self.root / folder / path.name)
            self.stamp(path.parent, age)
            self.stamp(self.root / folder, age)

    def drop_year(self, year: str) -> None:
        shutil.rmtree(self.root / year, ignore_errors=True)
        for slot in [s for s, path in self.files.items() if path.parent.name == year]:
            del self.files[slot], self.kinds[slot]

    def touch(self, year: str) -> None:
        if (self.root / year).is_dir():
            self.stamp(self.root / year, True)

    def damage(self, name: str, how: str) -> None:
        path = index_folder(self.data) / f"{name}.json"
        if not path.exists():
            return
        if how == "gone":
            path.unlink()
        else:
            raw = path.read_bytes()
            path.write_bytes(raw[: len(raw) // 2] if how == "cut" else b"\x00garbage")

    def run(self, view: str) -> None:
        if view == "today":
            self.same_today()
            return
        args = {"export": ["log", "--format", "csv"]}.get(view, view.split())
        got, want = coach(self.data, *args), truth(self.data, *args)
        if view.startswith("log") and "--all" not in view:
            since = re.search(r"--since (\S+)", view)
            until = re.search(r"--until (\S+)", view)
            low = f"{date.fromisoformat(since.group(1)) - timedelta(days=1)}" if since else ""
            high = f"{date.fromisoformat(until.group(1)) + timedelta(days=1)}" if until else "9999"
            same_log(got, want, low, high)
        elif view != "trainer" or not self.unseen_edit:
            same(got, want)
        if view == "log --all":
            self.unseen_edit = False  # every file read: the index knows them all again

    def same_today(self) -> None:
        from coach.core.paths import resolve_paths
        from coach.core.today import gather

        paths = resolve_paths(self.data)
        day = datetime(2026, 11, 25).date()
        got = gather(paths, day)
        with no_index(self.data):
            want = gather(paths, day)
        # Known bad files are counted wherever they are: a cold index finds only the recent.
        assert replace(got, problems=0) == replace(want, problems=0)


MORE = re.compile(r"^(\d+) more sessions? not shown.*\n", re.MULTILINE)


def named_day(problem: str) -> str | None:
    """The day in the name of the file a problem line names."""
    path = Path(problem.split(".toml")[0])
    return stem_day(f"{path.parent.name}/{path.name}")


def same_log(got: tuple[int, str, str], want: tuple[int, str, str], low: str, high: str) -> None:
    """coach log: the same table and summary. The index names every bad file it knows of and
    a cold run only those it read; each file named from ``low`` to ``high`` (the days asked
    for, with coach's day of slack) is shown, named or counted, so the count of files not
    shown plus the bad files named among them is the same."""
    assert MORE.sub("", got[1]) == MORE.sub("", want[1])
    assert got[0] == want[0]

    def hidden(output: tuple[int, str, str]) -> int:
        more = MORE.search(output[1])
        named = [
            line
            for line in output[2].splitlines()
            if line.startswith("/") and low <= (named_day(line) or low) <= high
        ]
        return (int(more.group(1)) if more else 0) + len(named)

    assert hidden(got) == hidden(want)


@settings(
    max_examples=int(os.environ.get("INDEX_EXAMPLES", "30")),  # more to hunt: INDEX_EXAMPLES=300
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.one_of(OPERATIONS, RUNS), min_size=4, max_size=30))
def test_any_changes_show_as_with_no_index(
    tmp_path_factory: pytest.TempPathFactory, operations: list[tuple[object, ...]]
) -> None:
    history = History(tmp_path_factory.mktemp("history"))
    for slot, kind in enumerate(START):
        history.add(slot, kind, True)
    for view in ("log --all", "trainer"):  # a warm index that knows every folder
        history.run(view)
    for operation in [*operations, *(("run", view) for view in [*VIEWS, "trainer"])]:
        history.apply(operation)
