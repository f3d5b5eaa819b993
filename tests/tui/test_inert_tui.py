"""The TUI shows nothing that could steer the terminal: file names, routine text and notes."""

from __future__ import annotations

import re

from textual.widgets import DataTable, Input, Static

from coach.core.paths import Paths
from coach.core.routines import Routine
from coach.tui.app import CoachApp
from coach.tui.screens.picker import PickerScreen
from coach.tui.screens.summary import SummaryScreen
from tests.tui.conftest import AppFactory, saved_checkin
from tests.tui.test_checkin import to_checkin

STEERING = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
SIZE = (80, 24)


def everything_shown(app: CoachApp) -> list[str]:
    """The text of every Static, every table cell and every field on the current screen."""
    shown = [str(widget.content) for widget in app.screen.query(Static)]
    for table in app.screen.query(DataTable):
        shown += [
            str(table.get_cell_at((row, col)))
            for row in range(table.row_count)
            for col in range(len(table.columns))
        ]
    shown += [field.value for field in app.screen.query(Input)]
    return shown


async def test_the_picker_shows_a_hostile_file_name_inert(
    make_app: AppFactory, paths: Paths
) -> None:
    paths.routines.mkdir(parents=True)
    (paths.routines / "evil\x1b]0;pwned\x07.toml").write_text(
        'schema_version = 1\nname = "Fine"\n[[steps]]\ntype = "rest"\ntitle = "Rest"\n'
        "seconds = 90\n"
    )
    (paths.routines / "bad\x1b[2J.toml").write_text(
        'schema_version = 1\nname = "Bad\\u001b]0;pwned\\u0007"\n'
    )
    app = make_app(None)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, PickerScreen)
        shown = everything_shown(app)
        assert "evil" in shown  # the name, with its escape sequence taken out
        assert [text for text in shown if STEERING.search(text)] == []
        assert "1 routine file could not be read" in "\n".join(shown)
        assert "coach routines check FILE shows why" in "\n".join(shown)


async def test_a_pasted_note_is_kept_minus_its_control_characters(
    make_app: AppFactory, short: Routine, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_checkin(pilot)
        note = screen.query_one("#note", Input)
        note.focus()
        note.insert_text_at_cursor("calmer\x1b]0;pwned\x07 today 🌙 שלום")
        await pilot.press("enter")
        await pilot.pause()
        if not isinstance(app.screen, SummaryScreen):  # focus began on the first rating
            await pilot.press("enter", "enter")
        assert isinstance(app.screen, SummaryScreen)
        assert [text for text in everything_shown(app) if STEERING.search(text)] == []
    assert saved_checkin(paths)[2] == "calmer today 🌙 שלום"
