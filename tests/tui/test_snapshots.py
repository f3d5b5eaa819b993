"""How each screen looks at 80x24 with a frozen clock; review the SVGs before updating them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot

from coach.core.cues import Cues
from coach.core.paths import Paths
from coach.core.routines import Routine
from coach.tui.app import CoachApp
from coach.tui.screens.session import SessionScreen
from tests.fakes import FakeClock
from tests.tui.conftest import SHORT, TRAINER_PRACTICE, AppFactory, make_routine, single_step

Compare = Callable[..., bool]
Step = str | float  # a key to press, or seconds for the clock to move on


def steps_to(clock: FakeClock, steps: Sequence[Step]) -> Callable[[Pilot[int]], Awaitable[None]]:
    async def run_before(pilot: Pilot[int]) -> None:
        await pilot.pause()
        for step in steps:
            if isinstance(step, str):
                await pilot.press(step)
            else:
                clock.advance(step)
                if isinstance(pilot.app.screen, SessionScreen):
                    pilot.app.screen.tick()
            await pilot.pause()

    return run_before


@pytest.fixture
def fixed_paths(tmp_path: Path) -> Paths:
    # The picker shows where your own routines go: keep that path the same on every machine.
    return Paths(data=tmp_path / "data", config=Path("/home/you/.config/coach"))


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no-color"])
def test_picker(
    snap_compare: Compare,
    fixed_paths: Paths,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_color: bool,
) -> None:
    """No history yet: the first try on top, the cursor one row down, its summary below."""
    # Routines of the test's own, so a new built-in routine does not change this picture.
    shelf = tmp_path / "builtin"
    shelf.mkdir()
    (shelf / "evening-unwind.toml").write_text(
        SHORT.replace("Short practice", "Evening unwind").replace(
            "Two breaths, one squeeze, a moment of rest.",
            "Slow belly breathing, tense-and-let-go from head to toe, then quiet rest.",
        ),
        encoding="utf-8",
    )
    (shelf / "first-try.toml").write_text(
        SHORT.replace("Short practice", "First try"), encoding="utf-8"
    )
    (shelf / "short.toml").write_text(SHORT, encoding="utf-8")
    monkeypatch.setattr("coach.core.routines.builtin_dir", lambda: shelf)
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = CoachApp(None, fixed_paths, cues=Cues(), clock=clock, show_safety=False)
    assert snap_compare(app, terminal_size=(80, 24), press=["down"])


def test_preview(snap_compare: Compare, make_app: AppFactory) -> None:
    routine = make_routine(
        SHORT.replace(
            'summary = "Two breaths, one squeeze, a moment of rest."',
            'summary = "Two breaths, one squeeze, a moment of rest."\n'
            'caution = "Skip the squeeze if you are sore today."',
        )
    )
    assert snap_compare(make_app(routine), terminal_size=(80, 24))


@pytest.mark.parametrize(
    ("kind", "seconds"),
    [
        ("breathe", 2.5),
        ("tense-release", 3.0),
        ("squeeze-release", 14.0),
        ("trainer", 75.0),
        ("rest", 21.0),
    ],
)
def test_session(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock, kind: str, seconds: float
) -> None:
    app = make_app(single_step(kind))
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", seconds]))


def test_session_in_a_larger_terminal(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(single_step("breathe"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=steps_to(clock, ["enter", 2.5]))


def test_paused(snap_compare: Compare, make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(single_step("breathe"))
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", 2.5, "space", 60.0])
    )


def test_confirm_stop(snap_compare: Compare, make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(single_step("breathe"))
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", 2.5, "q"])
    )


def test_help(snap_compare: Compare, make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(single_step("breathe"))
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", 1.0, "question_mark"])
    )


def test_checkin_refusing_a_rating(
    snap_compare: Compare, make_app: AppFactory, short: Routine, clock: FakeClock
) -> None:
    app = make_app(short)
    keys: list[Step] = ["enter", 5.0, "q", "y", "3", "enter", "1", "1"]
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, keys))


def test_summary(
    snap_compare: Compare, make_app: AppFactory, short: Routine, clock: FakeClock
) -> None:
    app = make_app(short)
    keys: list[Step] = ["enter", 40.0, "2", "enter", "3", "enter", "enter"]
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, keys))


def test_first_run_safety(snap_compare: Compare, make_app: AppFactory, new_user: Paths) -> None:
    assert snap_compare(make_app(make_routine(SHORT)), terminal_size=(80, 24))


# Through a minute of trainer practice to its check-in, which now comes first.
TO_TRAINER_CHECKIN: list[Step] = ["enter", 5.0, 60.0]


def test_trainer_checkin(snap_compare: Compare, make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, TO_TRAINER_CHECKIN))


def test_trainer_checkin_refusing_an_answer(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    keys: list[Step] = [*TO_TRAINER_CHECKIN, *"trainer", "enter", "2", "enter", "enter", *"90"]
    keys.append("enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, keys))


def test_summary_with_advice(snap_compare: Compare, make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    keys: list[Step] = [*TO_TRAINER_CHECKIN, "f", "enter", "p", "enter", "enter", "enter"]
    keys += ["2", "enter"]
    keys += ["7", "enter", "3", "enter", "enter", "enter", "enter", "n", "enter", "enter"]
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, keys))


def test_trainer_checkin_asks_about_movement_or_position(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    keys: list[Step] = [*TO_TRAINER_CHECKIN, "f", "enter", "f", "enter", "enter", *"pos"]
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, keys))


def test_preview_gives_the_reasons_to_wait_before_trainer_practice(
    snap_compare: Compare, make_app: AppFactory
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"))
    assert snap_compare(app, terminal_size=(80, 24))


def test_support_overlay_during_a_session(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(single_step("breathe"))
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", 1.0, "ctrl+s"])
    )
