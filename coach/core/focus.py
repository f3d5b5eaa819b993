"""Sensate focus: the programme's stages and words, its file, joint agreement and the offer (pure).

Numbers and wording come from clinical.md, "Sensate focus". Nothing here ever moves a stage
by itself: a move needs every person's own yes, and the offer is only ever an option.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from coach.core.history import SessionSummary
from coach.core.paths import Paths
from coach.core.records import (
    FOCUS_STAGES,
    FOCUS_WEEKS,
    FOCUS_WEEKS_DEFAULT,
    FocusRecord,
    FocusState,
    PartnerCheckin,
    StageChange,
    parse_rating,
)

if TYPE_CHECKING:
    from coach.core.routines import Routine
    from coach.core.vault import Identity

__all__ = ["FOCUS_STAGES", "FOCUS_WEEKS", "FOCUS_WEEKS_DEFAULT"]

# The offer (clinical.md defaults): both people's anxiety at most 3 out of 10 in each of the
# latest 3 sessions of the stage, and the agreed weeks behind you.
CALM_ANXIETY = 3
CALM_SESSIONS = 3
YES = "yes"


class FocusError(Exception):
    """Something asked of the programme that cannot be done; ``str()`` is one calm sentence."""


@dataclass(frozen=True)
class Stage:
    """One stage: its name, and what it includes and still leaves out, for two or for one."""

    number: int
    title: str
    includes: str
    leaves_out: str
    solo_includes: str
    solo_leaves_out: str
    optional: bool = False

    def words(self, solo: bool) -> tuple[str, str]:
        """(what it includes, what it still leaves out)."""
        if solo:
            return self.solo_includes, self.solo_leaves_out
        return self.includes, self.leaves_out


STAGES: dict[int, Stage] = {
    1: Stage(
        1,
        "Touch, leaving out breasts and genitals",
        "Taking turns to touch and to be touched, clothed or not. Your attention rests on "
        "what you feel: warmth, pressure, texture. Touch for your own interest, not to "
        "please or to arouse.",
        "Breasts, genitals and intercourse. There is no goal of arousal or orgasm.",
        "Unhurried self-touch, clothed or not. Your attention rests on what you feel: "
        "warmth, pressure, texture, for your own interest.",
        "Breasts, genitals and any insertion. There is no goal of arousal or orgasm.",
    ),
    2: Stage(
        2,
        "Genital touch included",
        "Everything from stage 1, with genital touch added gradually over several weeks. "
        "Using the mouth is fine too, if you both want that.",
        "Intercourse: the pause you agreed still holds.",
        "Everything from stage 1, with genital self-touch added gradually over several weeks.",
        "Any insertion, for now.",
    ),
    3: Stage(
        3,
        "Touching together (optional)",
        "Touching each other at the same time rather than in turns, with the same "
        "unhurried attention.",
        "Intercourse: the pause you agreed still holds.",
        "Self-touch in your own order and at your own pace, with the same unhurried attention.",
        "Any insertion, for now.",
        optional=True,
    ),
    4: Stage(
        4,
        "Containment (optional)",
        "Only if you both want it. The partner with vaginismus sets the pace and the "
        "position; insertion of a finger, a trainer or a penis, with still pauses before "
        "any movement. Best once the larger trainer sizes feel comfortable without pain or "
        "anxiety, and when fully aroused.",
        "Any required goal. Insertion is never a goal in itself: you set your own.",
        "Only if you want it. You set the pace and the position; insertion of a finger or "
        "a trainer, with still pauses before any movement. Best once the larger trainer "
        "sizes feel comfortable without pain or anxiety.",
        "Any required goal. Insertion is never a goal in itself: you set your own.",
        optional=True,
    ),
}


def agreement_lines(weeks: int, solo: bool) -> list[str]:
    """What beginning the programme agrees to, in the order ``coach focus begin`` says it."""
    if solo:
        return [
            f"For the next {weeks} weeks, insertion is paused, whatever else you try.",
            "Set aside unhurried time that is just yours, somewhere private and warm.",
            "You may stop any session at any moment, with no reason owed.",
        ]
    return [
        f"For the next {weeks} weeks, intercourse is paused: you both agree not to have "
        "sex, whatever else you try.",
        "Set aside unhurried time that is just for the two of you.",
        "Either of you may decline or stop any session, at any moment, with no blame "
        "and no reason owed.",
        "You may like to choose a stop word together. coach never asks for it and never "
        "stores it: it is yours.",
    ]


ABOUT = (
    "Sensate focus is a gentle, paced programme of touch, for a couple or on your own. "
    "It begins with a pause on intercourse for a number of weeks you agree on, then moves "
    "through stages only when you choose to. Going back a stage is a normal part of it, "
    "and insertion is never the required goal."
)


# ---------------------------------------------------------------------------------------------
# The programme and its file


def begin(weeks: int, solo: bool, today: date) -> FocusState:
    """A new programme at stage 1; raises FocusError for weeks outside 2 to 12."""
    low, high = FOCUS_WEEKS
    if not low <= weeks <= high:
        raise FocusError(
            f"The pause can be from {low} to {high} weeks (you chose {weeks}); "
            f"{FOCUS_WEEKS_DEFAULT} weeks if you leave it out. Nothing was set up."
        )
    return FocusState(weeks=weeks, began=today, solo=solo, history=[StageChange(1, today)])


def load(paths: Paths, identity: Identity | None = None) -> FocusState | None:
    """The programme, or None before one began; raises SessionFileError for a bad file, and
    for a sealed one (the data folder is locked) when no ``identity`` is given."""
    from coach.core.store.codec import parse_focus_state
    from coach.core.store.sessions import existing_form, read_data_file

    path = existing_form(paths.focus_file)
    if path is None:
        return None
    return parse_focus_state(read_data_file(path, identity), path)


def save(paths: Paths, state: FocusState) -> None:
    """Write the programme atomically, private to you (sealed while the data folder is
    locked); raises StoreError."""
    from coach.core.store.codec import dump_focus_state
    from coach.core.store.files import ensure_private_dir
    from coach.core.store.sessions import sealer, write_data_file

    ensure_private_dir(paths.data)
    write_data_file(paths.focus_file, dump_focus_state(state), sealer(paths.data))


def weeks_passed(state: FocusState, today: date) -> int:
    """Whole weeks since the programme began."""
    return max((today - state.began).days, 0) // 7


def pause_over(state: FocusState, today: date) -> bool:
    """Whether the agreed weeks are behind you."""
    return today >= state.began + timedelta(weeks=state.weeks)


# ---------------------------------------------------------------------------------------------
# Moving between stages: only on every person's own yes


def people(state: FocusState | None) -> int:
    """How many people answer: one on the solo track, else two."""
    return 1 if state is not None and state.solo else 2


def is_yes(answer: str) -> bool:
    """Only "yes" itself (any case, spaces around it forgiven) is a yes: not "y", not "ok"."""
    return answer.strip().lower() == YES


def agreed(answers: Sequence[str], state: FocusState) -> bool:
    """True only when each person answered yes; anything else leaves things be."""
    return len(answers) == people(state) and all(is_yes(a) for a in answers)


def check_stage(number: int) -> None:
    """Raise FocusError for a stage that does not exist."""
    if not 1 <= number <= FOCUS_STAGES:
        raise FocusError(f"The stages are numbered 1 to {FOCUS_STAGES}. Nothing changed.")


def move(state: FocusState, to: int, answers: Sequence[str], today: date) -> FocusState:
    """The programme at stage ``to``, when everyone said yes; else FocusError, unchanged."""
    check_stage(to)
    if to == state.stage:
        raise FocusError(f"You are already at stage {to}. Nothing changed.")
    if not agreed(answers, state):
        raise FocusError(
            "A move needs a yes from each of you. Nothing changed, and that is fine."
            if not state.solo
            else "A move needs your own yes. Nothing changed, and that is fine."
        )
    return replace(state, history=[*state.history, StageChange(to, today)])


def moving_words(state: FocusState, to: int) -> str:
    """A calm line before asking: forward is an option, back is a normal part of it."""
    stage = STAGES[to]
    if to < state.stage:
        return (
            f"Going back to {stage_name(to)} is a normal part of the programme; "
            "many people do, for as long as they like."
        )
    extra = " It is optional." if stage.optional else ""
    return f"Stage {to}: {stage.title}.{extra}"


# ---------------------------------------------------------------------------------------------
# Sessions and the offer


def is_focus(routine: Routine) -> bool:
    """A sensate-focus routine: one with a turns step."""
    from coach.core.routines import Turns  # routines load only where a routine is at hand

    return any(isinstance(step, Turns) for step in routine.steps)


def record_for(state: FocusState | None, routine: Routine) -> FocusRecord:
    """The focus part of a new session file, before anyone has answered. Before a programme
    began, a solo routine (``focus-solo-...``) is the only sign of the solo track."""
    if state is None:
        return FocusRecord(solo=routine.name.startswith("focus-solo"))
    return FocusRecord(stage=state.stage, solo=state.solo)


def in_stage(state: FocusState, sessions: Iterable[SessionSummary]) -> list[SessionSummary]:
    """Focus sessions of the current stage, since it began, oldest first."""
    began = state.stage_began.isoformat()
    return sorted(
        (
            s
            for s in sessions
            if s.focus is not None and s.focus.stage == state.stage and s.day >= began
        ),
        key=lambda s: s.timestamp,
    )


def stage_sessions(
    paths: Paths, state: FocusState, identity: Identity | None = None
) -> list[SessionSummary]:
    """This stage's sessions, through the index: only files from the day the stage began
    (read with ``identity`` while the data folder is locked)."""
    from coach.core.index import open_index

    index = open_index(paths, identity)
    # A day of slack: a file is named after its start in the offset it was recorded in.
    index.check_between((state.stage_began - timedelta(days=1)).isoformat())
    index.save()
    return in_stage(state, index.summaries)


def current_offer(
    paths: Paths, today: date, identity: Identity | None = None, *, discreet: bool = False
) -> str | None:
    """The offer of the next stage in words, when the rule allows one; None otherwise (and
    while the data folder is locked, unless ``identity`` opens it)."""
    from coach.core.tomlfile import TomlProblem

    try:
        state = load(paths, identity)
    except TomlProblem:
        return None  # `coach focus` names the problem; a suggestion is no place for it
    if state is None:
        return None
    to = offer(state, stage_sessions(paths, state, identity), today)
    return None if to is None else offer_words(state, to, discreet=discreet)


def calm(record: FocusRecord, count: int) -> bool:
    """Every one of ``count`` people rated their anxiety, at 3 or less. A stop used is never
    held against a session: it plays no part here."""
    rated = [p.anxiety for p in record.partners[:count] if p.anxiety is not None]
    return len(rated) == count and all(a <= CALM_ANXIETY for a in rated)


def offer(state: FocusState, sessions: Iterable[SessionSummary], today: date) -> int | None:
    """The next stage, when it may be offered as an option; None otherwise. Never a move."""
    if state.stage >= FOCUS_STAGES or not pause_over(state, today):
        return None
    latest = in_stage(state, sessions)[-CALM_SESSIONS:]
    if len(latest) < CALM_SESSIONS:
        return None
    if all(s.focus is not None and calm(s.focus, people(state)) for s in latest):
        return state.stage + 1
    return None


def stage_name(number: int, *, discreet: bool = False) -> str:
    """``stage 2 (Genital touch included)``; in discreet mode only ``stage 2``."""
    return f"stage {number}" if discreet else f"stage {number} ({STAGES[number].title})"


def offer_words(state: FocusState, to: int, *, discreet: bool = False) -> str:
    """The offer, as an option you choose together (or alone), never a target."""
    who = "you" if state.solo else "you both"
    return (
        f"Your recent sessions felt calm and your agreed {state.weeks} weeks have passed. "
        f"{_capital(stage_name(to, discreet=discreet))} could be an option, if {who} want it; "
        f"staying where you are is just as fine. coach focus stage {to} asks "
        + ("for your yes." if state.solo else "each of you for your own yes.")
    )


def next_words(state: FocusState, today: date, *, discreet: bool = False) -> str:
    """What could come next when no offer is showing: an option, with no count toward it."""
    if state.stage >= FOCUS_STAGES:
        return "This is the last stage. Stay as long as you like."
    to = state.stage + 1
    who = "you feel" if state.solo else "you both feel"
    after = "" if pause_over(state, today) else ", and your agreed weeks are behind you"
    return (
        f"When {who} ready{after}, {stage_name(to, discreet=discreet)} is there as an "
        "option. There is no hurry."
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# Each person's check-in, asked the same way in the TUI and in plain mode


@dataclass(frozen=True)
class Question:
    """One check-in question: its key, its name, and the answers it takes."""

    key: str
    name: str
    scale: str


QUESTIONS: tuple[Question, ...] = (
    Question("comfort", "Comfort", "0 none … 10 very much"),
    Question("anxiety", "Anxiety", "0 calm … 10 very anxious"),
    Question("stop_used", "Stop used", "yes or no, either is fine"),
    Question("note", "Note", "optional, stays on this computer"),
)
RATING_HINT = "Please choose a number from 0 to 10, or leave it blank."
YES_NO_HINT = "Please type yes or no, or leave it blank."
HANDOVER = "Thank you. Please pass the keyboard to your partner."
HANDOVER_PRIVATE = "Your answers are off the screen now; the next ones are theirs."


def check_title(number: int, count: int) -> str:
    """The heading of one person's check-in: which of how many, never who."""
    if count == 1:
        return "How was that for you?"
    return f"How was that for you? Check-in {number} of {count}"


