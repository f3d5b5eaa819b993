"""The check-ins as a person meets them: where a hint shows, stray keys, small terminals, speed."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.core.paths import Paths
from coach.core.routines import Routine
from coach.tui.app import CoachApp
from coach.tui.screens.checkin import HINT, CheckinScreen
from coach.tui.screens.preview import PreviewScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.screens.trainer_checkin import TrainerCheckinScreen
from tests.fakes import FakeClock
from tests.tui.conftest import (
    TRAINER_PRACTICE,
    AppFactory,
    advance,
    make_routine,
    saved,
    saved_checkin,
)

SIZE = (80, 24)
SMALL = (60, 15)


def field(app: CoachApp, name: str) -> Input:
    return app.screen.query_one(f"#{name}", Input)


def hint(app: CoachApp) -> Static:
    return app.screen.query_one("#hint", Static)


def shown_hint(app: CoachApp) -> str:
    """The hint as you would read it: nothing when it is not on the screen."""
    widget = hint(app)
    return str(widget.content) if widget.display else ""


def sits_right_under(app: CoachApp, name: str) -> bool:
    """Whether the hint is on the line just below the question ``name`` (its whole row)."""
    row = field(app, name).parent
    assert isinstance(row, Widget)
    return hint(app).region.y == row.region.bottom and hint(app).region.height > 0


def in_view(app: CoachApp, widget: Widget) -> bool:
    """Whether all of ``widget`` is on the screen, inside the part of the form you can see."""
    column = app.screen.query_one("#checkin")
    return widget.region.height > 0 and column.region.contains_region(widget.region)


def type_ahead(app: CoachApp, *keys: str) -> None:
    """Keys as a quick typist or a busy moment delivers them: all queued before any is read."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def to_checkin(pilot: Pilot[int]) -> CheckinScreen:
    assert isinstance(pilot.app.screen, PreviewScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    await pilot.press("q", "y")
    screen = pilot.app.screen
    assert isinstance(screen, CheckinScreen)
    return screen


async def test_the_hint_sits_under_the_refused_rating_and_goes_when_it_is_put_right(
    make_app: AppFactory, short: Routine, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_checkin(pilot)
        assert shown_hint(app) == ""
        await pilot.press("1", "1")
        assert shown_hint(app) == HINT
        assert sits_right_under(app, "pain")
        await pilot.press("enter")
        assert screen.focused is field(app, "pain")  # refused: still here
        await pilot.press("backspace", "backspace", "7")
        assert shown_hint(app) == ""
        await pilot.press("enter", "4", "2")
        assert screen.focused is field(app, "anxiety")
        assert shown_hint(app) == HINT
        assert sits_right_under(app, "anxiety")
        await pilot.press("backspace")
        assert shown_hint(app) == ""
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, SummaryScreen)
    assert saved_checkin(paths)[:2] == (7, 4)


async def test_stray_letters_never_reach_a_rating_but_too_big_a_number_is_refused(
    make_app: AppFactory, short: Routine, paths: Paths
) -> None:
    app = make_app(short)
    rung: list[str] = []
    app.bell = lambda: rung.append("bell")  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "n")  # to the last step
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("n", "n", "n", "n")  # one "next" ends it; the rest were typed ahead
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        rings = len(rung)
        assert field(app, "pain").value == ""
        assert shown_hint(app) == ""
        await pilot.press(*"calm", "3", "x", "enter", *"abc")
        assert (field(app, "pain").value, field(app, "anxiety").value) == ("3", "")
        assert shown_hint(app) == ""
        assert len(rung) == rings  # a key that is not taken makes no sound either
        await pilot.press("1", "1")
        assert shown_hint(app) == HINT
        assert sits_right_under(app, "anxiety")
        await pilot.press("enter")
        assert app.screen.focused is field(app, "anxiety")
        await pilot.press("backspace", "enter", *"ok", "enter")
        assert isinstance(app.screen, SummaryScreen)
    assert saved_checkin(paths) == (3, 1, "ok")


async def test_in_a_small_terminal_every_field_and_the_whole_hint_come_into_view(
    make_app: AppFactory, short: Routine, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SMALL) as pilot:
        await to_checkin(pilot)
        await pilot.press("1", "1")
        await pilot.pause()
        assert sits_right_under(app, "pain")
        assert in_view(app, hint(app))
        assert hint(app).region.height == 2  # wrapped between words, not cut off
        await pilot.press("backspace", "enter", "2", "enter")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        note = field(app, "note")
        assert app.screen.focused is note
        assert in_view(app, note)
        await pilot.press(*"a calm one", "enter")
        assert isinstance(app.screen, SummaryScreen)
    assert saved_checkin(paths) == (1, 2, "a calm one")


async def test_keys_typed_ahead_go_field_by_field(
    make_app: AppFactory, short: Routine, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_checkin(pilot)
        type_ahead(app, "1", "1", "backspace", "backspace", "3", "enter", "5", "enter")
        await pilot.pause()
        assert (field(app, "pain").value, field(app, "anxiety").value) == ("3", "5")
        assert screen.focused is field(app, "note")
        type_ahead(app, *"lighter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert saved_checkin(paths) == (3, 5, "lighter")


async def test_trainer_answers_typed_ahead_go_question_by_question(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await advance(pilot, clock, 5.0)
        await advance(pilot, clock, 60.0)
        screen = app.screen
        assert isinstance(screen, TrainerCheckinScreen)
        # A trainer opens the size question, which takes digits only: the "x" goes nowhere.
        type_ahead(app, *"trainer", "enter", "x", "2", "enter", "p", "enter", "enter")
        type_ahead(app, "enter", "1")
        await pilot.pause()
        answers = screen.answers()
        assert (answers["used"], answers["size"], answers["depth"]) == ("trainer", "2", "p")
        assert (answers["minutes"], answers["tried"], answers["pain_before"]) == ("", "", "1")
        assert screen.focused is field(app, "pain_before")
        type_ahead(app, "9", "9", "enter", "3")  # refused in place; the full box takes no 3
        await pilot.pause()
        assert screen.focused is field(app, "pain_before")
        assert shown_hint(app) != ""
        assert sits_right_under(app, "pain_before")
        type_ahead(app, "backspace", "backspace", "1", "enter", "2", "enter", "1", "enter")
        type_ahead(app, "3", "enter", "3", "enter", "1", "enter", "n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)  # only the note is left
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    report = saved(paths).steps[-1].trainer
    assert report is not None
    assert (report.used, report.size, report.depth, report.minutes) == ("trainer", 2, "partial", 1)
    assert (report.pain_before, report.pain_peak, report.pain_after) == (1, 2, 1)
    assert (report.anxiety_before, report.anxiety_peak, report.anxiety_after) == (3, 3, 1)
    assert (report.tried, report.bleeding) == (None, "none")
