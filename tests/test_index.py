"""The summary index: a cache that is private, rebuilt when lost, and never stale."""

from __future__ import annotations

import math
import os
import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core import index as index_module
from coach.core.index import RACY_NS, SessionIndex, fast_loads, index_path, stem_day
from coach.core.records import Checkin, Session, StepRecord, TrainerReport
from coach.core.store import codec as store
from coach.core.store import sessions as session_files
from tests.test_log_cli import OFFSET, coach, make_history, session_at, write_session

OLD_NS = 1_700_000_000_000_000_000


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_TODAY", "2026-11-25")
    monkeypatch.setenv("COLUMNS", "80")
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every session file the index reads (quickly, or through the store)."""
    seen: list[Path] = []
    real = index_module.read_session

    def counting(path: Path):  # type: ignore[no-untyped-def]
        seen.append(Path(path))
        return real(path)

    monkeypatch.setattr(index_module, "read_session", counting)
    return seen


def open_index(data: Path) -> SessionIndex:
    return SessionIndex(data / "sessions", index_path(data))


def test_index_is_private_and_second_run_reads_nothing(data: Path, reads: list[Path]) -> None:
    make_history(data)
    first = coach(data, "log")
    assert len(reads) > 0
    cache = index_path(data)
    assert cache.stat().st_mode & 0o777 == 0o600
    assert cache.parent.stat().st_mode & 0o777 == 0o700
    reads.clear()
    assert coach(data, "log") == first
    assert reads == []


def test_a_missing_index_costs_only_the_files_the_view_needs(data: Path, reads: list[Path]) -> None:
    make_history(data)
    _, out, _ = coach(data, "log", "--limit", "3")
    # The calendar needs the last 12 weeks; the five old sessions are counted, not read.
    assert all(p.name >= "2026-09" for p in reads)
    assert "22 more sessions" in out
    reads.clear()
    _, out, _ = coach(data, "log", "--all")
    assert sorted(p.name for p in reads) == sorted(
        p.name for p in (data / "sessions").rglob("*.toml") if p.name < "2026-09"
    )


def test_new_edited_and_removed_files_show_on_the_next_run(data: Path) -> None:
    paths = make_history(data, count=3)
    coach(data, "log")
    start = datetime(2026, 11, 24, 7, 0, tzinfo=OFFSET)
    write_session(data, session_at(start, 1))
    _, out, _ = coach(data, "log")
    assert "2026-11-24T07-00-00" in out

    # A hand edit that keeps the size: only the modification time tells.
    text = paths[0].read_text().replace("Evening unwind", "Evening-unwind")
    paths[0].write_text(text)
    os.utime(paths[0], ns=(OLD_NS + 5, OLD_NS + 5))
    _, out, _ = coach(data, "log")
    assert "Evening-unwind" in out

    paths[1].unlink()
    _, out, _ = coach(data, "log")
    assert paths[1].stem not in out
    assert paths[1].name not in str(index_path(data).read_bytes())


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe3\x00\x00\x00"])
def test_a_damaged_index_is_rebuilt(data: Path, damage: bytes) -> None:
    make_history(data)
    before = coach(data, "log", "--all")
    index_path(data).write_bytes(damage)
    assert coach(data, "log", "--all") == before
    assert index_path(data).read_bytes() != damage


def test_a_deleted_index_gives_the_same_history(data: Path) -> None:
    make_history(data)
    before = coach(data, "log")
    index_path(data).unlink()
    assert coach(data, "log") == before


def test_bad_files_are_remembered_and_reported_without_rereading(
    data: Path, reads: list[Path]
) -> None:
    make_history(data, count=2)
    bad = data / "sessions" / "2026" / "2026-11-20T08-00-00.toml"
    bad.write_bytes(b"routine = ")
    os.utime(bad, ns=(OLD_NS, OLD_NS))
    first = coach(data, "log")
    assert str(bad) in first[2]
    reads.clear()
    assert coach(data, "log") == first
    assert reads == []
    # Fixed by hand: the warning goes and the session shows.
    write_session(data, session_at(datetime(2026, 11, 20, 8, 0, tzinfo=OFFSET), 2))
    _, out, err = coach(data, "log")
    assert err == "" and "2026-11-20T08-00-00" in out


def test_files_changed_just_now_are_not_trusted_to_the_cache(data: Path, reads: list[Path]) -> None:
    path = write_session(data, session_at(datetime(2026, 11, 20, 8, 0, tzinfo=OFFSET), 0))
    now = path.stat().st_mtime_ns
    index = open_index(data)
    index.check_between()
    # Saved within the same instant the file changed: it could change again unseen.
    index.save(now_ns=now + RACY_NS - 1)
    reads.clear()
    open_index(data).check_between()
    assert reads == [path]
    index = open_index(data)
    index.check_between()
    index.save(now_ns=now + RACY_NS + 1)
    reads.clear()
    again = open_index(data)
    again.check_between()
    assert reads == []
    assert len(again.summaries) == 1


def test_an_unwritable_index_is_no_problem(data: Path) -> None:
    make_history(data, count=2)
    (data / "index").write_text("a file where the folder would go")
    code, out, err = coach(data, "log")
    assert code == 0 and err == "" and out.count("\n2026-") + out.startswith("2026") == 2


def test_stem_day_reads_the_day_in_the_name() -> None:
    assert stem_day("2026/2026-11-22T21-30-12.toml") == "2026-11-22"
    assert stem_day("2026/my session.toml") is None


def test_hand_named_files_are_always_read(data: Path, reads: list[Path]) -> None:
    start = datetime(2020, 1, 1, 9, 0, tzinfo=OFFSET) - timedelta(days=1)
    path = write_session(data, session_at(start, 0))
    renamed = path.with_name("my favourite.toml")
    path.rename(renamed)
    _, out, _ = coach(data, "log")
    assert "my favourite" in out
    assert renamed in reads


# ---------------------------------------------------------------------------------------------
# The quick reader: the same data as tomllib for coach's own files, and gives up on the rest


def same(a: object, b: object) -> bool:
    """Equal, and of the same types all the way down (1, 1.0 and True all differ here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        assert isinstance(b, list)
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)  # type: ignore[arg-type]
    if isinstance(a, datetime):
        assert isinstance(b, datetime)
        return a == b and a.utcoffset() == b.utcoffset() and a.isoformat() == b.isoformat()
    return a == b and repr(a) == repr(b)


