"""Small and narrow terminals: the footer keeps its way out, the guide uses the rows there are,
the help says when it scrolls, the summary still says it saved, and wide characters fit."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from coach.core.routines import Routine
from coach.tui.app import CoachApp
from coach.tui.screens.help import MORE_ABOVE, MORE_BELOW, HelpBox
from coach.tui.screens.session import fit_lines
from coach.tui.widgets.footer import KeyFooter
from tests.fakes import FakeClock
from tests.tui.conftest import (
    SHORT,
    TRAINER_PRACTICE,
    AppFactory,
    advance,
    make_routine,
    single_step,
)
from tests.tui.sizes import ADVICE, LONG_GUIDE
from tests.tui.test_snapshots import steps_to


def footer_keys(app: CoachApp) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    return [
        f"{getattr(k, 'key_display', '')} {getattr(k, 'description', '')}" for k in footer.children
    ]


@pytest.mark.parametrize("width", [30, 40, 60, 80, 120])
async def test_the_session_footer_keeps_stop_and_help(
    width: int, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(single_step("breathe"))
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 1.0)
        await pilot.pause()
        keys = footer_keys(app)
        assert "q stop" in keys and "? help" in keys
        assert sum(cell_len(k) + 2 for k in keys) <= width
        assert "^s support" in keys  # where to find support stays too
        if width >= 80:
            assert keys == [
                "space pause",
                "n next",
                "p back",
                "q stop",
                "? help",
                "^q quit",
                "^s support",
            ]
        if width == 30:
            assert keys == ["q stop", "? help", "^s support"]  # the rest go first


@pytest.mark.parametrize("width", [30, 80])
@pytest.mark.parametrize("where", ["picker", "preview", "session", "summary"])
async def test_one_quit_key_in_the_footer(
    where: str, width: int, make_app: AppFactory, clock: FakeClock, short: Routine
) -> None:
    app = make_app(None if where == "picker" else short)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        if where in ("session", "summary"):
            await pilot.press("enter")
        if where == "summary":
            await advance(pilot, clock, 40.0)
            await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        keys = footer_keys(app)
        assert not ("q quit" in keys and "^q quit" in keys), keys


async def test_at_60x15_a_long_guide_uses_the_empty_rows(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(make_routine(LONG_GUIDE, name="long"))
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 1.0)
        await pilot.pause()
        await advance(pilot, clock, 1.0)
        guide = app.screen.query_one("#guide", Static)
        shown = str(guide.render())
        assert "…" not in shown  # all of it fits once the empty rows are used
        assert " ".join(shown.split()) == " ".join(app.routine.steps[0].guide.split())  # type: ignore[union-attr]
        assert guide.size.height > 2


async def test_the_help_box_says_when_it_scrolls(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(single_step("breathe"))
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        box = app.screen.query_one(HelpBox)
        assert box.max_scroll_y > 0
        assert box.border_subtitle == MORE_BELOW
        await pilot.press("end")
        await pilot.pause()
        assert box.border_subtitle == MORE_ABOVE
    app = make_app(single_step("breathe"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        assert app.screen.query_one(HelpBox).border_subtitle == ""  # it all shows


@pytest.mark.parametrize("size", [(60, 15), (30, 20), (80, 24)])
async def test_the_summary_after_advice_still_says_it_saved(
    size: tuple[int, int], make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    async with app.run_test(size=size) as pilot:
        await steps_to(clock, ADVICE)(pilot)
        assert app.screen.query_one("#advice")
        saved = app.screen.query_one("#where-saved", Static)
        assert "Saved on this computer" in str(saved.render())
        assert Region(0, 0, *size).contains_region(saved.region)


def header_cells(app: CoachApp) -> list[tuple[str, int, int, int]]:
    """(id, first column, width, cells drawn) for each part of the session's top bar."""
    parts: list[tuple[str, int, int, int]] = []
    for part in ("#brand", "#routine-title", "#where"):
        widget: Widget = app.screen.query_one(part)
        strip = widget.render_lines(Region(0, 0, widget.size.width, 1))[0]
        parts.append((part, widget.region.x, widget.size.width, strip.cell_length))
    return parts


@pytest.mark.parametrize("width", [30, 41, 60, 80])
async def test_wide_characters_keep_the_header_width(
    width: int, make_app: AppFactory, clock: FakeClock
) -> None:
    seen = []
    for title in (
        "Short practice",
        "静かな呼吸の練習をゆっくりと続けましょう",
        "🌙 夜 🌙 breathing 🌿🌿🌿🌿",
    ):
        app = make_app(make_routine(SHORT.replace("Short practice", title)))
        async with app.run_test(size=(width, 15)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            parts = header_cells(app)
        assert all(drawn == room for _, _, room, drawn in parts), parts
        seen.append(parts)
    assert seen[0] == seen[1] == seen[2]  # "step 1 of 3" stays where it was


@pytest.mark.parametrize("width", [9, 10, 20, 31, 48])
@pytest.mark.parametrize(
    "guide",
    [
        "ゆっくり息を吸って、お腹をふくらませます。" * 6,
        "Breathe 🌙 normally 🌙 and notice how your 🌿 body feels, then let go. " * 3,
    ],
    ids=["japanese", "emoji"],
)
def test_a_guide_of_wide_characters_wraps_by_cells_and_ends_with_an_ellipsis(
    guide: str, width: int
) -> None:
    lines = fit_lines(guide, width, 3, Console(width=200)).split("\n")
    assert len(lines) == 3
    assert all(cell_len(line) <= width for line in lines)
    assert lines[-1].endswith("…")
    # Lines are full, not cut at half the width: the next word (or character) did not fit.
    if " " in guide:
        following = guide.split()[len(lines[0].split())]
        assert cell_len(lines[0]) + 1 + cell_len(following) > width
    else:
        assert cell_len(lines[0]) >= width - 1
