"""The first-run safety screen, the trainer check-in and the calm advice on the summary."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from coach.core.paths import Paths
from coach.core.routines import Routine
from coach.core.safety import acknowledged, first_run_safety_text
from coach.tui.app import CoachApp
from coach.tui.screens.checkin import CheckinScreen
from coach.tui.screens.preview import PreviewScreen
from coach.tui.screens.safety import SafetyScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.screens.support import SupportScreen
from coach.tui.screens.trainer_checkin import TrainerCheckinScreen
from tests.fakes import FakeClock
from tests.tui.conftest import TRAINER_PRACTICE, AppFactory, advance, make_routine, saved
from tests.tui.test_session_flow import footer_keys

SIZE = (80, 24)

TRAINER = make_routine(TRAINER_PRACTICE, name="trainer-practice")


def shown(app: CoachApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.content)


def field(app: CoachApp, key: str) -> Input:
    return app.screen.query_one(f"#{key}", Input)


# -- the first-run safety screen ---------------------------------------------------------


async def test_the_first_run_shows_the_safety_text_and_enter_goes_on(
    make_app: AppFactory, short: Routine, new_user: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SafetyScreen)
        title = first_run_safety_text().splitlines()[0]
        assert shown(app, "#first-run-title") == title
        assert "stop at any time" in shown(app, "#first-run-text")
        assert not acknowledged(new_user)
        await pilot.press("space", "n", "q", "escape")  # nothing but Enter moves on
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert acknowledged(new_user)
        await pilot.press("enter")  # and Enter now starts the session as usual
        await pilot.pause()
        assert app.practice is not None


async def test_the_safety_screen_is_shown_once(
    make_app: AppFactory, short: Routine, new_user: Paths
) -> None:
    first = make_app(short)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
    second = make_app(short)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, PreviewScreen)


async def test_the_safety_screen_comes_before_the_picker(
    make_app: AppFactory, new_user: Paths
) -> None:
    from coach.tui.screens.picker import PickerScreen

    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


# -- the trainer check-in ------------------------------------------------------------------


async def finish_trainer_session(pilot: Pilot[int], clock: FakeClock) -> None:
    """Start and run both steps to the end: the trainer's questions come first."""
    await pilot.press("enter")
    await pilot.pause()
    await advance(pilot, clock, 5.0)
    await advance(pilot, clock, 60.0)
    assert isinstance(pilot.app.screen, TrainerCheckinScreen)


