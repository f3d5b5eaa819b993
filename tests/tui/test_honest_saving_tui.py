"""The TUI never claims a save that did not happen: it asks before starting when nothing can
be saved, offers another folder when the last save failed, and says so on the way out."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from coach.core.paths import Paths
from coach.core.routines import Routine
from coach.core.store.sessions import iter_session_files, read_session
from coach.tui.screens.cannot_save import CannotSaveScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.screens.summary import SummaryScreen
from tests.fakes import FakeClock
from tests.test_honest_saving import Disk
from tests.tui.conftest import AppFactory, advance

SIZE = (80, 24)


def text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)  # type: ignore[attr-defined]


async def test_nothing_can_be_saved_so_it_asks_and_can_practise_without_saving(
    make_app: AppFactory,
    short: Routine,
    paths: Paths,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk = Disk(monkeypatch)
    disk.full = True
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CannotSaveScreen)
        assert "no space left on device" in text(app.screen, "#why")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert "Practising without saving" in text(app.screen, "#status")
        await advance(pilot, clock, 1000)
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert text(app.screen, "#where-saved") == "Not saved, as you chose."
        assert not app.screen.query("#elsewhere")
    assert iter_session_files(paths.sessions) == []
    assert app.goodbye() == "This session was not saved, as you chose."


async def test_nothing_can_be_saved_and_quit_starts_nothing(
    make_app: AppFactory, short: Routine, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    Disk(monkeypatch).full = True
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1
    farewell = app.goodbye() or ""
    assert farewell.startswith("coach cannot save sessions in that folder. Could not save ")
    assert farewell.endswith("Nothing was started.")
    assert iter_session_files(paths.sessions) == []


async def test_a_last_save_that_fails_offers_another_folder(
    make_app: AppFactory,
    short: Routine,
    paths: Paths,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    disk = Disk(monkeypatch)
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        disk.full = True
        await advance(pilot, clock, 1000)
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        where = text(app.screen, "#where-saved")
        assert where.startswith("This session is not saved on disk. Could not save ")
        assert "kept" not in where
        disk.full = False
        field = app.screen.query_one("#elsewhere", Input)
        field.value = str(tmp_path / "missing")
        await pilot.press("enter")
        await pilot.pause()
        assert "does not exist" in text(app.screen, "#where-saved")
        (tmp_path / "usb").mkdir()
        field.value = str(tmp_path / "usb")
        await pilot.press("enter")
        await pilot.pause()
        assert text(app.screen, "#where-saved").startswith(f"Saved in {tmp_path / 'usb'}")
        await pilot.press("enter")
    assert app.return_code == 0 and app.goodbye() is None
    (path,) = iter_session_files(tmp_path / "usb" / "sessions")
    assert read_session(path).status == "completed"


async def test_ctrl_q_on_an_unsaved_session_says_so(
    make_app: AppFactory,
    short: Routine,
    paths: Paths,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disk = Disk(monkeypatch)
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        disk.full = True
        await advance(pilot, clock, 12)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 1
    assert (app.goodbye() or "").startswith("This session is not saved on disk. Could not save ")
