"""Trainer progress and rest days across the history, for the log and its exports (pure).

Sizes are named in the ladder's words (finger, tampon, trainer size 1-4) and shown as they
were, oldest first: no counters, no targets. A session's trainer practice is its main rung,
the last one used (a warm-up with the previous size comes first), as in the ladder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from coach.core.history import SessionSummary, practice_of, sparkline, trend_line, week_start
from coach.core.ladder import TOOLS, Attempt, Tool, session_attempts
from coach.core.records import TRAINER_SIZES, RestDay, TrainerReport
from coach.core.words import counted

# Export columns for a session's main trainer practice, in this order (add, never rename).
TRAINER_COLUMNS = (
    "used",
    "size",
    "depth",
    "trainer_minutes",
    "pain_before",
    "pain_peak",
    "pain_after",
    "anxiety_before",
    "anxiety_peak",
    "anxiety_after",
    "tried",
    "bleeding",
)


def main_attempt(summary: SessionSummary) -> Attempt | None:
    """The rung a session's trainer practice was about, its reports merged; None without one."""
    attempts = session_attempts(practice_of(summary))
    return attempts[-1] if attempts else None


def short_label(tool: Tool) -> str:
    """``size 2``, ``finger``, ``tampon``: what was used, short enough for a table column."""
    return f"size {tool.size}" if tool.used == "trainer" else tool.used


def trainer_fields(summary: SessionSummary) -> dict[str, str | int | float | bool | None]:
    """The main trainer practice as export columns; every value None without one."""
    attempt = main_attempt(summary)
    report = attempt.report if attempt else TrainerReport()
    return {
        "used": report.used,
        "size": report.size,
        "depth": report.depth,
        "trainer_minutes": round(attempt.minutes, 1) if attempt else None,
        "pain_before": report.pain_before,
        "pain_peak": report.pain_peak,
        "pain_after": report.pain_after,
        "anxiety_before": report.anxiety_before,
        "anxiety_peak": report.anxiety_peak,
        "anxiety_after": report.anxiety_after,
        "tried": report.tried,
        "bleeding": report.bleeding,
    }


def attempts(summaries: Iterable[SessionSummary]) -> list[Attempt]:
    """Each session's main trainer practice, oldest first."""
    ordered = sorted(summaries, key=lambda s: s.timestamp)
    return [a for s in ordered if (a := main_attempt(s)) is not None]


@dataclass(frozen=True)
class RungCount:
    """How many sessions and minutes were spent with one rung, and the last day it was used."""

    rung: Tool
    sessions: int
    minutes: float
    last_day: date


def per_rung(practice: Sequence[Attempt]) -> list[RungCount]:
    """Sessions per rung, in the ladder's order; only rungs that were used."""
    found: dict[Tool, RungCount] = {}
    for a in practice:
        old = found.get(a.tool)
        found[a.tool] = RungCount(
            a.tool,
            (old.sessions if old else 0) + 1,
            (old.minutes if old else 0.0) + a.minutes,
            a.started_at.date(),
        )
    return [found[r] for r in TOOLS if r in found]


def size_line(practice: Sequence[Attempt], points: int) -> str | None:
    """``size     ▂▂▄▄▄  trainer size 1 to trainer size 2``: the trainer size used, oldest
    first; None without trainer sizes. Fingers and a tampon are a path of their own, not
    steps below size 1 (clinical.md), so they are counted beside the chart, never in it."""
    shown = [a for a in practice if a.tool.size is not None][-points:]
    if not shown:
        return None
    chart = sparkline([a.tool.size or 0 for a in shown], top=max(TRAINER_SIZES))
    first, last = shown[0].tool.label, shown[-1].tool.label
    span = last if first == last else f"{first} to {last}"
    return f"{'size':<9} {chart}  {span}"


def peak_pain_line(practice: Sequence[Attempt], points: int) -> str:
    """The peak pain of the latest trainer sessions as a calm trend line."""
    values = [a.report.pain_peak for a in practice if a.report.pain_peak is not None]
    return trend_line("peak pain", values[-points:])


def per_rung_line(counts: Sequence[RungCount]) -> str:
    """``sessions  finger: 1, size 1: 4, size 2: 3``: sessions with each rung used."""
    return f"{'sessions':<9} " + ", ".join(f"{short_label(c.rung)}: {c.sessions}" for c in counts)


@dataclass(frozen=True)
class TrainerWeek:
    """One week of trainer practice, for a clinician."""

    monday: date
    rungs: tuple[Tool, ...]  # in the ladder's order
    sessions: int
    highest_peak_pain: int | None
    peak_pains: tuple[int, ...]


def trainer_weeks(practice: Sequence[Attempt], first: date, last: date) -> list[TrainerWeek]:
    """Every week from ``first`` to ``last`` that holds trainer practice, oldest first."""
    weeks: dict[date, list[Attempt]] = {}
    for a in practice:
        day = a.started_at.date()
        if first <= day <= last:
            weeks.setdefault(week_start(day), []).append(a)
    out = []
    for monday in sorted(weeks):
        held = weeks[monday]
        pains = tuple(a.report.pain_peak for a in held if a.report.pain_peak is not None)
        rungs = tuple(r for r in TOOLS if any(a.tool == r for a in held))
        out.append(TrainerWeek(monday, rungs, len(held), max(pains, default=None), pains))
    return out


def rest_between(rest_days: Iterable[RestDay], first: date, last: date) -> list[RestDay]:
    """Rest days from ``first`` to ``last``, both included, oldest first."""
    return sorted((r for r in rest_days if first <= r.day <= last), key=lambda r: r.day)


def rest_words(rest_days: Sequence[RestDay]) -> str:
    """``1 rest day (period)``, ``3 rest days (period, sore)``; one day counts once."""
    days = {r.day for r in rest_days}
    reasons = list(dict.fromkeys(r.reason for r in sorted(rest_days, key=lambda r: r.day)))
    return f"{counted(len(days), 'rest day')} ({', '.join(reasons)})"
