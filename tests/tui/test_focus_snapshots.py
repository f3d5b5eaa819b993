"""Sensate focus at 80x24 with a frozen clock: a turn, each check-in and the hand-over."""

from __future__ import annotations

from tests.fakes import FakeClock
from tests.tui.conftest import AppFactory
from tests.tui.test_focus import focus_routine
from tests.tui.test_snapshots import Compare, Step, steps_to

# Through both turns and the quiet time, to the first person's check-in, partly answered.
FIRST_CHECKIN: list[Step] = ["enter", 150.0, "7", "enter", "2", "enter"]


def test_focus_second_turn_after_the_swap(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(focus_routine())
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, ["enter", 61.0]))


def test_focus_first_check_in(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(focus_routine())
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, FIRST_CHECKIN))


def test_focus_hand_over(snap_compare: Compare, make_app: AppFactory, clock: FakeClock) -> None:
    keys: list[Step] = [*FIRST_CHECKIN, "n", "o", "enter", "enter"]
    app = make_app(focus_routine())
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, keys))


def test_focus_second_check_in(
    snap_compare: Compare, make_app: AppFactory, clock: FakeClock
) -> None:
    keys: list[Step] = [*FIRST_CHECKIN, "n", "o", "enter", "enter", "enter", "5"]
    app = make_app(focus_routine())
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps_to(clock, keys))
