"""Sensate focus in the history: coach log, log show, and every export with its stage history."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coach.core import focus
from coach.core.paths import Paths
from coach.core.records import FocusRecord, PartnerCheckin, Session, StepRecord
from tests.test_log_cli import OFFSET, coach, data, write_session

__all__ = ["data"]  # the fixture, shared with the log tests

BEGAN = date(2026, 11, 2)


def focus_session(day: int, stage: int, *partners: PartnerCheckin) -> Session:
    start = datetime(2026, 11, day, 20, 0, tzinfo=OFFSET)
    return Session(
        routine=f"focus-stage-{stage}",
        routine_title=f"Sensate focus {stage}",
        started_at=start,
        ended_at=start + timedelta(minutes=35),
        status="completed",
        planned_seconds=2100,
        active_seconds=2100,
        steps=[StepRecord("Touch in turns", "turns", 1800, 1800.0, "done")],
        focus=FocusRecord(stage=stage, partners=list(partners)),
    )


@pytest.fixture
def history(data: Path) -> Path:
    state = focus.move(focus.begin(4, False, BEGAN), 2, ["yes", "yes"], date(2026, 11, 20))
    focus.save(Paths(data=data, config=data / "config"), state)
    write_session(
        data,
        focus_session(
            10,
            1,
            PartnerCheckin(comfort=6, anxiety=3, stop_used=False, note="warm hands"),
            PartnerCheckin(comfort=5, anxiety=4, stop_used=True, note="slow start"),
        ),
    )
    write_session(data, focus_session(22, 2, PartnerCheckin(anxiety=2), PartnerCheckin()))
    return data


def test_log_lists_focus_sessions_by_routine_name(history: Path) -> None:
    code, out, _ = coach(history, "log")
    assert code == 0
    assert "Sensate focus 1" in out and "Sensate focus 2" in out
    assert "warm hands" not in out and "slow start" not in out


def test_log_show_shows_both_check_ins(history: Path) -> None:
    code, out, _ = coach(history, "log", "show", "2026-11-10")
    assert code == 0
    shown = out[out.index("Sensate focus (stage 1)") :]
    assert shown.splitlines() == [
        "Sensate focus (stage 1)",
        "  Check-in 1 of 2",
        "    comfort    6",
        "    anxiety    3",
        "    stop used  no",
        "    note",
        "      warm hands",
        "  Check-in 2 of 2",
        "    comfort    5",
        "    anxiety    4",
        "    stop used  yes",
        "    note",
        "      slow start",
    ]


def test_exports_carry_check_ins_and_stages_and_notes_only_when_asked(history: Path) -> None:
    _, out, _ = coach(history, "log", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["focus_stage"], r["focus_stage_since"]) for r in rows] == [
        ("1", "2026-11-02"),
        ("2", "2026-11-20"),
    ]
    assert [rows[0][k] for k in ("comfort_1", "anxiety_1", "stop_used_1", "anxiety_2")] == [
        "6",
        "3",
        "False",
        "4",
    ]
    assert "warm hands" not in out and "note_1" not in out
    _, out, _ = coach(history, "log", "--format", "json", "--with-notes")
    first = json.loads(out)[0]
    assert (first["note_1"], first["note_2"], first["stop_used_2"]) == (
        "warm hands",
        "slow start",
        True,
    )
    _, out, _ = coach(history, "log", "--format", "md")
    section = out[out.index("## Sensate focus") :]
    assert "- Began 2026-11-02 (for two), with a pause of 4 weeks" in section
    assert "- Stage 1 from 2026-11-02\n- Stage 2 from 2026-11-20" in section
    assert "| 2026-11-10 | 1 | 2 | 5 | 4 | yes |" in section
    assert "warm hands" not in out
    _, out, _ = coach(history, "log", "--format", "md", "--with-notes")
    assert "| 2026-11-10 | 1 | 1 | 6 | 3 | no | warm hands |" in out
