"""``coach focus``: the sensate-focus programme for a person to read, begin and move through."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TextIO

from coach.core import focus
from coach.core.discreet import LEFT_OUT, PROGRAMME, discreet_mode
from coach.core.paths import Paths
from coach.core.records import FocusState
from coach.core.store.codec import SessionFileError
from coach.core.store.files import StoreError
from coach.core.words import counted

if TYPE_CHECKING:
    from coach.core.vault import Identity

Ask = Callable[[str], str]
ORDINALS = ("First", "Second")


def _day(day: date, today: date) -> str:
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def routine_name(state: FocusState, stage: int) -> str:
    """The built-in routine for a stage, on the track you chose."""
    return f"focus-solo-stage-{stage}" if state.solo else f"focus-stage-{stage}"


class _Out:
    """Paragraphs wrapped to the terminal (at most 88 columns), a hanging indent for bullets."""

    def __init__(self, out: TextIO) -> None:
        import shutil

        self.out = out
        self.width = min(shutil.get_terminal_size().columns, 88)

    def heading(self, text: str) -> None:
        self.out.write(f"\n{text}\n")

    def line(self, text: str = "", indent: int = 2, bullet: str = "") -> None:
        import textwrap

        lead = " " * indent
        self.out.write(
            textwrap.fill(
                text,
                self.width,
                initial_indent=lead + bullet,
                subsequent_indent=lead + " " * len(bullet),
            )
            + "\n"
        )


def _stage(w: _Out, state: FocusState, number: int, *, discreet: bool = False) -> None:
    """The stage's name and what it includes; in discreet mode only its number."""
    if discreet:
        w.heading(f"Stage {number}")
        return
    stage = focus.STAGES[number]
    includes, leaves_out = stage.words(state.solo)
    w.heading(f"Stage {number}: {stage.title}")
    w.line(f"Includes: {includes}")
    w.line(f"Leaves out for now: {leaves_out}")


def _load(paths: Paths, err: TextIO) -> tuple[FocusState | None, Identity | None, int]:
    """The programme and the identity that opened it (the passphrase is asked for once when
    the data folder is locked), or an exit code after saying why not."""
    from coach.views.passphrase import StaysLocked, identity_for_reading

    try:
        identity = identity_for_reading(paths, err)
    except StaysLocked as stop:
        return None, None, stop.code
    try:
        return focus.load(paths, identity), identity, 0
    except SessionFileError as problem:
        err.write(f"{problem}\nYour programme file was left exactly as it is.\n")
        return None, None, 1


