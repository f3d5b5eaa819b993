"""The built-in programme against clinical.md's numbers; its words against a calm-word list."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC
from pathlib import Path

import pytest

from coach.core import advice, ladder, safety, trainer_checkin
from coach.core.config import DEFAULT_SUPPORT
from coach.core.records import RestDay
from coach.core.routines import (
    Breathe,
    Rest,
    Routine,
    SqueezeRelease,
    Step,
    TenseRelease,
    Trainer,
    builtin_dir,
    load_routine,
)
from coach.views import rest as restday

FILES = sorted(builtin_dir().glob("*.toml"))
ROUTINES = {path.stem: load_routine(path, builtin=True) for path in FILES}

# clinical.md "Breathing": the only patterns a built-in may use (in, hold, out, hold).
PATTERNS = {(4, 0, 6, 0), (5, 0, 5, 0), (4, 4, 4, 4), (4, 7, 8, 0)}

# Words the user never reads from coach, grouped by why. "emergency" is allowed: it is the
# support list's own word for 999 (clinical.md); so are "pain", "bleeding" and "panic", which
# the safety text needs in order to be useful.
BANNED_GROUPS: dict[str, tuple[str, ...]] = {
    # pass/fail framing makes slow progress feel like a verdict (Macey 2015: self-help can
    # feel demoralising); stepping down is never a setback (clinical.md)
    "blame": (r"fail\w*", r"setbacks?", r"wrong", r"give up", r"behind"),
    # orders where the leaflets give choices: "go at your own pace"
    "orders": (r"must", r"have to", r"should", r"need to"),
    # the myth the leaflets correct ("trainers do not stretch"), and any hint of force
    "force": (
        r"stretch\w*",
        r"force yourself",
        r"insert\w* forcefully",
        r"push through",
        r"no pain",
    ),
    # clinical jargon that has a plain word in our texts
    "jargon": (
        r"penetrat\w*",
        r"dilat\w*",
        r"kegels?",
        r"contractions?",
        r"hypertonic\w*",
        r"levator",
        r"introitus",
        r"perine\w*",
        r"vestibul\w*",
        r"dyspareunia",
        r"suds",
        r"diaphragm",
    ),
    # promises nobody can keep
    "promises": (r"guarantee\w*", r"cure\w*", r"pain-free"),
    # alarm
    "alarm": (r"danger\w*", r"damage\w*", r"tears?", r"rip", r"terrible", r"warning"),
}
BANNED = tuple(word for group in BANNED_GROUPS.values() for word in group)
BANNED_RE = re.compile(r"\b(" + "|".join(BANNED) + r")\b", re.IGNORECASE)


def steps_of(kind: type[Step]) -> list[tuple[str, Step]]:
    return [(name, s) for name, r in ROUTINES.items() for s in r.steps if isinstance(s, kind)]


def routine_text(routine: Routine) -> list[str]:
    return [
        routine.title,
        routine.summary,
        routine.caution,
        *(t for s in routine.steps for t in (s.title, s.guide)),
    ]


def test_the_whole_programme_is_there() -> None:
    for name in (
        "first-try",
        "evening-unwind",
        "pmr-16",
        "pmr-7",
        "pmr-4",
        "pmr-recall",
        "calm-breathing",
        "resonance-breathing",
        "box-breathing",
        "breathing-4-7-8",
        "pelvic-floor-awareness",
        "pelvic-floor-drops",
        "trainer-practice",
    ):
        assert name in ROUTINES
    assert [n for n in ROUTINES if "strength" in n] == ["pelvic-floor-strength"]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_file_declares_schema_1_and_says_where_its_numbers_come_from(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text)["schema_version"] == 1
    assert text.startswith("#") and "clinical.md" in text.split("schema_version")[0]
    assert ROUTINES[path.stem].summary


def test_pmr_tense_5_to_7_seconds_and_release_at_least_15() -> None:
    found = steps_of(TenseRelease)
    assert len(found) > 30
    for name, step in found:
        assert isinstance(step, TenseRelease)
        assert 5 <= step.tense <= 7, (name, step.title)
        assert step.release >= 15, (name, step.title)


@pytest.mark.parametrize("name", ["pmr-16", "pmr-7", "pmr-4", "pmr-recall"])
def test_pmr_groups_end_with_the_pelvic_floor_released_gently(name: str) -> None:
    steps = ROUTINES[name].steps
    muscle = [i for i, s in enumerate(steps) if not isinstance(s, Rest) and i > 0]
    last = steps[muscle[-1]]
    assert last.title == "Pelvic floor"
    assert all(isinstance(s, Rest) for s in steps[muscle[-1] + 1 :])
    assert "let go" in last.guide or "soften" in last.guide
    if isinstance(last, SqueezeRelease):
        assert "gentle" in last.guide and last.release >= 2 * last.squeeze
    expected_groups = {"pmr-16": 16, "pmr-7": 7, "pmr-4": 4, "pmr-recall": 4}[name]
    groups = [s for s in steps[1 : muscle[-1]] if isinstance(s, TenseRelease | Rest)]
    assert len(groups) == expected_groups
    if name == "pmr-recall":  # recall: release without tensing first
        assert not any(isinstance(s, TenseRelease | SqueezeRelease) for s in steps)
        assert all("release" in s.guide.lower() for s in groups)


def test_a_full_16_group_session_is_15_to_20_minutes() -> None:
    assert 15 * 60 <= ROUTINES["pmr-16"].total_seconds <= 20 * 60


def test_breathing_uses_only_the_listed_patterns() -> None:
    for name, step in steps_of(Breathe):
        assert isinstance(step, Breathe)
        pattern = (step.inhale, step.hold_in, step.exhale, step.hold_out)
        assert pattern in PATTERNS, (name, step.title, pattern)


def test_each_breathing_routine_practises_its_own_pattern() -> None:
    wanted = {
        "calm-breathing": (4, 0, 6, 0),
        "resonance-breathing": (5, 0, 5, 0),
        "box-breathing": (4, 4, 4, 4),
        "breathing-4-7-8": (4, 7, 8, 0),
    }
    for name, pattern in wanted.items():
        patterns = {
            (s.inhale, s.hold_in, s.exhale, s.hold_out)
            for s in ROUTINES[name].steps
            if isinstance(s, Breathe)
        }
        assert pattern in patterns


def test_4_7_8_at_most_4_cycles() -> None:
    for name, step in steps_of(Breathe):
        assert isinstance(step, Breathe)
        if (step.inhale, step.hold_in, step.exhale) == (4, 7, 8):
            assert step.cycles <= 4, name


@pytest.mark.parametrize("name", ["box-breathing", "breathing-4-7-8"])
def test_breath_holds_come_with_their_caution(name: str) -> None:
    routine = ROUTINES[name]
    assert "light-headed" in routine.caution or "dizzy" in routine.caution
    assert "optional" in routine.caution and "asthma" in routine.caution
    assert "optional" in routine.summary
    held = [s for s in routine.steps if isinstance(s, Breathe) and (s.hold_in or s.hold_out)]
    assert held


def test_only_box_and_4_7_8_hold_the_breath() -> None:
    held = {n for n, s in steps_of(Breathe) if isinstance(s, Breathe) and (s.hold_in or s.hold_out)}
    assert held == {"box-breathing", "breathing-4-7-8"}


def test_squeezes_release_at_least_twice_as_long_outside_the_strength_routine() -> None:
    found = steps_of(SqueezeRelease)
    assert found
    for name, step in found:
        assert isinstance(step, SqueezeRelease)
        assert step.release >= 10, (name, step.title)  # let go completely for at least 10 s
        if "strength" not in name:
            assert step.release >= 2 * step.squeeze, (name, step.title)
            assert 3 <= step.squeeze <= 5, (name, step.title)  # gentle, 3-5 s


def test_the_strength_routine_is_labelled_as_not_the_starting_point() -> None:
    routine = ROUTINES["pelvic-floor-strength"]
    assert "optional" in routine.title.lower()
    for text in (routine.summary, routine.caution):
        assert "not the" in text.lower() and "tight" in text
    for step in routine.steps:
        if isinstance(step, SqueezeRelease):
            assert step.squeeze <= 10 and step.reps <= 10  # NHS: up to 10 s, up to 10 reps
    assert isinstance(routine.steps[-2], Breathe)  # it still ends by letting go


def test_trainer_practice_is_10_to_15_minutes_with_warm_up_breathing_cues_and_rest() -> None:
    found = steps_of(Trainer)
    assert found
    for name, step in found:
        assert isinstance(step, Trainer)
        assert 10 <= step.minutes <= 15, name
        assert "breathe" in step.guide.lower() and "never force" in step.guide.lower()
    steps = ROUTINES["trainer-practice"].steps
    index = next(i for i, s in enumerate(steps) if isinstance(s, Trainer))
    assert index > 0 and all(not isinstance(s, Trainer) for s in steps[:index])
    assert isinstance(steps[-1], Rest) and steps[-1].seconds >= 60


def user_facing_texts() -> list[tuple[str, str]]:
    texts = [(name, t) for name, r in ROUTINES.items() for t in routine_text(r)]
    texts.append(("first-run", safety.first_run_safety_text()))
    texts.append(("safety line", safety.SAFETY_LINE))
    for section in safety.safety_sections(DEFAULT_SUPPORT):
        texts += [("safety", section.title), ("safety", section.intro)]
        texts += [("safety", p) for p in section.points]
    for pain, spotting in ((9, True), (7, None), (None, True)):
        texts.append(("advice", advice.checkin_advice(pain, spotting) or ""))
    texts.append(("ladder", "\n".join(ladder.build_ladder([]).message)))
    texts += [("check-in", f.label + " " + f.hint) for f in trainer_checkin.TRAINER_CHECKIN]
    texts.append(("rest", restday.NOTE_PROMPT + restday.reason_error("x")))
    return texts


def test_no_alarming_or_jargon_words_in_anything_the_user_reads() -> None:
    found = [
        (where, m.group(0), text)
        for where, text in user_facing_texts()
        for m in BANNED_RE.finditer(text)
    ]
    assert found == []


def test_the_word_check_catches_what_it_should() -> None:
    for text in (
        "You failed",
        "a SETBACK",
        "you must",
        "stretches",
        "Dilator",
        "penetration",
        "pain-free guaranteed",
    ):
        assert BANNED_RE.search(text), text
    for text in ("let go", "never push or bear down", "soften and drop", "stop if it hurts"):
        assert not BANNED_RE.search(text), text


def test_rest_confirmation_is_calm() -> None:
    from datetime import date, datetime

    line = restday.confirmation(
        RestDay(date(2026, 11, 22), "sore", datetime(2026, 11, 22, tzinfo=UTC))
    )
    assert not BANNED_RE.search(line) and "part of the practice" in line