async def test_after_trainer_practice_its_questions_come_first_and_then_only_a_note(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await finish_trainer_session(pilot, clock)
        assert isinstance(app.screen, TrainerCheckinScreen)
        assert field(app, "used").has_focus
        assert field(app, "size").disabled  # asked only about a trainer
        await pilot.press(*"trainer", "enter")
        await pilot.pause()
        assert not field(app, "size").disabled
        assert field(app, "size").has_focus
        await pilot.press("2", "enter", *"par", "enter", "enter")  # minutes left blank
        assert field(app, "tried").has_focus
        await pilot.press(*"both", "enter")
        for rating in ("1", "2", "1", "3", "3", "1", "n"):
            await pilot.press(rating, "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)  # pain and anxiety were asked just now
        assert not app.screen.query("#pain") and not app.screen.query("#anxiety")
        await pilot.press(*"calmer", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert not app.screen.query("#advice")  # nothing worrying was reported
    session = saved(paths)
    assert session.status == "completed"
    assert session.checkin is not None  # the session's ratings are the trainer's peaks
    assert (session.checkin.pain, session.checkin.anxiety, session.checkin.note) == (
        2,
        3,
        "calmer",
    )
    report = session.steps[-1].trainer
    assert report is not None
    assert (report.used, report.size, report.depth, report.minutes) == ("trainer", 2, "partial", 1)
    assert (report.pain_before, report.pain_peak, report.pain_after) == (1, 2, 1)
    assert (report.anxiety_before, report.anxiety_peak, report.anxiety_after) == (3, 3, 1)
    assert (report.tried, report.bleeding) == ("both", "none")


async def test_a_finger_skips_the_size_question(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await finish_trainer_session(pilot, clock)
        await pilot.press("f", "enter")
        await pilot.pause()
        assert field(app, "size").disabled
        assert field(app, "depth").has_focus


async def test_an_answer_that_does_not_fit_is_refused_in_place(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await finish_trainer_session(pilot, clock)
        await pilot.press(*"spoon", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TrainerCheckinScreen)
        assert field(app, "used").has_focus
        assert shown(app, "#hint") == "Please choose finger, tampon or trainer, or leave it blank."
        for _ in "spoon":
            await pilot.press("backspace")
        await pilot.press(*"tampon", "enter")
        await pilot.pause()
        assert shown(app, "#hint") == ""
        assert field(app, "depth").has_focus
        await pilot.press("enter", *"99", "enter")  # more minutes than a step can have
        await pilot.pause()
        assert field(app, "minutes").has_focus
        assert "0 to 60" in shown(app, "#hint")


async def test_esc_on_the_trainer_questions_leaves_pain_and_anxiety_to_the_check_in(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await finish_trainer_session(pilot, clock)
        await pilot.press("f", "enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one("#pain").has_focus  # not asked yet, so asked here
        await pilot.press("1", "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    session = saved(paths)
    assert session.checkin is not None and session.checkin.pain == 1
    assert session.steps[-1].trainer is None


async def test_esc_twice_asks_nothing_more(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await advance(pilot, clock, 65.0)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert saved(paths).checkin is None


async def test_no_trainer_questions_without_trainer_practice(
    make_app: AppFactory, short: Routine, clock: FakeClock
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await advance(pilot, clock, 40.0)
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_quitting_at_the_note_keeps_the_trainer_answers(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await finish_trainer_session(pilot, clock)
        await pilot.press("f", "enter", *["enter"] * 3, "1", "enter", "4", "enter")
        await pilot.press(*["enter"] * 5)
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    session = saved(paths)
    assert session.status == "completed"
    assert session.checkin is not None and session.checkin.pain == 4
    report = session.steps[-1].trainer
    assert report is not None and (report.used, report.pain_peak) == ("finger", 4)


# -- advice on the summary -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "bleeding", "says"),
    [
        ("l", "light spotting", "A little light spotting can be normal."),
        ("more than spotting", "more than spotting", "Let today be enough"),
    ],
)
async def test_bleeding_is_answered_in_the_same_words_as_plain_mode(
    make_app: AppFactory, clock: FakeClock, paths: Paths, typed: str, bleeding: str, says: str
) -> None:
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await finish_trainer_session(pilot, clock)
        await pilot.press(*["enter"] * 10)  # every question but the last left blank
        await pilot.press(*typed, "enter")
        await pilot.pause()
        await pilot.press("enter")  # no note
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        note = shown(app, "#advice")
        assert says in note
        if bleeding == "more than spotting":
            assert "Press ctrl+s at any time to see where to find support." in note
            assert "coach safety" not in note
    report = saved(paths).steps[-1].trainer
    assert report is not None and report.bleeding == bleeding


@pytest.mark.parametrize("pain", ["6", "8"])
async def test_pain_of_7_or_more_in_the_check_in_is_answered_with_a_calm_note(
    make_app: AppFactory, short: Routine, clock: FakeClock, pain: str
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await advance(pilot, clock, 40.0)
        await pilot.press(pain, "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        if pain == "8":
            assert "stop here, rest" in shown(app, "#advice")
            assert not app.screen.query("#gentle")  # said once, in the note
        else:  # pain 4-6 in a routine without trainer practice: go gently next time
            assert "go more gently next time" in shown(app, "#advice")


# -- support, from any screen ---------------------------------------------------------------


async def open_support(pilot: Pilot[int]) -> Screen[object]:
    """Press ctrl+s and return the screen that was showing beneath the overlay."""
    under = pilot.app.screen
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SupportScreen)
    text = " ".join(str(w.content) for w in pilot.app.screen.query(Static))
    assert "Samaritans: 116 123" in text and "(numbers for the UK):" in text
    assert "Rape Crisis England & Wales support line: 0808 500 2222" in text
    return under


async def test_the_support_key_opens_the_list_on_every_screen_without_leaving(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert ("^s", "support") in footer_keys(app)
        under = await open_support(pilot)  # the preview
        await pilot.press("escape")
        assert app.screen is under
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and ("^s", "support") in footer_keys(app)
        await advance(pilot, clock, 2.0)
        await open_support(pilot)
        assert app.practice is not None and app.practice.engine.status == "paused"
        await advance(pilot, clock, 120.0)  # reading the list takes no session time
        await pilot.press("ctrl+s")  # the same key closes it again
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert str(app.practice.engine.status) == "running"
        assert app.practice.engine.active_seconds == pytest.approx(2.0)
        await pilot.press("question_mark")  # over another dialog too
        await pilot.pause()
        await open_support(pilot)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await advance(pilot, clock, 5.0 + 60.0)
        assert isinstance(app.screen, TrainerCheckinScreen)
        await open_support(pilot)
        await pilot.press("escape", "escape")  # the support list, then the trainer questions
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("1", "enter", "enter")  # on to the note, where letters are typed
        await open_support(pilot)
        await pilot.press("escape")
        await pilot.press(*"ok", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await open_support(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert saved(paths).checkin is not None


async def test_a_support_list_of_your_own_is_shown_without_a_country(
    make_app: AppFactory, paths: Paths
) -> None:
    (paths.config / "config.toml").write_text(
        '[[support]]\nname = "Lifeline"\ncontact = "13 11 14"\n', encoding="utf-8"
    )
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = " ".join(str(w.content) for w in app.screen.query(Static))
        assert "- Lifeline: 13 11 14" in text and "Samaritans" not in text and "UK" not in text


async def test_the_preview_gives_the_reasons_to_wait_before_trainer_practice(
    make_app: AppFactory, short: Routine
) -> None:
    async with make_app(TRAINER).run_test(size=SIZE) as pilot:
        await pilot.pause()
        wait = shown(pilot.app, "#wait")
        for reason in ("infection", "open wound", "bleeding that has no clear reason", "6 to 8"):
            assert reason in wait
    async with make_app(short).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.query("#wait")


async def test_a_broken_support_list_is_named_where_the_list_is_shown(
    make_app: AppFactory, paths: Paths
) -> None:
    config = paths.config / "config.toml"
    config.write_text('[[support]]\nname = "Lifeline"\ncontact = 13\x1b]0;x\x07\n')
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = shown(app, "#support-problem")
        assert f"{config}:3:" in problem and "\x1b" not in problem
        text = " ".join(str(w.content) for w in app.screen.query(Static))
        assert "Samaritans" in text and "UK" in text  # the built-in list, with its country


async def test_quitting_halfway_through_the_trainer_questions_keeps_the_answers_given(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(TRAINER)
    async with app.run_test(size=SIZE) as pilot:
        await finish_trainer_session(pilot, clock)
        await pilot.press("f", "enter", "enter", "9", "enter")  # a finger; 9 minutes
        await pilot.press("ctrl+q")
        await pilot.pause()
    report = saved(paths).steps[-1].trainer
    assert report is not None and (report.used, report.minutes) == ("finger", 9.0)