def parse_yes_no(text: str) -> bool | None:
    """yes or no (y, n) from what was typed; empty means not answered. Raises ValueError."""
    word = text.strip().lower()
    if not word:
        return None
    if word in ("yes", "y"):
        return True
    if word in ("no", "n"):
        return False
    raise ValueError("not yes or no")


def check_answer(key: str, text: str) -> str | None:
    """What is wrong with ``text`` as the answer to ``key``, in a calm sentence, or None."""
    try:
        if key in ("comfort", "anxiety"):
            parse_rating(text)
        elif key == "stop_used":
            parse_yes_no(text)
    except ValueError:
        return RATING_HINT if key != "stop_used" else YES_NO_HINT
    return None


def partner_so_far(answers: Mapping[str, str]) -> PartnerCheckin | None:
    """One person's answers typed so far, when the session ends before they were saved:
    every answer check_answer takes, none it refuses; None when none is left."""
    kept = {k: text for k, text in answers.items() if text.strip() and not check_answer(k, text)}
    return partner_checkin(kept) if kept else None


def partner_checkin(answers: Mapping[str, str]) -> PartnerCheckin:
    """One person's answers as a record; raises ValueError for an answer check_answer refuses."""
    return PartnerCheckin(
        comfort=parse_rating(answers.get("comfort", "")),
        anxiety=parse_rating(answers.get("anxiety", "")),
        stop_used=parse_yes_no(answers.get("stop_used", "")),
        note=answers.get("note", "").strip() or None,
    )
