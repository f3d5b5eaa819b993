"""The check-in after trainer practice: each question once, no nagging while you type, and
the arrow keys (and Shift+Tab) to go back and forth, as the footer says."""

from __future__ import annotations

from collections import Counter

from textual.widgets import Input, Static

from coach.core.paths import Paths
from coach.tui.app import CoachApp
from coach.tui.screens.checkin import CheckinScreen, Form
from coach.tui.screens.summary import SummaryScreen
from coach.tui.screens.trainer_checkin import TrainerCheckinScreen
from coach.tui.widgets.footer import KeyFooter
from tests.fakes import FakeClock
from tests.tui.conftest import SHORT, TRAINER_PRACTICE, AppFactory, advance, make_routine, saved

SIZE = (80, 40)


def questions(app: CoachApp) -> list[str]:
    """The questions on the check-in screen showing, as worded there."""
    return [str(w.render()) for w in app.screen.query(".question .field-name").results(Static)]


def focused(app: CoachApp) -> str:
    widget = app.screen.focused
    assert isinstance(widget, Input)
    return widget.id or ""


def hint(app: CoachApp) -> str:
    return str(app.screen.query_one("#hint", Static).render())


async def to_the_check_in(app: CoachApp, clock: FakeClock, pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("enter")
    await pilot.pause()
    await advance(pilot, clock, 5.0)
    await advance(pilot, clock, 60.0)


async def test_each_question_is_asked_once(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    asked: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await to_the_check_in(app, clock, pilot)
        assert isinstance(app.screen, TrainerCheckinScreen)
        asked += questions(app)
        await pilot.press(*"tr", "enter", "2", "enter", "p", "enter", "enter", "enter")
        for rating in ("1", "6", "2", "3", "4", "1", "n"):
            await pilot.press(rating, "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        asked += questions(app)
        await pilot.press(*"ok", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    repeated = [question for question, times in Counter(asked).items() if times > 1]
    assert repeated == []
    assert "Pain at the most" in asked and "Anxiety at the most" in asked
    assert "Pain" not in asked and "Anxiety" not in asked  # not asked a second time
    assert asked[-1] == "Note"
    session = saved(paths)
    assert session.checkin is not None
    assert (session.checkin.pain, session.checkin.anxiety, session.checkin.note) == (6, 4, "ok")
    report = session.steps[-1].trainer
    assert report is not None and (report.used, report.pain_peak, report.anxiety_peak) == (
        "trainer",
        6,
        4,
    )


async def test_what_was_used_is_not_refused_while_it_is_still_being_typed(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    async with app.run_test(size=SIZE) as pilot:
        await to_the_check_in(app, clock, pilot)
        await pilot.press("t")  # tampon or trainer: no complaint yet
        await pilot.pause()
        assert hint(app) == ""
        await pilot.press("down")  # leaving it as "t" is another matter
        await pilot.pause()
        assert hint(app) == "Please choose finger, tampon or trainer, or leave it blank."
        await pilot.press("up", *"tr")  # back there, the answer is selected: typing replaces it
        await pilot.pause()
        assert app.screen.query_one("#used", Input).value == "tr"
        assert focused(app) == "used" and hint(app) == ""  # "tr" is the trainer
        await pilot.press("enter")
        await pilot.pause()
        assert focused(app) == "size"  # asked, now that a trainer is named


async def test_up_down_and_shift_tab_move_between_questions_and_the_footer_says_so(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    async with app.run_test(size=SIZE) as pilot:
        await to_the_check_in(app, clock, pilot)
        footer = app.screen.query_one(KeyFooter)
        words = [
            f"{getattr(k, 'key_display', '')} {getattr(k, 'description', '')}"
            for k in footer.children
        ]
        assert "↑↓ move" in words
        assert focused(app) == "used"
        await pilot.press("up")
        assert focused(app) == "used"  # the first question: nowhere further up
        await pilot.press("down", "down")
        assert focused(app) == "minutes"  # past the size question, not asked for no trainer
        await pilot.press("shift+tab")
        assert focused(app) == "depth"
        await pilot.press("tab", "down")
        assert focused(app) == "tried"
        for _ in range(20):
            await pilot.press("down")
        assert focused(app) == "bleeding"  # the last: Down never wraps round
        assert isinstance(app.screen, Form)


async def test_the_general_check_in_moves_with_the_arrow_keys_too(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(make_routine(SHORT))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await advance(pilot, clock, 40.0)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("down", "down")
        assert focused(app) == "note"
        await pilot.press("up")
        assert focused(app) == "anxiety"
        await pilot.press("shift+tab")
        assert focused(app) == "pain"
