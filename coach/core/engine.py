"""The session timeline: steps become phases, and any instant maps to "what now" (pure).

Everything is computed from the clock and a few remembered instants (when the session
started, how long it has been paused, where the current step began in active time), never
by counting ticks, so a late or irregular caller cannot make the timeline drift.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from coach.core.records import Outcome, StepRecord
from coach.core.routines import (
    TURN_WORDS,
    Breathe,
    Rest,
    Routine,
    SqueezeRelease,
    Step,
    TenseRelease,
    Trainer,
    Turns,
)

Clock = Callable[[], float]
EngineStatus = Literal["ready", "running", "paused", "finished", "stopped"]

# (label, cue) for each kind of phase; labels are the words the session screen shows large.
PHASE_WORDS: dict[str, tuple[str, str]] = {
    "inhale": ("Breathe in", "Let your belly rise and your pelvic floor soften."),
    "hold_in": ("Hold", "Stay soft. Holding is always optional."),
    "exhale": ("Breathe out", "Let the breath go slowly."),
    "hold_out": ("Hold", "Rest before the next breath. Holding is always optional."),
    "tense": ("Tense", "Gently, never to the point of pain."),
    "let_go": ("Let go", "Let it all go and notice the difference."),
    "squeeze": ("Squeeze gently", "About half effort, breathing normally."),
    "lift": (
        "Squeeze and lift",
        "Never to the point of pain. Keep breathing; buttocks and thighs soft.",
    ),
    "release": ("Release", "Let go completely as you breathe in."),
    "set_rest": ("Rest", "Breathe normally before the next set."),
    "practice": ("Practise gently", "Breathe slowly. Never force; stop if it hurts."),
    "rest": ("Rest", "Breathe normally and notice how your body feels."),
    # Sensate focus: the label of a turn is its place in the order ("First turn"), never a role.
    "turn": ("Turn", "Notice temperature, pressure and texture, for your own interest."),
    "swap": ("Turn", "Swap gently, in your own time. There is no hurry."),
    "own_time": ("Your time", "Notice temperature, pressure and texture, at your own pace."),
}
SWAP_WORD = "Swap"

# How full the gauge is at the start and end of each kind of phase (0 empty, 1 full):
# it fills on the in-breath and empties on the out-breath; it fills with a tense or a
# squeeze (a gentle squeeze only halfway). Letting go happens on an in-breath (clinical.md
# "Cue wording"), so a release never shrinks like an out-breath: the bar is empty and still.
_LEVELS: dict[str, tuple[float, float]] = {
    "inhale": (0, 1),
    "hold_in": (1, 1),
    "exhale": (1, 0),
    "hold_out": (0, 0),
    "tense": (0, 1),
    "let_go": (0, 0),
    "squeeze": (0, 0.5),
    "lift": (0, 1),
    "release": (0, 0),
    "set_rest": (0, 0),
    "practice": (0, 0),
    "rest": (0, 0),
    "turn": (0, 0),
    "swap": (0, 0),
    "own_time": (0, 0),
}

# Slow breathing paced inside a trainer step: clinical.md's calm breathing, 4 s in, 6 s out.
TRAINER_BREATH_IN = 4.0
TRAINER_BREATH_OUT = 6.0


@dataclass(frozen=True)
class Phase:
    """One timed stretch of a step, like one in-breath or one squeeze."""

    step_index: int
    number: int  # position among its step's phases, from 0
    kind: str
    offset: float  # seconds from the start of its step
    duration: float
    count: str  # e.g. "breath 4 of 8", "rep 3 of 8, set 1 of 2"; empty when there is one
    turn: int = 0  # for a turn of a turns step: which one, from 1

    @property
    def label(self) -> str:
        if self.turn:
            return f"{TURN_WORDS[self.turn - 1].capitalize()} turn"
        return PHASE_WORDS[self.kind][0]

    @property
    def spoken(self) -> str:
        """What the voice says and plain mode prints: a swap is named before the new turn."""
        return f"{SWAP_WORD}. {self.label}" if self.kind == "swap" else self.label

    @property
    def cue(self) -> str:
        return PHASE_WORDS[self.kind][1]

    @property
    def end(self) -> float:
        return self.offset + self.duration


def _of(n: int, total: int, noun: str) -> str:
    return f"{noun} {n} of {total}" if total > 1 else ""


@lru_cache(maxsize=64)
def step_phases(step: Step, step_index: int = 0) -> tuple[Phase, ...]:
    """Expand one step into its phases, in order, with no zero-length phase."""
    parts: list[tuple[str, float, str]] = []
    turn_of: dict[int, int] = {}  # part index -> turn number, for turns steps
    match step:
        case Breathe():
            for cycle in range(1, step.cycles + 1):
                count = _of(cycle, step.cycles, "breath")
                parts += [
                    ("inhale", step.inhale, count),
                    ("hold_in", step.hold_in, count),
                    ("exhale", step.exhale, count),
                    ("hold_out", step.hold_out, count),
                ]
        case TenseRelease():
            for round_ in range(1, step.repeat + 1):
                count = _of(round_, step.repeat, "round")
                parts += [("tense", step.tense, count), ("let_go", step.release, count)]
        case SqueezeRelease():
            squeeze = "lift" if step.effort == "strength" else "squeeze"
            for set_ in range(1, step.sets + 1):
                for rep in range(1, step.reps + 1):
                    count = ", ".join(
                        filter(None, (_of(rep, step.reps, "rep"), _of(set_, step.sets, "set")))
                    )
                    parts += [(squeeze, step.squeeze, count), ("release", step.release, count)]
                if set_ < step.sets:
                    parts.append(("set_rest", step.rest, f"set {set_} of {step.sets} done"))
        case Trainer():
            parts.append(("practice", step.planned_seconds, ""))
        case Rest():
            parts.append(("rest", step.seconds, ""))
        case Turns():
            seconds = step.minutes * 60
            if step.turns == 1:
                parts.append(("own_time", seconds, ""))
            for turn in range(1, step.turns + 1 if step.turns > 1 else 1):
                turn_of[len(parts)] = turn
                count = "swap at the bell" if turn < step.turns else ""
                parts.append(("turn" if turn == 1 else "swap", seconds, count))
    phases: list[Phase] = []
    offset = 0.0
    for at, (kind, duration, count) in enumerate(parts):
        if duration > 0:
            phases.append(
                Phase(
                    step_index,
                    len(phases),
                    kind,
                    offset,
                    float(duration),
                    count,
                    turn_of.get(at, 0),
                )
            )
            offset += duration
    return tuple(phases)


@lru_cache(maxsize=64)
def _offsets(step: Step, step_index: int) -> list[float]:
    return [phase.offset for phase in step_phases(step, step_index)]


def gauge_level(phase: Phase, elapsed: float) -> float:
    """How full the breathing or effort gauge is, ``elapsed`` seconds into ``phase``."""
    start, end = _LEVELS[phase.kind]
    fraction = min(max(elapsed / phase.duration, 0.0), 1.0)
    return start + (end - start) * fraction


def trainer_breath(elapsed: float) -> tuple[str, float]:
    """The slow-breathing pacer shown during trainer practice: (label, gauge level)."""
    cycle = TRAINER_BREATH_IN + TRAINER_BREATH_OUT
    at = elapsed % cycle
    if at < TRAINER_BREATH_IN:
        return PHASE_WORDS["inhale"][0], at / TRAINER_BREATH_IN
    return PHASE_WORDS["exhale"][0], 1 - (at - TRAINER_BREATH_IN) / TRAINER_BREATH_OUT


@dataclass(frozen=True)
class State:
    """Everything the screen needs at one instant."""

    status: EngineStatus
    step_index: int
    step: Step
    phase: Phase
    phase_elapsed: float
    step_elapsed: float
    elapsed: float  # active seconds guided so far, pauses excluded
    position: float  # seconds into the plan: planned time of earlier steps + step_elapsed
    total: float

    @property
    def phase_left(self) -> float:
        return max(self.phase.duration - self.phase_elapsed, 0.0)

    @property
    def step_left(self) -> float:
        return max(self.step.planned_seconds - self.step_elapsed, 0.0)

    @property
    def total_left(self) -> float:
        return max(self.total - self.position, 0.0)

    @property
    def level(self) -> float:
        if self.phase.kind == "practice":
            return trainer_breath(self.phase_elapsed)[1]
        return gauge_level(self.phase, self.phase_elapsed)


class Engine:
    """Runs one routine against a clock: start, pause, resume, next, back, stop."""

    def __init__(self, routine: Routine, clock: Clock = time.monotonic) -> None:
        if not routine.steps:
            raise ValueError("a routine needs at least one step")
        self.routine = routine
        self._clock = clock
        self._status: EngineStatus = "ready"
        self._origin = 0.0  # clock reading at start
        self._paused_total = 0.0
        self._paused_since: float | None = None
        self._ended_at: float | None = None  # active time at which the session ended
        self._index = 0
        self._step_start = 0.0  # active time at which the current step visit began
        self._emitted = -1  # highest phase number of this visit already reported
        self._events: list[Phase] = []
        self._starts = [0.0]
        for step in routine.steps:
            self._starts.append(self._starts[-1] + step.planned_seconds)
        self.records: list[StepRecord] = []

    # -- reading -----------------------------------------------------------------

    @property
    def status(self) -> EngineStatus:
        self._advance()
        return self._status

    @property
    def total(self) -> float:
        return self._starts[-1]

    @property
    def active_seconds(self) -> float:
        """Active seconds guided so far: finished visits plus the one in progress."""
        self._advance()
        done = sum(record.done_seconds for record in self.records)
        if self._status in ("running", "paused"):
            done += self._active() - self._step_start
        return done

    def state(self) -> State:
        """What is happening now."""
        self._advance()
        step = self.routine.steps[self._index]
        phases = step_phases(step, self._index)
        if self._status == "ready":
            step_elapsed = 0.0
        elif self._status in ("finished",):
            step_elapsed = step.planned_seconds
        else:
            step_elapsed = min(self._active() - self._step_start, step.planned_seconds)
        at = max(bisect.bisect_right(_offsets(step, self._index), step_elapsed) - 1, 0)
        phase = phases[at]
        return State(
            status=self._status,
            step_index=self._index,
            step=step,
            phase=phase,
            phase_elapsed=min(step_elapsed - phase.offset, phase.duration),
            step_elapsed=step_elapsed,
            elapsed=self._active(),
            position=self._starts[self._index] + step_elapsed,
            total=self.total,
        )

    def poll(self) -> list[Phase]:
        """Phases entered since the last poll, in order, each exactly once."""
        self._advance()
        events, self._events = self._events, []
        return events

    # -- acting ------------------------------------------------------------------

    def start(self) -> None:
        if self._status != "ready":
            return
        self._origin = self._clock()
        self._status = "running"
        self._emit(0.0)

    def pause(self) -> None:
        self._advance()
        if self._status == "running":
            self._paused_since = self._clock()
            self._status = "paused"

    def resume(self) -> None:
        if self._status == "paused" and self._paused_since is not None:
            self._paused_total += self._clock() - self._paused_since
            self._paused_since = None
            self._status = "running"

    def toggle_pause(self) -> None:
        if self._status == "paused":
            self.resume()
        else:
            self.pause()

    def next_step(self) -> None:
        """Skip the rest of this step; skipping the last step ends the session."""
        self._leave("skipped", +1)

    def previous_step(self) -> None:
        """Go back to the start of the previous step (or restart the first one)."""
        self._leave("partial", -1)

    def stop(self) -> None:
        """End early; the step in progress is kept as partial."""
        self._advance()
        if self._status == "ready":
            self._status = "stopped"
            self._ended_at = 0.0
            return
        if self._status not in ("running", "paused"):
            return
        active = self._active()
        self._record(active - self._step_start, "partial")
        self._ended_at = active
        self._status = "stopped"

    # -- inside --------------------------------------------------------------------

    def _active(self) -> float:
        if self._ended_at is not None:
            return self._ended_at
        if self._status == "ready":
            return 0.0
        now = self._paused_since if self._paused_since is not None else self._clock()
        return now - self._origin - self._paused_total

    def _record(self, seconds: float, outcome: Outcome) -> None:
        step = self.routine.steps[self._index]
        self.records.append(
            StepRecord(
                title=step.title,
                type=step.type,
                planned_seconds=step.planned_seconds,
                done_seconds=seconds,
                outcome=outcome,
            )
        )

    def _emit(self, step_elapsed: float) -> None:
        step = self.routine.steps[self._index]
        phases = step_phases(step, self._index)
        reached = bisect.bisect_right(_offsets(step, self._index), step_elapsed)
        self._events.extend(phases[self._emitted + 1 : reached])
        self._emitted = max(self._emitted, reached - 1)

    def _enter(self, index: int, at: float) -> None:
        self._index = index
        self._step_start = at
        self._emitted = -1
        self._emit(0.0)

    def _advance(self) -> None:
        """Catch up with the clock: finish every step whose deadline has passed."""
        if self._status not in ("running", "paused"):
            return
        active = self._active()
        while True:
            step = self.routine.steps[self._index]
            deadline = self._step_start + step.planned_seconds
            if active < deadline:
                self._emit(active - self._step_start)
                return
            self._emit(step.planned_seconds)
            self._record(step.planned_seconds, "done")
            if self._index + 1 == len(self.routine.steps):
                self._ended_at = deadline
                self._paused_since = None
                self._status = "finished"
                return
            self._enter(self._index + 1, deadline)

    def _leave(self, outcome: Outcome, move: int) -> None:
        self._advance()
        if self._status not in ("running", "paused"):
            return
        to = max(self._index + move, 0)
        active = self._active()
        self._record(active - self._step_start, outcome)
        if to >= len(self.routine.steps):
            self._ended_at = active
            self._paused_since = None
            self._status = "finished"
            return
        self._enter(to, active)
