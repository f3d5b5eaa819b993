"""The engine: phases, deadlines, pause, skip, back and stop, with a fake clock."""

from __future__ import annotations

import pytest

from coach.core.engine import Engine, gauge_level, step_phases, trainer_breath
from coach.core.routines import Breathe, Rest, Routine, SqueezeRelease, Step, TenseRelease, Trainer
from tests.fakes import FakeClock


def routine(*steps: Step) -> Routine:
    return Routine(name="test", title="Test", steps=steps)


BREATHE = Breathe(title="Breathe", guide="", inhale=4, exhale=6, cycles=2)
TENSE = TenseRelease(title="Hands", guide="", tense=6, release=30)
REST = Rest(title="Rest", guide="", seconds=20)


def started(*steps: Step) -> tuple[Engine, FakeClock]:
    clock = FakeClock()
    engine = Engine(routine(*steps), clock=clock)
    engine.start()
    return engine, clock


def labels(engine: Engine) -> list[str]:
    return [f"{p.label}|{p.count}" for p in engine.poll()]


def test_breathing_expands_to_in_and_out_and_leaves_out_zero_holds() -> None:
    phases = step_phases(BREATHE)
    assert [(p.label, p.duration, p.count) for p in phases] == [
        ("Breathe in", 4, "breath 1 of 2"),
        ("Breathe out", 6, "breath 1 of 2"),
        ("Breathe in", 4, "breath 2 of 2"),
        ("Breathe out", 6, "breath 2 of 2"),
    ]
    box = Breathe(title="Box", guide="", inhale=4, hold_in=4, exhale=4, hold_out=4, cycles=1)
    assert [p.label for p in step_phases(box)] == ["Breathe in", "Hold", "Breathe out", "Hold"]


def test_squeeze_sets_have_rest_between_sets_but_not_after_the_last() -> None:
    step = SqueezeRelease(title="Sq", guide="", squeeze=3, release=10, reps=2, sets=2, rest=30)
    phases = step_phases(step)
    assert [(p.label, p.count) for p in phases] == [
        ("Squeeze gently", "rep 1 of 2, set 1 of 2"),
        ("Release", "rep 1 of 2, set 1 of 2"),
        ("Squeeze gently", "rep 2 of 2, set 1 of 2"),
        ("Release", "rep 2 of 2, set 1 of 2"),
        ("Rest", "set 1 of 2 done"),
        ("Squeeze gently", "rep 1 of 2, set 2 of 2"),
        ("Release", "rep 1 of 2, set 2 of 2"),
        ("Squeeze gently", "rep 2 of 2, set 2 of 2"),
        ("Release", "rep 2 of 2, set 2 of 2"),
    ]
    assert phases[-1].end == step.planned_seconds == 4 * 13 + 30


def test_trainer_is_one_practice_phase_with_a_slow_breathing_pacer() -> None:
    (phase,) = step_phases(Trainer(title="T", guide="", minutes=10))
    assert (phase.label, phase.duration) == ("Practise gently", 600)
    assert trainer_breath(0) == ("Breathe in", 0)
    assert trainer_breath(4)[0] == "Breathe out"
    assert trainer_breath(9.0) == ("Breathe out", pytest.approx(1 / 6))
    assert trainer_breath(10)[0] == "Breathe in"


def test_gauge_fills_on_the_in_breath_and_empties_on_the_out_breath() -> None:
    inhale, exhale = step_phases(BREATHE)[:2]
    assert [gauge_level(inhale, t) for t in (0, 2, 4)] == [0, 0.5, 1]
    assert [gauge_level(exhale, t) for t in (0, 3, 6)] == [1, 0.5, 0]


def test_before_start_nothing_moves_and_start_announces_the_first_phase() -> None:
    clock = FakeClock()
    engine = Engine(routine(BREATHE), clock=clock)
    clock.advance(50)
    state = engine.state()
    assert (state.status, state.step_elapsed, state.position) == ("ready", 0, 0)
    assert engine.poll() == []
    engine.start()
    assert labels(engine) == ["Breathe in|breath 1 of 2"]
    assert engine.state().phase_left == 4


def test_a_phase_ends_exactly_at_its_deadline() -> None:
    engine, clock = started(BREATHE)
    engine.poll()
    clock.advance(3.999)
    assert engine.state().phase.label == "Breathe in"
    assert engine.poll() == []
    clock.advance(0.001)
    state = engine.state()
    assert (state.phase.label, state.phase_left, state.step_left) == ("Breathe out", 6, 16)
    assert labels(engine) == ["Breathe out|breath 1 of 2"]


def test_a_late_tick_reports_every_phase_passed_once_in_order() -> None:
    engine, clock = started(BREATHE, TENSE)
    engine.poll()
    clock.advance(27)  # far into "Let go" of the second step
    assert labels(engine) == [
        "Breathe out|breath 1 of 2",
        "Breathe in|breath 2 of 2",
        "Breathe out|breath 2 of 2",
        "Tense|",
        "Let go|",
    ]
    assert engine.poll() == []
    state = engine.state()
    assert (state.step_index, state.phase_left) == (1, 29)
    assert [(r.title, r.done_seconds, r.outcome) for r in engine.records] == [
        ("Breathe", 20, "done")
    ]


