"""When the session screen next needs to look at the clock (pure)."""

from __future__ import annotations

import dataclasses
import math

from coach.core.engine import State

# How often a moving gauge steps. Each redraw costs Textual a few milliseconds (a bare
# Textual app updating one line four times a second already uses about 1% of a core), so
# the gauge steps twice a second, on the same grid as the countdown: a slow, even pulse
# that keeps a running session near 1% of a core.
GAUGE_FRAME = 0.5
# Wake just after a boundary, so the state read then is already past it.
LATE = 0.005
# A gauge that changes over this many seconds is moving; a held one is not.
NUDGE = 0.05


def next_wake(state: State, frame: float = GAUGE_FRAME) -> float | None:
    """Seconds until the screen next needs a look, or None while nothing moves.

    The countdown changes on whole seconds of the phase; a moving gauge also steps every
    ``frame`` seconds on the same grid, so its steps and the countdown share one redraw.
    The grid is counted back from the phase's end, so a late look still wakes at the next
    boundary: never before it, and never past the one after. Paused, finished or not yet
    started, nothing changes until a key is pressed, so there is no wake at all.
    """
    if state.status != "running":
        return None
    later = dataclasses.replace(state, phase_elapsed=state.phase_elapsed + NUDGE)
    grid = frame if later.level != state.level else 1.0
    left = state.phase_left
    delay = left - (math.ceil(left / grid - 1e-6) - 1) * grid
    return delay + LATE