def agrees_with_tomllib(raw: bytes) -> dict[str, object] | None:
    """fast_loads(raw), checked against tomllib whenever it gives an answer."""
    fast = fast_loads(raw)
    if fast is not None:
        assert same(fast, tomllib.loads(raw.decode("utf-8")))
    return fast


texts = st.text(st.characters(codec="utf-8") | st.sampled_from('"\\\t\n\r\x00\x7f\x1b'))
values = st.recursive(
    st.booleans()
    | st.integers()
    | st.floats()
    | texts
    | st.dates()
    | st.datetimes(timezones=st.timezones() | st.none()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)
extras = st.just({}) | st.dictionaries(
    texts | st.sampled_from(["note", "steps", "checkin", "trainer"]), st.none() | values, max_size=3
)
moments = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([OFFSET, UTC, timezone(timedelta(hours=-9, minutes=-30))])
    | st.builds(lambda m: timezone(timedelta(minutes=m)), st.integers(-23 * 60, 23 * 60))
    | st.builds(timezone, st.timedeltas(timedelta(hours=-23), timedelta(hours=23))),
)
seconds = st.integers(0, 10**6) | st.floats(0, 10**6) | st.integers() | st.floats()
trainers = st.builds(
    TrainerReport,
    used=st.none() | texts,
    size=st.none() | st.integers(-2, 6),
    minutes=st.none() | seconds,
    pain_peak=st.none() | st.integers(-1, 11),
    spotting=st.none() | st.booleans(),
    extra=extras,
)
steps = st.builds(
    StepRecord,
    title=texts,
    type=texts,
    planned_seconds=seconds,
    done_seconds=seconds,
    outcome=st.sampled_from(["done", "skipped", "partial", "other"]),
    trainer=st.none() | trainers,
    extra=extras,
)
checkins = st.builds(
    Checkin,
    pain=st.none() | st.integers(-1, 11),
    anxiety=st.none() | st.integers(-1, 11),
    note=st.none() | texts,
    extra=extras,
)
sessions = st.builds(
    Session,
    routine=texts,
    routine_title=texts,
    started_at=moments,
    ended_at=moments,
    status=st.sampled_from(["completed", "stopped", "interrupted", "other"]),
    planned_seconds=seconds,
    active_seconds=seconds,
    steps=st.lists(steps, max_size=4),
    checkin=st.none() | checkins,
    schema_version=st.integers(0, 3),
    extra=extras,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions)
