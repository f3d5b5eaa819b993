"""Summaries over sessions: weekly totals, a 12-week calendar, trends and date filters (pure)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import NamedTuple

from coach.core.records import FocusRecord, PartnerCheckin, RestDay, Session, TrainerReport
from coach.core.words import counted

NOTE_PREVIEW = 40
CALENDAR_WEEKS = 12
SPARK_POINTS = 20
SPARK = "▁▂▃▄▅▆▇█"
# Calendar shades by minutes practised that day: (at least this many minutes, mark).
SHADES: tuple[tuple[float, str], ...] = ((30, "█"), (15, "▓"), (5, "▒"), (0.01, "░"))
EMPTY_DAY = "·"
REST_DAY = "r"
REST_AND_PRACTICE = "R"  # a rest day that still held some practice: both are worth seeing
FUTURE_DAY = " "
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TODAY_ENV = "COACH_TODAY"  # a fixed "today" (YYYY-MM-DD), for tests and reproducible exports


class SessionSummary(NamedTuple):
    """What the history needs from one session file; a tuple so the index stores it cheaply."""

    id: str  # the file stem, e.g. 2026-11-22T21-30-12: stable, and what `coach log show` takes
    day: str  # YYYY-MM-DD as the person lived it (in the offset it was recorded in)
    started_at: str  # ISO 8601 with the offset it was recorded in
    timestamp: float  # the same instant as seconds since the epoch, for ordering
    ended_at: str
    routine: str
    routine_title: str
    status: str
    planned_seconds: float
    active_seconds: float
    steps: int
    steps_done: int
    pain: int | None
    anxiety: int | None
    note_preview: str  # "" when there is no note
    trainer: tuple[TrainerReport, ...] = ()  # each trainer check-in, minutes filled in
    focus: FocusRecord | None = None  # sensate focus: the stage and each check-in, notes left out

    @property
    def minutes(self) -> float:
        return self.active_seconds / 60


def summarize(session: Session, session_id: str) -> SessionSummary:
    """The summary of one session, with a one-line preview of its note."""
    checkin = session.checkin
    note = (checkin.note or "") if checkin else ""
    return SessionSummary(
        id=session_id,
        day=session.started_at.date().isoformat(),
        started_at=session.started_at.isoformat(),
        timestamp=session.started_at.timestamp(),
        ended_at=session.ended_at.isoformat(),
        routine=session.routine,
        routine_title=session.routine_title,
        status=session.status,
        planned_seconds=float(session.planned_seconds),
        active_seconds=float(session.active_seconds),
        steps=len(session.steps),
        steps_done=sum(1 for step in session.steps if step.outcome == "done"),
        pain=checkin.pain if checkin else None,
        anxiety=checkin.anxiety if checkin else None,
        note_preview=preview(note),
        trainer=tuple(
            # The minutes typed in the check-in, else the time the step ran.
            replace(
                step.trainer,
                minutes=_first(step.trainer.minutes, step.done_seconds / 60),
                extra={},
            )
            for step in session.steps
            if step.trainer is not None
        ),
        focus=None if session.focus is None else _focus_summary(session.focus),
    )


def _focus_summary(record: FocusRecord) -> FocusRecord:
    # Notes stay in the session file: the index and the log table never hold one.
    partners = [replace(p, note=None, extra={}) for p in record.partners]
    return FocusRecord(stage=record.stage, solo=record.solo, partners=partners)


def _focus_fields(record: FocusRecord | None) -> object:
    if record is None:
        return None
    partners = [[p.comfort, p.anxiety, p.stop_used] for p in record.partners]
    return [record.stage, record.solo, partners]


def _rating(value: object) -> bool:
    return value is None or (type(value) is int and 0 <= value <= 10)


def _focus_from_fields(values: object) -> FocusRecord | None:
    """The focus part of a summary from the index; raises ValueError for anything else."""
    if values is None:
        return None
    if not isinstance(values, list) or len(values) != 3:
        raise ValueError("not a focus summary")
    stage, solo, partners = values
    if not (stage is None or type(stage) is int) or type(solo) is not bool:
        raise ValueError("not a focus summary")
    if not isinstance(partners, list):
        raise ValueError("not a focus summary")
    found: list[PartnerCheckin] = []
    for partner in partners:
        if not isinstance(partner, list) or len(partner) != 3:
            raise ValueError("not a focus check-in")
        comfort, anxiety, stop = partner
        if not (_rating(comfort) and _rating(anxiety) and (stop is None or type(stop) is bool)):
            raise ValueError("not a focus check-in")
        found.append(PartnerCheckin(comfort=comfort, anxiety=anxiety, stop_used=stop))
    return FocusRecord(stage=stage, solo=solo, partners=found)


def _first(typed: float | None, measured: float) -> float:
    return typed if typed is not None else round(measured, 1)


_REPORT_FIELDS = tuple(f.name for f in fields(TrainerReport) if f.name != "extra")
_WORDS = ("used", "depth", "tried", "bleeding")
_NONE = type(None)
# The types each of a report's values may have when read back from the index, by position.
_REPORT_KINDS = tuple(
    (str, _NONE) if n in _WORDS else (int, float, _NONE) if n == "minutes" else (int, _NONE)
    for n in _REPORT_FIELDS
)
# Whether each shape (the types of a report's values, in order) is one _REPORT_KINDS allows,
# worked out once per shape: a long history repeats a handful of shapes thousands of times.
_SHAPE_ALLOWED: dict[tuple[type, ...], bool] = {}


def _allowed_shape(shape: tuple[type, ...]) -> bool:
    allowed = _SHAPE_ALLOWED.get(shape)
    if allowed is None:
        allowed = len(shape) == len(_REPORT_KINDS) and all(
            kind in kinds for kind, kinds in zip(shape, _REPORT_KINDS, strict=False)
        )
        _SHAPE_ALLOWED[shape] = allowed
    return allowed


def _report_values(report: TrainerReport) -> list[object]:
    """A trainer report as a list in _REPORT_FIELDS order: no names, so the index reads fast."""
    return [getattr(report, name) for name in _REPORT_FIELDS]


# What a summary's fields must be, in order, for one read back from the index to be trusted.
_SCALAR_TYPES: tuple[tuple[type, ...], ...] = (
    (str,), (str,), (str,), (int, float), (str,), (str,), (str,), (str,),
    (int, float), (int, float), (int,), (int,), (int, type(None)), (int, type(None)), (str,),
)  # fmt: skip
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def summary_fields(summary: SessionSummary) -> list[object]:
    """The summary as plain JSON-ready values, for the index."""
    return [
        *summary[:-2],
        [_report_values(r) for r in summary.trainer],
        _focus_fields(summary.focus),
    ]


def summary_from_fields(values: object) -> SessionSummary | None:
    """A summary from :func:`summary_fields` output, or None for anything else (a damaged index)."""
    if not isinstance(values, list) or len(values) != len(_SCALAR_TYPES) + 2:
        return None
    *scalars, reports, focus_values = values
    # type(), not isinstance(): JSON gives exact types, and a bool must not pass for an int.
    if not all(type(v) in kinds for v, kinds in zip(scalars, _SCALAR_TYPES, strict=True)):
        return None
    trainer = _reports_from_fields(reports)
    if trainer is None or not _when_from_fields(scalars[1], scalars[2]):
        return None
    try:
        focus = _focus_from_fields(focus_values)
    except ValueError:
        return None
    return SessionSummary._make([*scalars, trainer, focus])


class Practice(NamedTuple):
    """What the trainer ladder needs from one session: when it began, and its trainer check-ins.

    The index keeps one for each session with trainer practice, so ``coach trainer`` reads
    these small records instead of every summary."""

    timestamp: float  # seconds since the epoch, for ordering (aware datetimes order slowly)
    started_at: datetime  # with the offset it was recorded in
    day: str  # YYYY-MM-DD as the person lived it (in that offset)
    trainer: tuple[TrainerReport, ...]


def practice_of(summary: SessionSummary) -> Practice:
    """The part of a summary the ladder reads."""
    started_at = datetime.fromisoformat(summary.started_at)
    return Practice(summary.timestamp, started_at, summary.day, summary.trainer)


def practice_fields(practice: Practice) -> list[object]:
    """A practice as plain JSON-ready values, for the index: its start (which holds its day),
    the same instant as a number, and its reports."""
    reports = [_report_values(r) for r in practice.trainer]
    return [practice.started_at.isoformat(), practice.timestamp, reports]


def practice_from_fields(values: object) -> Practice | None:
    """A practice from :func:`practice_fields` output, or None for anything else."""
    if not isinstance(values, list) or len(values) != 3:
        return None
    started_at, timestamp, reports = values
    trainer = _reports_from_fields(reports)
    if not trainer or type(started_at) is not str or not _DAY.match(started_at):
        return None
    if type(timestamp) not in (int, float):  # a bool must not pass for a number
        return None
    try:
        started = datetime.fromisoformat(started_at)
    except ValueError:
        return None
    if started.tzinfo is None:  # without an offset it has no place in the order
        return None
    # The day as lived is the date in the start's own offset: the start's first ten characters.
    return Practice(timestamp, started, started_at[:10], trainer)


def _reports_from_fields(reports: object) -> tuple[TrainerReport, ...] | None:
    if not isinstance(reports, list):
        return None
    found: list[TrainerReport] = []
    for values in reports:
        # type(), not isinstance(): a bool must not pass for an int.
        if not isinstance(values, list) or not _allowed_shape(tuple(map(type, values))):
            return None
        found.append(TrainerReport(*values))
    return tuple(found)


def _when_from_fields(day: str, started_at: str) -> bool:
    """Whether a day and a start read back from the index are a real day and time."""
    if not _DAY.fullmatch(day):
        return False
    try:
        date.fromisoformat(day)
        datetime.fromisoformat(started_at)
    except ValueError:
        return False
    return True


def recently_used(summaries: Iterable[SessionSummary]) -> list[str]:
    """Routine names, the one used most recently first, each once."""
    ordered = sorted(summaries, key=lambda s: s.timestamp, reverse=True)
    return list(dict.fromkeys(s.routine for s in ordered))


def preview(note: str, width: int = NOTE_PREVIEW) -> str:
    """The note on one line, cut at a word boundary with an ellipsis when long."""
    flat = " ".join(note.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1].rsplit(" ", 1)[0] if " " in flat[: width - 1] else flat[: width - 1]
    return cut.rstrip() + "…"


class DateError(ValueError):
    """A --since or --until value that is not a day coach understands."""


_RELATIVE = re.compile(r"^(\d{1,4})([dw])$")


def parse_day(text: str, today: date) -> date:
    """``YYYY-MM-DD``, ``today``, ``yesterday``, ``7d`` (7 days ago) or ``4w`` (4 weeks ago)."""
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    relative = _RELATIVE.match(value)
    if relative:
        count, unit = int(relative.group(1)), relative.group(2)
        return today - timedelta(days=count * (7 if unit == "w" else 1))
    try:
        return date.fromisoformat(value) if len(value) == 10 else _reject(text)
    except ValueError:
        return _reject(text)


def _reject(text: str) -> date:
    raise DateError(f"'{text}' is not a day coach understands: try YYYY-MM-DD, today, 7d or 4w.")


def select(
    summaries: Iterable[SessionSummary],
    *,
    since: date | None = None,
    until: date | None = None,
    routine: str | None = None,
) -> list[SessionSummary]:
    """Sessions within the days and routine asked for, newest first."""
    low = since.isoformat() if since else ""
    high = until.isoformat() if until else "9999"
    wanted = routine.casefold() if routine else None
    chosen = [
        s
        for s in summaries
        if low <= s.day <= high
        and (wanted is None or wanted in (s.routine.casefold(), s.routine_title.casefold()))
    ]
    # By the instant, not the ISO text: offsets differ. itemgetter keeps 10,000 rows fast.
    chosen.sort(key=_BY_TIME, reverse=True)
    return chosen


_BY_TIME = itemgetter(SessionSummary._fields.index("timestamp"), 0)


def today_for_views() -> date:
    """Today, or the day in ``COACH_TODAY`` when set."""
    fixed = os.environ.get(TODAY_ENV)
    return date.fromisoformat(fixed) if fixed else date.today()


def recent_from(today: date) -> str:
    """The first day whose files `coach log` and `coach trainer` always compare with the
    index: the 12 weeks the calendar shows, and a day of slack, since a file is named after
    its start in the offset it was recorded in."""
    first_shown = week_start(today) - timedelta(weeks=CALENDAR_WEEKS - 1)
    return (first_shown - timedelta(days=1)).isoformat()


def week_start(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


class Totals(NamedTuple):
    """How many sessions and minutes in a span of days."""

    sessions: int
    minutes: float


def totals(summaries: Iterable[SessionSummary], first: date, last: date) -> Totals:
    """Sessions and minutes practised from ``first`` to ``last``, both included."""
    low, high = first.isoformat(), last.isoformat()
    picked = [s for s in summaries if low <= s.day <= high]
    return Totals(len(picked), sum(s.minutes for s in picked))


def minutes_by_day(summaries: Iterable[SessionSummary]) -> dict[str, float]:
    """Minutes practised per day (YYYY-MM-DD)."""
    days: dict[str, float] = {}
    for summary in summaries:
        days[summary.day] = days.get(summary.day, 0.0) + summary.minutes
    return days


def weekly_minutes(
    summaries: Iterable[SessionSummary], first: date, last: date
) -> list[tuple[date, int, float]]:
    """(Monday, sessions, minutes) for every week from ``first`` to ``last``, gaps included."""
    weeks: dict[date, list[float]] = {}
    monday = week_start(first)
    while monday <= last:
        weeks[monday] = [0, 0.0]
        monday += timedelta(days=7)
    low, high = first.isoformat(), last.isoformat()
    for summary in summaries:
        if low <= summary.day <= high:
            bucket = weeks[week_start(date.fromisoformat(summary.day))]
            bucket[0] += 1
            bucket[1] += summary.minutes
    return [(monday, int(count), minutes) for monday, (count, minutes) in weeks.items()]


def shade(minutes: float) -> str:
    """The calendar mark for a day with this many minutes of practice."""
    for threshold, mark in SHADES:
        if minutes >= threshold:
            return mark
    return EMPTY_DAY


class Calendar(NamedTuple):
    """A practice calendar: one row per weekday, one column per week, oldest week first."""

    mondays: list[date]
    rows: list[str]  # seven strings of marks, Monday first

    def lines(self) -> list[str]:
        """The calendar as text: month labels above, weekday names on the left."""
        # A month is named above the week holding its 1st, so the current month has its
        # label from the 1st on, not only from its first Monday.
        labels = [""] * len(self.mondays)
        for column, monday in enumerate(self.mondays):
            sunday = monday + timedelta(days=6)
            if sunday.day <= 7:
                labels[column] = sunday.strftime("%b")
        if self.mondays and not any(labels[:2]):
            labels[0] = self.mondays[0].strftime("%b")
        header = "    "
        for column, label in enumerate(labels):
            if len(header) <= 4 + column * 2 and label:
                header = header.ljust(4 + column * 2) + label
        out = [header.rstrip()]
        out += [
            f"{name} {' '.join(row)}".rstrip()
            for name, row in zip(WEEKDAYS, self.rows, strict=True)
        ]
        return out


LEGEND = (
    f"{EMPTY_DAY} none  ░ under 5 min  ▒ 5-14  ▓ 15-29  █ 30+  {REST_DAY} rest day  "
    f"{REST_AND_PRACTICE} rest and practice"
)


def calendar(
    summaries: Iterable[SessionSummary],
    rest_days: Iterable[RestDay],
    today: date,
    weeks: int = CALENDAR_WEEKS,
) -> Calendar:
    """The last ``weeks`` weeks up to today; a rest day shows as rest, with practice or not."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    by_day = minutes_by_day(summaries)
    rest = {r.day.isoformat() for r in rest_days}
    mondays = [first + timedelta(weeks=n) for n in range(weeks)]
    rows = []
    for weekday in range(7):
        marks = []
        for monday in mondays:
            day = monday + timedelta(days=weekday)
            key = day.isoformat()
            if day > today:
                marks.append(FUTURE_DAY)
            elif key in rest:
                marks.append(REST_AND_PRACTICE if key in by_day else REST_DAY)
            elif key in by_day:
                marks.append(shade(by_day[key]))
            else:
                marks.append(EMPTY_DAY)
        rows.append("".join(marks))
    return Calendar(mondays, rows)


