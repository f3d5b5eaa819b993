"""The real program in a real terminal (tmux, 80x24): keys in, screen text and saved file out."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.core.paths import Paths
from coach.core.safety import acknowledge
from coach.core.store.sessions import iter_session_files, read_session
from coach.tui.driver import SETTLE

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not installed, so there is no real terminal to drive",
)

ROUTINE = """\
schema_version = 1
name = "Tmux practice"

[[steps]]
type = "rest"
title = "Settle"
seconds = 0.5

[[steps]]
type = "breathe"
title = "Belly breathing"
inhale = 4
exhale = 6
cycles = 30
"""
WAIT = 30.0  # seconds: generous for a busy machine, and still bounded


class Terminal:
    """One tmux server of our own, with one 80x24 window running coach."""

    def __init__(
        self, tmp_path: Path, routine_text: str = ROUTINE, flags: tuple[str, ...] = ("--quiet",)
    ) -> None:
        self.socket = f"coach-test-{os.getpid()}-{tmp_path.name}"
        self.data = tmp_path / "data"
        self.data.mkdir()  # a folder named with --data-dir must exist
        routine = tmp_path / "tmux.toml"
        routine.write_text(routine_text, encoding="utf-8")
        # A returning user, who has seen the first-run safety screen before.
        assert acknowledge(Paths(data=self.data, config=tmp_path / "config" / "coach"))
        env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "TERM": "xterm-256color"}
        command = " ".join(
            [
                *(f"{key}={value}" for key, value in env.items()),
                sys.executable,
                "-m",
                "coach",
                "--data-dir",
                str(self.data),
                "relax",
                str(routine),
                *flags,
                ";",
                "echo",
                "exit=$?",
                ";",
                "sleep",
                "30",
            ]
        )
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "coach", command)

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        )
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "coach")

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        pytest.fail(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "coach", *keys)

    def coach_pid(self) -> int:
        shell = self.tmux("display-message", "-p", "-t", "coach", "#{pane_pid}").strip()
        children = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", shell],
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        ).stdout.split()
        assert len(children) == 1, children
        return int(children[0])

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.close()


def test_practice_stop_check_in_and_find_the_session(terminal: Terminal) -> None:
    terminal.wait_for("enter start")
    assert terminal.tmux("display-message", "-p", "-t", "coach", "#{pane_title}").strip() == "coach"
    terminal.keys("Enter")
    terminal.wait_for("Belly breathing")
    shown = terminal.wait_for("breath 1 of 30")
    assert "step 2 of 2" in shown and "space pause" in shown
    terminal.keys("Space")
    terminal.wait_for("Press space when you are ready")
    terminal.keys("q")
    terminal.wait_for("Stop here?")
    terminal.keys("y")
    terminal.wait_for("How did that feel?")
    terminal.keys("4", "Enter", "Enter", "Enter")
    terminal.wait_for("Well done for practising today.")
    terminal.keys("Enter")
    terminal.wait_for("exit=0")
    session = read_session(iter_session_files(terminal.data / "sessions")[0])
    assert session.status == "stopped"
    assert [step.outcome for step in session.steps] == ["done", "partial"]
    assert session.checkin is not None and session.checkin.pain == 4


def wait_until_gone(pid: int) -> None:
    deadline = time.monotonic() + WAIT
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists(), "coach was still running"


def test_closing_the_terminal_saves_and_ends_the_process(terminal: Terminal) -> None:
    terminal.wait_for("enter start")
    terminal.keys("Enter")
    terminal.wait_for("breath 1 of 30")
    terminal.keys("q", "y")
    terminal.wait_for("How did that feel?")
    saved = iter_session_files(terminal.data / "sessions")[0]
    assert read_session(saved).status == "interrupted"  # until the session is over
    pid = terminal.coach_pid()
    terminal.tmux("kill-session", "-t", "coach")  # the terminal goes away: SIGHUP
    wait_until_gone(pid)
    session = read_session(saved)
    assert session.status == "stopped"  # the real status, saved by the SIGHUP handler
    assert [(s.title, s.outcome) for s in session.steps] == [
        ("Settle", "done"),
        ("Belly breathing", "partial"),
    ]


def test_sigterm_saves_and_gives_the_terminal_back(terminal: Terminal) -> None:
    terminal.wait_for("enter start")
    terminal.keys("Enter")
    terminal.wait_for("breath 1 of 30")
    os.kill(terminal.coach_pid(), signal.SIGTERM)
    shown = terminal.wait_for("exit=1")
    assert "breath 1 of 30" not in shown  # the full-screen view is gone
    session = read_session(iter_session_files(terminal.data / "sessions")[0])
    assert session.status == "interrupted"
    # The finished step, and the one under way when the signal came, kept as partial.
    assert [(s.title, s.outcome) for s in session.steps] == [
        ("Settle", "done"),
        ("Belly breathing", "partial"),
    ]


def test_keys_still_arrive_after_a_long_quiet_spell(terminal: Terminal) -> None:
    # With no key for SETTLE seconds, the input thread stops polling and sleeps until one
    # comes. The pauses below give it that time: they wait for quiet, not for an outcome.
    terminal.wait_for("enter start")
    time.sleep(SETTLE + 0.5)
    terminal.keys("?")
    terminal.wait_for("skip to the next step")
    time.sleep(SETTLE + 0.5)
    terminal.keys("Escape")  # a lone Escape is only known once no sequence follows it
    shown = terminal.wait_for("enter start")
    assert "skip to the next step" not in shown
    time.sleep(SETTLE + 0.5)
    terminal.keys("C-q")
    assert "Nothing needed saving" in terminal.wait_for("exit=0")  # one line, once restored
