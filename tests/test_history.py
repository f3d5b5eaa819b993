"""History summaries: date words, totals, the 12-week calendar and the trend sparklines."""

from __future__ import annotations

import json
from dataclasses import fields as dataclass_fields
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from coach.core.history import (
    LEGEND,
    DateError,
    Practice,
    SessionSummary,
    calendar,
    parse_day,
    practice_fields,
    practice_from_fields,
    preview,
    select,
    sparkline,
    summarize,
    totals,
    trend,
    trend_line,
    weekly_minutes,
)
from coach.core.records import Checkin, RestDay, Session, StepRecord, TrainerReport

_REPORT_FIELD_NAMES = [f.name for f in dataclass_fields(TrainerReport)]

TODAY = date(2026, 11, 25)  # a Wednesday


def make_session(
    start: datetime,
    minutes: float = 20,
    *,
    routine: str = "evening-unwind",
    status: str = "completed",
    pain: int | None = None,
    anxiety: int | None = None,
    note: str | None = None,
) -> Session:
    checkin = None
    if pain is not None or anxiety is not None or note is not None:
        checkin = Checkin(pain=pain, anxiety=anxiety, note=note)
    return Session(
        routine=routine,
        routine_title=routine.replace("-", " ").capitalize(),
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        status=status,  # type: ignore[arg-type]
        planned_seconds=minutes * 60,
        active_seconds=minutes * 60,
        steps=[
            StepRecord("Belly breathing", "breathe", 80, 80.0, "done"),
            StepRecord("Quiet rest", "rest", 60, 12.0, "skipped"),
        ],
        checkin=checkin,
    )


def summary(day: date, minutes: float = 20, hour: int = 21, **kwargs: object) -> SessionSummary:
    start = datetime(day.year, day.month, day.day, hour, 30, tzinfo=UTC)
    return summarize(make_session(start, minutes, **kwargs), start.strftime("%Y-%m-%dT%H-%M-%S"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-01", date(2026, 10, 1)),
        ("today", TODAY),
        ("TODAY", TODAY),
        ("yesterday", date(2026, 11, 24)),
        ("7d", date(2026, 11, 18)),
        ("4w", date(2026, 10, 28)),
        ("0d", TODAY),
    ],
)
def test_dates_people_type_are_understood(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "2026-13-01", "last week", "7", "-3d", "2026-1-1", "3y"])
def test_unknown_dates_get_a_calm_explanation(text: str) -> None:
    with pytest.raises(DateError, match="try YYYY-MM-DD, today, 7d or 4w"):
        parse_day(text, TODAY)


def test_summary_keeps_what_the_table_needs() -> None:
    start = datetime(2026, 11, 22, 21, 30, 12, tzinfo=timezone(timedelta(hours=1)))
    s = summarize(
        make_session(start, 18.5, pain=2, anxiety=3, note="felt calmer\nthan yesterday"),
        "2026-11-22T21-30-12",
    )
    assert s.day == "2026-11-22"
    assert s.started_at == "2026-11-22T21:30:12+01:00"
    assert s.minutes == pytest.approx(18.5)
    assert (s.steps, s.steps_done, s.pain, s.anxiety) == (2, 1, 2, 3)
    assert s.note_preview == "felt calmer than yesterday"


def test_day_is_the_day_as_lived_in_the_recorded_offset() -> None:
    # 00:30 in UTC+2 is still the evening before in UTC; the person practised on the 23rd.
    start = datetime(2026, 11, 23, 0, 30, tzinfo=timezone(timedelta(hours=2)))
    assert summarize(make_session(start), "x").day == "2026-11-23"


def test_long_notes_are_previewed_on_one_line_at_a_word() -> None:
    text = "a gentle session today with slow breathing and a long quiet rest at the end"
    short = preview(text, 30)
    assert len(short) <= 30
    assert short.endswith("…")
    assert text.startswith(short[:-1])
    assert preview("short", 30) == "short"


def test_select_filters_days_and_routine_newest_first() -> None:
    sessions = [
        summary(date(2026, 11, 1)),
        summary(date(2026, 11, 20), routine="morning-reset"),
        summary(date(2026, 11, 24)),
        summary(date(2026, 11, 24), hour=7),
    ]
    chosen = select(sessions, since=date(2026, 11, 20), until=date(2026, 11, 24))
    assert [s.id for s in chosen] == [
        "2026-11-24T21-30-00",
        "2026-11-24T07-30-00",
        "2026-11-20T21-30-00",
    ]
    by_name = select(sessions, routine="Morning-Reset")
    assert [s.routine for s in by_name] == ["morning-reset"]
    by_title = select(sessions, routine="morning reset")
    assert len(by_title) == 1


def test_newest_first_uses_the_instant_not_the_text() -> None:
    # 20:00 at UTC-5 is 01:00 UTC the next day: later than 23:00 UTC, though its text is smaller.
    early = datetime(2026, 11, 24, 20, 0, tzinfo=timezone(timedelta(hours=-5)))
    late = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    a = summarize(make_session(early), "a")
    b = summarize(make_session(late), "b")
    assert [s.id for s in select([b, a])] == ["a", "b"]


def test_totals_for_this_week_and_four_weeks() -> None:
    sessions = [
        summary(date(2026, 11, 23), 10),  # Monday this week
        summary(date(2026, 11, 25), 25),  # today
        summary(date(2026, 11, 22), 30),  # last Sunday
        summary(date(2026, 10, 29), 15),  # 27 days ago: the 28th day, just in
        summary(date(2026, 10, 28), 15),  # just out
    ]
    assert totals(sessions, date(2026, 11, 23), TODAY).sessions == 2
    assert totals(sessions, date(2026, 11, 23), TODAY).minutes == pytest.approx(35)
    four = totals(sessions, TODAY - timedelta(days=27), TODAY)
    assert (four.sessions, round(four.minutes)) == (4, 80)


