"""Plain mode: one line per change, the check-in as questions, saved like the TUI."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.advice import GROUNDING, LIGHT_SPOTTING, STOP_TODAY
from coach.core.paths import Paths
from coach.core.routines import Breathe, Rest, Routine, TenseRelease, Trainer
from coach.core.store import sessions
from coach.core.store.sessions import iter_session_files, read_session
from coach.views.plain import run_plain
from tests.fakes import FakeClock

ROUTINE = Routine(
    name="tiny",
    title="Tiny",
    steps=(
        Breathe(
            title="Belly breathing", guide="Let your belly rise.", inhale=4, exhale=6, cycles=2
        ),
        TenseRelease(title="Hands", guide="", tense=6, release=30),
        Rest(title="Rest", guide="", seconds=20),
    ),
)


class Wall:
    """A wall clock that follows the fake monotonic clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.origin = datetime(2026, 11, 22, 21, 30, 0, 250_000, tzinfo=UTC)
        self.zero = clock.now

    def __call__(self) -> datetime:
        return self.origin + timedelta(seconds=self.clock.now - self.zero)


def answers(*replies: str) -> Iterator[str]:
    """The replies in turn; after the last, Ctrl+C, as a person might press at a question."""
    yield from replies
    raise KeyboardInterrupt


def run(
    tmp_path: Path,
    *replies: str,
    sleep_hook: object = None,
    routine: Routine = ROUTINE,
    thinking: float = 0.0,
) -> tuple[int, str, Path]:
    """Run plain mode on a fake clock; each check-in answer takes ``thinking`` seconds."""
    clock = FakeClock()
    out = io.StringIO()
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    queue = answers(*replies)

    def sleep(seconds: float) -> None:
        clock.advance(seconds)
        if callable(sleep_hook):
            sleep_hook(clock)

    def ask(prompt: str) -> str:
        out.write(prompt)
        clock.advance(thinking)
        return next(queue)

    code = run_plain(
        routine,
        paths,
        clock=clock,
        now=Wall(clock),
        sleep=sleep,
        out=out,
        ask=ask,
    )
    (saved,) = iter_session_files(paths.sessions)
    return code, out.getvalue(), saved


def test_plain_mode_says_each_change_once_and_saves_a_completed_session(tmp_path: Path) -> None:
    code, text, saved = run(tmp_path, "2", "3", 'felt "calmer" 🌙')
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == "Before you begin"  # the first time only, without waiting for a key
    lines = lines[lines.index("Tiny: 3 steps, 1 min 16 s. Press Ctrl+C to stop.") :]
    guided = [line for line in lines if line and not line.startswith(("Tiny", "How", "Pain"))]
    assert guided[:7] == [
        "Step 1 of 3: Belly breathing",
        "Let your belly rise.",
        "Breathe in, 4 seconds (breath 1 of 2)",
        "Breathe out, 6 seconds (breath 1 of 2)",
        "Breathe in, 4 seconds (breath 2 of 2)",
        "Breathe out, 6 seconds (breath 2 of 2)",
        "Step 2 of 3: Hands",
    ]
    assert "Tense, 6 seconds" in lines and "Let go, 30 seconds" in lines
    assert lines.count("Rest, 20 seconds") == 1
    assert "\a" not in text  # no bell when the output is not a terminal
    assert lines[-3:] == [
        "Well done for practising today. You practised for 1 min 16 s, all 3 steps.",
        "",
        "Thank you for checking in. Be gentle with yourself for the rest of the day.",
    ]
    session = read_session(saved)
    assert (session.status, session.active_seconds, session.planned_seconds) == (
        "completed",
        76,
        76,
    )
    assert [s.outcome for s in session.steps] == ["done", "done", "done"]
    assert session.checkin is not None
    assert (session.checkin.pain, session.checkin.anxiety, session.checkin.note) == (
        2,
        3,
        'felt "calmer" 🌙',
    )
    assert session.ended_at - session.started_at == timedelta(seconds=76)
    assert session.started_at.microsecond == session.ended_at.microsecond == 0  # alike in the file


