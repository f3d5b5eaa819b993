"""Driving ``coach relax`` like a person, with a fake clock: every key and every screen."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, Footer, Input, Static
from textual.widgets._footer import FooterKey

from coach.core.paths import Paths
from coach.core.routines import Routine
from coach.core.store import sessions
from coach.core.store.sessions import iter_session_files
from coach.tui.app import CoachApp
from coach.tui.screens.checkin import HINT, CheckinScreen
from coach.tui.screens.confirm import ConfirmStopScreen
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.picker import PickerScreen
from coach.tui.screens.preview import PreviewScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.widgets.bigword import BigWord
from tests.fakes import FakeClock
from tests.tui.conftest import (
    AppFactory,
    advance,
    make_routine,
    saved,
    saved_checkin,
    single_step,
)

SIZE = (80, 24)


def text(app: CoachApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    if isinstance(widget, BigWord):
        return widget.word
    if isinstance(widget, Digits):
        return widget.value
    assert isinstance(widget, Static)
    return str(widget.content)


def footer_keys(app: CoachApp) -> list[tuple[str, str]]:
    footer = app.screen.query_one(Footer)
    return [(key.key_display, key.description) for key in footer.query(FooterKey)]


async def start(pilot: Pilot[int]) -> None:
    assert isinstance(pilot.app.screen, PreviewScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)


def listen(app: CoachApp) -> list[str]:
    rung: list[str] = []
    app.bell = lambda: rung.append("bell")  # type: ignore[method-assign]
    return rung


async def test_a_whole_session_is_guided_saved_and_summed_up(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(short)
    rung = listen(app)
    async with app.run_test(size=SIZE) as pilot:
        assert "Short practice" in text(app, "#preview-title")
        await start(pilot)
        assert text(app, "#phase") == "Breathe in"
        assert text(app, "#countdown") == "4"
        assert text(app, "#count") == "breath 1 of 2"
        assert text(app, "#where") == "step 1 of 3"
        assert text(app, "#next").startswith("next  One gentle squeeze")
        assert rung == ["bell"]

        await advance(pilot, clock, 1.2)
        assert text(app, "#countdown") == "3"  # whole seconds, rounded up
        await advance(pilot, clock, 3.0)
        assert text(app, "#phase") == "Breathe out"
        assert text(app, "#countdown") == "6"
        assert rung == ["bell"] * 2

        await advance(pilot, clock, 16.0)  # into the squeeze step
        assert text(app, "#where") == "step 2 of 3"
        assert text(app, "#phase") == "Squeeze gently"
        assert saved(paths).status == "interrupted"  # saved after the first step already
        assert [s.outcome for s in saved(paths).steps] == ["done"]

        await advance(pilot, clock, 30.0)  # past the end
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("2", "enter", "3", "enter", *"calmer", "enter")
        assert isinstance(app.screen, SummaryScreen)
        assert text(app, "#greeting") == "Well done for practising today."
        assert text(app, "#what") == "You practised for 40 s, all 3 steps."
        await pilot.press("enter")
    assert app.return_code == 0
    session = saved(paths)
    assert session.status == "completed"
    assert session.active_seconds == pytest.approx(session.planned_seconds, abs=0.3)
    assert [s.outcome for s in session.steps] == ["done"] * 3
    assert session.checkin is not None
    assert (session.checkin.pain, session.checkin.anxiety, session.checkin.note) == (2, 3, "calmer")


async def test_pause_holds_the_countdown_across_a_phase_boundary(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert ("space", "pause") in footer_keys(app)
        await advance(pilot, clock, 3.5)
        await pilot.press("space")
        assert text(app, "#phase") == "Paused"
        assert text(app, "#cue").startswith("Paused.")
        assert app.screen.has_class("-paused")
        assert ("space", "resume") in footer_keys(app)
        await advance(pilot, clock, 100.0)  # far past the in-breath's end
        assert text(app, "#countdown") == "1"
        await pilot.press("space")
        assert text(app, "#phase") == "Breathe in"
        assert not app.screen.has_class("-paused")
        await advance(pilot, clock, 0.6)
        assert text(app, "#phase") == "Breathe out"
        await advance(pilot, clock, 16.0)
        await pilot.press("ctrl+q")
    first = saved(paths).steps[0]
    assert first.outcome == "done"
    assert first.done_seconds == pytest.approx(20.0)  # the pause is not counted


async def test_skip_and_back_at_both_ends(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(short)
    rung = listen(app)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance(pilot, clock, 5.0)
        await pilot.press("p")  # at the first step, back restarts it
        assert text(app, "#where") == "step 1 of 3"
        assert text(app, "#phase") == "Breathe in"
        assert text(app, "#countdown") == "4"
        await pilot.press("n")
        assert text(app, "#where") == "step 2 of 3"
        await pilot.press("p")
        assert text(app, "#where") == "step 1 of 3"
        await pilot.press("n", "n")
        assert text(app, "#where") == "step 3 of 3"
        assert text(app, "#next") == "next  a short check-in, and then you are done"
        assert len(rung) == 7  # the start, the out-breath, and one for each of five moves
        await pilot.press("n")  # skipping the last step ends the session
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("escape")
        assert text(app, "#greeting") == "Well done for practising today."  # as warm as finishing
        await pilot.press("enter")
    session = saved(paths)
    assert session.status == "completed"
    assert [(s.title, s.outcome) for s in session.steps] == [
        ("Belly breathing", "partial"),
        ("Belly breathing", "skipped"),
        ("One gentle squeeze", "partial"),
        ("Belly breathing", "skipped"),
        ("One gentle squeeze", "skipped"),
        ("Quiet rest", "skipped"),
    ]
    assert session.checkin is None


async def test_stop_asks_first_and_cancelling_carries_on(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance(pilot, clock, 2.0)
        for cancel in ("n", "escape"):
            await pilot.press("q")
            assert isinstance(app.screen, ConfirmStopScreen)
            assert footer_keys(app) == [("y", "stop here"), ("n/esc", "keep going")]
            assert app.practice is not None and app.practice.engine.status == "paused"
            await advance(pilot, clock, 30.0)  # deciding takes no session time
            await pilot.press(cancel)
            assert isinstance(app.screen, SessionScreen)
            assert str(app.practice.engine.status) == "running"  # str(): mypy narrowed it above
            assert text(app, "#countdown") == "2"
        await pilot.press("q", "y")
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("escape")
        assert text(app, "#what") == (
            "You practised for 2 s: 0 of 3 steps done. "
            "Stopping when you choose to is part of the practice."
        )
        await pilot.press("enter")
    session = saved(paths)
    assert session.status == "stopped"
    assert [(s.outcome, s.done_seconds) for s in session.steps] == [("partial", 2.0)]


async def test_the_checkin_refuses_what_is_not_a_rating_in_place(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("q", "y")
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        assert ("enter", "next field") in footer_keys(app)
        assert ("esc", "skip check-in") in footer_keys(app)
        pain = screen.query_one("#pain", Input)
        await pilot.press("1", "1")
        assert text(app, "#hint") == HINT
        await pilot.press("enter")
        assert screen.focused is pain  # refused: still here
        await pilot.press("backspace", "backspace", *"calm")
        assert pain.value == ""  # letters never reach a rating
        await pilot.press("7")
        assert text(app, "#hint") == ""
        await pilot.press("enter")
        assert screen.focused is screen.query_one("#anxiety", Input)
        await pilot.press("enter")  # empty is fine: not answered
        assert screen.focused is screen.query_one("#note", Input)
        assert ("enter", "save") in footer_keys(app)
        await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen)
    assert saved_checkin(paths) == (7, None, None)


async def test_an_empty_checkin_saves_no_checkin(
    make_app: AppFactory, short: Routine, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("q", "y", "enter", "enter", "enter")
        assert isinstance(app.screen, SummaryScreen)
    assert saved(paths).checkin is None


async def test_ctrl_q_quits_at_once_and_keeps_what_was_done(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert ("^q", "quit") in footer_keys(app)
        await advance(pilot, clock, 23.0)
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    session = saved(paths)
    assert session.status == "stopped"
    assert [(s.outcome, s.done_seconds) for s in session.steps] == [
        ("done", 20.0),
        ("partial", 3.0),
    ]


async def test_ctrl_q_on_the_checkin_keeps_the_real_status(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance(pilot, clock, 40.0)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("ctrl+q")
    assert saved(paths).status == "completed"


@pytest.mark.parametrize(("seconds", "status"), [(23.0, "interrupted"), (40.0, "completed")])
async def test_a_closed_terminal_saves_what_was_done(
    make_app: AppFactory,
    short: Routine,
    clock: FakeClock,
    paths: Paths,
    seconds: float,
    status: str,
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance(pilot, clock, seconds)
        app.end_by_signal()  # what SIGTERM and SIGHUP call
        await pilot.pause()
    assert app.return_code == 1
    session = saved(paths)
    assert session.status == status
    assert session.steps[0].outcome == "done"


async def test_help_shows_the_keys_and_the_session_waits(
    make_app: AppFactory, short: Routine, clock: FakeClock
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance(pilot, clock, 1.0)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await advance(pilot, clock, 10.0)
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)
        assert text(app, "#phase") == "Breathe in"
        assert text(app, "#countdown") == "3"
        await pilot.press("space", "question_mark", "escape")
        assert text(app, "#phase") == "Paused"  # paused before, paused after


async def test_the_picker_lists_routines_and_opens_a_preview(
    make_app: AppFactory, paths: Paths
) -> None:
    paths.routines.mkdir(parents=True)
    (paths.routines / "mine.toml").write_text(
        'schema_version = 1\nname = "My own"\n[[steps]]\ntype = "rest"\ntitle = "Rest"\n'
        "seconds = 90\n",
        encoding="utf-8",
    )
    (paths.routines / "broken.toml").write_text("name = ", encoding="utf-8")
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        names = [routine.name for routine in screen.routines]
        assert names[-1] == "mine" and "first-try" in names
        assert "1 routine file could not be read" in text(app, "#footnote")
        await pilot.press(*["down"] * (len(names) - 1), "enter")
        assert isinstance(app.screen, PreviewScreen)
        assert text(app, "#preview-title") == "My own"
        assert text(app, "#total") == "Total 1 min 30 s, 1 step"
        assert ("esc", "back") in footer_keys(app)
        await pilot.press("escape")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_preview_shows_caution_steps_and_safety(
    make_app: AppFactory, paths: Paths, tmp_path: Path
) -> None:
    from coach.core.routines import load_routine

    path = tmp_path / "careful.toml"
    path.write_text(
        'schema_version = 1\nname = "Careful"\nsummary = "Slow and soft."\n'
        'caution = "Skip the trainer step if you are sore."\n'
        '[[steps]]\ntype = "trainer"\ntitle = "Trainer"\nminutes = 5\n',
        encoding="utf-8",
    )
    app = make_app(load_routine(path))
    async with app.run_test(size=SIZE) as pilot:
        assert text(app, "#caution") == "Please note: Skip the trainer step if you are sore."
        assert "stop if it hurts" in text(app, "#safety")
        assert ("esc", "back") not in footer_keys(app)  # nowhere to go back to
        await pilot.press("q")
    assert not iter_session_files(paths.sessions)  # nothing started, nothing saved


async def test_trainer_practice_paces_slow_breathing(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(single_step("trainer"))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert text(app, "#phase") == "Practise gently"
        assert text(app, "#countdown") == "10:00"
        assert text(app, "#count") == "slow breathing: breathe in"
        await advance(pilot, clock, 5.0)
        assert text(app, "#count") == "slow breathing: breathe out"
        assert text(app, "#countdown") == "9:55"


async def test_a_missing_voice_is_said_once_and_the_session_goes_on(
    make_app: AppFactory, short: Routine
) -> None:
    app = make_app(short, voice=True)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert text(app, "#status").startswith("No offline voice was found")
        assert text(app, "#phase") == "Breathe in"


async def test_the_voice_speaks_each_phase_without_waiting(
    make_app: AppFactory, short: Routine, clock: FakeClock
) -> None:
    from tests.tui.test_cues import FakeLaunch

    launch = FakeLaunch()
    app = make_app(
        short, voice=True, quiet=True, which=lambda name: f"/usr/bin/{name}", launch=launch
    )
    rung = listen(app)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance(pilot, clock, 4.0)
    assert launch.spoken == ["Breathe in", "Breathe out"]
    assert rung == []  # --quiet: no bell


async def test_title_is_only_coach_and_no_color_is_respected(
    make_app: AppFactory, short: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert (app.title, app.sub_title) == ("coach", "")
        assert app.no_color
        assert text(app, "#phase") == "Breathe in"  # the words carry it, not the colours


async def test_a_crash_keeps_the_session_and_prints_no_private_values(
    make_app: AppFactory,
    short: Routine,
    clock: FakeClock,
    paths: Paths,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_app(short)
    with pytest.raises(ValueError, match="a private note"):  # Pilot hands it to the test
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            await advance(pilot, clock, 21.0)
            for _ in range(3):  # one fault can fail several widgets in turn
                try:
                    raise ValueError("a private note")
                except ValueError as error:
                    app._handle_exception(error)
            await pilot.pause()
    printed = capsys.readouterr().err
    assert "ValueError" in printed and printed.count("What you did is saved.") == 1
    assert "a private note" not in printed
    assert "textual run" not in printed  # no developer hints for someone mid-practice
    session = saved(paths)
    assert session.status == "interrupted"
    # The finished step, and the one under way when it happened (1 s into its 30 s).
    assert [(s.outcome, s.done_seconds) for s in session.steps] == [("done", 20), ("partial", 1)]


@pytest.mark.usefixtures("paused_collector")
async def test_the_collector_runs_again_once_the_first_screen_is_up(
    make_app: AppFactory,
) -> None:
    # The entry point pauses it for start-up; a session that runs for minutes needs it back.
    app = make_app(single_step("breathe"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()


BRACKETS = """\
schema_version = 1
name = "Left [side] first [/]"
summary = "Both [bold]sides[/bold], gently."
caution = "Skip it if [red] sore."