def run_focus(
    paths: Paths, *, today: date | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Where you are: the agreement, the stage, sessions so far, and what could come next.

    In discreet mode, the stages are named only by number: what each includes, and the
    agreement's words, show without it (and where you begin or move, each time).
    """

    out, err = out or sys.stdout, err or sys.stderr
    today = today or date.today()
    state, identity, code = _load(paths, err)
    if code:
        return code
    discreet = discreet_mode(paths.config_file)
    w = _Out(out)
    out.write((f"Your {PROGRAMME}" if discreet else "Sensate focus") + "\n")
    if state is None and discreet:
        w.line()
        w.line("Nothing has begun yet. coach focus begin sets it up.", 0)
        w.line(LEFT_OUT, 0)
        return 0
    if state is None:
        w.line()
        w.line(focus.ABOUT, 0)
        w.heading("The stages")
        for number, stage in focus.STAGES.items():
            w.line(f"{number}. {stage.title}")
        w.heading("To begin")
        w.line(
            f"coach focus begin sets up the agreement, with a pause of "
            f"{focus.FOCUS_WEEKS_DEFAULT} weeks; --weeks N chooses another length from "
            f"{focus.FOCUS_WEEKS[0]} to {focus.FOCUS_WEEKS[1]}, and --solo is the same "
            "programme on your own."
        )
        return 0
    passed = focus.weeks_passed(state, today)
    w.heading("Your agreement" + (" (on your own)" if state.solo else ""))
    since = counted(passed, "week") if passed else "less than a week"
    w.line(
        f"Began {_day(state.began, today)}, with a pause of {counted(state.weeks, 'week')}; "
        f"{since} since then."
    )
    if focus.pause_over(state, today):
        w.line(f"Your agreed {counted(state.weeks, 'week')} are behind you.")
    _stage(w, state, state.stage, discreet=discreet)
    sessions = focus.stage_sessions(paths, state, identity)
    so_far = len(sessions)
    w.line(f"Sessions so far in this stage: {so_far}, since {_day(state.stage_began, today)}.")
    w.line(f"To practise: coach relax {routine_name(state, state.stage)}")
    w.heading("What could come next")
    to = focus.offer(state, sessions, today)
    if to:
        w.line(focus.offer_words(state, to, discreet=discreet))
    else:
        w.line(focus.next_words(state, today, discreet=discreet))
    if state.stage > 1:
        w.line(
            "Going back a stage is a normal part of the programme: coach focus stage N, "
            "whenever " + ("you want." if state.solo else "you both want.")
        )
    if len(state.history) > 1:
        w.heading("Your stages so far")
        for change in state.history:
            w.line(f"Stage {change.stage} from {_day(change.on, today)}")
    if discreet:
        w.line()
        w.line(LEFT_OUT, 0)
    return 0


def run_begin(
    paths: Paths,
    weeks: int,
    solo: bool,
    *,
    today: date | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Set up the agreement and stage 1; an existing programme is never overwritten."""
    out, err = out or sys.stdout, err or sys.stderr
    today = today or date.today()
    existing, _, code = _load(paths, err)
    if code:
        return code
    if existing is not None:
        err.write(
            f"Your programme began on {existing.began.isoformat()} and is kept as it is; "
            "coach focus shows where you are.\n"
        )
        return 1
    try:
        state = focus.begin(weeks, solo, today)
        focus.save(paths, state)
    except focus.FocusError as problem:
        err.write(f"{problem}\n")
        return 2
    except StoreError as problem:
        err.write(f"{problem} Nothing was set up.\n")
        return 1
    w = _Out(out)
    # The agreement is shown in full even in discreet mode: it is what each of you says yes
    # to, and nobody should agree to words they were not shown. Only the heading is neutral.
    name = PROGRAMME if discreet_mode(paths.config_file) else "sensate-focus programme"
    out.write(f"Your {name} begins today, at stage 1.\n")
    w.heading("What you agree")
    for line in focus.agreement_lines(weeks, solo):
        w.line(line, bullet="- ")
    _stage(w, state, 1)
    w.heading("When you are ready")
    w.line(f"coach relax {routine_name(state, 1)}")
    return 0


def run_stage(
    paths: Paths,
    number: int,
    *,
    ask: Ask | None = None,
    interactive: bool | None = None,
    today: date | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Move to a stage, forward or back, only on each person's own yes; else nothing changes."""
    from coach.views.rest import stdin_is_terminal

    out, err = out or sys.stdout, err or sys.stderr
    today = today or date.today()
    interactive = stdin_is_terminal() if interactive is None else interactive
    ask = ask or input
    state, _, code = _load(paths, err)
    if code:
        return code
    if state is None:
        err.write("No programme has begun yet; coach focus begin sets one up.\n")
        return 1
    try:
        focus.check_stage(number)
    except focus.FocusError as problem:
        err.write(f"{problem}\n")
        return 2
    if number == state.stage:
        out.write(f"You are at stage {number} already; nothing changed.\n")
        return 0
    if not interactive:
        err.write(
            "Moving between stages asks each of you for your own yes, so it needs a "
            "terminal. Nothing changed.\n"
        )
        return 1
    w = _Out(out)
    w.line(focus.moving_words(state, number), 0)
    _stage(w, state, number)
    w.line()
    answers: list[str] = []
    count = focus.people(state)
    for person in range(count):
        who = "" if count == 1 else f"{ORDINALS[person]} of you, your own answer. "
        try:
            answer = ask(f"{who}Type yes to move to stage {number}, or anything else to stay: ")
        except (EOFError, KeyboardInterrupt):
            answer = ""
        answers.append(answer)
        if not focus.is_yes(answer):
            break  # one answer that is not yes is enough: nobody else is asked
    try:
        moved = focus.move(state, number, answers, today)
    except focus.FocusError:
        out.write("\nNothing changed, and that is fine. You can talk about it another time.\n")
        return 1
    try:
        focus.save(paths, moved)
    except StoreError as problem:
        err.write(f"{problem} Nothing changed.\n")
        return 1
    out.write(
        f"\nYou are at stage {number} now. When you are ready: "
        f"coach relax {routine_name(moved, number)}\n"
    )
    return 0
