"""The routine picker: long and odd titles, unreadable files, and keys typed ahead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Footer, Static
from textual.widgets._footer import FooterKey

from coach.core.paths import Paths
from coach.tui.app import CoachApp
from coach.tui.screens.picker import PickerScreen
from coach.tui.screens.preview import PreviewScreen
from tests.tui.conftest import AppFactory

SIZE = (80, 24)
LONG = "A gentle evening routine for the pelvic floor, written with your physiotherapist"


@pytest.fixture
def shelf(paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's routines folder, with no built-in routines beside it."""
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    monkeypatch.setattr("coach.core.routines.builtin_dir", lambda: builtin)
    paths.routines.mkdir(parents=True)
    return paths.routines


def write(shelf: Path, stem: str, title: str, seconds: int = 60) -> None:
    (shelf / f"{stem}.toml").write_text(
        f"schema_version = 1\nname = {title!r}\n"
        f'[[steps]]\ntype = "rest"\ntitle = "Rest"\nseconds = {seconds}\n',
        encoding="utf-8",
    )


def table(app: CoachApp) -> DataTable[object]:
    assert isinstance(app.screen, PickerScreen)
    return app.screen.query_one("#routines", DataTable)


def shown(app: CoachApp) -> list[str]:
    """The table's lines as they are on the screen."""
    routines = table(app)
    return [routines.render_line(y).text.rstrip() for y in range(routines.size.height)]


def row_of(app: CoachApp, words: str) -> str:
    return next(line for line in shown(app) if words in line)


def fits(app: CoachApp) -> bool:
    routines = table(app)
    return (
        not routines.show_horizontal_scrollbar
        and routines.virtual_size.width <= routines.scrollable_content_region.width
    )


async def test_a_long_title_is_cut_short_and_the_time_stays_whole(
    make_app: AppFactory, shelf: Path
) -> None:
    write(shelf, "breathe", "Breathe", seconds=196)
    write(shelf, "long", LONG, seconds=699)
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert fits(app)
        line = row_of(app, "long")
        assert line.endswith("…  11 min 39 s")
        assert line.split()[1:4] == ["A", "gentle", "evening"]
        assert row_of(app, "breathe").index("3 min 16 s") == line.index("11 min 39 s")

        await pilot.resize_terminal(140, 24)  # room enough: the whole title
        await pilot.pause()
        assert fits(app)
        assert row_of(app, "long").endswith(f"{LONG}  11 min 39 s")

        await pilot.resize_terminal(60, 24)  # narrower than before: less title, same time
        await pilot.pause()
        assert fits(app)
        narrow = row_of(app, "long")
        assert narrow.endswith("…  11 min 39 s") and len(narrow) < len(line)


async def test_titles_leave_room_for_the_scrollbar_of_a_long_list(
    make_app: AppFactory, shelf: Path
) -> None:
    for number in range(30):
        write(shelf, f"routine-{number:02}", f"{LONG} ({number})", seconds=699)
    app = make_app(None)
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.pause()
        assert table(app).show_vertical_scrollbar
        assert fits(app)
        assert row_of(app, "routine-00").endswith("…  11 min 39 s")


@pytest.mark.parametrize("title", ["Title [/bold]", "a [red]word[/red]", "[/]", "[b]3[/b] x [3]"])
async def test_square_brackets_show_as_written(
    make_app: AppFactory, shelf: Path, title: str
) -> None:
    write(shelf, "odd", title)
    write(shelf, "[draft] plain", "Plain")
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = [re.split(r"\s{2,}", line.strip()) for line in shown(app)]
        assert ["[draft] plain", "Plain", "1 min"] in rows
        assert ["odd", title, "1 min"] in rows


async def test_the_footnote_counts_files_not_problems(make_app: AppFactory, shelf: Path) -> None:
    write(shelf, "good", "Good")
    (shelf / "broken.toml").write_text("name = ", encoding="utf-8")
    # One file, two problems: neither step has a duration.
    (shelf / "unfinished.toml").write_text(
        'schema_version = 1\nname = "Unfinished"\n'
        '[[steps]]\ntype = "rest"\ntitle = "Rest"\n'
        '[[steps]]\ntype = "rest"\ntitle = "More rest"\n',
        encoding="utf-8",
    )
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        messages = sum(len(problems) for problems in app.screen.found.problems.values())
        assert messages > 2  # the messages outnumber the files
        footnote = app.screen.query_one("#footnote", Static)
        assert (
            "2 routine files could not be read; coach routines names them, "
            "and coach routines check FILE shows why." in str(footnote.content)
        )


async def test_keys_typed_ahead_are_handled_in_order(make_app: AppFactory, shelf: Path) -> None:
    for number in range(1, 5):
        write(shelf, f"routine-{number}", f"Routine {number}")
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        assert ("enter", "open") in [
            (key.key_display, key.description) for key in footer.query(FooterKey)
        ]
        # One burst, as from a fast typist or tmux send-keys: no pause between the keys.
        for key, character in (("down", None), ("down", None), ("enter", "\r")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert app.screen.routine.name == "routine-3"
