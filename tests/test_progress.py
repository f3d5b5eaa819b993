"""Trainer progress and rest days in coach log and every export (golden files)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

from coach.core.history import summarize
from coach.core.progress import TRAINER_COLUMNS, attempts, per_rung, trainer_weeks
from coach.core.records import Checkin, RestDay, Session, StepRecord, TrainerReport
from coach.core.store.sessions import write_rest_day
from tests.goldens import golden
from tests.test_log_cli import OFFSET, coach, data, write_session

__all__ = ["data"]  # the fixture, shared with the log tests

PLAN = [  # days back from 2026-11-25, what was used, peak pain, peak anxiety
    (40, TrainerReport(used="finger", depth="full", pain_before=1, pain_peak=2, pain_after=1)),
    (33, TrainerReport(used="trainer", size=1, depth="tip", pain_peak=4, anxiety_peak=5)),
    (26, TrainerReport(used="trainer", size=1, depth="partial", pain_peak=2, anxiety_peak=3)),
    (19, TrainerReport(used="trainer", size=1, depth="full", pain_peak=1, anxiety_peak=2)),
    (
        12,
        TrainerReport(
            used="trainer",
            size=2,
            depth="partial",
            pain_peak=3,
            anxiety_peak=4,
            bleeding="light spotting",
        ),
    ),
    (5, TrainerReport(used="trainer", size=2, depth="full", pain_peak=2, anxiety_peak=2)),
    (
        1,
        TrainerReport(
            used="trainer",
            size=2,
            depth="full",
            pain_before=0,
            pain_peak=1,
            pain_after=0,
            anxiety_before=3,
            anxiety_peak=2,
            anxiety_after=1,
        ),
    ),
]
TODAY = date(2026, 11, 25)


def trainer_session(day: date, report: TrainerReport, warm_up: bool) -> Session:
    start = datetime(day.year, day.month, day.day, 20, 0, 5, tzinfo=OFFSET)
    steps = [StepRecord("Belly breathing", "breathe", 120, 120.0, "done")]
    if warm_up and report.size and report.size > 1:  # a few minutes with the size before
        earlier = TrainerReport(used="trainer", size=report.size - 1, minutes=3, pain_peak=0)
        steps.append(StepRecord("Warm-up", "trainer", 180, 180.0, "done", trainer=earlier))
    steps.append(StepRecord("Trainer practice", "trainer", 600, 540.0, "done", trainer=report))
    return Session(
        routine="trainer-practice",
        routine_title="Trainer practice",
        started_at=start,
        ended_at=start + timedelta(minutes=16),
        status="completed",
        planned_seconds=900,
        active_seconds=sum(s.done_seconds for s in steps),
        steps=steps,
        checkin=Checkin(pain=1, anxiety=2, note="a private trainer note"),
    )


def make_progress(folder: Path) -> None:
    for number, (back, report) in enumerate(PLAN):
        day = TODAY - timedelta(days=back)
        write_session(folder, trainer_session(day, report, warm_up=number % 2 == 1))
    for back, reason, note in ((2, "sore", "a private rest note"), (5, "period", None)):
        day = TODAY - timedelta(days=back)  # the 5th day back also holds practice
        moment = datetime(day.year, day.month, day.day, 9, 0, tzinfo=OFFSET)
        write_rest_day(folder / "rest", RestDay(day, reason, moment, note))  # type: ignore[arg-type]


def test_log_shows_rest_days_and_the_trainer_block(data: Path) -> None:
    make_progress(data)
    code, out, err = coach(data, "log")
    assert (code, err) == (0, "")
    golden("log_trainer.txt", out)
    rows = out.splitlines()
    assert any(row.split()[:5] == ["2026-11-23", "rest", "day", "sore"] for row in rows)
    assert "This week: 1 session, 11 min, 1 rest day (sore)." in out
    assert "Last 4 weeks: 5 sessions, 58 min, 2 rest days (period, sore)." in out
    # Fingers are their own path: counted beside the chart, never drawn below size 1.
    assert "size      ▃▃▃▅▅▅  trainer size 1 to trainer size 2" in out
    assert "sessions  finger: 1, size 1: 3, size 2: 3" in out
    assert "sessions  finger: 1, size 1: 3, size 2: 3" in out
    assert "peak pain ▂▄▂▂▃▂▂  latest 1, range 1-4, over 7 check-ins" in out
    assert "R" in next(row for row in rows if row.startswith("Fri "))  # rest, with practice
    table, _, rest = out.partition("\n\n")
    assert "a private trainer note" in table  # under its row: no room beside it at 80 columns
    assert "private" not in rest  # the summary and the trainer block never quote a note
    for word in ("streak", "in a row", "missed", "failed", "target"):
        assert word not in out.lower()


def test_every_export_has_the_trainer_fields_and_rest_days(data: Path) -> None:
    make_progress(data)
    for fmt in ("csv", "json", "md"):
        code, out, err = coach(data, "log", "--format", fmt)
        assert (code, err) == (0, "")
        golden(f"export_trainer.{fmt}", out)
        assert "private" not in out
    _, out, _ = coach(data, "log", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert set(TRAINER_COLUMNS) <= set(rows[0])
    rest = [r for r in rows if r["kind"] == "rest"]
    assert [(r["date"], r["rest_reason"]) for r in rest] == [
        ("2026-11-20", "period"),
        ("2026-11-23", "sore"),
    ]
    latest = rows[-1]
    assert (latest["used"], latest["size"], latest["depth"]) == ("trainer", "2", "full")
    assert (latest["pain_before"], latest["pain_peak"], latest["pain_after"]) == ("0", "1", "0")
    assert latest["trainer_minutes"] == "9.0"
    spotted = json.loads(coach(data, "log", "--format", "json")[1])
    bleeding = [r["bleeding"] for r in spotted if r["kind"] == "session"]
    assert bleeding.count("light spotting") == 1


def test_notes_of_sessions_and_rest_days_only_with_notes(data: Path) -> None:
    make_progress(data)
    for fmt in ("csv", "json", "md"):
        out = coach(data, "log", "--format", fmt, "--with-notes")[1]
        assert "a private rest note" in out and "a private trainer note" in out
    golden("export_trainer_notes.md", coach(data, "log", "--format", "md", "--with-notes")[1])


def test_the_markdown_clinician_section(data: Path) -> None:
    make_progress(data)
    out = coach(data, "log", "--format", "md")[1]
    assert "## Trainer practice" in out
    assert "| 2026-11-09 | trainer size 2 | 1 | 3 | 3 |" in out  # size and peak pain per week
    assert "| trainer size 1 | 3 | 27 | 2026-11-06 |" in out  # sessions per size
    assert "| 2026-11-23 | sore |" in out and "## Rest days" in out


def test_core_progress_in_the_ladder_order() -> None:
    summaries = []
    for number, (back, report) in enumerate(PLAN):
        day = TODAY - timedelta(days=back)
        session = trainer_session(day, report, warm_up=number % 2 == 1)
        summaries.append(summarize(session, f"{day}T20-00-05"))
    practice = attempts(reversed(summaries))
    assert [a.tool.label for a in practice][:2] == ["finger", "trainer size 1"]
    assert [(c.rung.label, c.sessions) for c in per_rung(practice)] == [
        ("finger", 1),
        ("trainer size 1", 3),
        ("trainer size 2", 3),
    ]
    weeks = trainer_weeks(practice, TODAY - timedelta(weeks=3), TODAY)
    assert [w.highest_peak_pain for w in weeks] == [1, 3, 2, 1]
