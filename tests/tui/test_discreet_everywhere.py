"""Discreet mode everywhere in the TUI: on every screen a person can reach, nothing on the
terminal and no title names the body or a trainer, except a guide they opened with ? and the
safety text, which is always shown in full."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from coach.core.advice import STOP_TODAY
from coach.core.discreet import PRIVATE_WORDS, private_word
from coach.core.paths import Paths
from coach.core.safety import first_run_safety_text, reasons_to_wait
from coach.tui.app import SET_TITLE, CoachApp
from coach.tui.screens.session import SessionScreen
from tests.fakes import FakeClock
from tests.tui.conftest import TRAINER_PRACTICE, AppFactory, advance, make_routine
from tests.tui.rendered import rendered_lines
from tests.tui.test_discreet import to_the_summary
from tests.tui.test_focus import type_text
from tests.tui.test_snapshots import steps_to

# Every kind of step, each title, guide, the summary and the note naming the body.
EVERY = """
schema_version = 1
name = "Pelvic floor and vaginal trainer"
discreet_title = "Exercise: every kind"
summary = "Pelvic-floor breathing, squeezes and dilator practice."
caution = "Skip the vaginal trainer if you are sore today."

[[steps]]
type = "breathe"
title = "Pelvic-floor breathing"
guide = "Let your vagina and pelvic floor soften as you breathe in."
inhale = 4
exhale = 6
cycles = 1

[[steps]]
type = "tense-release"
title = "Buttocks and perineum"
guide = "Tense around the anus, then let go."
tense = 2
release = 3

[[steps]]
type = "squeeze-release"
title = "Gentle pelvic-floor squeeze"
guide = "Squeeze around the vagina, then let go."
squeeze = 1
release = 2
reps = 1

[[steps]]
type = "trainer"
title = "Vaginal trainer"
guide = "Insert the dilator slowly; never force."
minutes = 1

[[steps]]
type = "rest"
title = "Quiet rest after the dilator"
guide = "Let your pelvic floor rest."
seconds = 5
"""
# Where each step is under way: a moment into breathing, tense-release, the squeeze, the
# trainer practice and the rest (10 + 5 + 3 + 60 + 5 seconds).
MOMENTS = (2.0, 10.0, 5.0, 12.0, 53.0)
NEUTRAL = 'discreet_title = "Quiet time together 1"'
PRIVATE = re.compile(r"\b(" + "|".join(PRIVATE_WORDS) + ")", re.IGNORECASE)


class Sweep:
    """Checks screen after screen, and remembers which kinds of screen it saw."""

    def __init__(self, app: CoachApp) -> None:
        self.app = app
        self.seen: set[str] = set()

    def check(self, *exempt: str) -> str:
        """No private word on the terminal outside the ``exempt`` widgets (safety text, in
        full), nor in any title; returns what the screen shows."""
        app = self.app
        screen = app.screen
        lines = [list(line) for line in rendered_lines(app)]
        for selector in exempt:
            region = screen.query_one(selector).region
            for row in lines[region.y : region.bottom]:
                row[region.x : region.right] = " " * len(row[region.x : region.right])
        text = "\n".join("".join(line) for line in lines)
        titles = [app.title, app.sub_title, screen.title or "", screen.sub_title or "", SET_TITLE]
        if isinstance(screen, SessionScreen):
            titles.append(screen.phase_word.word)  # drawn in big letters no text search reads
        shown = "\n".join([text, *titles])
        assert private_word(shown) is None, f"{type(screen).__name__}:\n{shown}"
        self.seen.add(type(screen).__name__)
        return text

    async def guide(self, pilot: Pilot[int], *exempt: str) -> None:
        """? shows the guide, which may name the body; ? again hides it."""
        await pilot.press("question_mark")
        await pilot.pause()
        assert PRIVATE.search("\n".join(rendered_lines(self.app))), "? showed no guide"
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()  # a screen drawn again lays its footer out once it has its width
        self.check(*exempt)


async def press_each(pilot: Pilot[int], sweep: Sweep) -> None:
    """Pause, ask to stop, open help and the support list, checking each, then go on."""
    for key, back in (("space", "space"), ("q", "n"), ("h", "escape"), ("ctrl+s", "escape")):
        await pilot.press(key)
        await pilot.pause()
        sweep.check(*(("#support-list",) if key == "ctrl+s" else ()))
        await pilot.press(back)
        await pilot.pause()


@pytest.fixture
def shelf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The built-in routines, for the picker: only the private one."""
    folder = tmp_path / "builtin"
    folder.mkdir()
    (folder / "every.toml").write_text(EVERY, encoding="utf-8")
    monkeypatch.setattr("coach.core.routines.builtin_dir", lambda: folder)
    return folder


