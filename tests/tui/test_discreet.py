"""Discreet mode on screen: neutral words in the picker, preview and session; ? shows the guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.cues import Cues
from coach.core.discreet import GUIDE_HINT, private_word
from coach.core.paths import Paths
from coach.core.routines import Routine
from coach.tui.app import CoachApp
from coach.tui.screens.session import SessionScreen
from tests.fakes import FakeClock
from tests.tui.conftest import SHORT, TRAINER_PRACTICE, AppFactory, advance, make_routine
from tests.tui.rendered import rendered_text
from tests.tui.test_snapshots import Compare, Step, fixed_paths, steps_to

__all__ = ["fixed_paths"]  # the fixture, shared with the other snapshots

# A routine whose every title and guide names the body, as a real one may.
PRIVATE = (
    SHORT.replace("Short practice", "Pelvic floor and trainer")
    .replace("Belly breathing", "Pelvic-floor breathing")
    .replace(
        'summary = "Two breaths, one squeeze, a moment of rest."',
        'summary = "Two breaths, one pelvic-floor squeeze."\n'
        'discreet_title = "Exercise: short"\n'
        'caution = "Skip the vaginal trainer if you are sore today."',
    )
)


def private_routine() -> Routine:
    return make_routine(PRIVATE, name="pelvic-private")


def screen_text(app: CoachApp) -> str:
    from textual.widgets import Static

    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


def test_picker_discreet(
    snap_compare: Compare,
    fixed_paths: Paths,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shelf = tmp_path / "builtin"
    shelf.mkdir()
    (shelf / "pelvic-private.toml").write_text(PRIVATE, encoding="utf-8")
    (shelf / "short.toml").write_text(SHORT, encoding="utf-8")
    monkeypatch.setattr("coach.core.routines.builtin_dir", lambda: shelf)
    app = CoachApp(None, fixed_paths, cues=Cues(), clock=clock, show_safety=False, discreet=True)
    assert snap_compare(app, terminal_size=(80, 24))


def test_preview_discreet(snap_compare: Compare, make_app: AppFactory) -> None:
    assert snap_compare(make_app(private_routine(), discreet=True), terminal_size=(80, 24))


def test_session_discreet(snap_compare: Compare, make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(private_routine(), discreet=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", 2.5]))


async def test_nothing_private_on_screen_until_asked(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(private_routine(), discreet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert private_word(screen_text(app)) is None
        assert "Exercise: short" in screen_text(app)
        await pilot.press("question_mark")  # the guide, on request
        await pilot.pause()
        assert "vaginal trainer" in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await advance(pilot, clock, 2.5)
        text = screen_text(app)
        assert private_word(text) is None and GUIDE_HINT in text
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Let your belly rise" in screen_text(app)
        assert app.screen.engine.status == "running"  # the guide does not pause the session


async def test_without_discreet_mode_nothing_changes(make_app: AppFactory) -> None:
    app = make_app(private_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Pelvic floor and trainer" in screen_text(app)


def to_the_summary(peak_pain: str) -> list[Step]:
    """Through a minute of trainer practice, its check-in (with this peak pain) and the note."""
    from tests.tui.test_snapshots import TO_TRAINER_CHECKIN

    keys: list[Step] = [*TO_TRAINER_CHECKIN, "f", "enter", "p", "enter", "enter", "enter"]
    keys += ["2", "enter", peak_pain, "enter", "3", "enter", "enter", "enter", "enter"]
    return [*keys, "n", "enter", "enter"]  # no bleeding; then the note, unanswered


async def test_the_summary_keeps_a_reply_about_the_body_behind_the_question_mark(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"), discreet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await steps_to(clock, to_the_summary("5"))(pilot)  # above 3: ideas for next time
        assert app.screen.query_one("#advice-hint").display
        assert not app.screen.query_one("#advice-row").display
        await pilot.press("question_mark")
        assert app.screen.query_one("#advice-row").display
        assert not app.screen.query_one("#advice-hint").display


async def test_a_reply_that_says_stop_is_never_kept_behind_a_key(
    make_app: AppFactory, clock: FakeClock
) -> None:
    from coach.core.advice import CLINICIAN, STOP_TODAY

    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"), discreet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await steps_to(clock, to_the_summary("7"))(pilot)  # 7 or more: stop for today
        assert not app.screen.query("#advice-hint")
        assert app.screen.query_one("#advice-row").display
        advice = screen_text(app)
        assert STOP_TODAY in advice and CLINICIAN in advice


async def test_the_reasons_to_wait_show_before_trainer_practice_in_discreet_mode(
    make_app: AppFactory,
) -> None:
    from coach.core.safety import reasons_to_wait

    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"), discreet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert reasons_to_wait() in screen_text(app)


def footer_keys(app: CoachApp) -> list[str]:
    """The keys the footer shows, as "key word"."""
    from textual.widgets._footer import FooterKey

    return [f"{key.key_display} {key.description}" for key in app.screen.query(FooterKey)]


async def test_the_footer_says_guide_where_question_mark_shows_the_guide(
    make_app: AppFactory, clock: FakeClock
) -> None:
    from coach.tui.screens.help import HelpScreen

    app = make_app(private_routine(), discreet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in ("preview", "session"):
            await pilot.pause()
            keys = footer_keys(app)
            assert "? guide" in keys and "h help" in keys and "? help" not in keys, keys
            await pilot.press("h")  # help is still there, on a key of its own
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = rendered_text(app)
            assert "show or hide the guide" in text and "this help" in text
            assert private_word(text) is None, text
            await pilot.press("h")
            await pilot.pause()
            await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.engine.status == "running"  # help paused it, and closing resumed


async def test_without_discreet_mode_question_mark_is_help(make_app: AppFactory) -> None:
    from coach.tui.screens.help import HelpScreen

    app = make_app(private_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = footer_keys(app)
        assert "? help" in keys and "? guide" not in keys and "h help" not in keys, keys
        await pilot.press("h")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "vaginismus" in rendered_text(app)


async def test_the_line_left_after_ctrl_q_names_the_neutral_title(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(private_routine(), discreet=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await advance(pilot, clock, 3.0)
        await pilot.press("ctrl+q")
        await pilot.pause()
    farewell = app.goodbye() or ""
    assert farewell.startswith("Saved: Exercise: short, 3 s, stopped early."), farewell
    assert private_word(farewell) is None


# Snapshots of each screen discreet mode changed or must keep neutral.


def discreet_focus_routine() -> Routine:
    from tests.tui.test_focus import FOCUS

    text = FOCUS.replace(
        'name = "Sensate focus 1"',
        'name = "Sensate focus 1"\ndiscreet_title = "Quiet time together 1"',
    )
    return make_routine(text, name="focus-stage-1")


def test_focus_session_discreet(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(discreet_focus_routine(), discreet=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", 61.0]))


def test_first_run_safety_discreet(
    snap_compare: Compare, make_app: AppFactory, new_user: Paths
) -> None:
    """The heading is neutral; the safety text itself shows in full."""
    assert snap_compare(make_app(private_routine(), discreet=True), terminal_size=(80, 24))


def test_support_overlay_discreet(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(private_routine(), discreet=True)
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", 1.0, "ctrl+s"])
    )


def test_help_discreet(snap_compare: Compare, make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(private_routine(), discreet=True)
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", 1.0, "h"])
    )


def test_trainer_checkin_discreet(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    from tests.tui.test_snapshots import TO_TRAINER_CHECKIN

    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"), discreet=True)
    keys: list[Step] = [*TO_TRAINER_CHECKIN, "x", "enter"]  # a refused answer, in neutral words
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, keys))


def test_trainer_preview_discreet(snap_compare: Compare, make_app: AppFactory) -> None:
    """The reasons to wait show in full; the routine's own note waits behind ?."""
    routine = make_routine(
        TRAINER_PRACTICE.replace(
            'name = "Trainer practice"',
            'name = "Trainer practice"\ndiscreet_title = "Practice: steady steps"\n'
            'caution = "Use the smallest trainer first."',
        ),
        name="trainer-practice",
    )
    assert snap_compare(make_app(routine, discreet=True), terminal_size=(80, 24))
