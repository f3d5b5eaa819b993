"""The trainer ladder: 3-in-a-row offers, resets, stepping down without blame, the check-in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.advice import advice
from coach.core.history import SessionSummary, summarize
from coach.core.ladder import Rung, build_ladder, session_attempts
from coach.core.records import Session, StepRecord, TrainerReport
from coach.core.store.sessions import SessionWriter
from coach.core.trainer_checkin import (
    TRAINER_CHECKIN,
    CheckinError,
    asked,
    check_answer,
    trainer_report,
)
from tests.test_content import BANNED_RE

START = datetime(2026, 11, 1, 21, 0, tzinfo=UTC)
runner = CliRunner()


def report(
    used: str = "trainer",
    size: int | None = 1,
    pain: int | None = 1,
    anxiety: int | None = 2,
    **more: object,
) -> TrainerReport:
    return TrainerReport(
        used=used,
        size=size if used == "trainer" else None,
        depth="full",
        minutes=10,
        pain_before=0,
        pain_peak=pain,
        pain_after=0,
        anxiety_before=1,
        anxiety_peak=anxiety,
        anxiety_after=1,
        **more,
    )  # type: ignore[arg-type]


def session(day: int, *reports: TrainerReport) -> Session:
    started = START + timedelta(days=day)
    steps = [StepRecord("Belly breathing", "breathe", 180, 180, "done")]
    steps += [
        StepRecord("Trainer practice", "trainer", 600, 600, "done", trainer=r) for r in reports
    ]
    return Session(
        "trainer-practice",
        "Trainer practice",
        started,
        started + timedelta(minutes=15),
        "completed",
        900,
        900,
        steps,
    )


def sessions(*reports: TrainerReport) -> list[Session]:
    return [session(i, r) for i, r in enumerate(reports)]


def summary_of(session: Session) -> SessionSummary:
    return summarize(session, session.started_at.isoformat())


def summaries(*reports: TrainerReport) -> list[SessionSummary]:
    return [summary_of(s) for s in sessions(*reports)]


def words(messages: tuple[str, ...]) -> str:
    text = "\n".join(messages)
    assert not BANNED_RE.search(text), text
    return text


def test_two_comfortable_sessions_are_not_enough_three_are() -> None:
    two = build_ladder(summaries(report(), report()))
    assert (two.current, two.streak, two.offer) == (Rung("trainer", 1), 2, ())
    assert "So far: 2 in a row" in words(two.message)
    three = build_ladder(summaries(report(), report(), report()))
    assert three.streak == 3 and three.offer == (Rung("trainer", 2),)
    text = words(three.message)
    assert "If you like, you could try trainer size 2" in text
    assert "Staying with trainer size 1 for longer is just as good" in text


def test_the_limits_are_inclusive_peak_pain_2_and_anxiety_3() -> None:
    edge = build_ladder(summaries(*[report(pain=2, anxiety=3)] * 3))
    assert edge.offer
    assert not build_ladder(summaries(*[report(pain=2, anxiety=3)] * 2, report(pain=3))).offer
    assert not build_ladder(summaries(*[report(pain=2, anxiety=3)] * 2, report(anxiety=4))).offer


def test_a_high_pain_session_resets_the_run() -> None:
    ladder = build_ladder(summaries(report(), report(), report(pain=5), report(), report()))
    assert (ladder.streak, ladder.offer) == (2, ())
    assert build_ladder(summaries(report(), report(), report(pain=5), *[report()] * 3)).offer


def test_a_session_without_peak_ratings_is_not_counted() -> None:
    ladder = build_ladder(summaries(report(), report(), report(pain=None)))
    assert (ladder.streak, ladder.offer) == (0, ())
    assert "no peak pain or anxiety rating" in words(ladder.message)


def test_sessions_at_another_size_do_not_count_toward_this_one() -> None:
    ladder = build_ladder(summaries(report(size=1), report(size=1), report(size=2)))
    assert (ladder.current, ladder.streak, ladder.offer) == (Rung("trainer", 2), 1, ())


def test_a_warm_up_with_the_previous_size_keeps_the_run_going() -> None:
    warm = [session(i, report(size=1), report(size=2)) for i in range(3)]
    assert session_attempts(summary_of(warm[0]))[-1].rung == Rung("trainer", 2)
    ladder = build_ladder(map(summary_of, warm))
    assert ladder.current == Rung("trainer", 2) and ladder.offer == (Rung("trainer", 3),)
    assert not ladder.stepped_down
    assert ladder.rungs[2].sessions == 3 and ladder.rungs[3].minutes == 30


def test_stepping_down_is_welcomed_never_called_a_setback() -> None:
    ladder = build_ladder(summaries(report(size=2), report(size=2, pain=4), report(size=1)))
    assert ladder.stepped_down and ladder.current == Rung("trainer", 1)
    text = words(ladder.message)
    assert "Last time you went back to trainer size 1" in text
    assert "part of the practice" in text


def test_finger_offers_a_tampon_or_the_smallest_trainer() -> None:
    ladder = build_ladder(summaries(*[report(used="finger")] * 3))
    assert ladder.offer == (Rung("tampon"), Rung("trainer", 1))
    assert "a tampon or trainer size 1" in words(ladder.message)
    tampon = build_ladder(summaries(*[report(used="tampon")] * 3))
    assert tampon.offer == (Rung("trainer", 1),)
    assert "warm-up" not in words(tampon.message)


def test_the_largest_size_offers_nothing_more() -> None:
    ladder = build_ladder(summaries(*[report(size=4)] * 3))
    assert ladder.offer == () and ladder.streak == 3
    assert "the largest size" in words(ladder.message)


def test_not_yet_going_all_the_way_is_mentioned_as_another_option() -> None:
    shallow = TrainerReport(used="trainer", size=1, depth="tip", pain_peak=0, anxiety_peak=0)
    ladder = build_ladder(summaries(shallow, shallow, shallow))
    assert ladder.offer and "Going a little further with trainer size 1" in words(ladder.message)


def test_no_practice_yet_is_a_gentle_start() -> None:
    ladder = build_ladder([summary_of(session(0))])
    assert ladder.current is None and ladder.recent == ()
    assert "There is no hurry" in words(ladder.message)


def test_totals_and_recent_sessions_newest_first() -> None:
    ladder = build_ladder(
        summaries(report(used="finger"), report(size=1), report(size=1)), recent=2
    )
    assert [r.sessions for r in ladder.rungs] == [1, 0, 2, 0, 0, 0]
    assert [a.started_at.day for a in ladder.recent] == [3, 2]


# --- the trainer check-in, for the TUI


def test_checkin_fields_and_their_allowed_answers() -> None:
    keys = [f.key for f in TRAINER_CHECKIN]
    assert keys == [
        "used",
        "size",
        "depth",
        "minutes",
        "pain_before",
        "pain_peak",
        "pain_after",
        "anxiety_before",
        "anxiety_peak",
        "anxiety_after",
        "spotting",
    ]
    by_key = {f.key: f for f in TRAINER_CHECKIN}
    assert by_key["used"].choices == ("finger", "tampon", "trainer")
    assert by_key["size"].choices == ("1", "2", "3", "4")
    assert by_key["depth"].choices == ("tip", "partial", "full")
    assert by_key["pain_peak"].choices == tuple(str(n) for n in range(11))
    assert not asked(by_key["size"], {"used": "finger"})
    assert asked(by_key["size"], {"used": "Trainer"})


def test_answers_become_a_report() -> None:
    got = trainer_report(
        {
            "used": "tr",
            "size": "2",
            "depth": "Partial",
            "pain_peak": "3",
            "anxiety_peak": "4",
            "spotting": "n",
        },
        minutes=9.94,
    )
    assert got == TrainerReport(
        used="trainer",
        size=2,
        depth="partial",
        minutes=9.9,
        pain_peak=3,
        anxiety_peak=4,
        spotting=False,
    )
    assert trainer_report({"minutes": "12"}, minutes=9.94).minutes == 12
    assert trainer_report({}).used is None  # everything may be skipped
    assert trainer_report({"used": "finger", "size": "3"}).size is None  # not asked


def test_wrong_answers_are_named_calmly() -> None:
    with pytest.raises(CheckinError) as caught:
        trainer_report({"used": "t", "pain_peak": "11", "minutes": "lots", "spotting": "maybe"})
    assert set(caught.value.problems) == {"used", "pain_peak", "minutes", "spotting"}
    wanted = "Please choose a number from 0 to 10, or leave it blank."
    assert check_answer("pain_peak", "11") == wanted
    assert check_answer("minutes", "61") is not None and check_answer("minutes", "") is None
    assert all(not BANNED_RE.search(m) for m in caught.value.problems.values())


def test_a_painful_or_spotting_check_in_gets_the_safety_note() -> None:
    assert advice(None, report(pain=2)) is None
    assert advice(None, TrainerReport(pain_after=7)) is not None
    assert advice(None, report(spotting=True)) is not None


# --- coach trainer


def test_coach_trainer_shows_the_ladder(tmp_path: Path) -> None:
    for s in sessions(report(size=1), report(size=1), report(size=1)):
        SessionWriter.begin(tmp_path / "sessions", s).save(s)
    (tmp_path / "sessions" / "2026" / "broken.toml").write_text("routine = \n")
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "trainer"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Now using: trainer size 1" in out
    row = next(line for line in out.splitlines() if line.startswith(">"))
    assert row.split()[:6] == [">", "trainer", "size", "1", "3", "30"]
    assert "Ready to try something new?" in out
    assert "broken.toml:1:" in result.stderr


def test_coach_trainer_with_no_sessions(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "trainer"])
    assert result.exit_code == 0 and "No trainer practice recorded yet" in result.stdout
    assert date.today()  # the command needs no clock beyond today