async def test_from_the_first_run_through_every_kind_of_step_to_the_summary(
    make_app: AppFactory, clock: FakeClock, new_user: Paths, shelf: Path
) -> None:
    app = make_app(None, discreet=True)
    sweep = Sweep(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        safety = sweep.check("#first-run-text")  # the safety text itself shows in full
        assert "Before you begin" in safety
        body = first_run_safety_text().partition("\n")[2].strip()
        assert str(app.screen.query_one("#first-run-text").render()) == body
        await pilot.press("enter")
        await pilot.pause()
        assert "Exercise: every kind" in sweep.check()  # the picker
        await pilot.press("question_mark")  # help, on the picker
        await pilot.pause()
        sweep.check()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the preview
        await pilot.pause()
        preview = sweep.check("#wait")  # the reasons to wait show in full
        assert "? guide" in preview and "h help" in preview
        assert str(app.screen.query_one("#wait").render()) == reasons_to_wait()
        await sweep.guide(pilot, "#wait")
        await pilot.press("h")
        await pilot.pause()
        sweep.check()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        sweep.check("#support-list")  # the support list shows in full
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the session
        await pilot.pause()
        for moment in MOMENTS:
            await advance(pilot, clock, moment)
            assert isinstance(app.screen, SessionScreen)
            sweep.check()
            if moment == MOMENTS[3]:  # during the trainer practice: the guide, and each key
                await sweep.guide(pilot)
                await press_each(pilot, sweep)
        await advance(pilot, clock, 60.0)  # to the end, then the trainer check-in
        sweep.check()
        for answer in ("tr", "2", "full", "", "", "1", "5", "1", "2", "3", "2", "no"):
            await type_text(pilot, answer)
            await pilot.press("enter")
            await pilot.pause()
            sweep.check()
        await type_text(pilot, "calm")  # the note, the one question left
        await pilot.press("enter")
        await pilot.pause()
        assert "There is a note for you" in sweep.check()  # the summary
        await pilot.press("question_mark")  # what the reply says, on request
        await pilot.pause()
    assert sweep.seen == {
        "SafetyScreen",
        "PickerScreen",
        "HelpScreen",
        "PreviewScreen",
        "SupportScreen",
        "SessionScreen",
        "ConfirmStopScreen",
        "TrainerCheckinScreen",
        "CheckinScreen",
        "SummaryScreen",
    }


async def test_a_summary_that_says_stop_shows_it_and_nothing_else_private(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app(make_routine(TRAINER_PRACTICE, name="trainer-practice"), discreet=True)
    sweep = Sweep(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await steps_to(clock, to_the_summary("8"))(pilot)
        sweep.check("#advice")  # the reply says to stop for today, in full
        assert STOP_TODAY in str(app.screen.query_one("#advice").render())


async def test_a_sensate_focus_session_for_two(make_app: AppFactory, clock: FakeClock) -> None:
    from tests.tui.test_focus import FOCUS

    text = FOCUS.replace('name = "Sensate focus 1"', 'name = "Sensate focus 1"\n' + NEUTRAL)
    text = text.replace("is touched.", "is touched, leaving out breasts and genitals.")
    app = make_app(make_routine(text, name="focus-stage-1"), discreet=True)
    sweep = Sweep(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sweep.check()
        await pilot.press("enter")
        for moment in (1.0, 60.0, 60.0):  # the first turn, the second, lying quietly
            await advance(pilot, clock, moment)
            sweep.check()
            if moment == 1.0:
                await sweep.guide(pilot)
        await advance(pilot, clock, 30.0)
        for person in (1, 2):
            sweep.check()  # this person's own check-in
            for answer in ("7", "2", "no", ""):
                await type_text(pilot, answer)
                await pilot.press("enter")
                await pilot.pause()
            sweep.check()  # the hand-over, then the summary
            if person == 1:
                await pilot.press("enter")
                await pilot.pause()
    screens = {"PreviewScreen", "SessionScreen", "FocusCheckinScreen", "HandOverScreen"}
    assert sweep.seen == {*screens, "SummaryScreen"}
