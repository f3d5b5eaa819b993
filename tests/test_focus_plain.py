"""Sensate focus in plain mode: each person's check-in in turn, in process and in tmux."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from coach.core.paths import Paths
from coach.core.records import PartnerCheckin
from coach.core.routines import parse_routine
from coach.core.store.sessions import iter_session_files, read_session
from coach.views.plain import run_plain
from tests.fakes import FakeClock

FOCUS = """\
schema_version = 1
name = "Sensate focus 1"

[[steps]]
type = "turns"
title = "Touch in turns"
minutes = 0.02
turns = 2

[[steps]]
type = "rest"
title = "Lying quietly"
seconds = 0.5
"""


def test_two_check_ins_in_turn_with_a_hand_over(tmp_path: Path) -> None:
    clock = FakeClock()
    out = io.StringIO()
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    routine = parse_routine(FOCUS, "focus-stage-1.toml", name="focus-stage-1")
    replies = iter(["8", "1", "maybe", "no", "", "", "", "4", "yes", "ours"])
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(replies)

    code = run_plain(routine, paths, clock=clock, sleep=clock.advance, out=out, ask=ask)
    assert code == 0
    text = out.getvalue()
    assert "First turn, 1 second (swap at the bell)" in text
    assert "Swap. Second turn, 1 second" in text
    assert "How was that for you? Check-in 1 of 2" in text
    assert "Please type yes or no, or leave it blank." in text
    assert "pass the keyboard to your partner" in text
    assert prompts[0] == "Comfort, 0 none to 10 very much: "
    (saved,) = iter_session_files(paths.sessions)
    session = read_session(saved)
    assert session.focus is not None and session.checkin is None
    assert session.focus.partners == [
        PartnerCheckin(comfort=8, anxiety=1, stop_used=False),
        PartnerCheckin(anxiety=4, stop_used=True, note="ours"),
    ]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_real_terminal_runs_the_session_and_both_check_ins(tmp_path: Path) -> None:
    from tests.tui.test_tmux import Terminal

    terminal = Terminal(tmp_path, FOCUS.replace("0.02", "0.01"), ("--plain", "--quiet"))
    try:
        terminal.wait_for("Swap. Second turn")
        terminal.wait_for("Check-in 1 of 2")
        for answer in ("6", "2", "no", ""):
            terminal.keys(answer, "Enter") if answer else terminal.keys("Enter")
        terminal.wait_for("pass the keyboard")
        terminal.keys("Enter")
        terminal.wait_for("Check-in 2 of 2")
        for answer in ("7", "3", "", ""):
            terminal.keys(answer, "Enter") if answer else terminal.keys("Enter")
        terminal.wait_for("exit=0")
    finally:
        terminal.close()
    session = read_session(iter_session_files(terminal.data / "sessions")[0])
    assert session.status == "completed"
    assert session.focus is not None
    assert [(p.comfort, p.anxiety, p.stop_used) for p in session.focus.partners] == [
        (6, 2, False),
        (7, 3, None),
    ]


def test_ctrl_c_in_a_check_in_keeps_that_persons_answers_so_far(tmp_path: Path) -> None:
    clock = FakeClock()
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    routine = parse_routine(FOCUS, "focus-stage-1.toml", name="focus-stage-1")
    replies = iter(["8", "1", "no", "", "", "6"])  # the second person's comfort, then Ctrl+C

    def ask(prompt: str) -> str:
        for reply in replies:
            return reply
        raise KeyboardInterrupt

    code = run_plain(routine, paths, clock=clock, sleep=clock.advance, out=io.StringIO(), ask=ask)
    assert code == 0
    (saved,) = iter_session_files(paths.sessions)
    focus = read_session(saved).focus
    assert focus is not None and focus.partners == [
        PartnerCheckin(comfort=8, anxiety=1, stop_used=False),
        PartnerCheckin(comfort=6),
    ]
