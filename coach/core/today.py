"""``coach`` with no command: the last practice, this week so far, and gentle options (pure).

It reads only what it shows through the index (this week, the last session, the recent
trainer check-ins), so it stays quick however long the history is. Its words never count
towards a target and never mention a gap: resting and pausing are part of the practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.core.focus import current_offer
from coach.core.history import CALENDAR_WEEKS, SessionSummary, minutes_text, totals, week_start
from coach.core.index import open_index
from coach.core.ladder import Ladder, build_ladder, ladder_option
from coach.core.paths import Paths
from coach.core.records import RestDay
from coach.core.routines import FIRST_TRY
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


def gather(paths: Paths, today: date, identity: Identity | None = None) -> Today:
    """Read what the today screen needs: only this week and the recent weeks' files (opened
    with ``identity`` while the data folder is locked)."""
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
    ladder = build_ladder(recent, recent=1) if any(s.trainer for s in recent) else None
    return Today(
        today=today,
        last=max(summaries, key=lambda s: s.timestamp, default=None),
        week_sessions=week.sessions,
        week_minutes=week.minutes,
        week_rest_days=_rest_days_between(rest_days, monday, today),
        ladder=ladder,
        focus=current_offer(paths, today, identity),
        problems=len(index.problems),
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


def _last_line(last: SessionSummary | None, today: date) -> str:
    if last is None:
        return "Welcome. Nothing is recorded yet, and there is no hurry."
    started = datetime.fromisoformat(last.started_at)
    return (
        f"Your last practice: {last.routine_title}, {_when(started, today)}, "
        f"{minutes_text(last.minutes)} min."
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
        lines.append(f"When you are ready, coach relax {FIRST_TRY} is a gentle three-minute start.")
    ladder = ladder_option(t.ladder)
    if ladder is not None:
        lines.append(ladder)
    if t.focus is not None:
        lines.append(t.focus)
    return lines


def today_lines(t: Today) -> list[str]:
    """The whole screen as plain lines."""
    lines = [_last_line(t.last, t.today), _week_line(t)]
    options = option_lines(t)
    if options:
        lines += ["", *options]
    lines += ["", "To go on:"]
    width = max(len(command) for command, _ in COMMANDS)
    lines += [f"  {command:<{width}}  {what}" for command, what in COMMANDS]
    if t.problems:
        lines += [
            "",
            f"{counted(t.problems, 'session file')} could not be read; coach log names "
            f"{'it' if t.problems == 1 else 'them'}.",
        ]
    return lines
