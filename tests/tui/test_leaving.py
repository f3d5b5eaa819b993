"""Leaving with Ctrl+Q: one line on the terminal says what was saved, never a note."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from coach.core.paths import Paths
from coach.core.routines import Routine
from coach.tui import app as app_module
from coach.tui.app import NOTHING_TO_SAVE
from tests.fakes import FakeClock
from tests.tui.conftest import AppFactory, advance, saved


async def test_ctrl_q_in_a_session_says_what_was_saved(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 23.0)
        await pilot.press("ctrl+q")
    assert saved(paths).status == "stopped"
    assert app.goodbye() == "Saved: Short practice, 23 s, stopped early. coach log shows it."


async def test_ctrl_q_after_a_check_in_with_a_note_never_repeats_the_note(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 40.0)
        await pilot.press("2", "enter", "3", "enter", *"my private words", "enter")
        await pilot.press("ctrl+q")  # on the summary
    line = app.goodbye() or ""
    assert line == (
        "Saved: Short practice, 40 s, the whole routine and your check-in. coach log shows it."
    )
    assert "private" not in line and "2" not in line.replace("s,", "")
    assert "\n" not in line


@pytest.mark.parametrize("routine", [None, "short"])
async def test_ctrl_q_before_any_session_says_nothing_needed_saving(
    make_app: AppFactory, short: Routine, routine: str | None
) -> None:
    app = make_app(short if routine else None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert app.goodbye() == NOTHING_TO_SAVE


def test_run_tui_prints_the_line_once_the_screen_is_restored(
    monkeypatch: pytest.MonkeyPatch, paths: Paths
) -> None:
    class Quitted:
        driver_class: Any = None
        return_code = 0

        def run(self) -> None:
            terminal.write("<the app ran>")

        def goodbye(self) -> str:
            return "Saved: Short practice, 23 s, stopped early. coach log shows it."

    terminal = io.StringIO()
    monkeypatch.setattr(sys, "__stderr__", terminal)
    monkeypatch.setattr(app_module, "create_app", lambda *a, **k: Quitted())
    assert app_module.run_tui(None, paths, quiet=True, voice=False) == 0
    assert terminal.getvalue() == (
        "<the app ran>Saved: Short practice, 23 s, stopped early. coach log shows it.\n"
    )
