"""When the session screen wakes: on the countdown's whole seconds, the gauge's half seconds."""

from __future__ import annotations

import itertools
import math

import pytest

from coach.core.engine import Engine, State, step_phases
from coach.core.pacing import GAUGE_FRAME, LATE, next_wake
from coach.core.routines import Breathe, Rest, Routine, Step
from tests.fakes import FakeClock

REST = Rest(title="Rest", guide="", seconds=5)
BREATHE = Breathe(title="Breathe", guide="", inhale=4, hold_in=2, exhale=6, cycles=1)


def started(*steps: Step) -> tuple[Engine, FakeClock]:
    clock = FakeClock()
    engine = Engine(Routine(name="test", title="Test", steps=steps), clock=clock)
    engine.start()
    return engine, clock


def shown(state: State) -> tuple[int, int, int]:
    """What the countdown shows: step, phase, whole seconds left rounded up."""
    return state.step_index, state.phase.number, math.ceil(state.phase_left - 1e-9)


def wake(engine: Engine) -> float:
    delay = next_wake(engine.state())
    assert delay is not None
    return delay


def test_a_still_gauge_wakes_on_the_countdowns_whole_seconds() -> None:
    engine, _clock = started(REST)
    assert wake(engine) == pytest.approx(1 + LATE)


def test_a_moving_gauge_wakes_every_half_second_on_the_same_grid() -> None:
    engine, clock = started(BREATHE)  # breathing in: the gauge rises
    assert wake(engine) == pytest.approx(GAUGE_FRAME + LATE)
    clock.advance(4.0)  # holding: the gauge stands still, so whole seconds again
    assert engine.state().phase.kind == "hold_in"
    assert wake(engine) == pytest.approx(1 + LATE)


@pytest.mark.parametrize("late", [0.05, 0.3, 0.7, 0.995])
def test_after_a_late_look_it_wakes_at_the_next_whole_second(late: float) -> None:
    engine, clock = started(REST)
    clock.advance(1 + LATE + late)
    before = shown(engine.state())
    delay = wake(engine)
    assert 0 < delay <= 1 + LATE
    clock.advance(delay - 2 * LATE)  # just before: nothing to show yet, so not early
    assert shown(engine.state()) == before
    clock.advance(2 * LATE)  # at the wake: exactly one second less
    assert shown(engine.state())[2] == before[2] - 1


def test_a_late_look_on_a_moving_gauge_wakes_at_the_next_half_second() -> None:
    engine, clock = started(BREATHE)
    clock.advance(0.8)  # 3.2 s of breathing in left: the next step is at 3.0
    assert wake(engine) == pytest.approx(0.2 + LATE)


def test_a_look_just_before_a_phase_ends_wakes_just_after_it() -> None:
    engine, clock = started(BREATHE)
    clock.advance(4.0 - 0.001)
    assert wake(engine) == pytest.approx(0.001 + LATE)
    clock.advance(wake(engine))
    assert engine.state().phase.kind == "hold_in"


@pytest.mark.parametrize("lateness", [(0.0,), (0.0, 0.2, 0.05, 0.4, 0.01)])
def test_every_second_of_every_phase_is_shown_once(lateness: tuple[float, ...]) -> None:
    """Waking as told, even a little late each time, shows each second: none skipped,
    none repeated, to the end of the routine."""
    engine, clock = started(REST, BREATHE, REST)
    seen = [shown(engine.state())]
    for late in itertools.cycle(lateness):
        delay = next_wake(engine.state())
        if delay is None:
            break
        clock.advance(delay + late)
        if (now := shown(engine.state())) != seen[-1] and engine.state().status == "running":
            seen.append(now)
    expected = [
        (step, phase.number, second)
        for step, routine_step in enumerate((REST, BREATHE, REST))
        for phase in step_phases(routine_step, step)
        for second in range(math.ceil(phase.duration), 0, -1)
    ]
    assert seen == expected
    assert engine.state().status == "finished"


def test_paused_finished_or_not_started_it_does_not_wake_at_all() -> None:
    engine, clock = started(REST)
    engine.pause()
    assert next_wake(engine.state()) is None
    clock.advance(3600)  # an hour paused: still nothing to redraw
    assert next_wake(engine.state()) is None
    engine.resume()
    assert wake(engine) == pytest.approx(1 + LATE)
    clock.advance(5.0)
    assert engine.state().status == "finished"
    assert next_wake(engine.state()) is None
    ready = Engine(Routine(name="test", title="Test", steps=(REST,)), clock=clock)
    assert next_wake(ready.state()) is None