def test_a_rating_out_of_range_is_asked_again_and_empty_answers_skip(tmp_path: Path) -> None:
    code, text, saved = run(tmp_path, "11", "x", "", "", "")
    assert code == 0
    assert text.count("Please type a whole number from 0 to 10") == 2
    assert read_session(saved).checkin is None


def test_ctrl_c_stops_cleanly_and_saves_as_stopped(tmp_path: Path) -> None:
    def interrupt_after_first_step(clock: FakeClock) -> None:
        if clock.now >= 1000 + 25:
            raise KeyboardInterrupt

    # The check-in takes a minute to answer: that time is not practice.
    code, text, saved = run(
        tmp_path, "", "", "", sleep_hook=interrupt_after_first_step, thinking=20.0
    )
    assert code == 0
    assert "Stopped." in text
    # As warm as a finished session: the same greeting, and stopping is part of the practice.
    assert (
        "Well done for practising today. You practised for 26 s: 1 of 3 steps done. "
        "Stopping when you choose to is part of the practice."
    ) in text
    session = read_session(saved)
    assert session.status == "stopped"
    assert [(s.title, s.outcome) for s in session.steps] == [
        ("Belly breathing", "done"),
        ("Hands", "partial"),
    ]
    assert session.active_seconds == pytest.approx(26)


def test_the_file_exists_as_interrupted_while_the_session_runs(tmp_path: Path) -> None:
    seen: list[str] = []

    def look(clock: FakeClock) -> None:
        files = iter_session_files(tmp_path / "data" / "sessions")
        if files:
            session = read_session(files[0])
            seen.append(f"{session.status}:{len(session.steps)}")

    run(tmp_path, "", "", "", sleep_hook=look)
    assert seen[0] == "interrupted:0"
    assert "interrupted:1" in seen and "interrupted:2" in seen


def test_the_safety_text_shows_once(tmp_path: Path) -> None:
    run(tmp_path, "", "", "")
    for saved in iter_session_files(tmp_path / "data" / "sessions"):
        saved.unlink()
    _, text, _ = run(tmp_path, "", "", "")
    assert "Before you begin" not in text
    assert text.startswith("Tiny: 3 steps")


TRAINER = Routine(
    name="trainer",
    title="Trainer",
    steps=(Trainer(title="Trainer practice", guide="", minutes=0.5),),
)


def test_a_trainer_step_adds_the_trainer_questions_and_saves_the_answers(tmp_path: Path) -> None:
    replies = (
        "trainer",
        "9",
        "2",
        "partial",
        "",
        "mov",
        "1",
        "3",
        "0",
        "4",
        "5",
        "2",
        "n",
        "easier",  # then only the note: pain and anxiety were asked just now
    )
    code, text, saved = run(tmp_path, *replies, routine=TRAINER)
    assert code == 0
    assert "Please choose a number from 1 to 4, or leave it blank." in text
    assert "Pain, 0 none" not in text and "Anxiety, 0 calm" not in text
    checkin = read_session(saved).checkin
    assert checkin is not None and (checkin.pain, checkin.anxiety, checkin.note) == (3, 5, "easier")
    (step,) = read_session(saved).steps
    report = step.trainer
    assert report is not None
    assert (report.used, report.size, report.depth, report.minutes) == (
        "trainer",
        2,
        "partial",
        0.5,
    )
    assert (report.pain_before, report.pain_peak, report.pain_after) == (1, 3, 0)
    assert (report.anxiety_before, report.anxiety_peak, report.anxiety_after) == (4, 5, 2)
    assert (report.tried, report.bleeding) == ("movement", "none")
    assert "Let today be enough" not in text


