"""Property tests for the store: what is written reads back exactly; no bytes crash the reader."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.records import (
    BLEEDING,
    OUTCOMES,
    REST_REASONS,
    STATUSES,
    TRIED,
    Checkin,
    RestDay,
    Session,
    StepRecord,
    TrainerReport,
)
from coach.core.store.codec import (
    SessionFileError,
    dump_rest_day,
    dump_session,
    parse_rest_day,
    parse_session,
)
from coach.core.store.sessions import SessionWriter, iter_session_files, read_session

PATH = Path("/data/sessions/2026/2026-11-22T21-30-12.toml")
TRICKY = [
    'she said "enough" and I stopped',
    "C:\\Users\\me\\notes \\n is not a newline",
    "line one\nline two\r\nline three\ttabbed",
    "🌙 calmer tonight 💜🏳️‍🌈",
    "שלום, היה בסדר היום",  # right-to-left
    "مرحبا، كان أفضل",
    "\u202eoverride\u202c and \u200f marks",
    "'''\"\"\" triple quotes \\\\ and # not a comment",
    '[[steps]]\nstatus = "completed"',  # looks like TOML inside a note
    "\x00\x01\x1f\x7f control characters",
    "",
]

# Any text a person could type, lone surrogates excepted (they are not text in any file).
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
long_text = st.builds(
    lambda part, n: part * n, st.text(min_size=1, max_size=12), st.integers(200, 3000)
)
notes = st.one_of(text, st.sampled_from(TRICKY), long_text)
ratings = st.none() | st.integers(0, 10)
seconds = st.integers(0, 10**7) | st.floats(0, 1e7, allow_nan=False, allow_infinity=False)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(datetime(1970, 1, 2), datetime(2200, 1, 1), timezones=offsets)
keys = st.text(min_size=1, max_size=12)  # quotes, dots, spaces: any key TOML can hold
scalars = st.one_of(
    text,
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=6,
)
extras = st.dictionaries(keys.map(lambda k: "x_" + k), values, max_size=3)

trainers = st.builds(
    TrainerReport,
    used=st.none() | st.sampled_from(["finger", "tampon", "trainer"]),
    size=st.none() | st.integers(1, 4),
    depth=st.none() | st.sampled_from(["tip", "partial", "full"]),
    minutes=st.none() | seconds,
    pain_before=ratings,
    pain_peak=ratings,
    pain_after=ratings,
    anxiety_before=ratings,
    anxiety_peak=ratings,
    anxiety_after=ratings,
    tried=st.none() | st.sampled_from(TRIED),
    bleeding=st.none() | st.sampled_from(BLEEDING),
    extra=extras,
)
steps = st.builds(
    StepRecord,
    title=text,
    type=st.sampled_from(["breathe", "tense-release", "squeeze-release", "trainer", "rest"]),
    planned_seconds=seconds,
    done_seconds=seconds,
    outcome=st.sampled_from(OUTCOMES),
    trainer=st.none() | trainers,
    extra=extras,
)
checkins = st.builds(Checkin, pain=ratings, anxiety=ratings, note=st.none() | notes, extra=extras)
sessions = st.builds(
    Session,
    routine=text,
    routine_title=text,
    started_at=moments,
    ended_at=moments,
    status=st.sampled_from(STATUSES),
    planned_seconds=seconds,
    active_seconds=seconds,
    steps=st.lists(steps, max_size=6),
    checkin=st.none() | checkins,
    extra=extras,
)
rest_days = st.builds(
    RestDay,
    day=st.dates(date(1970, 1, 2), date(2200, 1, 1)),
    reason=st.sampled_from(REST_REASONS),
    recorded_at=moments,
    note=st.none() | notes,
    extra=extras,
)


def same_moments(a: Any, b: Any) -> None:
    """Equal datetimes may differ in offset; a round trip must keep the offset too."""
    assert a == b
    assert a.utcoffset() == b.utcoffset()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions)
def test_a_session_reads_back_exactly_as_written(session: Session) -> None:
    raw = dump_session(session)
    back = parse_session(raw, PATH)
    assert back == session
    same_moments(back.started_at, session.started_at)
    same_moments(back.ended_at, session.ended_at)
    assert dump_session(back) == raw  # and the same text again: nothing drifts on rewrite


@settings(max_examples=150, deadline=None)
@given(rest_days)
def test_a_rest_day_reads_back_exactly_as_written(day: RestDay) -> None:
    raw = dump_rest_day(day)
    back = parse_rest_day(raw, PATH)
    assert back == day
    same_moments(back.recorded_at, day.recorded_at)
    assert dump_rest_day(back) == raw


@settings(max_examples=25, deadline=None)
@given(st.lists(sessions, min_size=1, max_size=3))
def test_a_session_saved_step_by_step_reads_back_from_disk(
    tmp_path_factory: Any, versions: list[Session]
) -> None:
    root = tmp_path_factory.mktemp("sessions")
    writer = SessionWriter.begin(root, versions[0])
    for version in versions:
        assert writer.save(version) is None
    (path,) = iter_session_files(root)
    assert read_session(path) == versions[-1]


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace")))
def test_no_bytes_make_the_reader_fail_with_anything_but_a_located_warning(raw: bytes) -> None:
    try:
        parse_session(raw, PATH)
    except SessionFileError as problem:
        assert str(problem) == f"{PATH}:{problem.line}:{problem.col}: {problem.reason}"
        assert problem.line >= 1 and problem.col >= 1 and problem.reason


@settings(max_examples=60, deadline=None)
@given(sessions, st.data())
def test_any_cut_short_file_is_read_or_reported_never_crashes(
    session: Session, data: st.DataObject
) -> None:
    raw = dump_session(session)
    cut = data.draw(st.integers(0, len(raw)))
    try:
        parse_session(raw[:cut], PATH)
    except SessionFileError as problem:
        assert str(problem).startswith(f"{PATH}:{problem.line}:{problem.col}: ")