[[steps]]
type = "rest"
title = "Lie on your [left] side"
guide = "Rest [/] here."
seconds = 10

[[steps]]
type = "rest"
title = "Then [/right]"
seconds = 10
"""


async def test_routine_text_is_shown_exactly_as_written(
    make_app: AppFactory, clock: FakeClock
) -> None:
    # Square brackets are a physiotherapist's words, not styling: nothing vanishes or crashes.
    app = make_app(make_routine(BRACKETS))
    async with app.run_test(size=SIZE) as pilot:
        assert text(app, "#preview-title") == "Left [side] first [/]"
        assert text(app, "#summary-text") == "Both [bold]sides[/bold], gently."
        assert text(app, "#caution") == "Please note: Skip it if [red] sore."
        assert "Lie on your [left] side" in screen_text(app)
        await start(pilot)
        assert text(app, "#step-title") == "Lie on your [left] side"
        assert text(app, "#guide") == "Rest [/] here."
        assert text(app, "#next").startswith("next  Then [/right]")


def screen_text(app: CoachApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


LONG_GUIDE = " ".join(["Let your shoulders drop and your jaw soften as you breathe."] * 12)


async def test_a_long_guide_ends_with_an_ellipsis_where_it_is_cut(
    make_app: AppFactory,
) -> None:
    routine = make_routine(
        'schema_version = 1\nname = "Long"\n\n[[steps]]\ntype = "rest"\n'
        f'title = "Settle"\nguide = "{LONG_GUIDE}"\nseconds = 30\n'
    )
    app = make_app(routine)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        shown = text(app, "#guide").splitlines()
        assert len(shown) == 6 and shown[-1].endswith("…")
        assert " ".join(shown).startswith(LONG_GUIDE[:200])
        await pilot.resize_terminal(200, 50)  # room for all of it: whole, with no ellipsis
        await pilot.pause()
        assert " ".join(text(app, "#guide").splitlines()) == LONG_GUIDE


async def test_a_small_terminal_puts_the_countdown_beside_the_phase(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(single_step("breathe"))
    async with app.run_test(size=(60, 15)) as pilot:
        await start(pilot)
        await pilot.pause()  # the size class applies after the first layout
        assert text(app, "#phase") == "Breathe in · 4"
        assert not app.screen.query_one("#countdown").display
        shown = screen_text(app)
        assert "Breathe in · 4" in shown and "breath 1 of 8" in shown and "2:06 left" in shown
        await advance(pilot, clock, 1.5)
        assert text(app, "#phase") == "Breathe in · 3"
        await pilot.resize_terminal(80, 24)  # room again: the big countdown comes back
        await pilot.pause()
        await pilot.pause()
        assert text(app, "#phase") == "Breathe in"
        assert app.screen.query_one("#countdown").display


async def test_the_one_time_notice_goes_once_the_first_step_is_over(
    make_app: AppFactory, clock: FakeClock, paths: Paths
) -> None:
    paths.data.mkdir(parents=True, exist_ok=True)
    paths.data.chmod(0o755)  # someone else could read it: coach makes it private and says so
    app = make_app(single_step("rest"))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert "now private to you" in text(app, "#status")
        await pilot.press("n")
        await pilot.pause()
        assert text(app, "#status") == ""
        await pilot.press("p")  # back to the first step: said once is enough
        await pilot.pause()
        assert text(app, "#where") == "step 1 of 2"
        assert text(app, "#status") == ""


async def test_a_step_boundary_cues_and_draws_before_it_saves(
    make_app: AppFactory,
    short: Routine,
    clock: FakeClock,
    paths: Paths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []
    real_write = sessions.atomic_write

    def slow_disk(path: Path, data: bytes) -> None:
        events.append(f"save {data.count(b'[[steps]]')} steps")
        real_write(path, data)

    monkeypatch.setattr(sessions, "atomic_write", slow_disk)
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        app.bell = lambda: events.append("bell")  # type: ignore[method-assign]
        display = app._display  # Textual's one door to the terminal, headless or not

        def draw(screen: object, update: object) -> None:
            if update is not None:
                events.append(f"frame {text(app, '#phase')}")
            display(screen, update)  # type: ignore[arg-type]

        monkeypatch.setattr(app, "_display", draw)
        events.clear()
        await advance(pilot, clock, 20.0)  # the breathing step ends: squeeze begins
        assert events[0] == "bell"
        saves = [n for n, event in enumerate(events) if event.startswith("save")]
        assert [events[n] for n in saves] == ["save 1 steps"]  # once, the finished step
        assert "frame Squeeze gently" in events[: saves[0]]  # the new phase is on screen first
        assert saved(paths).steps[0].outcome == "done"


async def test_a_real_failure_reaches_the_private_crash_path(
    make_app: AppFactory,
    short: Routine,
    clock: FakeClock,
    paths: Paths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Textual's own error handling, not a call from the test, must land in our crash path:
    if Textual renames the method coach overrides, this fails instead of printing locals."""
    app = make_app(short)
    with pytest.raises(ValueError, match="a private note"):
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)

            def fail(self: SessionScreen, state: object) -> None:
                raise ValueError("a private note")

            monkeypatch.setattr(SessionScreen, "show", fail)
            await pilot.press("space")  # pausing redraws the screen, which now fails
            await pilot.pause()
    printed = capsys.readouterr().err
    assert "ValueError" in printed and "What you did is saved." in printed
    assert "a private note" not in printed
    assert saved(paths).status == "interrupted"


