"""The session store as a user relies on it: files survive failures, bad files hide nothing."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.records import Checkin, RestDay, Session, StepRecord, TrainerReport
from coach.core.store import files
from coach.core.store.codec import SessionFileError, dump_session, parse_session
from coach.core.store.files import (
    StoreError,
    atomic_write,
    clean_stray_temp_files,
    ensure_private_dir,
)
from coach.core.store.sessions import (
    SessionWriter,
    iter_session_files,
    read_rest_days,
    read_session,
    read_sessions,
    session_path,
    write_rest_day,
)

OFFSET = timezone(timedelta(hours=1))
START = datetime(2026, 11, 22, 21, 30, 12, tzinfo=OFFSET)
NOTE = 'felt "calmer" than yesterday \\ 🌙'


def a_session(started_at: datetime = START, status: str = "completed", steps: int = 2) -> Session:
    records = [
        StepRecord("Belly breathing", "breathe", 80, 80.0, "done"),
        StepRecord(
            "Trainer practice",
            "trainer",
            600,
            412.5,
            "partial",
            trainer=TrainerReport(used="trainer", size=2, depth="tip", pain_peak=3),
        ),
        StepRecord("Quiet rest", "rest", 60, 0.0, "skipped"),
    ]
    return Session(
        routine="evening-unwind",
        routine_title="Evening unwind",
        started_at=started_at,
        ended_at=started_at + timedelta(minutes=18, seconds=28),
        status=status,  # type: ignore[arg-type]
        planned_seconds=1110,
        active_seconds=1108.6,
        steps=records[:steps],
        checkin=Checkin(pain=2, anxiety=3, note=NOTE),
    )


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tmp"))


def fail_with(code: int):  # type: ignore[no-untyped-def]
    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return failing


# --- format ---------------------------------------------------------------------------------


def test_the_file_reads_like_the_product_brief() -> None:
    text = dump_session(a_session()).decode()
    assert text.startswith('schema_version = 1\nroutine = "evening-unwind"\n')
    assert "started_at = 2026-11-22T21:30:12+01:00\n" in text
    assert "\n[checkin]\npain = 2\nanxiety = 3\n" in text
    assert text.count("\n[[steps]]\n") == 2  # always tables, however short a step is
    assert '\n[steps.trainer]\nused = "trainer"\nsize = 2\ndepth = "tip"\npain_peak = 3\n' in text
    data = tomllib.loads(text)
    assert set(data) == {
        "schema_version",
        "routine",
        "routine_title",
        "started_at",
        "ended_at",
        "status",
        "planned_seconds",
        "active_seconds",
        "checkin",
        "steps",
    }


def test_absent_values_are_left_out() -> None:
    session = a_session(steps=0)
    session.checkin = Checkin(pain=None, anxiety=4, note=None)
    data = tomllib.loads(dump_session(session).decode())
    assert data["checkin"] == {"anxiety": 4}
    assert "steps" not in data
    session.checkin = None
    assert "checkin" not in tomllib.loads(dump_session(session).decode())


def test_unknown_keys_survive_a_rewrite_at_every_level() -> None:
    raw = dump_session(a_session()).decode()
    raw = raw.replace("status =", 'mood_colour = "teal"\nstatus =')
    raw = raw.replace("[checkin]\n", "[checkin]\nbreaths = 12\n")
    raw = raw.replace('outcome = "done"\n', 'outcome = "done"\nfelt = ["warm", "heavy"]\n')
    raw = raw.replace("[steps.trainer]\n", "[steps.trainer]\nlubricant = true\n")
    raw += "\n[partner]\nstage = 2\n"
    session = parse_session(raw.encode(), Path("hand-edited.toml"))
    assert session.extra == {"mood_colour": "teal", "partner": {"stage": 2}}
    assert session.checkin is not None and session.checkin.extra == {"breaths": 12}
    assert session.steps[0].extra == {"felt": ["warm", "heavy"]}
    trainer = session.steps[1].trainer
    assert trainer is not None and trainer.extra == {"lubricant": True}

    session.status = "stopped"
    again = parse_session(dump_session(session), Path("rewritten.toml"))
    assert again == session


# --- where files go ---------------------------------------------------------------------------


def test_session_files_are_named_by_start_time_in_year_folders(tmp_path: Path) -> None:
    path = session_path(tmp_path, START)
    assert path == tmp_path / "2026" / "2026-11-22T21-30-12.toml"
    assert path.exists() and path.read_bytes() == b""  # reserved, not yet written


def test_sessions_starting_in_the_same_second_never_share_a_file(tmp_path: Path) -> None:
    writers = [SessionWriter.begin(tmp_path, a_session(steps=n % 3)) for n in range(11)]
    names = [w.path.name for w in writers]
    assert names[:3] == [
        "2026-11-22T21-30-12.toml",
        "2026-11-22T21-30-12-2.toml",
        "2026-11-22T21-30-12-3.toml",
    ]
    assert len(set(names)) == 11
    assert iter_session_files(tmp_path) == [w.path for w in writers]  # -10 after -9
    for n, writer in enumerate(writers):
        assert len(read_session(writer.path).steps) == n % 3


def test_an_existing_file_with_the_same_name_is_never_overwritten(tmp_path: Path) -> None:
    taken = tmp_path / "2026" / "2026-11-22T21-30-12.toml"
    taken.parent.mkdir()
    taken.write_bytes(b"someone else's file")
    writer = SessionWriter.begin(tmp_path, a_session())
    assert writer.path.name == "2026-11-22T21-30-12-2.toml"
    assert taken.read_bytes() == b"someone else's file"


def test_files_sort_by_start_time(tmp_path: Path) -> None:
    starts = [START + timedelta(days=d, seconds=s) for d in (-400, -3, 0, 40) for s in (0, 9)]
    for start in reversed(starts):
        SessionWriter.begin(tmp_path, a_session(start))
    assert [read_session(p).started_at for p in iter_session_files(tmp_path)] == starts


# --- writing and keeping ----------------------------------------------------------------------


def test_the_first_file_says_interrupted_until_the_real_status_is_saved(tmp_path: Path) -> None:
    session = a_session(status="completed", steps=1)
    writer = SessionWriter.begin(tmp_path, session)
    assert read_session(writer.path).status == "interrupted"
    assert writer.save(a_session(status="interrupted", steps=2)) is None
    assert len(read_session(writer.path).steps) == 2
    assert writer.save(a_session(status="completed", steps=3)) is None
    assert read_session(writer.path) == a_session(status="completed", steps=3)
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize(
    ("target", "code", "words"),
    [
        ("replace", errno.EACCES, "permission denied"),
        ("fsync", errno.EIO, "input/output error"),
        ("write", errno.ENOSPC, "no space left on device"),
    ],
)
def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, code: int, words: str
) -> None:
    path = tmp_path / "session.toml"
    atomic_write(path, b"the old session")
    monkeypatch.setattr(os, target, fail_with(code))
    with pytest.raises(StoreError) as caught:
        atomic_write(path, b"the new session")
    monkeypatch.undo()
    assert str(caught.value) == f"Could not save {path}: {words}."
    assert path.read_bytes() == b"the old session"
    assert temp_files(tmp_path) == []


def test_a_write_stopped_halfway_by_ctrl_c_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "session.toml"
    atomic_write(path, b"the old session")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, b"the new session")
    monkeypatch.undo()
    assert path.read_bytes() == b"the old session"
    assert temp_files(tmp_path) == []


def test_a_folder_that_cannot_take_a_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files.tempfile, "mkstemp", fail_with(errno.EROFS))
    with pytest.raises(StoreError, match=r"^Could not save .*: read-only file system\.$"):
        atomic_write(tmp_path / "session.toml", b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_folder_is_a_clear_sentence(tmp_path: Path) -> None:
    writer = SessionWriter.begin(tmp_path, a_session(steps=1))
    before = writer.path.read_bytes()
    writer.path.parent.chmod(0o500)
    try:
        problem = writer.save(a_session(steps=2))
    finally:
        writer.path.parent.chmod(0o700)
    assert problem == f"Could not save {writer.path}: permission denied."
    assert writer.path.read_bytes() == before


def test_a_failed_save_keeps_the_session_and_the_next_save_catches_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = SessionWriter.begin(tmp_path, a_session(steps=1))
    saved = writer.path.read_bytes()
    monkeypatch.setattr(os, "replace", fail_with(errno.ENOSPC))
    problem = writer.save(a_session(steps=2))
    assert problem == f"Could not save {writer.path}: no space left on device."
    assert NOTE not in problem and "3" not in problem.replace(str(writer.path), "")
    assert writer.pending
    assert writer.path.read_bytes() == saved  # the previous file is intact
    monkeypatch.undo()

    assert writer.retry() is None  # the kept session is written once the disk is back
    assert not writer.pending
    assert len(read_session(writer.path).steps) == 2
    assert writer.save(a_session(steps=3)) is None
    assert len(read_session(writer.path).steps) == 3
    assert temp_files(tmp_path) == []


def test_a_session_that_cannot_start_its_file_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", fail_with(errno.ENOSPC))
    with pytest.raises(StoreError, match="no space left on device"):
        SessionWriter.begin(tmp_path, a_session())
    monkeypatch.undo()
    assert iter_session_files(tmp_path) == []  # no empty file to be reported as bad later
    assert temp_files(tmp_path) == []


def test_begin_accepts_the_apps_paths(tmp_path: Path) -> None:
    from coach.core.paths import Paths

    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    writer = SessionWriter.begin(paths, a_session())
    assert writer.path.parent.parent == paths.sessions


# --- stray temp files -------------------------------------------------------------------------


def test_only_our_own_stray_temp_files_are_removed(tmp_path: Path) -> None:
    year = tmp_path / "2026"
    year.mkdir()
    strays = [tmp_path / ".coach-abc123.tmp", year / ".coach-k9x.tmp"]
    keep = [
        year / "2026-11-22T21-30-12.toml",
        year / "notes.tmp",
        year / ".coach-k9x.toml",
        year / "coach-k9x.tmp",
        tmp_path / ".hidden",
    ]
    for path in strays + keep:
        path.write_bytes(b"x")
    (year / ".coach-dir.tmp").mkdir()
    assert clean_stray_temp_files(tmp_path) == 2
    assert not any(p.exists() for p in strays)
    assert all(p.exists() for p in keep)
    assert (year / ".coach-dir.tmp").is_dir()
    assert clean_stray_temp_files(tmp_path / "missing") == 0


def test_a_temp_file_another_coach_is_writing_is_left_alone(tmp_path: Path) -> None:
    busy = tmp_path / ".coach-busy.tmp"
    fd = os.open(busy, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # what atomic_write holds while it writes
        assert clean_stray_temp_files(tmp_path) == 0
        assert busy.exists()
    finally:
        os.close(fd)
    assert clean_stray_temp_files(tmp_path) == 1


# --- reading bad files ------------------------------------------------------------------------

GOOD = dump_session(a_session())


def broken(old: bytes, new: bytes) -> bytes:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


BAD_FILES: dict[str, tuple[bytes, str | None, str]] = {
    # kind: (bytes, expected "line:col" or None for any, words the reason must hold)
    "empty": (b"", "1:1", "the file is empty"),
    "blank": (b"\n  \n", "1:1", "the file is empty"),
    "truncated": (GOOD[:40], "2:22", "not valid TOML: unterminated string; the file may be cut"),
    "truncated-at-a-line": (GOOD[: GOOD.index(b"ended_at")], "1:1", "missing the required key"),
    "binary": (b"schema_version = 1\n\x00\x01\x02\xff", "2:1", "not a text file"),
    "not-utf8": (broken(b"Evening", b"Ev\xe9ning"), "3:20", "not UTF-8 text"),
    "not-toml": (broken(b"status =", b"status"), "6:8", "not valid TOML"),
    "wrong-type": (broken(b"pain = 2", b'pain = "two"'), "11:1", "checkin.pain must be a whole"),
    "rating-too-high": (broken(b"anxiety = 3", b"anxiety = 11"), "12:1", "from 0 to 10"),
    "wrong-status": (broken(b'"completed"', b'"finished"'), "6:1", "status must be completed,"),
    "wrong-outcome": (broken(b'"partial"', b'"half"'), "27:1", "step 2: outcome must be done,"),
    "naive-time": (broken(b"21:30:12+01:00", b"21:30:12"), "4:1", "needs a UTC offset"),
    "missing-key": (broken(b'routine_title = "Evening unwind"\n', b""), "1:1", "routine_title"),
    "missing-step-key": (broken(b'outcome = "done"\n', b""), "15:1", "step 1"),
    "steps-not-tables": (
        dump_session(a_session(steps=0)).replace(b"status =", b"steps = 3\nstatus ="),
        "6:1",
        "steps must be a list of [[steps]] tables, not a number",
    ),
    "future": (broken(b"schema_version = 1", b"schema_version = 2"), "1:1", "newer coach"),
}


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, list[Path], dict[str, Path]]:
    root = tmp_path / "sessions"
    good = [SessionWriter.begin(root, a_session(START - timedelta(days=n))).path for n in (2, 1)]
    bad = {}
    for n, (kind, (raw, _, _)) in enumerate(BAD_FILES.items()):
        path = root / "2026" / f"2026-10-{n + 1:02d}T08-00-00.toml"
        path.write_bytes(raw)
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
        bad[kind] = path
    return root, good, bad


def test_every_bad_file_is_one_located_warning_and_the_rest_still_read(
    history: tuple[Path, list[Path], dict[str, Path]],
) -> None:
    root, good, bad = history
    sessions, problems = read_sessions(root)
    assert [path for path, _ in sessions] == good
    assert len(problems) == len(BAD_FILES)
    by_path = {problem.path: problem for problem in problems}
    for kind, path in bad.items():
        _, where, words = BAD_FILES[kind]
        text = str(by_path[path])
        assert re.fullmatch(rf"{re.escape(str(path))}:\d+:\d+: .+", text), kind
        if where:
            assert text.startswith(f"{path}:{where}: "), (kind, text)
        assert words in text, (kind, text)
        assert NOTE not in text and "two" not in text  # values never appear in a warning


def test_a_bad_file_is_never_modified(history: tuple[Path, list[Path], dict[str, Path]]) -> None:
    root, _, bad = history
    files_before = sorted(root.rglob("*"))
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in bad.values()}
    for _ in range(2):
        read_sessions(root)
        for path in bad.values():
            with pytest.raises(SessionFileError):
                read_session(path)
    for path, (raw, mtime) in before.items():
        assert path.read_bytes() == raw
        assert path.stat().st_mtime_ns == mtime
    assert sorted(root.rglob("*")) == files_before  # nothing renamed, moved aside or added


def test_a_file_that_cannot_be_opened_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = SessionWriter.begin(tmp_path, a_session()).path
    real_open = os.open

    def refuse(opened: object, *args: object, **kwargs: object) -> int:
        if Path(str(opened)) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(opened))
        return real_open(opened, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)  # how coach opens a file to read it
    sessions, problems = read_sessions(tmp_path)
    assert sessions == []
    assert [str(p) for p in problems] == [f"{path}:1:1: could not be read: permission denied"]


def test_an_error_caught_by_type_carries_its_parts() -> None:
    with pytest.raises(SessionFileError) as caught:
        parse_session(BAD_FILES["wrong-type"][0], Path("/d/s.toml"))
    problem = caught.value
    assert (problem.path, problem.line, problem.col) == (Path("/d/s.toml"), 11, 1)
    assert str(problem) == f"/d/s.toml:11:1: {problem.reason}"


def test_a_missing_history_is_simply_empty(tmp_path: Path) -> None:
    assert read_sessions(tmp_path / "nothing-yet") == ([], [])
    assert iter_session_files(tmp_path / "nothing-yet") == []


# --- private folders --------------------------------------------------------------------------


@pytest.fixture
def open_umask():  # type: ignore[no-untyped-def]
    """The loosest umask there is: anything private must be private on purpose."""
    old = os.umask(0o000)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_folders_are_0700_and_files_0600_whatever_the_umask(tmp_path: Path) -> None:
    data = tmp_path / "deep" / "data"
    writer = SessionWriter.begin(data / "sessions", a_session(steps=1))
    writer.save(a_session(steps=2))
    rest = write_rest_day(data / "rest", RestDay(date(2026, 11, 24), "period", START))
    index = data / "index" / "sessions.marshal"
    ensure_private_dir(index.parent)
    atomic_write(index, b"cache")
    for folder in (tmp_path / "deep", data, data / "sessions", writer.path.parent, rest.parent):
        assert mode(folder) == 0o700, folder
    for file in (writer.path, rest, index):
        assert mode(file) == 0o600, file


@pytest.mark.usefixtures("open_umask")
def test_a_loose_existing_folder_is_tightened_and_reported_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "sessions").mkdir(parents=True, mode=0o755)
    data.chmod(0o755)
    (data / "sessions").chmod(0o755)
    assert ensure_private_dir(data / "sessions", root=data) is True
    assert mode(data) == 0o700 and mode(data / "sessions") == 0o700
    assert ensure_private_dir(data / "sessions", root=data) is False  # told once


def test_a_file_where_a_folder_should_be_is_a_clear_sentence(tmp_path: Path) -> None:
    (tmp_path / "sessions").write_bytes(b"")
    with pytest.raises(StoreError, match="sessions"):
        ensure_private_dir(tmp_path / "sessions")


# --- rest days --------------------------------------------------------------------------------


def test_rest_days_are_kept_one_file_each_and_read_in_order(tmp_path: Path) -> None:
    period = RestDay(date(2026, 11, 24), "period", START + timedelta(days=2), note=NOTE)
    tired = RestDay(date(2026, 11, 20), "tired", START - timedelta(days=2))
    paths = [write_rest_day(tmp_path, day) for day in (period, tired, period)]
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "2026/2026-11-24-period.toml",
        "2026/2026-11-20-tired.toml",
        "2026/2026-11-24-period-2.toml",
    ]
    (tmp_path / "2026" / "2026-11-25-sore.toml").write_bytes(
        b'schema_version = 1\nday = 2026-11-25T10:00:00+01:00\nreason = "sore"\n'
        b"recorded_at = 2026-11-25T10:00:00+01:00\n"
    )
    days, problems = read_rest_days(tmp_path)
    assert days == [tired, period, period]
    assert [str(p) for p in problems] == [
        f"{tmp_path / '2026' / '2026-11-25-sore.toml'}:2:1: "
        "day must be a date, like 2026-11-22, not a date and time"
    ]


def test_a_temp_file_another_coach_cleans_up_before_it_is_locked_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two coaches at once: one starts (and cleans up stray temp files) in the moment between
    # the other creating its temp file and locking it. The save must still happen.
    real = files.tempfile.mkstemp
    made: list[str] = []

    def raced(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, tmp = real(*args, **kwargs)  # type: ignore[call-overload]
        made.append(tmp)
        if len(made) == 1:
            assert clean_stray_temp_files(tmp_path) == 1  # the other coach takes it
        return fd, tmp

    monkeypatch.setattr(files.tempfile, "mkstemp", raced)
    atomic_write(tmp_path / "session.toml", b"the whole session")
    assert (tmp_path / "session.toml").read_bytes() == b"the whole session"
    assert len(made) == 2 and temp_files(tmp_path) == []
