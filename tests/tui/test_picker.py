"""The routine picker: long and odd titles, unreadable files, and keys typed ahead."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Footer, Static
from textual.widgets._footer import FooterKey

from coach.core.paths import Paths
from coach.core.records import Session
from coach.core.store.sessions import SessionWriter
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


def practised(paths: Paths, routine: str, started: datetime) -> None:
    """A finished session of ``routine`` in the history, as coach saves one."""
    session = Session(
        routine=routine,
        routine_title=routine.title(),
        started_at=started,
        ended_at=started + timedelta(minutes=5),
        status="completed",
        planned_seconds=300,
        active_seconds=300.0,
    )
    SessionWriter.begin(paths, session).save(session)


def write_with_summary(shelf: Path, stem: str, title: str, summary: str) -> None:
    (shelf / f"{stem}.toml").write_text(
        f"schema_version = 1\nname = {title!r}\nsummary = {summary!r}\n"
        '[[steps]]\ntype = "rest"\ntitle = "Rest"\nseconds = 60\n',
        encoding="utf-8",
    )


def names(app: CoachApp) -> list[str]:
    return [line.split()[0] for line in shown(app)[1:] if line.strip()]


def summary_text(app: CoachApp) -> str:
    return str(app.screen.query_one("#routine-summary", Static).content)


async def test_with_no_history_the_first_try_is_on_top_for_someone_new(
    make_app: AppFactory, shelf: Path
) -> None:
    write(shelf, "calm", "Calm breathing")
    write(shelf, "first-try", "First try")
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert names(app) == ["first-try", "calm"]
        assert row_of(app, "first-try").split()[1:4] == ["new", "here?", "First"]


async def test_routines_used_most_recently_come_first(
    make_app: AppFactory, paths: Paths, shelf: Path
) -> None:
    for stem in ("alpha", "bravo", "charlie", "delta", "first-try"):
        write(shelf, stem, stem.capitalize())
    start = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)
    practised(paths, "charlie", start)
    practised(paths, "alpha", start + timedelta(days=1))
    practised(paths, "charlie", start + timedelta(days=2))
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert names(app) == ["charlie", "alpha", "bravo", "delta", "first-try"]
        assert "new here?" not in "\n".join(shown(app))


async def test_the_highlighted_routines_summary_shows_below_the_list(
    make_app: AppFactory, shelf: Path
) -> None:
    write_with_summary(shelf, "calm", "Calm", "Slow breathing, [no markup] here.")
    write(shelf, "plain", "Plain")  # no summary: its title and size instead
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert summary_text(app) == "Slow breathing, [no markup] here."
        await pilot.press("down")
        assert summary_text(app) == "Plain: 1 step."
        await pilot.press("up")
        assert summary_text(app) == "Slow breathing, [no markup] here."


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_highlighted_row_never_looks_like_the_header(
    make_app: AppFactory, shelf: Path, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    """Attributes survive every colour depth (truecolor, 256, 16, none): the header is
    underlined and not bold, the cursor bold and not underlined, and reversed without colour."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    write(shelf, "calm", "Calm")
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        routines = table(app)
        assert routines.has_focus
        header = routines.get_component_rich_style("datatable--header")
        cursor = routines.get_component_rich_style("datatable--cursor")
        assert header.underline and not header.bold
        assert cursor.bold and not cursor.underline
        assert bool(cursor.reverse) == no_color
        if not no_color:
            assert cursor.bgcolor != header.bgcolor