def sparkline(values: Sequence[int], top: int = 10) -> str:
    """One block per value on a 0..``top`` scale, so 0 is the lowest bar and ``top`` the highest."""
    last = len(SPARK) - 1
    return "".join(SPARK[round(min(max(v, 0), top) * last / top)] for v in values)


class Trend(NamedTuple):
    """Pain and anxiety over the most recent check-ins, oldest first."""

    pain: list[int]
    anxiety: list[int]


def trend(summaries: Sequence[SessionSummary], points: int = SPARK_POINTS) -> Trend:
    """The last ``points`` ratings of each kind, taken from sessions newest first."""
    pain = [s.pain for s in summaries if s.pain is not None][:points]
    anxiety = [s.anxiety for s in summaries if s.anxiety is not None][:points]
    return Trend(pain[::-1], anxiety[::-1])


def trend_line(label: str, values: Sequence[int]) -> str:
    """``pain     ▂▁▁▃▁  latest 1, range 0-3, over 5 check-ins`` (calm, factual)."""
    if not values:
        return f"{label:<8} no ratings yet"
    count = len(values)
    return (
        f"{label:<8} {sparkline(values)}  latest {values[-1]}, range {min(values)}-"
        f"{max(values)}, over {counted(count, 'check-in')}"
    )


def minutes_text(minutes: float) -> str:
    """Whole minutes for people, with at least "<1" for a short but real session."""
    if 0 < minutes < 1:
        return "<1"
    return str(round(minutes))
