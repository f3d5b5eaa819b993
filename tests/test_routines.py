"""Routine files: every mistake is reported at once, naming the file, line, step and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.routines import (
    Breathe,
    RoutineError,
    SqueezeRelease,
    Turns,
    builtin_dir,
    catalogue,
    describe_step,
    format_duration,
    load_routine,
    resolve,
)

GOOD = """\
schema_version = 1
name = "Evening unwind"
summary = "Slow breathing."

[[steps]]
type = "breathe"
title = "Belly breathing"
guide = "Let your belly rise."
inhale = 4
exhale = 6
cycles = 8

[[steps]]
type = "squeeze-release"
title = "Squeezes"
squeeze = 3
release = 10
reps = 8
sets = 2
rest = 30
"""


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    return [p.replace(str(path), "F") for p in caught.value.problems]


def with_step(body: str) -> str:
    return f'schema_version = 1\nname = "R"\n\n[[steps]]\n{body}'


def test_a_good_file_loads_with_defaults_and_total_time(tmp_path: Path) -> None:
    routine = load_routine(write(tmp_path, GOOD))
    assert (routine.name, routine.title, routine.summary) == (
        "mine",
        "Evening unwind",
        "Slow breathing.",
    )
    breathe, squeeze = routine.steps
    assert breathe == Breathe(
        title="Belly breathing",
        guide="Let your belly rise.",
        inhale=4,
        exhale=6,
        cycles=8,
        hold_in=0,
        hold_out=0,
    )
    assert isinstance(squeeze, SqueezeRelease) and squeeze.guide == ""
    assert routine.total_seconds == 80 + 13 * 8 * 2 + 30


def test_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    assert problems(tmp_path, 'schema_version = 1\nname = "R\n') == [
        "F:2:10: not valid TOML: the text on this line is missing its closing quote"
    ]


def test_other_syntax_errors_keep_tomllib_wording_and_position(tmp_path: Path) -> None:
    assert problems(tmp_path, "schema_version = 1\nname = \n") == [
        "F:2:8: not valid TOML: invalid value"
    ]
    assert problems(tmp_path, "steps = [") == [
        "F:1:10: not valid TOML: invalid value; the file may be cut short"
    ]


def test_wrong_type_negative_and_absurd_values_are_all_reported(tmp_path: Path) -> None:
    text = with_step(
        'type = "breathe"\ntitle = "B"\ninhale = "four"\nexhale = -1\n'
        "cycles = 2.5\nhold_in = 99999\n"
    )
    assert problems(tmp_path, text) == [
        "F:7: step 1 (B): inhale: should be a number of seconds, not text",
        "F:8: step 1 (B): exhale: should be more than 0 seconds, not -1",
        "F:9: step 1 (B): cycles: should be a whole number, not 2.5",
        "F:10: step 1 (B): hold_in: should be at most 3600 seconds (one hour), not 99999",
    ]


def test_zero_counts_booleans_and_infinity_are_refused(tmp_path: Path) -> None:
    text = with_step(
        'type = "squeeze-release"\ntitle = "S"\nsqueeze = true\nrelease = inf\nreps = 0\n'
    )
    assert problems(tmp_path, text) == [
        "F:7: step 1 (S): squeeze: should be a number of seconds, not true/false",
        "F:8: step 1 (S): release: should be a finite number",
        "F:9: step 1 (S): reps: should be 1 or more, not 0",
    ]


def test_misspelt_key_gets_a_did_you_mean_and_the_missing_field_is_named(tmp_path: Path) -> None:
    text = with_step('type = "breathe"\ntitle = "B"\ninhal = 4\nexhale = 6\ncycles = 3\n')
    assert problems(tmp_path, text) == [
        "F:7: step 1 (B): inhal: not a field of a breathe step (did you mean 'inhale'?)",
        "F:4: step 1 (B): inhale: missing; a breathe step needs title, inhale, exhale, cycles",
    ]


def test_unknown_step_type_lists_the_allowed_types(tmp_path: Path) -> None:
    assert problems(tmp_path, with_step('type = "breath"\ntitle = "B"\n')) == [
        "F:5: step 1 (B): type: unknown step type 'breath' (did you mean 'breathe'?); "
        "choose one of breathe, tense-release, squeeze-release, trainer, rest, turns"
    ]
    assert problems(tmp_path, with_step('title = "B"\n')) == [
        "F:4: step 1 (B): type: missing; choose one of breathe, tense-release, "
        "squeeze-release, trainer, rest, turns"
    ]


def test_a_step_longer_than_an_hour_is_refused(tmp_path: Path) -> None:
    text = with_step('type = "breathe"\ntitle = "B"\ninhale = 30\nexhale = 30\ncycles = 100\n')
    assert problems(tmp_path, text) == [
        "F:9: step 1 (B): cycles: this step would last 1 h 40 min; keep each step within "
        "one hour (3600 seconds)"
    ]
    trainer = with_step('type = "trainer"\ntitle = "T"\nminutes = 90\n')
    assert problems(tmp_path, trainer) == [
        "F:7: step 1 (T): minutes: should be at most 60 minutes, not 90"
    ]


def test_empty_file_and_file_without_steps_are_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, "") == [
        "F:1: the file is empty; a routine needs schema_version, name and at least one "
        "[[steps]] table"
    ]
    assert problems(tmp_path, "# just a comment\n\n") == problems(tmp_path, "")
    assert problems(tmp_path, 'schema_version = 1\nname = "R"\n') == [
        "F:3: steps: a routine needs at least one [[steps]] table"
    ]


def test_top_level_mistakes_schema_and_name(tmp_path: Path) -> None:
    text = 'schema_version = 2\nnmae = "R"\n\n[[steps]]\ntype = "rest"\ntitle = "R"\nseconds = 5\n'
    assert problems(tmp_path, text) == [
        "F:2: nmae: unknown key (did you mean 'name'?)",
        "F:1: schema_version: 2 is for a newer coach; this one reads version 1",
        'F:1: name: missing; add a name to show in menus, like name = "Evening unwind"',
    ]
    assert problems(
        tmp_path, 'name = "R"\n[[steps]]\ntype = "rest"\ntitle = "x"\nseconds = 1\n'
    ) == ["F:1: schema_version: missing; add 'schema_version = 1' at the top"]


def test_not_utf8_and_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "bin.toml"
    path.write_bytes(b'schema_version = 1\nname = "\xff"\n')
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert caught.value.problems == [f"{path}:2:9: not UTF-8 text"]
    with pytest.raises(RoutineError, match="no such routine file"):
        resolve(str(tmp_path / "missing.toml"), None)


def test_unicode_and_quotes_in_text_are_kept(tmp_path: Path) -> None:
    text = with_step(
        'type = "rest"\ntitle = "Calme \\"doux\\" 🌙"\nseconds = 5\n'
        "guide = '''Line one\nline two = not a key'''\n"
    )
    routine = load_routine(write(tmp_path, text))
    assert routine.steps[0].title == 'Calme "doux" 🌙'


def test_builtin_routines_all_load_and_ship_first_try_and_evening() -> None:
    found = catalogue(None)
    assert found.problems == {}
    assert {"first-try", "evening-unwind"} <= set(found.routines)
    assert found.routines["first-try"].total_seconds == 180
    assert all(r.builtin for r in found)
    assert builtin_dir().is_dir()


def test_a_user_routine_with_a_builtin_name_replaces_it(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "first-try.toml")
    write(tmp_path, "broken = [", "broken.toml")
    found = catalogue(tmp_path)
    assert found.routines["first-try"].title == "Evening unwind"
    assert not found.routines["first-try"].builtin
    assert found.shadowed == ["first-try"]
    assert list(found.problems) == [tmp_path / "broken.toml"]
    assert "broken.toml:1:" in found.problems[tmp_path / "broken.toml"][0]
    assert resolve("first-try", tmp_path).title == "Evening unwind"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("first-try", "first-try"),
        ("First try", "first-try"),  # the title shown in menus
        ("FIRST-TRY", "first-try"),
        ("first_try", "first-try"),
        ("  first   try ", "first-try"),
        ("Tense & let go: 7 groups", "pmr-7"),  # a title with punctuation
        ("tense let go 7 groups", "pmr-7"),
        ("PMR_16", "pmr-16"),
        ("Evening unwind", "evening-unwind"),  # a name beats a user routine's same title
        ("my evening", "my-evening"),
    ],
)
def test_names_are_found_as_people_say_them(tmp_path: Path, typed: str, found: str) -> None:
    write(tmp_path, GOOD, "my-evening.toml")
    assert resolve(typed, tmp_path).name == found


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "frist-try",
            "no routine called 'frist-try' (did you mean 'first-try'?); "
            "coach routines lists them all",
        ),
        (
            "Frist try",
            "no routine called 'Frist try' (did you mean 'first-try'?); "
            "coach routines lists them all",
        ),
        ("zzzz", "no routine called 'zzzz'; coach routines lists them all"),
        (
            "quiet time",
            "'quiet time' could be quiet-a and quiet-b; give the name of the one you mean",
        ),
    ],
)
def test_a_name_that_finds_none_or_two_says_so_in_one_sentence(
    tmp_path: Path, typed: str, message: str
) -> None:
    quiet = GOOD.replace("Evening unwind", "Quiet time")
    write(tmp_path, quiet, "quiet-a.toml")
    write(tmp_path, quiet, "quiet-b.toml")
    with pytest.raises(RoutineError) as caught:
        resolve(typed, tmp_path)
    assert caught.value.problems == [message]
    assert message.count("?") <= 1 and message.count(". ") == 0


def test_durations_and_step_descriptions_read_naturally() -> None:
    assert [format_duration(s) for s in (45, 180, 750, 3900, 3600)] == [
        "45 s",
        "3 min",
        "12 min 30 s",
        "1 h 5 min",
        "1 h",
    ]
    box = Breathe(title="B", guide="", inhale=4, hold_in=4, exhale=4, hold_out=4, cycles=1)
    assert describe_step(box) == "breathe 4-4-4-4, 1 breath"
    squeeze = SqueezeRelease(title="S", guide="", squeeze=3, release=10, reps=8, sets=2, rest=30)
    assert describe_step(squeeze) == "squeeze 3 s, release 10 s, 8 reps x 2 sets, rest 30 s"


# -- the turns step (sensate focus) -----------------------------------------------------------


def turns_step(minutes: str = "15", turns: str = "2") -> str:
    return with_step(f'type = "turns"\ntitle = "Touch"\nminutes = {minutes}\nturns = {turns}\n')


def test_a_turns_step_loads_and_lasts_its_turns(tmp_path: Path) -> None:
    routine = load_routine(write(tmp_path, turns_step()))
    step = routine.steps[0]
    assert isinstance(step, Turns)
    assert (step.minutes, step.turns, step.planned_seconds) == (15, 2, 1800)
    assert describe_step(step) == "2 turns of 15 min, swapping at the bell"
    one = load_routine(write(tmp_path, turns_step("30", "1"))).steps[0]
    assert describe_step(one) == "one unhurried stretch, 30 min"


@pytest.mark.parametrize(
    ("minutes", "turns", "message"),
    [
        ("15", "0", "F:8: step 1 (Touch): turns: should be 1 or more, not 0"),
        ("15", "-2", "F:8: step 1 (Touch): turns: should be 1 or more, not -2"),
        ("15", "2.5", "F:8: step 1 (Touch): turns: should be a whole number, not 2.5"),
        ("15", '"two"', "F:8: step 1 (Touch): turns: should be a whole number, not text"),
        ("15", "true", "F:8: step 1 (Touch): turns: should be a whole number, not true/false"),
        ("5", "7", "F:8: step 1 (Touch): turns: should be at most 6 turns, not 7"),
        ("0", "2", "F:7: step 1 (Touch): minutes: should be more than 0 minutes, not 0"),
        ("61", "1", "F:7: step 1 (Touch): minutes: should be at most 60 minutes, not 61"),
        (
            "20",
            "4",
            "F:8: step 1 (Touch): turns: this step would last 1 h 20 min; keep each step "
            "within one hour (3600 seconds)",
        ),
    ],
)
def test_a_turns_step_with_a_mistake_names_file_line_and_field(
    tmp_path: Path, minutes: str, turns: str, message: str
) -> None:
    assert problems(tmp_path, turns_step(minutes, turns)) == [message]


def test_a_turns_step_needs_minutes_and_turns(tmp_path: Path) -> None:
    assert problems(tmp_path, with_step('type = "turns"\ntitle = "Touch"\nturn = 2\n')) == [
        "F:7: step 1 (Touch): turn: not a field of a turns step (did you mean 'turns'?)",
        "F:4: step 1 (Touch): minutes: missing; a turns step needs title, minutes, turns",
        "F:4: step 1 (Touch): turns: missing; a turns step needs title, minutes, turns",
    ]


def test_a_squeeze_may_say_how_hard_gentle_or_strength() -> None:
    from coach.core.routines import RoutineError, SqueezeRelease, load_routine, parse_routine

    base = (
        'schema_version = 1\nname = "S"\n[[steps]]\ntype = "squeeze-release"\ntitle = "S"\n'
        "squeeze = 3\nrelease = 10\nreps = 2\n"
    )
    (step,) = parse_routine(base, "s.toml", name="s").steps
    assert isinstance(step, SqueezeRelease) and step.effort == "gentle"
    (step,) = parse_routine(base + 'effort = "strength"\n', "s.toml", name="s").steps
    assert isinstance(step, SqueezeRelease) and step.effort == "strength"
    with pytest.raises(RoutineError) as caught:
        parse_routine(base + 'effort = "hard"\n', "s.toml", name="s")
    assert caught.value.problems == [
        's.toml:9: step 1 (S): effort: should be "gentle" or "strength", not \'hard\''
    ]
    strength = load_routine(builtin_dir() / "pelvic-floor-strength.toml", builtin=True)
    squeezes = [s for s in strength.steps if isinstance(s, SqueezeRelease)]
    assert squeezes and all(s.effort == "strength" for s in squeezes)