def test_pause_across_a_phase_boundary_freezes_the_countdown() -> None:
    engine, clock = started(BREATHE)
    engine.poll()
    clock.advance(3.5)
    engine.pause()
    clock.advance(120)
    state = engine.state()
    assert (state.status, state.phase.label, state.phase_left) == ("paused", "Breathe in", 0.5)
    assert engine.poll() == []
    engine.resume()
    clock.advance(0.5)
    assert labels(engine) == ["Breathe out|breath 1 of 2"]
    assert engine.active_seconds == 4


def test_finishing_counts_exactly_the_plan_however_late_the_last_tick() -> None:
    engine, clock = started(BREATHE, REST)
    clock.advance(10)
    engine.toggle_pause()
    clock.advance(60)
    engine.toggle_pause()
    clock.advance(500)
    state = engine.state()
    assert (state.status, state.position, state.total_left) == ("finished", state.total, 0)
    assert engine.active_seconds == 40
    assert [r.outcome for r in engine.records] == ["done", "done"]
    clock.advance(10)
    assert engine.active_seconds == 40


def test_skip_at_the_first_step_keeps_the_time_done() -> None:
    engine, clock = started(BREATHE, TENSE, REST)
    clock.advance(7)
    engine.next_step()
    state = engine.state()
    assert (state.step_index, state.step_elapsed, state.position) == (1, 0, 20)
    assert [(r.title, r.done_seconds, r.outcome) for r in engine.records] == [
        ("Breathe", 7, "skipped")
    ]
    assert labels(engine)[-1] == "Tense|"


def test_skip_at_the_last_step_ends_the_session() -> None:
    engine, clock = started(BREATHE, REST)
    clock.advance(25)
    engine.next_step()
    assert engine.status == "finished"
    assert [(r.done_seconds, r.outcome) for r in engine.records] == [(20, "done"), (5, "skipped")]
    assert engine.active_seconds == 25
    engine.next_step()  # nothing more to skip
    assert len(engine.records) == 2


def test_back_at_the_first_step_restarts_it() -> None:
    engine, clock = started(BREATHE, REST)
    engine.poll()
    clock.advance(5)
    engine.previous_step()
    state = engine.state()
    assert (state.step_index, state.step_elapsed, state.phase.label) == (0, 0, "Breathe in")
    assert labels(engine) == ["Breathe out|breath 1 of 2", "Breathe in|breath 1 of 2"]
    assert [(r.done_seconds, r.outcome) for r in engine.records] == [(5, "partial")]


def test_back_at_the_last_step_returns_to_the_one_before() -> None:
    engine, clock = started(BREATHE, REST)
    clock.advance(30)
    engine.previous_step()
    state = engine.state()
    assert (state.step_index, state.position) == (0, 0)
    clock.advance(40)
    assert engine.status == "finished"
    assert [(r.title, r.done_seconds, r.outcome) for r in engine.records] == [
        ("Breathe", 20, "done"),
        ("Rest", 10, "partial"),
        ("Breathe", 20, "done"),
        ("Rest", 20, "done"),
    ]
    assert engine.active_seconds == 70


def test_stop_keeps_the_step_in_progress_as_partial_and_freezes_time() -> None:
    engine, clock = started(BREATHE, REST)
    clock.advance(12.25)
    engine.stop()
    clock.advance(100)
    assert engine.status == "stopped"
    assert engine.active_seconds == 12.25
    assert [(r.done_seconds, r.outcome) for r in engine.records] == [(12.25, "partial")]
    engine.next_step()
    engine.resume()
    assert engine.status == "stopped"


def test_stop_while_paused_counts_only_active_time() -> None:
    engine, clock = started(REST)
    clock.advance(3)
    engine.pause()
    clock.advance(30)
    engine.stop()
    assert engine.active_seconds == 3


def test_skipping_while_paused_stays_paused_at_the_next_step() -> None:
    engine, clock = started(BREATHE, REST)
    clock.advance(2)
    engine.pause()
    engine.next_step()
    clock.advance(9)
    state = engine.state()
    assert (state.status, state.step_index, state.step_left) == ("paused", 1, 20)


def test_nothing_on_screen_suggests_breathing_out_to_release() -> None:
    # clinical.md "Cue wording": letting go happens on an in-breath, so a release never
    # shrinks like an out-breath; the bar is empty and still.
    for step in (
        SqueezeRelease(title="S", guide="", squeeze=3, release=10, reps=1),
        TenseRelease(title="T", guide="", tense=6, release=30),
    ):
        effort, release = step_phases(step)
        assert gauge_level(effort, effort.duration) > 0
        assert {gauge_level(release, t) for t in (0, release.duration / 2, release.duration)} == {0}
        assert "out" not in release.label.lower() and "out" not in release.cue.lower()


def test_the_squeeze_label_follows_the_routine() -> None:
    gentle = SqueezeRelease(title="S", guide="", squeeze=3, release=10, reps=1)
    strong = SqueezeRelease(title="S", guide="", squeeze=10, release=20, reps=1, effort="strength")
    assert step_phases(gentle)[0].label == "Squeeze gently"
    assert "half effort" in step_phases(gentle)[0].cue
    assert step_phases(strong)[0].label == "Squeeze and lift"
    assert "half" not in step_phases(strong)[0].cue
    assert gauge_level(step_phases(strong)[0], 10) == 1
