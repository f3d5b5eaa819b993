"""Discreet mode outside the TUI: the setting, the flag, neutral titles and plain mode."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from coach.core.config import load_config
from coach.core.discreet import DISCREET_ENV, discreet_mode, private_word
from coach.core.paths import Paths
from coach.core.routines import RoutineError, catalogue, parse_routine
from coach.launch import take_discreet
from coach.views.plain import run_plain
from tests.fakes import FakeClock
from tests.test_plain import Wall
from tests.tui.test_discreet import PRIVATE


def test_every_built_in_routine_has_a_neutral_discreet_title() -> None:
    routines = list(catalogue(None))
    assert routines
    for routine in routines:
        assert routine.discreet_title, routine.name
        assert private_word(routine.discreet_title) is None, routine.name
    titles = [r.discreet_title for r in routines]
    assert len(set(titles)) == len(titles)  # told apart in the picker without their names


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('"Pelvic exercise"', "'Pelvic' is one discreet mode keeps off the screen"),
        ('"Trainer time"', "'Trainer' is one"),
        ("3", "should be non-empty text in quotes"),
        ('"  "', "should be non-empty text in quotes"),
        ('"' + "x" * 41 + '"', "at most 40 characters"),
    ],
)
def test_a_discreet_title_must_be_short_neutral_text(value: str, problem: str) -> None:
    text = f'schema_version = 1\nname = "R"\ndiscreet_title = {value}\n'
    text += '[[steps]]\ntype = "rest"\ntitle = "Rest"\nseconds = 5\n'
    with pytest.raises(RoutineError) as raised:
        parse_routine(text, "r.toml", name="r")
    assert any("discreet_title" in p and problem in p for p in raised.value.problems)


def test_discreet_in_config_and_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Set (to "not discreet") through monkeypatch, so whatever coach sets is undone after.
    monkeypatch.setenv(DISCREET_ENV, "0")
    config = tmp_path / "config.toml"
    assert not discreet_mode(config)
    config.write_text("discreet = true\n")
    assert load_config(config).discreet and discreet_mode(config)
    config.write_text('discreet = "yes"\n')
    loaded = load_config(config)
    assert not loaded.discreet
    assert loaded.warnings == (f"{config}:1:1: discreet should be true or false; it is off",)
    assert take_discreet(["log", "--all"]) == ["log", "--all"]
    assert not discreet_mode(config)
    assert take_discreet(["relax", "--discreet", "pmr-4"]) == ["relax", "pmr-4"]
    assert discreet_mode(config)
    monkeypatch.setenv(DISCREET_ENV, "0")
    assert take_discreet(["--discreet", "relax"]) == ["relax"] and discreet_mode(config)
    monkeypatch.setenv(DISCREET_ENV, "0")
    # After "--" a word is an argument, not an option.
    assert take_discreet(["relax", "--", "--discreet"]) == ["relax", "--", "--discreet"]
    assert not discreet_mode(config)


def test_plain_mode_in_discreet_mode_says_no_private_word(tmp_path: Path) -> None:
    routine = parse_routine(PRIVATE, "pelvic-private.toml", name="pelvic-private")
    clock = FakeClock()
    out = io.StringIO()
    answers = iter(["", "", ""])
    code = run_plain(
        routine,
        Paths(data=tmp_path / "data", config=tmp_path / "config"),
        clock=clock,
        now=Wall(clock),
        sleep=clock.advance,
        out=out,
        ask=lambda prompt: next(answers),
        discreet=True,
    )
    assert code == 0
    text = out.getvalue()
    safety_end = text.index("Exercise: short")  # the first-run safety text comes before
    assert private_word(text[safety_end:]) is None, text[safety_end:]
    assert "this practice has a note for you" in text


def test_the_entry_point_takes_discreet_from_anywhere(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach import launch

    monkeypatch.setenv(DISCREET_ENV, "0")  # so the "1" coach sets is undone after the test
    monkeypatch.setattr("sys.argv", ["coach", "--version", "--discreet"])
    with pytest.raises(SystemExit) as ended:
        launch.main()
    assert ended.value.code in (0, None)
    assert capsys.readouterr().out.startswith("coach ")
    assert os.environ.get(DISCREET_ENV) == "1"


def test_the_trainer_check_in_asks_in_neutral_words() -> None:
    from coach.core.trainer_checkin import TRAINER_CHECKIN, check_answer, checkin_title

    shown = [" ".join(field.shown(True)) for field in TRAINER_CHECKIN]
    assert private_word(checkin_title(True) + " ".join(shown)) is None, shown
    assert private_word(" ".join(" ".join(field.shown(False)) for field in TRAINER_CHECKIN))
    refused = check_answer("used", "x", discreet=True)
    assert refused is not None and private_word(refused) is None
    assert "ta or tr" in refused
    assert check_answer("used", "ta", discreet=True) is None  # the first letters are enough


def test_plain_trainer_check_in_in_discreet_mode() -> None:
    from coach.views.plain import plain_trainer_checkin

    out = io.StringIO()
    prompts: list[str] = []
    answers = iter(["x", "tr", "2", "full", "", "", "", "", "", "", "", "", ""])

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    report = plain_trainer_checkin(ask, out, 10.0, discreet=True)
    assert report is not None and (report.used, report.size) == ("trainer", 2)
    assert private_word(out.getvalue() + "".join(prompts)) is None, prompts


def test_what_the_voice_says_is_neutral_in_every_mode() -> None:
    # The voice and plain mode say a phase's spoken words, never a title or a guide, so the
    # cues are the same with and without discreet mode; the bell says nothing at all.
    from coach.core.cues import Cues
    from coach.core.engine import step_phases
    from tests.tui.test_discreet_everywhere import EVERY

    routines = [*catalogue(None), parse_routine(EVERY, "every.toml", name="every")]
    said: list[str] = []

    class Voice:
        def say(self, text: str) -> None:
            said.append(text)

    cues = Cues(voice=Voice())  # type: ignore[arg-type]
    for routine in routines:
        for number, step in enumerate(routine.steps):
            for phase in step_phases(step, number):
                cues.phases([phase])
    cues.finished()
    assert len(said) > 100
    assert [text for text in said if private_word(text)] == []


def test_a_saved_session_is_named_by_its_routine_s_discreet_title(tmp_path: Path) -> None:
    from coach.core.discreet import NEUTRAL_TITLE, known_titles, session_title

    mine = tmp_path / "routines"
    mine.mkdir()
    (mine / "pelvic-private.toml").write_text(PRIVATE, encoding="utf-8")  # its own title
    (mine / "evening-unwind.toml").write_text(  # replaces the built-in one, with no title
        PRIVATE.replace('discreet_title = "Exercise: short"\n', ""), encoding="utf-8"
    )
    (mine / "broken.toml").write_text("name = \n", encoding="utf-8")
    names = ["pelvic-private", "evening-unwind", "pmr-4", "broken", "gone", "../routines/x"]
    titles = known_titles(names, mine)
    assert titles == {
        "pelvic-private": "Exercise: short",
        "evening-unwind": NEUTRAL_TITLE,
        "pmr-4": "Relaxation: 4 groups",
        "broken": NEUTRAL_TITLE,
        "gone": NEUTRAL_TITLE,
        "../routines/x": NEUTRAL_TITLE,
    }
    assert session_title("not asked for", titles) == NEUTRAL_TITLE
