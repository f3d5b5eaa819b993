"""The built-in programme against clinical.md's numbers; its words against a calm-word list."""

from __future__ import annotations

import io
import re
import textwrap
import tomllib
from datetime import UTC
from pathlib import Path

import pytest
from rich.console import Console
from rich.markdown import Markdown

import coach
from coach.core import advice, focus, ladder, safety, trainer_checkin
from coach.core.config import DEFAULT_SUPPORT, Config
from coach.core.records import Checkin, RestDay, TrainerReport
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
        "getting-to-know-your-body",
        "pmr-cue-word",
    ):
        assert name in ROUTINES
    assert [n for n in ROUTINES if "strength" in n] == ["pelvic-floor-strength"]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_file_declares_schema_1_and_says_where_its_numbers_come_from(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text)["schema_version"] == 1
    assert text.startswith("#") and "clinical.md" in text.split("schema_version")[0]
    assert ROUTINES[path.stem].summary


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_number_a_routine_uses_is_named_in_its_header(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    named = set(re.findall(r"\d+", text.split("schema_version")[0]))
    for i, step in enumerate(tomllib.loads(text)["steps"], 1):
        for key, value in step.items():
            if isinstance(value, int | float) and value:
                assert f"{value:g}" in named, (path.stem, i, key, value)


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


def test_squeezes_release_at_least_twice_as_long_and_gently_outside_the_strength_routine() -> None:
    found = steps_of(SqueezeRelease)
    assert found
    for name, step in found:
        assert isinstance(step, SqueezeRelease)
        assert step.release >= 10, (name, step.title)  # let go completely for at least 10 s
        # "Cue wording": even a strength routine releases twice as long by default
        assert step.release >= 2 * step.squeeze, (name, step.title)
        assert "breathe in" in step.guide, (name, step.title)  # released on an in-breath
        if "strength" not in name:
            assert 3 <= step.squeeze <= 5, (name, step.title)  # gentle, 3-5 s


def test_the_strength_routine_releases_its_10_second_holds_for_20() -> None:
    holds = [
        s
        for s in ROUTINES["pelvic-floor-strength"].steps
        if isinstance(s, SqueezeRelease) and s.squeeze == 10
    ]
    assert holds and all(s.release == 20 for s in holds)  # clinical.md "Cue wording"


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


# clinical.md "Cue wording": sides are "dominant (stronger)" and "other"; cues hold without
# voice; a release is a letting go on the in-breath, so no guide ties it to the out-breath.
SIDES_RE = re.compile(r"\b(right|left)\b", re.IGNORECASE)
OUT_BREATH_RE = re.compile(r"breath\w*\s+out|out-breath|exhal\w*", re.IGNORECASE)
CUE_WITHOUT_VOICE = "at the bell, or when the screen says let go"


def test_sides_are_dominant_and_other_never_right_or_left() -> None:
    for name, routine in ROUTINES.items():
        for text in routine_text(routine):
            assert not SIDES_RE.search(text), (name, text)
    for name in ("pmr-16", "pmr-7", "evening-unwind"):
        titles = [s.title for s in ROUTINES[name].steps]
        dominant = [t for t in titles if t.startswith("Dominant (stronger) ")]
        other = [t for t in titles if t.startswith("Other ")]
        assert dominant and len(dominant) == len(other), name
        assert [t.removeprefix("Dominant (stronger) ") for t in dominant] == [
            t.removeprefix("Other ") for t in other
        ]


def test_cues_hold_without_voice() -> None:
    for name, routine in ROUTINES.items():
        for text in routine_text(routine):
            assert "when you hear" not in text.lower(), (name, text)
    for name in ("first-try", "pmr-16"):
        first = next(s for s in ROUTINES[name].steps if isinstance(s, TenseRelease))
        assert CUE_WITHOUT_VOICE in first.guide.lower(), name


def test_nothing_suggests_breathing_out_to_release() -> None:
    for name, routine in ROUTINES.items():
        for step in routine.steps:
            if not isinstance(step, Breathe):  # a breathing step guides both halves of a breath
                assert not OUT_BREATH_RE.search(step.guide), (name, step.title)


def test_every_routine_that_tenses_the_chest_carries_the_pmr_caution() -> None:
    found = [
        name
        for name, routine in ROUTINES.items()
        if any(isinstance(s, TenseRelease) and "chest" in s.title.lower() for s in routine.steps)
    ]
    assert {"pmr-16", "pmr-7", "pmr-4", "evening-unwind"} <= set(found)
    for name in found:
        caution = ROUTINES[name].caution
        assert "injured or painful" in caution, name
        assert "breath" in caution and "chest" in caution and "optional" in caution, name


def test_evening_unwind_says_its_steps_in_order_and_tenses_the_forehead() -> None:
    routine = ROUTINES["evening-unwind"]
    # (word in the summary, the step it names), in the order the steps come
    named = [
        ("breathing", "Belly breathing"),
        ("arms", "Dominant (stronger) arm"),
        ("face", "Face"),
        ("neck", "Neck"),
        ("legs", "Dominant (stronger) leg and foot"),
        ("pelvic floor", "Pelvic floor"),
        ("squeezes", "Pelvic-floor awareness"),
        ("quiet rest", "Quiet rest"),
    ]
    summary = routine.summary.lower()
    in_summary = [summary.index(word) for word, _ in named]
    titles = [s.title for s in routine.steps]
    in_steps = [titles.index(title) for _, title in named]
    assert in_summary == sorted(in_summary) and in_steps == sorted(in_steps)
    face = routine.steps[titles.index("Face")]
    assert "forehead" in face.guide


def test_first_try_is_the_three_minute_taster() -> None:
    routine = ROUTINES["first-try"]
    calm, tense, drops, rest = routine.steps
    assert isinstance(calm, Breathe) and (calm.inhale, calm.exhale) == (4, 6)
    assert calm.planned_seconds <= 90  # a short calm-breathing block
    assert isinstance(tense, TenseRelease) and tense.repeat == 1  # one tense-and-let-go
    assert (tense.tense, tense.release) == (6, 30)  # PMR default
    assert isinstance(drops, Breathe) and "drops" in drops.title.lower()
    assert 2 <= drops.cycles <= 5  # a few drops
    assert isinstance(rest, Rest) and rest.seconds >= 60  # at least 1 min of quiet rest
    assert 150 <= routine.total_seconds <= 210  # about 3 min
    assert "taster" in routine.summary and "full sessions are longer" in routine.summary


def test_a_summary_that_gives_minutes_matches_the_steps() -> None:
    for name, routine in ROUTINES.items():
        for said in re.findall(r"(\d+) minutes", routine.summary.lower()):
            assert abs(int(said) * 60 - routine.total_seconds) <= 60, name


def test_every_guide_fits_the_session_screen() -> None:
    # at 80x24 the guide box holds 6 lines of about 72 columns; a longer guide is cut short
    for name, routine in ROUTINES.items():
        for step in routine.steps:
            assert len(textwrap.wrap(step.guide, 70)) <= 6, (name, step.title)


def test_the_pmr_progression_runs_16_7_4_recall_cue_word() -> None:
    # each stage names the one before it: about 1-2 weeks per stage (clinical.md)
    stages = ["pmr-16", "pmr-7", "pmr-4", "pmr-recall", "pmr-cue-word"]
    before = ["16-group", "7-group", "4-group", "recall"]
    for name, earlier in zip(stages[1:], before, strict=True):
        assert earlier in ROUTINES[name].summary, name


def test_the_cue_word_stage_lets_go_without_tensing_and_ends_with_the_pelvic_floor() -> None:
    routine = ROUTINES["pmr-cue-word"]
    steps = routine.steps
    assert not any(isinstance(s, TenseRelease | SqueezeRelease) for s in steps)
    assert any('"relax"' in s.guide for s in steps)  # clinical.md: let go on the word "relax"
    pelvic = next(s for s in steps if s.title == "Pelvic floor")
    assert isinstance(pelvic, Breathe) and "soften" in pelvic.guide and "breathe in" in pelvic.guide
    assert all(isinstance(s, Rest) for s in steps[steps.index(pelvic) + 1 :])
    assert isinstance(steps[-1], Rest) and 60 <= steps[-1].seconds <= 120  # 1-2 min rest
    assert routine.total_seconds <= 20 * 60


def test_getting_to_know_your_body_follows_the_exploration_default() -> None:
    routine = ROUTINES["getting-to-know-your-body"]
    steps = routine.steps
    assert 18 * 60 <= routine.total_seconds <= 22 * 60  # about 20 min
    calm = steps[0]
    assert isinstance(calm, Breathe) and calm.planned_seconds == 3 * 60
    assert (calm.inhale, calm.hold_in, calm.exhale, calm.hold_out) == (4, 0, 6, 0)
    titles = [s.title.lower() for s in steps]
    parts = ["warmth", "looking", "outside only", "drops", "quiet rest"]
    at = [next(i for i, t in enumerate(titles) if part in t) for part in parts]
    assert at == sorted(at)  # in clinical.md's order
    assert "mirror" in steps[at[1]].guide and "if you wish" in steps[at[1]].guide.lower()
    assert "outside only" in steps[at[2]].guide
    assert not any(isinstance(s, Trainer | SqueezeRelease | TenseRelease) for s in steps)
    assert "Skipping any part is fine" in routine.summary
    assert "skip" in routine.caution.lower() and "outside" in routine.caution
    assert isinstance(steps[-1], Rest) and steps[-1].seconds >= 60


def test_trainer_practice_covers_fingers_and_a_tampon_as_well_as_trainers() -> None:
    routine = ROUTINES["trainer-practice"]
    practice = next(s for s in routine.steps if isinstance(s, Trainer))
    for word in ("trainer", "fingertip at the entrance", "tampon once a finger is comfortable"):
        assert word in practice.guide, word
    assert "further only if it is comfortable" in practice.guide
    setting_up = routine.steps[0].guide
    assert "short nails" in setting_up and "clean hands" in setting_up and "lubricant" in setting_up
    for word in ("trainer", "fingers", "tampon"):
        assert word in routine.summary, word
    # changing between fingers and trainers is never called going back (clinical.md)
    every_text = " ".join(routine_text(routine))
    assert not re.search(r"\b(go|going|gone|went|step\w*) back\b", every_text, re.IGNORECASE)


def user_facing_texts() -> list[tuple[str, str]]:
    texts = [(name, t) for name, r in ROUTINES.items() for t in routine_text(r)]
    texts.append(("first-run", safety.first_run_safety_text()))
    texts.append(("safety line", safety.SAFETY_LINE))
    for section in safety.safety_sections(DEFAULT_SUPPORT):
        texts += [("safety", section.title), ("safety", section.intro)]
        texts += [("safety", p) for p in section.points]
    for checkin, bleeding in ((Checkin(pain=9, anxiety=9), "light spotting"), (None, None)):
        report = TrainerReport(pain_peak=5, bleeding=bleeding)
        for practice in (True, False):
            reply = advice.checkin_reply(
                checkin, report, trainer_practice=practice, support=Config(), find_support=""
            )
            texts += [("advice", text) for text in reply]
    texts.append(("ladder", "\n".join(ladder.build_ladder([]).message)))
    texts += [("check-in", f.label + " " + f.hint) for f in trainer_checkin.TRAINER_CHECKIN]
    texts.append(("rest", restday.NOTE_PROMPT + restday.reason_error("x")))
    texts.append(("focus", focus.ABOUT))
    for solo in (False, True):
        texts += [("focus", line) for line in focus.agreement_lines(4, solo)]
    for stage in focus.STAGES.values():
        texts += [
            ("focus", stage.title),
            *(("focus", w) for w in (*stage.words(False), *stage.words(True))),
        ]
    texts += [("focus", f"{q.name} {q.scale}") for q in focus.QUESTIONS]
    texts += [("focus", t) for t in (focus.HANDOVER, focus.HANDOVER_PRIVATE)]
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


# `coach learn` pages: clinical.md "Understanding vaginismus" and issue 11 section 4, one
# topic per file, each with words it has to say to be faithful to the leaflets.
LEARN = Path(coach.__file__).parent / "content" / "learn"
PAGES = sorted(LEARN.glob("*.md"))
TOPICS: dict[str, tuple[str, ...]] = {
    "vaginismus": ("on their own", "tampon", "not your fault", "can be treated"),
    "normal-size": ("normal-sized", "do not make anything bigger", "teach"),
    "treatable": ("can be treated", "days, weeks or months", "your own practice and its pace"),
    "gp": ("physical cause", "infection", "refer", "before you start using trainers"),
    "therapy": ("CBT", "COSRT", "College of Sexual and Relationship Therapists", "private"),
    "fingers-and-trainers": (
        "instead",
        "another path",
        "short",
        "clean",
        "fingertip at the entrance",
        "further only if it is comfortable",
        "tampon",
    ),
    "partner": ("fully aroused", "any gender", "never the required goal", "larger trainer"),
}
# every number a page says, and where clinical.md says it
LEARN_NUMBERS = {
    "3": "Vaginal trainers: keep going only while pain is at most 3/10",
    "10": "the same 0-10 scale",
    "6": "Safety text: about 6-8 weeks of pelvic surgery",
    "8": "Safety text: about 6-8 weeks of pelvic surgery",
}


def page(name: str) -> str:
    return (LEARN / f"{name}.md").read_text(encoding="utf-8")


def test_there_is_one_learn_page_per_topic() -> None:
    assert [p.stem for p in PAGES] == sorted(TOPICS)
    for path in PAGES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", path.stem) and len(path.stem) <= 24


@pytest.mark.parametrize("name", sorted(TOPICS))
def test_a_learn_page_has_a_title_a_one_line_summary_and_fits_one_screen(name: str) -> None:
    lines = page(name).splitlines()
    assert re.fullmatch(r"# \S.*", lines[0]) and lines[1] == ""
    assert lines[2] and lines[3] == "" and len(lines[2]) <= 80  # the one-line summary
    assert all(len(line) <= 80 for line in lines) and len(lines) <= 24
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(Markdown(page(name)))
    assert len(out.getvalue().splitlines()) <= 24


@pytest.mark.parametrize("name", sorted(TOPICS))
def test_a_learn_page_is_simple_markdown_that_reads_as_plain_text(name: str) -> None:
    text = page(name)
    assert not re.search(r"[`*_\[\]<>|]", text)  # headings, paragraphs and "- " lists only
    assert [line for line in text.splitlines() if line.startswith("#")] == [text.splitlines()[0]]


@pytest.mark.parametrize("name", sorted(TOPICS))
def test_a_learn_page_says_what_clinical_md_says_calmly(name: str) -> None:
    text = page(name)
    flat = " ".join(text.split())
    for words in TOPICS[name]:
        assert words in flat, words
    assert [m.group(0) for m in BANNED_RE.finditer(text)] == []
    assert not re.search(r"botox|botulinum|laser", text, re.IGNORECASE)  # clinical.md: not ours
    assert not re.search(r"\b(go|going|gone|went|step\w*) back\b", text, re.IGNORECASE)
    assert not re.search(r"\bwom[ae]n\b", text, re.IGNORECASE)  # second person, any gender
    for number in re.findall(r"\d+", text):
        assert number in LEARN_NUMBERS, number
    for other in re.findall(r"coach learn ([a-z-]+)", flat):
        assert other in TOPICS, other


def test_other_treatments_are_left_to_a_clinician() -> None:
    for name in ("treatable", "therapy"):
        flat = " ".join(page(name).split())
        assert re.search(r"A clinician can (also )?discuss other treatments", flat), name


def test_fingers_and_trainers_gives_the_reasons_to_wait() -> None:
    flat = " ".join(page("fingers-and-trainers").split())
    for reason in ("infection", "open wounds", "unexplained bleeding", "pelvic surgery"):
        assert reason in flat, reason
    assert "3 out of 10" in flat and "6-8 weeks" in flat


def test_sensate_focus_sessions_keep_to_clinical_md() -> None:
    """30-40 min; 2 turns of 15 min (or one 30 min stretch), then 5 min lying quietly."""
    from coach.core.routines import Turns

    names = [f"focus-stage-{n}" for n in range(1, 5)] + [
        f"focus-solo-stage-{n}" for n in range(1, 5)
    ]
    for name in names:
        routine = ROUTINES[name]
        turns, quiet = routine.steps
        assert isinstance(turns, Turns) and isinstance(quiet, Rest), name
        assert (turns.minutes, turns.turns) in ((15, 2), (30, 1)), name
        assert quiet.seconds == 300 and 30 * 60 <= routine.total_seconds <= 40 * 60, name
    assert [ROUTINES[f"focus-stage-{n}"].steps[0].turns for n in range(1, 5)] == [2, 2, 1, 1]
