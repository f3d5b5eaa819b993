"""``coach`` with no command: the last practice, this week so far, and gentle options (pure).

It reads only what it shows through the index (this week, the last session, the recent
trainer check-ins), so it stays quick however long the history is. Its words never count
towards a target and never mention a gap: resting and pausing are part of the practice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.core.discreet import known_titles, session_title
from coach.core.focus import current_offer
from coach.core.history import (
    CALENDAR_WEEKS,
    SessionSummary,
    minutes_text,
    practice_of,
    totals,
    week_start,
)
from coach.core.index import open_index
from coach.core.ladder import Ladder, build_ladder, ladder_option
from coach.core.paths import Paths
from coach.core.records import RestDay
from coach.core.words import counted

if TYPE_CHECKING:
    from coach.core.vault import Identity

# How far back trainer check-ins count for today's option: the weeks `coach log` shows.
LADDER_WEEKS = CALENDAR_WEEKS
COMMANDS = (
    ("coach relax", "choose a routine and begin"),
    ("coach log", "your history"),
    ("coach rest", "record a rest day"),
    ("coach trainer", "your trainer practice over time"),
    ("coach --help", "everything else"),
)
DISCREET_HIDDEN = ("coach trainer",)  # its very name says what discreet mode keeps off screen
DISCREET_LADDER = (
    "If you like, there are options for what could come next; they show without discreet mode."
)


@dataclass(frozen=True)
class Today:
    """What the today screen shows."""

    today: date
    last: SessionSummary | None
    week_sessions: int
    week_minutes: float
    week_rest_days: int
    ladder: Ladder | None  # None when no trainer practice was recorded in the recent weeks
    focus: str | None  # the sensate-focus programme's offer of the next stage, if any
    problems: int  # session files that could not be read
    discreet: bool = False  # neutral words only (coach.core.discreet)
    titles: Mapping[str, str] = field(default_factory=dict)  # discreet: neutral titles by name


def gather(
    paths: Paths, today: date, identity: Identity | None = None, *, discreet: bool = False
) -> Today:
    """Read what the today screen needs: only this week and the recent weeks' files (opened
    with ``identity`` while the data folder is locked); in neutral words when ``discreet``."""
    from coach.core.store.sessions import read_rest_days

    index = open_index(paths, identity)
    monday = week_start(today)
    recent_low = today - timedelta(weeks=LADDER_WEEKS)
    # A day of slack: a file is named after its start in the offset it was recorded in.
    index.check_between((recent_low - timedelta(days=1)).isoformat())
    index.check_newest("", "9999", 1, lambda: bool(index.summaries))
    index.save()
    summaries = index.summaries
    week = totals(summaries, monday, today)
    rest_days, _ = read_rest_days(paths.rest_days, identity)
    recent = [s for s in summaries if s.day >= recent_low.isoformat()]
    practice = [practice_of(s) for s in recent if s.trainer]
    ladder = build_ladder(practice, recent=1) if practice else None
    last = max(summaries, key=lambda s: s.timestamp, default=None)
    named = [last.routine] if last is not None else []
    return Today(
        today=today,
        last=last,
        week_sessions=week.sessions,
        week_minutes=week.minutes,
        week_rest_days=_rest_days_between(rest_days, monday, today),
        ladder=ladder,
        focus=current_offer(paths, today, identity, discreet=discreet),
        problems=len(index.problems),
        discreet=discreet,
        titles=known_titles(named, paths.routines) if discreet else {},
    )


def _rest_days_between(days: list[RestDay], first: date, last: date) -> int:
    return len({d.day for d in days if first <= d.day <= last})


def _when(moment: datetime, today: date) -> str:
    day = moment.date()
    if day == today:
        return f"today at {moment:%H:%M}"
    if day == today - timedelta(days=1):
        return f"yesterday at {moment:%H:%M}"
    text = f"{moment:%A} {day.day} {moment:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def _last_line(t: Today) -> str:
    last = t.last
    if last is None:
        return "Welcome. Nothing is recorded yet, and there is no hurry."
    started = datetime.fromisoformat(last.started_at)
    title = session_title(last.routine, t.titles) if t.discreet else last.routine_title
    return (
        f"Your last practice: {title}, {_when(started, t.today)}, {minutes_text(last.minutes)} min."
    )


def _week_line(t: Today) -> str:
    if not t.week_sessions and not t.week_rest_days:
        return "This week so far: a fresh week."
    parts = []
    if t.week_sessions:
        minutes = minutes_text(t.week_minutes)
        parts.append(f"{counted(t.week_sessions, 'session')}, {minutes} min")
    if t.week_rest_days:
        parts.append(counted(t.week_rest_days, "rest day"))
    return "This week so far: " + "; ".join(parts) + "."


def option_lines(t: Today) -> list[str]:
    """What could come next, each only an option: the ladder's and sensate focus's."""
    lines = []
    if t.last is None:
        from coach.core.routines import FIRST_TRY  # the routines load only for someone new

        lines.append(f"When you are ready, coach relax {FIRST_TRY} is a gentle three-minute start.")
    ladder = ladder_option(t.ladder)
    if ladder is not None and not t.discreet:
        lines.append(ladder)
    elif t.ladder is not None and t.ladder.offer:  # discreet mode: only that there are some
        lines.append(DISCREET_LADDER)
    if t.focus is not None:
        lines.append(t.focus)
    return lines


def today_lines(t: Today) -> list[str]:
    """The whole screen as plain lines."""
    lines = [_last_line(t), _week_line(t)]
    options = option_lines(t)
    if options:
        lines += ["", *options]
    lines += ["", "To go on:"]
    hidden = DISCREET_HIDDEN if t.discreet else ()
    menu = [(command, what) for command, what in COMMANDS if command not in hidden]
    width = max(len(command) for command, _ in menu)
    lines += [f"  {command:<{width}}  {what}" for command, what in menu]
    if t.problems:
        lines += [
            "",
            f"{counted(t.problems, 'session file')} could not be read; coach log names "
            f"{'it' if t.problems == 1 else 'them'}.",
        ]
    return lines