@pytest.mark.parametrize(
    ("saving", "on_disk", "words"),
    [
        (True, True, "What you have done so far is kept"),
        (True, False, "not on disk yet; coach will try again"),
        (False, False, "Nothing is being saved, as you chose"),
    ],
)
def test_the_stop_dialog_never_claims_a_save_that_did_not_happen(
    saving: bool, on_disk: bool, words: str
) -> None:
    kept = ConfirmStopScreen(saving=saving, on_disk=on_disk).kept
    assert words in kept
    assert ("kept" in kept) == (saving and on_disk)


@pytest.mark.parametrize("leave", ["ctrl+q", "signal"])
async def test_leaving_on_the_checkin_keeps_what_was_typed(
    make_app: AppFactory, short: Routine, clock: FakeClock, paths: Paths, leave: str
) -> None:
    app = make_app(short)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await advance(pilot, clock, 40.0)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("3", "enter", "1", "1", "enter")  # 11 is not a rating: left out
        await pilot.press("tab", *"calmer today")  # typed, never saved with Enter
        if leave == "ctrl+q":
            await pilot.press("ctrl+q")
        else:
            app.end_by_signal()  # what SIGTERM and SIGHUP call
        await pilot.pause()
    session = saved(paths)
    assert session.status == "completed"
    assert saved_checkin(paths) == (3, None, "calmer today")
