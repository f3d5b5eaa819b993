"""The turns step against the fake clock: one phase per turn, a swap cue, no drift."""

from __future__ import annotations

from coach.core.cues import Cues
from coach.core.engine import Engine, step_phases
from coach.core.routines import Rest, Routine, Turns
from coach.views.plain import phase_line
from tests.fakes import FakeClock

TWO = Turns(title="Touch in turns", guide="", minutes=15, turns=2)
QUIET = Rest(title="Lying quietly", guide="", seconds=300)


def started(*steps: Turns | Rest) -> tuple[Engine, FakeClock]:
    clock = FakeClock()
    engine = Engine(Routine(name="focus", title="Focus", steps=steps), clock=clock)
    engine.start()
    return engine, clock


def test_each_turn_is_one_phase_named_by_its_place_never_a_role() -> None:
    phases = step_phases(Turns(title="T", guide="", minutes=5, turns=3))
    assert [(p.label, p.offset, p.duration, p.count) for p in phases] == [
        ("First turn", 0, 300, "swap at the bell"),
        ("Second turn", 300, 300, "swap at the bell"),
        ("Third turn", 600, 300, ""),
    ]
    assert [p.spoken for p in phases] == ["First turn", "Swap. Second turn", "Swap. Third turn"]
    assert "Swap" in phases[1].cue and "Swap" not in phases[0].cue


def test_one_turn_is_your_own_time_with_no_swap() -> None:
    (phase,) = step_phases(Turns(title="T", guide="", minutes=30, turns=1))
    assert (phase.label, phase.spoken, phase.duration, phase.count) == (
        "Your time",
        "Your time",
        1800,
        "",
    )


def test_the_swap_comes_exactly_at_fifteen_minutes_and_quiet_time_at_thirty() -> None:
    engine, clock = started(TWO, QUIET)
    assert [p.label for p in engine.poll()] == ["First turn"]
    clock.advance(899.99)
    assert engine.poll() == [] and engine.state().phase.label == "First turn"
    assert round(engine.state().phase_left, 2) == 0.01
    clock.advance(0.01)
    assert [p.spoken for p in engine.poll()] == ["Swap. Second turn"]
    clock.advance(900)
    assert [p.label for p in engine.poll()] == ["Rest"]
    assert engine.state().step.title == "Lying quietly"
    clock.advance(300)
    assert engine.status == "finished"
    assert engine.active_seconds == 2100


def test_a_pause_holds_the_turn_and_a_late_look_cues_the_swap_once() -> None:
    engine, clock = started(TWO, QUIET)
    engine.poll()
    clock.advance(600)
    engine.pause()
    clock.advance(5000)  # a long pause: the turn waits
    assert engine.state().phase.label == "First turn"
    assert round(engine.state().phase_left) == 300
    engine.resume()
    clock.advance(1199)  # a late look, a second before the second turn ends
    assert [p.label for p in engine.poll()] == ["Second turn"]
    assert round(engine.state().phase_left) == 1
    bells: list[str] = []
    cues = Cues(bell=lambda: bells.append("ding"))
    clock.advance(310)  # late again, past the swap *and* into the rest: one bell, not two
    cues.phases(engine.poll())
    assert bells == ["ding"]
    assert engine.state().step.title == "Lying quietly"


def test_plain_mode_says_the_swap_before_the_new_turn() -> None:
    phases = step_phases(TWO)
    assert phase_line(phases[0]) == "First turn, 15 min (swap at the bell)"
    assert phase_line(phases[1]) == "Swap. Second turn, 15 min"