def test_weekly_minutes_keep_empty_weeks() -> None:
    sessions = [summary(date(2026, 11, 2), 10), summary(date(2026, 11, 4), 5)]
    weeks = weekly_minutes(sessions, date(2026, 11, 1), date(2026, 11, 18))
    assert [(m.isoformat(), n, round(x)) for m, n, x in weeks] == [
        ("2026-10-26", 0, 0),
        ("2026-11-02", 2, 15),
        ("2026-11-09", 0, 0),
        ("2026-11-16", 0, 0),
    ]


def test_calendar_shades_each_day_and_marks_rest_days() -> None:
    sessions = [
        summary(TODAY, 40),
        summary(date(2026, 11, 24), 3),
        summary(date(2026, 11, 23), 10),
        summary(date(2026, 11, 23), 10, hour=8),  # two sessions add up
        summary(date(2026, 9, 7), 5),  # first Monday shown
        summary(date(2026, 9, 6), 60),  # the day before: not shown
    ]
    rest = [RestDay(date(2026, 11, 22), "period", datetime(2026, 11, 22, tzinfo=UTC))]
    cal = calendar(sessions, rest, TODAY)
    assert len(cal.mondays) == 12
    assert cal.mondays[0] == date(2026, 9, 7)
    assert cal.mondays[-1] == date(2026, 11, 23)
    monday, tuesday, wednesday, thursday, *_, sunday = cal.rows
    assert monday == "▒" + "·" * 10 + "▓"
    assert tuesday[-1] == "░"
    assert wednesday[-1] == "█"
    assert thursday[-1] == " "  # the future stays blank
    assert sunday[-2] == "r"
    assert all(len(row) == 12 for row in cal.rows)
    lines = cal.lines()
    assert lines[0].startswith("    Sep")
    assert "Oct" in lines[0] and "Nov" in lines[0]
    assert lines[1] == "Mon ▒ · · · · · · · · · · ▓"
    assert "r rest day" in LEGEND


@pytest.mark.parametrize("day", [1, 2, 3, 6, 7, 8, 15])
def test_the_calendar_names_the_current_month_from_its_first_day(day: int) -> None:
    today = date(2026, 12, day)  # the 1st is a Tuesday: the week begins in November
    header = calendar([], [], today).lines()[0]
    assert header.split()[-1] == "Dec"
    assert header.index("Dec") <= len("Mon ") + 2 * 11  # above the last week's column


def test_no_calendar_line_ends_with_a_space() -> None:
    for day in range(1, 32):
        lines = calendar([], [], date(2026, 12, day)).lines()
        assert all(line == line.rstrip() for line in lines), day


def test_a_rest_day_shows_as_rest_even_with_some_practice() -> None:
    rest = [RestDay(TODAY, "tired", datetime(2026, 11, 25, tzinfo=UTC))]
    cal = calendar([summary(TODAY, 20)], rest, TODAY)
    assert cal.rows[2][-1] == "R"
    assert "R rest and practice" in LEGEND


def test_sparkline_spans_the_whole_scale() -> None:
    assert sparkline([0, 5, 10]) == "▁▅█"
    assert sparkline([]) == ""
    assert sparkline([12, -1]) == "█▁"  # out-of-range values are clamped, never a crash


def test_trend_uses_the_latest_check_ins_oldest_first() -> None:
    days = [TODAY - timedelta(days=n) for n in range(30)]
    sessions = select(
        summary(d, pain=n % 4, anxiety=None if n % 2 else 5) for n, d in enumerate(days)
    )
    ratings = trend(sessions, points=5)
    assert ratings.pain == [0, 3, 2, 1, 0]
    assert ratings.anxiety == [5, 5, 5, 5, 5]
    expected = "pain     ▁▃▂▂▁  latest 0, range 0-3, over 5 check-ins"
    assert trend_line("pain", ratings.pain) == expected
    assert trend_line("anxiety", []) == "anxiety  no ratings yet"


def test_no_words_of_failure_anywhere_in_the_summary_text() -> None:
    texts = [LEGEND, trend_line("pain", [3]), trend_line("pain", [])]
    for text in texts:
        for word in ("streak", "missed", "fail", "broke"):
            assert word not in text.lower()


def test_a_practice_read_back_from_the_index_is_checked_value_by_value() -> None:
    report = TrainerReport(used="trainer", size=2, depth="full", minutes=9.5, pain_peak=1)
    start = datetime(2026, 11, 20, 8, tzinfo=timezone(timedelta(hours=1)))
    practice = Practice(start.timestamp(), start, "2026-11-20", (report,))
    fields = practice_fields(practice)
    assert practice_from_fields(json.loads(json.dumps(fields))) == practice
    size = _REPORT_FIELD_NAMES.index("size")
    for wrong in (True, "2", 2.0, [2]):  # a bool is not a size, nor is text
        damaged = json.loads(json.dumps(fields))
        damaged[2][0][size] = wrong
        assert practice_from_fields(damaged) is None, wrong
    for start in ("2026-13-40T08:00:00+01:00", "2026-11-20T08:00:00", "yesterday", 1796225379):
        assert practice_from_fields([start, fields[1], fields[2]]) is None
    for instant in ("1796225379", True, None):
        assert practice_from_fields([fields[0], instant, fields[2]]) is None
    assert practice_from_fields([fields[0], fields[1], []]) is None  # no trainer practice
    assert practice_from_fields([fields[0], fields[1], [fields[2][0][:-1]]]) is None  # short
