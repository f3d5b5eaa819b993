"""The screens worth seeing at each terminal size: one list, used by a snapshot module per size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coach.core.cues import Cues
from coach.core.paths import Paths
from coach.core.routines import Routine
from coach.tui.app import CoachApp
from tests.fakes import FakeClock
from tests.tui.conftest import SHORT, TRAINER_PRACTICE, AppFactory, make_routine, single_step
from tests.tui.test_snapshots import Compare, Step, steps_to

LONG_GUIDE = """
schema_version = 1
name = "Long guide"

[[steps]]
type = "rest"
title = "Quiet rest"
seconds = 60
guide = "Breathe normally and notice how your body feels: your shoulders, your jaw, your \
hands, your belly and your pelvic floor. Let each of them soften a little more with every \
breath out, and let the floor of your pelvis rest."
"""

# A title and a guide in wide characters (two cells each), with emoji among them.
WIDE = (
    'schema_version = 1\nname = "静かな 🌙 呼吸の練習"\n[[steps]]\ntype = "rest"\n'
    'title = "休む 🌿"\nseconds = 60\nguide = "'
    + "ゆっくり息を吸って、お腹をふくらませます。" * 8
    + '"\n'
)

TO_TRAINER_CHECKIN: list[Step] = ["enter", 5.0, 60.0]
# finger, partial, no minutes, nothing else tried; pain 2, 7, 3; no anxiety; no bleeding.
ADVICE: list[Step] = [*TO_TRAINER_CHECKIN, "f", "enter", "p", "enter", "enter", "enter"]
ADVICE += ["2", "enter", "7", "enter", "3", "enter", "enter", "enter", "enter", "n", "enter"]
ADVICE += ["enter"]  # and no note

# name: (the routine, or None for the picker; what to press and how long to wait)
SCREENS: dict[str, tuple[Callable[[], Routine | None], list[Step]]] = {
    "picker": (lambda: None, []),
    "preview": (lambda: make_routine(SHORT), []),
    "session": (lambda: single_step("breathe"), ["enter", 2.5]),
    "long_guide": (lambda: make_routine(LONG_GUIDE, name="long"), ["enter", 2.5]),
    "wide_characters": (lambda: make_routine(WIDE, name="wide"), ["enter", 2.5]),
    "paused": (lambda: single_step("breathe"), ["enter", 2.5, "space"]),
    "help": (lambda: single_step("breathe"), ["enter", 1.0, "question_mark"]),
    "checkin": (lambda: make_routine(SHORT), ["enter", 40.0]),
    "trainer_checkin": (
        lambda: make_routine(TRAINER_PRACTICE, name="trainer-practice"),
        TO_TRAINER_CHECKIN,
    ),
    "summary_with_advice": (
        lambda: make_routine(TRAINER_PRACTICE, name="trainer-practice"),
        ADVICE,
    ),
}


def snapshot(
    name: str,
    size: tuple[int, int],
    snap_compare: Compare,
    make_app: AppFactory,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> bool:
    """Compare screen ``name`` at ``size`` with its SVG."""
    routine, keys = SCREENS[name]
    chosen = routine()
    app: CoachApp
    if chosen is None:
        # Routines of the test's own, so a new built-in routine does not change this picture;
        # and the same folder for your own routines on every machine.
        shelf = tmp_path / "builtin"
        shelf.mkdir()
        (shelf / "evening-unwind.toml").write_text(
            SHORT.replace("Short practice", "Evening unwind"), encoding="utf-8"
        )
        (shelf / "short.toml").write_text(SHORT, encoding="utf-8")
        monkeypatch.setattr("coach.core.routines.builtin_dir", lambda: shelf)
        paths = Paths(data=tmp_path / "data", config=Path("/home/you/.config/coach"))
        app = CoachApp(None, paths, cues=Cues(), clock=clock, show_safety=False)
    else:
        app = make_app(chosen)
    return snap_compare(app, terminal_size=size, run_before=steps_to(clock, keys))
