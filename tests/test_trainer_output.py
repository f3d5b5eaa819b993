"""``coach trainer`` word for word: fixed sessions and a fixed today against golden text files.

Set UPDATE_GOLDEN=1 to rewrite the files, then read the difference before committing it.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.paths import Paths
from coach.core.records import Checkin, Session, StepRecord, TrainerReport
from coach.core.store.sessions import SessionWriter
from coach.views.trainer import run_trainer
from tests.goldens import golden

TODAY = date(2026, 11, 30)
FIRST = datetime(2026, 11, 2, 20, 30, tzinfo=UTC)


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Paths]:
    # Days are shown in local time and rich wraps to the terminal: pin both.
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    time.tzset()
    yield Paths(data=tmp_path / "data", config=tmp_path / "config")
    monkeypatch.undo()
    time.tzset()


def report(
    used: str,
    size: int | None,
    depth: str,
    pain: tuple[int, int, int],
    anxiety: tuple[int, int, int],
) -> TrainerReport:
    return TrainerReport(
        used=used,
        size=size,
        depth=depth,
        minutes=10,
        pain_before=pain[0],
        pain_peak=pain[1],
        pain_after=pain[2],
        anxiety_before=anxiety[0],
        anxiety_peak=anxiety[1],
        anxiety_after=anxiety[2],
        bleeding="none",
    )


def practise(paths: Paths, day: int, *reports: TrainerReport) -> None:
    """One trainer-practice session ``day`` days after the first, one trainer step per report."""
    started = FIRST + timedelta(days=day)
    steps = [StepRecord("Settle and breathe", "breathe", 180, 180.0, "done")]
    steps += [StepRecord("Trainer practice", "trainer", 600, 600.0, "done", r) for r in reports]
    active = 180.0 + 600.0 * len(reports)
    session = Session(
        routine="trainer-practice",
        routine_title="Trainer practice",
        started_at=started,
        ended_at=started + timedelta(seconds=active),
        status="completed",
        planned_seconds=active,
        active_seconds=active,
        steps=steps,
        checkin=Checkin(pain=1, anxiety=2),
    )
    SessionWriter.begin(paths.sessions, session)


def trainer_output(paths: Paths) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert run_trainer(paths, stdout=out, stderr=err, today=TODAY) == 0
    assert err.getvalue() == ""
    return out.getvalue()


def test_no_practice_yet(paths: Paths) -> None:
    golden("trainer_empty.txt", trainer_output(paths))


def test_three_comfortable_sessions_offer_the_next_size(paths: Paths) -> None:
    practise(paths, 0, report("finger", None, "full", (1, 2, 1), (2, 3, 1)))
    practise(paths, 3, report("trainer", 1, "partial", (2, 4, 2), (3, 5, 2)))
    for day in (6, 9, 13):
        practise(paths, day, report("trainer", 1, "full", (0, 2, 0), (1, 3, 1)))
    golden("trainer_offer.txt", trainer_output(paths))


def test_going_back_a_size_is_welcomed(paths: Paths) -> None:
    warm_up = report("trainer", 1, "full", (0, 1, 0), (1, 2, 1))
    practise(paths, 0, report("trainer", 1, "full", (0, 1, 0), (1, 2, 1)))
    practise(paths, 4, warm_up, report("trainer", 2, "tip", (1, 5, 3), (3, 6, 2)))
    spotting = report("trainer", 1, "full", (1, 2, 1), (2, 3, 2))
    spotting.bleeding = "light spotting"
    spotting.tried = "position"
    practise(paths, 8, spotting)
    golden("trainer_step_down.txt", trainer_output(paths))
