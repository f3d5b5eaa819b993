"""coach with no command: today in a few calm lines, read through the index."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.paths import Paths
from coach.core.records import Checkin, RestDay, Session, StepRecord, TrainerReport
from coach.core.store.sessions import SessionWriter, write_rest_day
from coach.core.today import gather, option_lines, today_lines

TODAY = date(2026, 11, 25)  # a Wednesday
OFFSET = timezone(timedelta(hours=1))
PRESSURE = ("streak", "missed", "in a row", "goal", "behind", "should", "failed", "only ")


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("COACH_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    # The default folder, not --data-dir: a --data-dir that does not exist is refused.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.delenv("COACH_DATA_DIR", raising=False)
    return Paths(data=tmp_path / "share" / "coach", config=tmp_path / "xdg" / "coach")


def practised(
    paths: Paths, day: date, minutes: int = 15, trainer: TrainerReport | None = None
) -> None:
    start = datetime(day.year, day.month, day.day, 20, 30, tzinfo=OFFSET)
    steps = [StepRecord("Quiet rest", "rest", minutes * 60, minutes * 60.0, "done")]
    if trainer is not None:
        steps.append(StepRecord("Trainer practice", "trainer", 600, 600.0, "done", trainer))
    session = Session(
        routine="evening-unwind",
        routine_title="Evening unwind",
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        status="completed",
        planned_seconds=minutes * 60,
        active_seconds=minutes * 60.0,
        steps=steps,
        checkin=Checkin(pain=1, anxiety=2, note="private words"),
    )
    SessionWriter.begin(paths, session).save(session)


def rested(paths: Paths, day: date) -> None:
    moment = datetime(day.year, day.month, day.day, 9, 0, tzinfo=OFFSET)
    write_rest_day(paths.rest_days, RestDay(day=day, reason="period", recorded_at=moment))


def screen(paths: Paths) -> str:
    result = CliRunner().invoke(app, [])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def test_someone_new_is_welcomed_and_no_data_folder_is_made(paths: Paths) -> None:
    text = screen(paths)
    assert text.startswith("Welcome. Nothing is recorded yet, and there is no hurry.\n")
    assert "This week so far: a fresh week." in text
    assert "coach relax first-try is a gentle three-minute start" in text
    assert "coach log" in text and "coach --help" in text
    assert not paths.data.exists()


def test_the_last_practice_and_this_week_so_far(paths: Paths) -> None:
    practised(paths, TODAY - timedelta(days=9), minutes=40)  # last week: not counted
    practised(paths, TODAY - timedelta(days=2), minutes=20)  # Monday
    practised(paths, TODAY - timedelta(days=1), minutes=10)  # Tuesday
    rested(paths, TODAY - timedelta(days=2))  # a rest day and a practice on one day
    rested(paths, TODAY - timedelta(days=8))  # last week
    lines = screen(paths).splitlines()
    assert lines[0] == "Your last practice: Evening unwind, yesterday at 20:30, 10 min."
    assert lines[1] == "This week so far: 2 sessions, 30 min; 1 rest day."
    assert "first-try" not in "\n".join(lines)


def test_an_older_last_practice_is_named_by_its_day_without_counting_days(paths: Paths) -> None:
    practised(paths, date(2026, 11, 12))
    lines = screen(paths).splitlines()
    assert lines[0] == "Your last practice: Evening unwind, Thursday 12 November, 15 min."
    assert lines[1] == "This week so far: a fresh week."


def comfortable(size: int) -> TrainerReport:
    return TrainerReport(used="trainer", size=size, depth="full", pain_peak=1, anxiety_peak=2)


def test_the_ladder_offers_the_next_size_only_as_an_option(paths: Paths) -> None:
    for back in (5, 3, 1):
        practised(paths, TODAY - timedelta(days=back), trainer=comfortable(2))
    text = screen(paths)
    flat = " ".join(text.split())
    assert (  # the same size first, the next as another option (clinical.md)
        "If you like: more with trainer size 2 (longer, gentle movement, another position), "
        "or trainer size 3; each is an option (coach trainer)." in flat
    )


def test_the_ladder_without_an_offer_names_the_size_without_counting(paths: Paths) -> None:
    practised(paths, TODAY - timedelta(days=1), trainer=comfortable(1))
    text = screen(paths)
    assert "Trainer practice: lately with trainer size 1, at your own pace" in text


@pytest.mark.parametrize("history", ["none", "week", "trainer"])
def test_never_pressure_never_a_note(paths: Paths, history: str) -> None:
    if history != "none":
        practised(paths, TODAY - timedelta(days=20))
    if history == "trainer":
        for back in (3, 2):
            practised(paths, TODAY - timedelta(days=back), trainer=comfortable(3))
    text = screen(paths).lower()
    for word in PRESSURE:
        assert word not in text
    assert "private words" not in text
    assert len(text.splitlines()) <= 14


def test_a_bad_file_is_mentioned_once_and_left_alone(paths: Paths) -> None:
    practised(paths, TODAY - timedelta(days=1))
    bad = paths.sessions / "2026" / "2026-11-24T08-00-00.toml"
    bad.write_text("status = [")
    text = screen(paths)
    assert "1 session file could not be read; coach log names it." in text
    assert bad.read_text() == "status = ["


def test_option_lines_are_the_hook_for_other_programmes(paths: Paths) -> None:
    """Options come as a list of lines from the core: a programme adds its own line there."""
    t = gather(paths, TODAY)
    options = option_lines(t)
    lines = today_lines(t)
    assert options and all(line in lines for line in options)


def test_the_sensate_focus_offer_shows_as_an_option(paths: Paths) -> None:
    from coach.core import focus
    from coach.core.records import FocusRecord, PartnerCheckin

    began = TODAY - timedelta(weeks=5)
    focus.save(paths, focus.begin(4, False, began))
    assert "Stage 2" not in screen(paths)
    for n in range(3):
        day = TODAY - timedelta(days=3 - n)
        start = datetime(day.year, day.month, day.day, 20, tzinfo=OFFSET)
        calm = [PartnerCheckin(anxiety=2), PartnerCheckin(anxiety=3)]
        session = Session(
            routine="focus-stage-1",
            routine_title="Sensate focus 1",
            started_at=start,
            ended_at=start + timedelta(minutes=35),
            status="completed",
            planned_seconds=2100,
            active_seconds=2100.0,
            focus=FocusRecord(stage=1, partners=calm),
        )
        SessionWriter.begin(paths, session).save(session)
    text = " ".join(screen(paths).split())  # a long line wraps at a space
    assert "Stage 2 (" in text and "could be an option" in text
    assert not any(word in text.lower() for word in PRESSURE)