def test_bleeding_pain_and_anxiety_are_answered_in_the_same_words_as_the_tui(
    tmp_path: Path,
) -> None:
    replies = ("finger", "tip", *[""] * 8, "l", "")
    _, text, _ = run(tmp_path, *replies, routine=TRAINER)
    assert LIGHT_SPOTTING in text and STOP_TODAY not in text
    replies = ("finger", "tip", *[""] * 8, "more", "")
    _, text, _ = run(tmp_path / "more", *replies, routine=TRAINER)
    assert STOP_TODAY in text.split("Well done")[-1]
    assert "coach safety shows when to seek help" in text
    peak_pain_8 = ("", "", "", "", "", "8", *[""] * 5, "")
    _, text, _ = run(tmp_path / "pain", *peak_pain_8, routine=TRAINER)
    assert STOP_TODAY in text.split("Well done")[-1]
    _, text, _ = run(tmp_path / "anxious", "", "9", "")
    reply = text.split("Well done")[-1]
    assert GROUNDING in reply and "Rape Crisis England & Wales support line: 0808 500 2222" in reply
    assert "(numbers for the UK):" in reply


def test_the_reasons_to_wait_come_before_trainer_practice_starts(tmp_path: Path) -> None:
    _, text, _ = run(tmp_path, "", "", "", *[""] * 13, routine=TRAINER)
    wait = text.index("Before trainer or finger practice, please wait")
    assert wait < text.index("Step 1 of")
    for reason in ("infection", "open wound", "bleeding that has no clear reason", "6 to 8 weeks"):
        assert reason in text[wait : text.index("Step 1 of")]
    _, plain, _ = run(tmp_path / "other", "", "", "")
    assert "please wait" not in plain


def test_a_one_step_routine_is_counted_in_the_singular(tmp_path: Path) -> None:
    one = Routine(name="one", title="One", steps=(Rest(title="Rest", guide="", seconds=10),))
    code, text, _ = run(tmp_path, "", "", "", routine=one)
    assert code == 0
    assert "One: 1 step, 10 s. Press Ctrl+C to stop." in text
    assert "Well done for practising today. You practised for 10 s, the whole routine." in text


def test_a_step_boundary_prints_its_cue_before_it_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_write = sessions.atomic_write

    def slow_disk(path: Path, data: bytes) -> None:
        events.append(f"save {data.count(b'[[steps]]')} steps")
        real_write(path, data)

    class Terminal(io.StringIO):
        def write(self, text: str) -> int:
            events.extend(f"line {line}" for line in text.splitlines() if line)
            return super().write(text)

    monkeypatch.setattr(sessions, "atomic_write", slow_disk)
    clock = FakeClock()
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    run_plain(
        ROUTINE,
        paths,
        clock=clock,
        now=Wall(clock),
        sleep=clock.advance,
        out=Terminal(),
        ask=lambda _: "",
    )
    for steps, cue in ((1, "line Step 2 of 3: Hands"), (2, "line Step 3 of 3: Rest")):
        # The next step's title and first phase are out, then the finished step is saved,
        # before anything else is said.
        at = events.index(cue)
        assert events[at + 2] == f"save {steps} steps", events[at : at + 3]


def test_ctrl_c_at_a_question_keeps_the_answers_given_before_it(tmp_path: Path) -> None:
    code, _, saved = run(tmp_path, "4")  # pain; Ctrl+C at anxiety
    assert code == 0
    checkin = read_session(saved).checkin
    assert checkin is not None and (checkin.pain, checkin.anxiety) == (4, None)


def test_ctrl_c_in_the_trainer_questions_keeps_the_answers_given(tmp_path: Path) -> None:
    code, _, saved = run(tmp_path, "trainer", "2", "full", "", "", "1", "3", routine=TRAINER)
    assert code == 0  # Ctrl+C at pain after: used, size, depth, minutes, movement, pain before
    (step,) = read_session(saved).steps
    report = step.trainer
    assert report is not None
    assert (report.used, report.size, report.depth, report.minutes) == ("trainer", 2, "full", 0.5)
    assert (report.pain_before, report.pain_peak, report.pain_after) == (1, 3, None)
    checkin = read_session(saved).checkin  # the peaks reach the session's check-in, as ever
    assert checkin is not None and (checkin.pain, checkin.anxiety) == (3, None)
