"""History exports: CSV and JSON rows, and a Markdown summary to share with a clinician.

Sessions and rest days are rows of one table (``kind`` tells them apart); a session's trainer
practice fills the trainer columns. Notes, of sessions and rest days, only when asked for.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from coach.core.history import SessionSummary, trend, trend_line, weekly_minutes
from coach.core.progress import (
    TRAINER_COLUMNS,
    attempts,
    main_attempt,
    per_rung,
    rest_between,
    short_label,
    size_line,
    trainer_fields,
    trainer_weeks,
)
from coach.core.records import FocusState, RestDay
from coach.core.words import counted

FocusNotes = Mapping[str, Sequence[str | None]]  # session id -> each person's note

FORMATS = ("csv", "json", "md")
# Stable column names: add new ones at the end, never rename.
COLUMNS = (
    "id",
    "date",
    "time",
    "started_at",
    "ended_at",
    "routine",
    "routine_title",
    "status",
    "minutes",
    "planned_minutes",
    "steps",
    "steps_done",
    "pain",
    "anxiety",
    # Sensate focus: the stage, then each person's check-in in the order they answered.
    "focus_stage",
    "focus_stage_since",  # the day that stage began, from the programme's stage history
    "comfort_1",
    "anxiety_1",
    "stop_used_1",
    "comfort_2",
    "anxiety_2",
    "stop_used_2",
    *TRAINER_COLUMNS,
    "kind",  # session | rest
    "rest_reason",
)
NOTE_COLUMN = "note"
FOCUS_NOTE_COLUMNS = ("note_1", "note_2")

Row = dict[str, str | int | float | bool | None]


def _rest_row(day: RestDay, notes: Mapping[str, str] | None) -> Row:
    row: Row = dict.fromkeys(COLUMNS)
    row.update(id=f"rest-{day.day.isoformat()}", date=day.day.isoformat(), kind="rest")
    row["rest_reason"] = day.reason
    if notes is not None:
        row[NOTE_COLUMN] = day.note or ""
        row.update(dict.fromkeys(FOCUS_NOTE_COLUMNS, ""))
    return row


def stage_since(state: FocusState | None, stage: int | None, day: str) -> str | None:
    """The day the stage a session was in began: the latest move to it on or before ``day``."""
    if state is None or stage is None:
        return None
    began = [c.on.isoformat() for c in state.history if c.stage == stage]
    return max((d for d in began if d <= day), default=None)


def rows(
    summaries: Sequence[SessionSummary],
    notes: Mapping[str, str] | None = None,
    focus_notes: FocusNotes | None = None,
    stages: FocusState | None = None,
    rest_days: Sequence[RestDay] = (),
) -> list[Row]:
    """One row per session and per rest day, oldest first (a rest day before that day's
    sessions); note columns only when notes are given."""
    keyed: list[tuple[tuple[str, int, float, str], Row]] = [
        ((r.day.isoformat(), 0, 0.0, ""), _rest_row(r, notes)) for r in rest_days
    ]
    for s in summaries:
        row: Row = {
            "id": s.id,
            "date": s.day,
            "time": s.started_at[11:16],
            "started_at": s.started_at,
            "ended_at": s.ended_at,
            "routine": s.routine,
            "routine_title": s.routine_title,
            "status": s.status,
            "minutes": round(s.active_seconds / 60, 1),
            "planned_minutes": round(s.planned_seconds / 60, 1),
            "steps": s.steps,
            "steps_done": s.steps_done,
            "pain": s.pain,
            "anxiety": s.anxiety,
            "focus_stage": s.focus.stage if s.focus else None,
            "focus_stage_since": stage_since(stages, s.focus.stage if s.focus else None, s.day),
        }
        partners = s.focus.partners if s.focus else []
        for number in (1, 2):
            partner = partners[number - 1] if len(partners) >= number else None
            row[f"comfort_{number}"] = partner.comfort if partner else None
            row[f"anxiety_{number}"] = partner.anxiety if partner else None
            row[f"stop_used_{number}"] = partner.stop_used if partner else None
        row.update(trainer_fields(s), kind="session", rest_reason=None)
        if notes is not None:
            row[NOTE_COLUMN] = notes.get(s.id, "")
            said = (focus_notes or {}).get(s.id, ())
            for number, column in enumerate(FOCUS_NOTE_COLUMNS):
                row[column] = (said[number] if number < len(said) else None) or ""
        keyed.append(((s.day, 1, s.timestamp, s.id), row))
    return [row for _, row in sorted(keyed, key=lambda item: item[0])]


def to_csv(
    summaries: Sequence[SessionSummary],
    notes: Mapping[str, str] | None = None,
    focus_notes: FocusNotes | None = None,
    stages: FocusState | None = None,
    rest_days: Sequence[RestDay] = (),
) -> str:
    buffer = io.StringIO()
    fields = list(COLUMNS)
    if notes is not None:
        fields += [NOTE_COLUMN, *FOCUS_NOTE_COLUMNS]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(summaries, notes, focus_notes, stages, rest_days))
    return buffer.getvalue()


def to_json(
    summaries: Sequence[SessionSummary],
    notes: Mapping[str, str] | None = None,
    focus_notes: FocusNotes | None = None,
    stages: FocusState | None = None,
    rest_days: Sequence[RestDay] = (),
) -> str:
    chosen = rows(summaries, notes, focus_notes, stages, rest_days)
    return json.dumps(chosen, indent=2, ensure_ascii=False) + "\n"


def _cell(value: object) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text.replace("|", "\\|")


def _mean(values: Sequence[int]) -> str:
    return f"{sum(values) / len(values):.1f}" if values else "-"


def to_markdown(
    summaries: Sequence[SessionSummary],
    first: date,
    last: date,
    notes: Mapping[str, str] | None = None,
    stages: FocusState | None = None,
    focus_notes: FocusNotes | None = None,
    rest_days: Sequence[RestDay] = (),
) -> str:
    """A calm, factual summary of ``first`` to ``last`` a person could hand to a clinician."""
    ordered = sorted(summaries, key=lambda s: (s.timestamp, s.id))
    rested = rest_between(rest_days, first, last)
    minutes = sum(s.minutes for s in ordered)
    days = (last - first).days + 1
    lines = [
        "# Practice summary",
        "",
        f"- Period: {first.isoformat()} to {last.isoformat()} ({counted(days, 'day')})",
        f"- Sessions: {len(ordered)}, {counted(round(minutes), 'minute')} of guided practice",
    ]
    by_status = {
        status: sum(1 for s in ordered if s.status == status)
        for status in ("completed", "stopped", "interrupted")
    }
    lines.append(
        f"- Completed {by_status['completed']}, stopped early {by_status['stopped']}, "
        f"interrupted {by_status['interrupted']}"
    )
    routines: dict[str, int] = {}
    for s in ordered:
        routines[s.routine_title] = routines.get(s.routine_title, 0) + 1
    if routines:
        listed = ", ".join(
            f"{_cell(title)} ({count})"
            for title, count in sorted(routines.items(), key=lambda item: (-item[1], item[0]))
        )
        lines.append(f"- Routines: {listed}")
    if rested:
        reasons: dict[str, int] = {}
        for r in rested:
            reasons[r.reason] = reasons.get(r.reason, 0) + 1
        listed = ", ".join(f"{reason} {count}" for reason, count in reasons.items())
        lines.append(f"- Rest days: {len(rested)} ({listed})")

    lines += [
        "",
        "## Weekly practice",
        "",
        "| week of | sessions | minutes | mean pain | mean anxiety | rest days |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for monday, count, week_minutes in weekly_minutes(ordered, first, last):
        sunday = date.fromordinal(monday.toordinal() + 6).isoformat()
        week = [s for s in ordered if monday.isoformat() <= s.day <= sunday]
        pains = [s.pain for s in week if s.pain is not None]
        anxieties = [s.anxiety for s in week if s.anxiety is not None]
        rest_count = len(rest_between(rested, monday, monday + timedelta(days=6)))
        lines.append(
            f"| {monday.isoformat()} | {count} | {round(week_minutes)} | "
            f"{_mean(pains)} | {_mean(anxieties)} | {rest_count} |"
        )
    lines += _trainer_section(ordered, first, last)
    lines += _rest_section(rested, notes is not None)

    newest_first = ordered[::-1]
    ratings = trend(newest_first, points=len(newest_first))
    lines += [
        "",
        "## Pain and anxiety after sessions (0 none to 10 worst, oldest first)",
        "",
        "```",
        trend_line("pain", ratings.pain),
        trend_line("anxiety", ratings.anxiety),
        "```",
        "",
        "## Sessions",
        "",
    ]
    header = ["date", "time", "routine", "used", "minutes", "status", "pain", "anxiety"]
    if notes is not None:
        header.append("note")
    lines.append("| " + " | ".join(header) + " |")
    lines.append(
        "|"
        + "|".join("---:" if h in ("minutes", "pain", "anxiety") else "---" for h in header)
        + "|"
    )
    for s in ordered:
        cells = [
            s.day,
            s.started_at[11:16],
            _cell(s.routine_title),
            _used(s),
            str(round(s.minutes)),
            s.status,
            _cell(s.pain),
            _cell(s.anxiety),
        ]
        if notes is not None:
            cells.append(_cell(notes.get(s.id, "")))
        lines.append("| " + " | ".join(cells) + " |")
    if not ordered:
        lines.append("")
        lines.append("No sessions in this period.")
    if stages is not None:
        lines += _focus_section(stages, ordered, focus_notes if notes is not None else None)
    return "\n".join(lines).rstrip("\n") + "\n"


def _used(summary: SessionSummary) -> str:
    attempt = main_attempt(summary)
    return short_label(attempt.tool) if attempt else ""


def _trainer_section(ordered: Sequence[SessionSummary], first: date, last: date) -> list[str]:
    """For a clinician: size over time, sessions per size and peak pain per week."""
    practice = attempts(ordered)
    if not practice:
        return []
    lines = [
        "",
        "## Trainer practice",
        "",
        *_size_chart(size_line(practice, len(practice))),
        "| week of | used | sessions | highest peak pain | peak pain, each session |",
        "|---|---|---:|---:|---|",
    ]
    for week in trainer_weeks(practice, first, last):
        used = ", ".join(r.label for r in week.rungs)
        each = ", ".join(str(p) for p in week.peak_pains) or "-"
        highest = "-" if week.highest_peak_pain is None else str(week.highest_peak_pain)
        lines.append(
            f"| {week.monday.isoformat()} | {used} | {week.sessions} | {highest} | {each} |"
        )
    lines += [
        "",
        "| used | sessions | minutes | last used |",
        "|---|---:|---:|---|",
    ]
    for count in per_rung(practice):
        lines.append(
            f"| {count.rung.label} | {count.sessions} | {round(count.minutes)} | "
            f"{count.last_day.isoformat()} |"
        )
    return lines


def _rest_section(rested: Sequence[RestDay], with_notes: bool) -> list[str]:
    if not rested:
        return []
    header = "| date | reason |" + (" note |" if with_notes else "")
    lines = ["", "## Rest days", "", header, "|---|---|" + ("---|" if with_notes else "")]
    for r in rested:
        note = f" {_cell(r.note or '')} |" if with_notes else ""
        lines.append(f"| {r.day.isoformat()} | {r.reason} |{note}")
    return lines


def _focus_section(
    state: FocusState, ordered: Sequence[SessionSummary], notes: FocusNotes | None
) -> list[str]:
    """The sensate-focus agreement, each stage with the day it began, and each check-in."""
    track = "on your own" if state.solo else "for two"
    lines = [
        "",
        "## Sensate focus",
        "",
        f"- Began {state.began.isoformat()} ({track}), with a pause of {state.weeks} weeks",
        *(f"- Stage {c.stage} from {c.on.isoformat()}" for c in state.history),
    ]
    rated = [s for s in ordered if s.focus is not None and s.focus.partners]
    note = " note |" if notes is not None else ""
    if rated:
        lines += ["", "| date | stage | check-in | comfort | anxiety | stop used |" + note]
        lines.append("|---|---:|---:|---:|---:|---|" + ("---|" if note else ""))
    for s in rated:
        assert s.focus is not None
        said = (notes or {}).get(s.id, ())
        for number, p in enumerate(s.focus.partners, start=1):
            stop = {None: "", True: "yes", False: "no"}[p.stop_used]
            cells = [s.day, _cell(s.focus.stage), str(number), _cell(p.comfort)]
            cells += [_cell(p.anxiety), stop]
            if notes is not None:
                cells.append(_cell(said[number - 1] if number <= len(said) else None))
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def _size_chart(line: str | None) -> list[str]:
    if line is None:
        return []
    return [
        "Trainer size in each session with a trainer, oldest first (sizes 1 to 4; fingers "
        "and a tampon are their own path, counted below):",
        "",
        "```",
        line,
        "```",
        "",
    ]


def render(
    fmt: str,
    summaries: Sequence[SessionSummary],
    first: date,
    last: date,
    notes: Mapping[str, str] | None = None,
    focus_notes: FocusNotes | None = None,
    stages: FocusState | None = None,
    rest_days: Sequence[RestDay] = (),
) -> str:
    """The export in ``fmt`` (csv, json or md), rest days from ``first`` to ``last`` included."""
    rested = rest_between(rest_days, first, last)
    if fmt == "csv":
        return to_csv(summaries, notes, focus_notes, stages, rested)
    if fmt == "json":
        return to_json(summaries, notes, focus_notes, stages, rested)
    return to_markdown(summaries, first, last, notes, stages, focus_notes, rested)
