"""Discreet mode on the command line: every reading command, on a history full of private
words, says none of them; the commands that ask for consent still show what is agreed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from coach.core import focus
from coach.core.discreet import DISCREET_ENV, LEFT_OUT, private_word
from coach.core.paths import Paths
from coach.core.records import (
    Checkin,
    FocusRecord,
    PartnerCheckin,
    RestDay,
    Session,
    StepRecord,
    TrainerReport,
)
from coach.core.store.sessions import SessionWriter, write_rest_day
from coach.views.focus import run_begin, run_focus

TODAY = date.today()  # `coach focus` and `coach trainer` read the real day
NOTE = "The vaginal trainer felt easier today"


def practise(
    paths: Paths,
    days_ago: int,
    routine: str,
    title: str,
    steps: list[StepRecord],
    **more: object,
) -> None:
    start = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), UTC)
    start += timedelta(hours=20)
    seconds = sum(step.done_seconds for step in steps)
    session = Session(
        routine=routine,
        routine_title=title,
        started_at=start,
        ended_at=start + timedelta(seconds=seconds),
        status="completed",
        planned_seconds=seconds,
        active_seconds=seconds,
        steps=steps,
        **more,  # type: ignore[arg-type]
    )
    writer = SessionWriter.begin(paths, session)
    writer.save(session)
    writer.done()  # no longer in progress: its lock (an open file) is let go


def trainer_step(used: str, size: int | None) -> StepRecord:
    report = TrainerReport(
        used=used,
        size=size,
        depth="full",
        minutes=10,
        pain_before=0,
        pain_peak=1,
        pain_after=0,
        anxiety_before=2,
        anxiety_peak=2,
        anxiety_after=1,
        tried="movement",
        bleeding="light spotting",
    )
    return StepRecord("Trainer practice", "trainer", 600, 600.0, "done", report)


def history(paths: Paths) -> None:
    """Trainer practice comfortable enough for an offer, a tampon, a routine of the person's
    own with a private title and note, a rest day with a private note, and a sensate-focus
    programme whose calm sessions bring the offer of stage 2 (whose name is private)."""
    breathe = StepRecord("Pelvic-floor breathing", "breathe", 60, 60.0, "done")
    practise(
        paths, 9, "trainer-practice", "Trainer practice", [breathe, trainer_step("tampon", None)]
    )
    for days_ago in (7, 5, 3):
        practise(
            paths,
            days_ago,
            "trainer-practice",
            "Trainer practice",
            [breathe, trainer_step("trainer", 2)],
            checkin=Checkin(pain=1, anxiety=2, note=NOTE),
        )
    practise(
        paths,
        1,
        "pelvic-private",
        "Pelvic floor and vaginal trainer",
        [breathe, StepRecord("Gentle pelvic-floor squeezes", "squeeze-release", 60, 60.0, "done")],
        checkin=Checkin(pain=0, anxiety=1, note=NOTE),
    )
    moment = datetime.combine(TODAY, datetime.min.time(), UTC)
    write_rest_day(
        paths.rest_days,
        RestDay(day=TODAY - timedelta(days=2), reason="sore", recorded_at=moment, note=NOTE),
    )
    focus.save(paths, focus.begin(4, False, TODAY - timedelta(weeks=5)))
    for days_ago in (6, 4, 2):
        practise(
            paths,
            days_ago,
            "focus-stage-1",
            "Sensate focus 1",
            [StepRecord("Touch in turns", "turns", 1800, 1800.0, "done")],
            focus=FocusRecord(
                stage=1, partners=[PartnerCheckin(anxiety=1), PartnerCheckin(anxiety=2, note=NOTE)]
            ),
        )


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv(DISCREET_ENV, "0")  # so whatever a test sets is undone after it
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TZ", "UTC")
    paths = Paths(data=tmp_path / "data", config=tmp_path / "xdg" / "coach")
    history(paths)
    return paths


def run(paths: Paths, *args: str, config_discreet: bool = False) -> tuple[str, str]:
    """``coach ARGS`` in a process of its own, as a person runs it; (stdout, stderr)."""
    env = {
        **os.environ,
        "COACH_DATA_DIR": str(paths.data),
        "XDG_CONFIG_HOME": str(paths.config.parent),
        "COACH_TODAY": TODAY.isoformat(),
    }
    env.pop(DISCREET_ENV)
    if config_discreet:
        paths.config.mkdir(parents=True, exist_ok=True)
        paths.config.joinpath("config.toml").write_text("discreet = true\n")
    done = subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


# Every reading command; --discreet goes before or after the command, as a person types it.
READING = [
    ["--discreet"],
    ["--discreet", "routines"],
    ["log", "--discreet"],
    ["--discreet", "log", "--all"],
    ["trainer", "--discreet"],
    ["focus", "--discreet"],
]


def test_the_history_holds_private_words_without_discreet_mode(paths: Paths) -> None:
    # The check below means something only if the same commands say them otherwise.
    for args in READING:
        plain = [word for word in args if word != "--discreet"]
        assert private_word("".join(run(paths, *plain))), plain


@pytest.mark.parametrize("args", READING, ids=lambda args: " ".join(args))
def test_no_private_word_from_any_reading_command(paths: Paths, args: list[str]) -> None:
    out, err = run(paths, *args)
    assert private_word(out) is None, out
    assert private_word(err) is None, err
    assert out.strip()


def test_discreet_in_config_toml_is_the_same_as_the_flag(paths: Paths) -> None:
    assert run(paths, "log", config_discreet=True) == run(paths, "log", "--discreet")


def test_the_reminder_is_neutral_on_screen_and_in_the_calendar(paths: Paths) -> None:
    ics = paths.data / "practice.ics"
    out, err = run(
        paths, "remind", "--discreet", "--days", "mon,thu", "--at", "19:30", "-o", str(ics)
    )
    assert private_word(out + err) is None
    text = ics.read_text(encoding="utf-8")
    assert "SUMMARY:Relaxation practice" in text
    assert private_word(text) is None


def test_what_discreet_mode_keeps_and_leaves_out(paths: Paths) -> None:
    log, _ = run(paths, "--discreet", "log")
    assert "Practice: steady steps" in log  # the built-in routine's own discreet title
    assert "Quiet time together " in log  # with room to spare, the title shows whole
    assert "Practice  " in log  # the person's own routine, whose title is private
    assert "note" not in log.splitlines()[0]  # the notes column is gone
    assert LEFT_OUT in log
    assert "This week:" in log and "pain " in log  # the summary and the trends stay
    today, _ = run(paths, "--discreet")
    assert "Your last practice: Practice," in today
    assert "there are options for what could come next" in today
    assert "Stage 2 could be an option" in today  # the focus offer, by number only
    trainer, _ = run(paths, "--discreet", "trainer")
    assert "Practice over time" in trainer and "1 / 2 / 1" not in trainer
    assert "0 / 1 / 0" in trainer  # pain before / at the most / after, still there
    routines, _ = run(paths, "--discreet", "routines")
    assert "Practice: steady steps" in routines and "trainer-practice" not in routines


def test_one_session_read_by_its_id_keeps_the_note(paths: Paths) -> None:
    out, _ = run(paths, "--discreet", "log", "show", "last")
    assert out.splitlines()[0] == "Practice"
    assert "Exercise: done" in out
    assert NOTE in out  # asking for one session by its ID is asking to read it
    assert private_word(out.replace(NOTE, "")) is None, out
    out, _ = run(paths, "--discreet", "log", "show", f"{TODAY - timedelta(days=7)}T20")
    assert "ratings: minutes 10" in out and "pain peak 1" in out
    assert "used" not in out and "spotting" not in out
    assert private_word(out.replace(NOTE, "")) is None, out


def test_routines_show_gives_no_summary_but_says_there_is_a_note(paths: Paths) -> None:
    out, _ = run(paths, "--discreet", "routines", "show", "trainer-practice")
    assert out.splitlines()[0] == "Practice: steady steps"
    assert "this practice has a note for you" in out
    assert private_word(out) is None, out


def test_focus_in_discreet_mode(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DISCREET_ENV, "1")
    out, err = io.StringIO(), io.StringIO()
    assert run_focus(paths, today=TODAY, out=out, err=err) == 0
    text = out.getvalue()
    assert text.startswith("Your practice programme\n")
    assert "\nStage 1\n" in text and "Stage 2 could be an option" in " ".join(text.split())
    assert "coach relax focus-stage-1" in text
    assert private_word(text) is None, text


def test_beginning_a_programme_still_shows_what_you_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The agreement is what each person says yes to: it is never hidden, only the heading is.
    monkeypatch.setenv(DISCREET_ENV, "1")
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    out = io.StringIO()
    assert run_begin(paths, 4, False, today=TODAY, out=out, err=io.StringIO()) == 0
    text = out.getvalue()
    assert text.startswith("Your practice programme begins today")
    assert all(line[:40] in " ".join(text.split()) for line in focus.agreement_lines(4, False))


def test_the_whole_programme_without_discreet_mode_is_unchanged(paths: Paths) -> None:
    out, _ = run(paths, "focus")
    assert out.startswith("Sensate focus\n")
    assert "Stage 2 (Genital touch included)" in " ".join(out.split())


def test_editing_a_session_names_it_by_its_neutral_title(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.views import edit

    monkeypatch.setenv(DISCREET_ENV, "1")
    monkeypatch.setattr(edit, "stdin_is_terminal", lambda: True)
    out = io.StringIO()
    code = edit.run_edit(paths, "last", stdout=out, stderr=io.StringIO(), read=lambda _: "")
    assert code == 0
    assert out.getvalue().startswith(f"Practice, {TODAY - timedelta(days=1):%A}")