def test_quick_reader_gives_what_tomllib_gives(session: Session) -> None:
    try:
        raw = store.dump_session(session)
    except (TypeError, ValueError):
        return  # a value no session file can hold (tomli_w refuses it)
    agrees_with_tomllib(raw)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 200))
def test_quick_reader_reads_the_files_coach_writes(n: int) -> None:
    start = datetime(2026, 11, 25, 20, 15, 5, tzinfo=OFFSET) - timedelta(days=n)
    session = session_at(start, n)
    data = agrees_with_tomllib(store.dump_session(session))
    assert data is not None
    assert store.session_from_dict(data, "x.toml") == session


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions)
def test_quick_read_session_matches_the_store(
    tmp_path_factory: pytest.TempPathFactory, session: Session
) -> None:
    try:
        raw = store.dump_session(session)
    except (TypeError, ValueError):
        return
    path = tmp_path_factory.mktemp("s") / "2026-11-25T20-15-05.toml"
    path.write_bytes(raw)
    try:
        expected: object = session_files.read_session(path)
    except store.SessionFileError as error:
        expected = str(error)
    try:
        got: object = index_module.read_session(path)
    except store.SessionFileError as error:
        got = str(error)
    assert got == expected


GOOD = store.dump_session(session_at(datetime(2026, 11, 25, 20, 15, 5, tzinfo=OFFSET), 0))


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\n",
        GOOD.replace(b"\n", b"\r\n"),
        GOOD.rstrip(b"\n"),
        b"\xef\xbb\xbf" + GOOD,
        GOOD + b"# a comment\n",
        GOOD + b'status = "completed"\n',  # a key twice in [[steps]]
        GOOD.replace(b"status = ", b"schema_version = ", 1),  # a key twice at the top
        GOOD + b"[checkin]\n",  # a table twice
        GOOD + b"[steps]\n",  # a table over an array of tables
        b"steps = 1\n[[steps]]\n",
        b"[checkin]\n[[checkin]]\n",
        b"[checkin.more]\n",
        b"[[steps]]\n[steps.trainer]\nx = 1\n[steps.trainer]\n",
        b"[[steps]]\ntrainer = 1\n[steps.trainer]\n",
        b"[[steps]]\n[steps.trainer]\n[[steps]]\n[steps.trainer]\ny = 2\n",
        b'a = "\\ud800"\n',
        b'a = "\\U00110000"\n',
        b'a = "\\e"\n',
        b'a = "tab\there"\n',
        b'a = "\\u00e9\\U0001F600\\"\\\\\\b\\t\\n\\f\\r"\n',
        b'a = "unclosed\n',
        b"a = 2026-02-30T10:00:00+01:00\n",
        b"a = 2026-02-28T24:00:00+01:00\n",
        b"a = 2026-02-28T10:00:00.5+24:00\n",
        b"a = 2026-02-28T10:00:00.123+23:59\n",
        b"a = 2026-02-28T10:00:00Z\n",
        b"a = 2026-02-28T10:00:00\n",
        b"a = 2026-02-28\n",
        b"a = 01\nb = -0\nc = +1\nd = 1_000\ne = 0x10\n",
        b"a = 1.5\nb = -0.0\nc = 1e-05\nd = 1E+400\ne = 1.\nf = .5\ng = inf\nh = nan\n",
        b"a = true\nb = false\nc = True\n",
        b"a = [1, 2]\n",
        b"a = {b = 1}\n",
        b'"a b" = 1\n',
        b"a.b = 1\n",
        b"a=1\n",
        b"a = 1 \n",
        b" a = 1\n",
        b"a = \n",
        b"9 = 1\n",
        b"a = 1\n\n\nb = 2\n",
        'a = "é ☺ \U0001f600"\n'.encode(),
        b'a = "\xff"\n',
        b"a = 1\x00\n",
    ],
)
def test_quick_reader_on_unusual_files(raw: bytes) -> None:
    try:
        expected = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        expected = None
    fast = fast_loads(raw)
    if expected is None:
        assert fast is None
    elif fast is not None:
        assert same(fast, expected)
