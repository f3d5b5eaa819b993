"""Shared pieces for the TUI tests: tiny routines, a fake clock, and the app factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from textwrap import dedent

import pytest
from textual.pilot import Pilot

from coach.core.paths import Paths
from coach.core.records import Session
from coach.core.routines import Routine, parse_routine
from coach.core.safety import ACK_FILE, acknowledge
from coach.core.store.sessions import iter_session_files, read_session
from coach.tui.app import CoachApp, create_app
from coach.tui.screens.session import SessionScreen
from tests.fakes import FakeClock

STARTED = datetime(2026, 11, 22, 21, 30, tzinfo=UTC)

# Every step type, short; 4 + 2 + 6 + 3 ... seconds so tests can walk through them.
ROUTINES = {
    "breathe": """
        [[steps]]
        type = "breathe"
        title = "Belly breathing"
        guide = "Let your belly rise as you breathe in, and let your pelvic floor soften."
        inhale = 4
        hold_in = 2
        exhale = 6
        cycles = 8
    """,
    "tense-release": """
        [[steps]]
        type = "tense-release"
        title = "Hands and forearms"
        guide = "Make a soft fist with both hands, then let go."
        tense = 6
        release = 30
        repeat = 2
    """,
    "squeeze-release": """
        [[steps]]
        type = "squeeze-release"
        title = "Gentle pelvic-floor squeezes"
        guide = "Squeeze gently, about half effort, then let go completely."
        squeeze = 3
        release = 10
        reps = 8
        sets = 2
        rest = 30
    """,
    "trainer": """
        [[steps]]
        type = "trainer"
        title = "Trainer practice"
        guide = "Use the size you are comfortable with. Breathe slowly; never force."
        minutes = 10
    """,
    "rest": """
        [[steps]]
        type = "rest"
        title = "Quiet rest"
        guide = "Breathe normally and notice how your body feels."
        seconds = 60
    """,
}

SHORT = """
schema_version = 1
name = "Short practice"
summary = "Two breaths, one squeeze, a moment of rest."

[[steps]]
type = "breathe"
title = "Belly breathing"
guide = "Let your belly rise as you breathe in."
inhale = 4
exhale = 6
cycles = 2

[[steps]]
type = "squeeze-release"
title = "One gentle squeeze"
guide = "Squeeze gently, then let go completely."
squeeze = 3
release = 7
reps = 1

[[steps]]
type = "rest"
title = "Quiet rest"
guide = "Breathe normally."
seconds = 10
"""

# A moment to settle, then a minute of trainer practice: its check-in follows the first one.
TRAINER_PRACTICE = """
schema_version = 1
name = "Trainer practice"

[[steps]]
type = "rest"
title = "Settle"
seconds = 5

[[steps]]
type = "trainer"
title = "Trainer practice"
guide = "Use the size you are comfortable with."
minutes = 1
"""


def make_routine(text: str, name: str = "short") -> Routine:
    return parse_routine(text, f"{name}.toml", name=name)


def single_step(kind: str) -> Routine:
    text = f'schema_version = 1\nname = "One {kind} step"\n' + dedent(ROUTINES[kind])
    # A second step, so "next" has something to show.
    text += '\n[[steps]]\ntype = "rest"\ntitle = "Quiet rest"\nseconds = 30\n'
    return make_routine(text, name=kind)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config" / "coach")
    # A returning user: the first-run safety screen was seen before (tests/tui/test_safety.py
    # covers the first run itself with the ``new_user`` fixture).
    assert acknowledge(paths)
    return paths


@pytest.fixture
def new_user(paths: Paths) -> Paths:
    """Paths of someone who has never run ``coach relax``."""
    (paths.config / ACK_FILE).unlink()
    return paths


@pytest.fixture
def short() -> Routine:
    return make_routine(SHORT)


AppFactory = Callable[..., CoachApp]


@pytest.fixture
def make_app(paths: Paths, clock: FakeClock) -> AppFactory:
    def make(routine: Routine | None, **options: object) -> CoachApp:
        def now() -> datetime:
            return STARTED + timedelta(seconds=clock.now - 1000.0)

        options.setdefault("which", lambda name: None)
        return create_app(routine, paths, clock=clock, now=now, **options)  # type: ignore[arg-type]

    return make


async def advance(pilot: Pilot[int], clock: FakeClock, seconds: float) -> None:
    """Move the fake clock on and let the session screen look at it, as its timer would."""
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, SessionScreen):
        screen.tick()
    await pilot.pause()


def saved(paths: Paths) -> Session:
    """The one session file the test made, read back."""
    files = iter_session_files(paths.sessions)
    assert len(files) == 1, files
    return read_session(files[0])


def saved_checkin(paths: Paths) -> tuple[int | None, int | None, str | None]:
    """Pain, anxiety and note as saved in the one session file."""
    checkin = saved(paths).checkin
    assert checkin is not None, "no check-in was saved"
    return checkin.pain, checkin.anxiety, checkin.note
