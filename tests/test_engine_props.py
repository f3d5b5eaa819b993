"""Property tests: for any routine and any way of ticking, pausing and skipping, the
timeline adds up, never runs backwards unasked, and reports each phase exactly once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.engine import Engine, Phase, step_phases
from coach.core.routines import Breathe, Rest, Routine, SqueezeRelease, Step, TenseRelease, Trainer
from tests.fakes import FakeClock

seconds = st.sampled_from([0.5, 1, 2, 3, 4.25, 6, 10])
counts = st.integers(min_value=1, max_value=3)

steps = st.one_of(
    st.builds(
        Breathe,
        title=st.just("b"),
        guide=st.just(""),
        inhale=seconds,
        exhale=seconds,
        cycles=counts,
        hold_in=st.sampled_from([0, 1, 4]),
        hold_out=st.sampled_from([0, 2]),
    ),
    st.builds(
        TenseRelease,
        title=st.just("t"),
        guide=st.just(""),
        tense=seconds,
        release=seconds,
        repeat=counts,
    ),
    st.builds(
        SqueezeRelease,
        title=st.just("s"),
        guide=st.just(""),
        squeeze=seconds,
        release=seconds,
        reps=counts,
        sets=counts,
        rest=st.sampled_from([0, 5]),
    ),
    st.builds(Trainer, title=st.just("tr"), guide=st.just(""), minutes=st.sampled_from([0.1, 1])),
    st.builds(Rest, title=st.just("r"), guide=st.just(""), seconds=seconds),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), st.floats(min_value=0, max_value=30)),
        st.tuples(st.sampled_from(["pause", "resume", "next", "back", "poll"]), st.just(0.0)),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(steps, min_size=1, max_size=4), operations)
def test_timeline_adds_up_and_reports_each_phase_once(
    routine_steps: list[Step], ops: list[tuple[str, float]]
) -> None:
    clock = FakeClock()
    engine = Engine(Routine(name="p", title="P", steps=tuple(routine_steps)), clock=clock)
    engine.start()
    seen: list[Phase] = []
    model_active = 0.0
    position = engine.state().position
    jumped = True  # a visit may begin at phase 0 only after start, next, back or its previous end

    def collect() -> None:
        nonlocal jumped
        for phase in engine.poll():
            if seen and phase.number == 0 and not jumped:
                last = seen[-1]
                steps_of_last = step_phases(routine_steps[last.step_index], last.step_index)
                assert last.number == len(steps_of_last) - 1, "a phase was skipped"
                assert phase.step_index == last.step_index + 1
            elif seen and phase.number != 0:
                assert phase.step_index == seen[-1].step_index
                assert phase.number == seen[-1].number + 1, "a phase was skipped or repeated"
            jumped = False
            seen.append(phase)

    for op, amount in ops:
        before = engine.status
        if op == "tick":
            clock.advance(amount)
            if before == "running":
                model_active += amount
        elif op == "pause":
            engine.pause()
        elif op == "resume":
            engine.resume()
        elif op in ("next", "back"):
            collect()
            if engine.status in ("running", "paused"):
                jumped = True
            (engine.next_step if op == "next" else engine.previous_step)()
        collect()
        state = engine.state()
        if op != "back":
            assert state.position >= position - 1e-9, "time went backwards"
        position = state.position
        if state.status in ("running", "paused"):
            assert abs(state.elapsed - model_active) < 1e-6
        else:
            assert state.elapsed <= model_active + 1e-6
        assert abs(engine.active_seconds - state.elapsed) < 1e-6
        assert 0 <= state.phase_left <= state.phase.duration
        assert 0 <= state.position <= state.total

    collect()
    recorded = sum(record.done_seconds for record in engine.records)
    if engine.status in ("finished", "stopped"):
        assert abs(recorded - engine.active_seconds) < 1e-6
    for record in engine.records:
        if record.outcome == "done":
            assert record.done_seconds == record.planned_seconds
        else:
            assert 0 <= record.done_seconds <= record.planned_seconds + 1e-6
    if engine.status == "finished" and all(r.outcome == "done" for r in engine.records):
        assert abs(engine.active_seconds - engine.total) < 1e-6
        total_traversed = sum(phase.duration for phase in seen)
        assert abs(total_traversed - engine.total) < 1e-6
