"""Sensate focus in the TUI: whose turn it is, the swap cue, and each person's own check-in."""

from __future__ import annotations

from datetime import timedelta

from coach.core import focus
from coach.core.paths import Paths
from coach.core.records import FocusState, PartnerCheckin, StageChange
from coach.core.routines import Routine
from coach.tui.screens.focus import FocusCheckinScreen, HandOverScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.screens.summary import SummaryScreen
from tests.fakes import FakeClock
from tests.tui.conftest import STARTED, AppFactory, advance, make_routine, saved

FOCUS = """
schema_version = 1
name = "Sensate focus 1"

[[steps]]
type = "turns"
title = "Touch in turns"
guide = "One of you touches and the other is touched."
minutes = 1
turns = 2

[[steps]]
type = "rest"
title = "Lying quietly"
seconds = 30
"""


def focus_routine(name: str = "focus-stage-1") -> Routine:
    return make_routine(FOCUS, name=name)


def text(app: object, selector: str) -> str:
    from textual.app import App
    from textual.widgets import Static

    assert isinstance(app, App)
    return str(app.screen.query_one(selector, Static).render())


async def type_text(pilot: object, keys: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for key in keys:
        await pilot.press(key)


async def test_the_screen_says_whose_turn_it_is_and_cues_the_swap(
    make_app: AppFactory, clock: FakeClock
) -> None:
    bells: list[str] = []
    app = make_app(focus_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        app.cues.bell = lambda: bells.append("ding")
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.phase_word.word == "First turn"
        assert "swap at the bell" in text(app, "#count")
        rung = len(bells)
        await advance(pilot, clock, 59.9)
        assert app.screen.phase_word.word == "First turn"
        await advance(pilot, clock, 0.2)
        assert app.screen.phase_word.word == "Second turn"
        assert "Swap" in text(app, "#cue")
        assert len(bells) == rung + 1  # one soft bell at the swap
        await pilot.press("space")  # either of you can pause
        assert app.screen.phase_word.word == "Paused"


async def test_two_check_ins_with_a_hand_over_between_them(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(focus_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 150)
        assert isinstance(app.screen, FocusCheckinScreen)
        assert "1 of 2" in text(app, "#checkin-title")
        await type_text(pilot, "7")
        await pilot.press("enter")
        await type_text(pilot, "2")
        await pilot.press("enter")
        await type_text(pilot, "no")
        await pilot.press("enter")
        await type_text(pilot, "mine")
        await pilot.press("enter")
        assert isinstance(app.screen, HandOverScreen)
        assert "pass the keyboard" in text(app, "#greeting")
        first = saved(paths).focus
        assert first is not None and first.partners == [  # saved before handing over
            PartnerCheckin(comfort=7, anxiety=2, stop_used=False, note="mine")
        ]
        await pilot.press("enter")
        assert isinstance(app.screen, FocusCheckinScreen)
        assert "2 of 2" in text(app, "#checkin-title")
        assert app.screen.field("comfort").value == ""  # nothing of the first person's shows
        await type_text(pilot, "5")
        await pilot.press("enter")
        await type_text(pilot, "3")
        await pilot.press("enter")
        await type_text(pilot, "yes")
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, SummaryScreen)
    record = saved(paths).focus
    assert record is not None
    assert record.partners == [
        PartnerCheckin(comfort=7, anxiety=2, stop_used=False, note="mine"),
        PartnerCheckin(comfort=5, anxiety=3, stop_used=True),
    ]
    assert saved(paths).checkin is None


async def test_a_refused_answer_stays_put_with_a_calm_hint(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(focus_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 150)
        await pilot.press("enter", "enter")  # comfort and anxiety left blank
        await type_text(pilot, "maybe")
        await pilot.press("enter")
        assert app.screen.focused is not None and app.screen.focused.id == "stop_used"
        assert "yes or no" in text(app, "#hint")


async def test_solo_asks_once_and_offers_the_next_stage_as_an_option(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    began = STARTED.date() - timedelta(weeks=5)
    state = FocusState(weeks=4, began=began, solo=True, history=[StageChange(1, began)])
    focus.save(paths, state)
    for _ in range(3):  # three calm sessions in this stage
        app = make_app(focus_routine("focus-solo-stage-1"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await advance(pilot, clock, 150)
            assert isinstance(app.screen, FocusCheckinScreen)
            assert app.screen.count == 1
            await pilot.press("enter")
            await type_text(pilot, "1")
            await pilot.press("enter", "enter", "enter")
            assert isinstance(app.screen, SummaryScreen)
            summary = app.screen
        clock.advance(3600)
    assert "Stage 2" in summary.reply[-1]
    assert "could be an option" in summary.reply[-1]
    assert focus.load(paths) == state  # an offer never moves you on


async def test_quitting_during_a_check_in_keeps_that_persons_answers_so_far(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(focus_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 150)
        assert isinstance(app.screen, FocusCheckinScreen)
        await type_text(pilot, "7")
        await pilot.press("enter")
        await type_text(pilot, "12")  # not a rating: left out
        await pilot.press("ctrl+q")
        await pilot.pause()
    record = saved(paths).focus
    assert record is not None and record.partners == [PartnerCheckin(comfort=7)]
