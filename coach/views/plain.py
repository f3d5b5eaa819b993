"""Plain mode: the same guided session as one line per change on stdout, no full screen."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

from coach.core.advice import checkin_reply, closing_words, partners_checkin
from coach.core.engine import Clock, Phase
from coach.core.paths import Paths
from coach.core.practice import Practice, WallClock, cannot_start, local_now, not_saved
from coach.core.records import Checkin, PartnerCheckin, TrainerReport, parse_rating, typed_checkin
from coach.core.routines import Routine, Trainer, format_duration
from coach.core.words import counted

Sleep = Callable[[float], None]
FIND_SUPPORT = "coach safety shows when to seek help and where to find support."
Ask = Callable[[str], str]


class _Ended(Exception):
    """Raised from a signal handler to unwind the loop when the terminal goes away."""


@contextmanager
def _signals_end_the_session() -> Iterator[None]:
    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Ended

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _seconds(value: float) -> str:
    whole = round(value)
    return counted(whole, "second") if whole < 60 else format_duration(value)


def phase_line(phase: Phase) -> str:
    """What plain mode says when a phase begins, e.g. ``Breathe in, 4 seconds``."""
    count = f" ({phase.count})" if phase.count else ""
    return f"{phase.spoken}, {_seconds(phase.duration)}{count}"


def ask_rating(ask: Ask, out: TextIO, prompt: str) -> str:
    """Ask for a 0-10 rating until it is one; an empty answer skips it."""
    while True:
        try:
            parse_rating(answer := ask(prompt))
        except ValueError:
            out.write("Please type a whole number from 0 to 10, or press Enter to skip.\n")
        else:
            return answer


def plain_checkin(
    ask: Ask, out: TextIO, *, ratings: bool = True, typed: dict[str, str] | None = None
) -> Checkin | None:
    """The check-in as three questions; an empty answer to all of them skips it. Without
    ``ratings`` (the trainer check-in asked them already) only the note is asked. Each
    answer goes into ``typed`` as it is given, so one cut short keeps the ones before."""
    typed = {} if typed is None else typed
    if not ratings:
        typed["note"] = ask("\nAnything else to note? (optional, stays on this computer): ")
        return typed_checkin(typed)
    out.write("\nHow did that feel? Press Enter to skip any question.\n")
    typed["pain"] = ask_rating(ask, out, "Pain, 0 none to 10 worst: ")
    typed["anxiety"] = ask_rating(ask, out, "Anxiety, 0 calm to 10 very anxious: ")
    typed["note"] = ask("Note (optional, stays on this computer): ")
    return typed_checkin(typed)


def plain_trainer_checkin(
    ask: Ask,
    out: TextIO,
    minutes: float,
    *,
    discreet: bool = False,
    typed: dict[str, str] | None = None,
) -> TrainerReport | None:
    """The trainer questions, each re-asked until it is a fine answer; blank skips one. Each
    answer goes into ``typed`` as it is given, so one cut short keeps the ones before."""
    from coach.core.trainer_checkin import (
        TRAINER_CHECKIN,
        asked,
        check_answer,
        checkin_title,
        trainer_report,
    )

    out.write(f"\n{checkin_title(discreet)}. Press Enter to skip any question.\n")
    answers: dict[str, str] = {} if typed is None else typed
    for field in TRAINER_CHECKIN:
        if not asked(field, answers):
            continue
        label, hint = field.shown(discreet)
        while problem := check_answer(
            field.key, answer := ask(f"{label} ({hint}): "), discreet=discreet
        ):
            out.write(problem + "\n")
        answers[field.key] = answer
    if not any(answer.strip() for answer in answers.values()):
        return None
    return trainer_report(answers, minutes=minutes)


def plain_focus_checkin(
    ask: Ask, out: TextIO, number: int, count: int, typed: dict[str, str] | None = None
) -> PartnerCheckin:
    """One person's sensate-focus check-in, each answer re-asked until it is a fine one, and
    put into ``typed`` as it is given."""
    from coach.core.focus import QUESTIONS, check_answer, check_title, partner_checkin

    out.write(f"\n{check_title(number, count)} Press Enter to skip any question.\n")
    answers: dict[str, str] = {} if typed is None else typed
    for question in QUESTIONS:
        scale = question.scale.replace("…", "to")
        while problem := check_answer(question.key, answer := ask(f"{question.name}, {scale}: ")):
            out.write(problem + "\n")
        answers[question.key] = answer
    return partner_checkin(answers)


def plain_focus_checkins(ask: Ask, out: TextIO, count: int) -> list[PartnerCheckin]:
    """Everyone's check-in in turn, with a hand-over between; an interruption keeps the rest."""
    from coach.core.focus import HANDOVER, HANDOVER_PRIVATE, partner_so_far

    partners: list[PartnerCheckin] = []
    typed: dict[str, str] = {}
    try:
        for number in range(1, count + 1):
            if number > 1:
                out.write(f"\n{HANDOVER}\n")
                ask(f"{HANDOVER_PRIVATE} Press Enter when you are ready. ")
            partners.append(plain_focus_checkin(ask, out, number, count, typed))
            typed = {}  # the next person starts afresh
    except (EOFError, KeyboardInterrupt):
        # Whoever answered is kept, and the answers given so far by whoever was answering.
        if kept := partner_so_far(typed):
            partners.append(kept)
    return partners


def run_plain(
    routine: Routine,
    paths: Paths,
    *,
    quiet: bool = False,
    voice: bool = False,
    clock: Clock = time.monotonic,
    now: WallClock = local_now,
    sleep: Sleep = time.sleep,
    out: TextIO | None = None,
    ask: Ask | None = None,
    discreet: bool = False,
) -> int:
    """Guide ``routine`` as plain lines (neutral words only when ``discreet``: no guides,
    which name the body; they are one run without discreet mode away)."""
    out = out or sys.stdout
    interactive = ask is not None or sys.stdin.isatty()
    ask = ask or input
    bell = not quiet and out.isatty()
    speak = _speaker(voice, out)
    practice = Practice(routine, paths, clock=clock, now=now)
    from coach.core.safety import acknowledge, acknowledged, first_run_safety_text

    if not acknowledged(paths):  # shown once, never waiting for a key: scripts may run this
        out.write(first_run_safety_text() + "\n\n")
        acknowledge(paths)
    practice.begin()  # the first write, before anything starts: can this session be kept?
    if practice.cannot_start_saving:
        sys.stderr.write(f"{cannot_start(practice.problem)} Nothing was started.\n")
        return 1
    try:
        return _guide(
            practice,
            out,
            ask if interactive else None,
            bell=bell,
            speak=speak,
            sleep=sleep,
            discreet=discreet,
        )
    except BrokenPipeError:
        # The output went away (``| head -3``): keep what was done, as stopped, and let the
        # entry point end quietly.
        if not practice.finished:
            practice.finish()
        raise


def _guide(
    practice: Practice,
    out: TextIO,
    ask: Ask | None,
    *,
    bell: bool,
    speak: Callable[[str], None],
    sleep: Sleep,
    discreet: bool = False,
) -> int:
    """The session itself, from its first line to the goodbye; ``ask`` None: no check-in."""
    from coach.core.discreet import NOTE_FOR_YOU, routine_title, step_title

    routine = practice.routine
    out.write(
        f"{routine_title(routine, discreet)}: {counted(len(routine.steps), 'step')}, "
        f"{format_duration(routine.total_seconds)}. Press Ctrl+C to stop.\n"
    )
    if any(isinstance(step, Trainer) for step in routine.steps):
        from coach.core.safety import reasons_to_wait

        out.write(reasons_to_wait() + "\n")
    if routine.caution:
        out.write((NOTE_FOR_YOU if discreet else f"Please note: {routine.caution}") + "\n")
    total = len(routine.steps)
    told: str | None = None  # the save problem already reported, so it is said once
    with _signals_end_the_session():
        try:
            if practice.notice:
                out.write(practice.notice + "\n")
            while True:
                for phase in practice.tick():
                    if phase.number == 0:
                        step = routine.steps[phase.step_index]
                        title = step_title(step, discreet)
                        out.write(f"\nStep {phase.step_index + 1} of {total}: {title}\n")
                        if step.guide and not discreet:
                            out.write(step.guide + "\n")
                    out.write(phase_line(phase) + ("\a" if bell else "") + "\n")
                    speak(phase.spoken)
                out.flush()  # the cue is out before the step just ended is saved
                if practice.unsaved:
                    told = _report(practice.save_steps(), told, out)
                state = practice.engine.state()
                if state.status == "finished":
                    break
                sleep(max(state.phase_left, 0.01))
        except KeyboardInterrupt:
            practice.stop()  # the check-in below is not practice time
            out.write("\nStopped.\n")
        except _Ended:
            practice.interrupt()
            return 1
    checkin = trainer = None
    partners: list[PartnerCheckin] | None = None
    if ask is not None and practice.focus is not None:
        partners = plain_focus_checkins(ask, out, practice.focus.people)
    elif ask is not None:
        from coach.core.trainer_checkin import report_so_far

        asked: dict[str, str] = {}  # the trainer's answers, as they are given
        noted: dict[str, str] = {}  # and the general check-in's
        minutes = practice.trainer_minutes
        try:
            # The trainer's questions first: pain and anxiety are asked there, once.
            if practice.trainer_seconds:
                trainer = plain_trainer_checkin(ask, out, minutes, discreet=discreet, typed=asked)
            checkin = plain_checkin(ask, out, ratings=trainer is None, typed=noted)
        except (EOFError, KeyboardInterrupt):
            # Every answer given is kept; the rest is skipped.
            trainer = trainer or report_so_far(asked, minutes=minutes)
            checkin = typed_checkin(noted)
    if practice.focus is None:
        from coach.core.trainer_checkin import session_checkin

        checkin = session_checkin(trainer, checkin)
    problem = practice.finish(checkin, trainer, partners)
    from coach.core.config import load_config  # the support list, for the reply below

    greeting, what = closing_words(practice.session, total)
    out.write(f"\n{greeting} {what}\n")
    reply = checkin_reply(
        partners_checkin(partners) if partners else checkin,
        trainer,
        trainer_practice=practice.trainer_seconds > 0,
        support=load_config(practice.paths.config_file),
        find_support=FIND_SUPPORT,
    )
    out.write("\n" + "\n\n".join(reply) + "\n")
    if problem:
        out.write(f"\n{not_saved(problem)}\n")
        return 1
    return 0


def _report(problem: str | None, told: str | None, out: TextIO) -> str | None:
    """Say a new save problem once; saving is tried again after the next step."""
    if problem and problem != told:
        out.write(f"Could not save just now: {problem} coach will try again after this step.\n")
    return problem


def _speaker(voice: bool, out: TextIO) -> Callable[[str], None]:
    if not voice:
        return lambda text: None
    from coach.core.cues import Voice  # only when asked for: looks for a speech tool on PATH

    speaker = Voice.find()
    if speaker is None:
        out.write(
            "No offline voice was found (espeak-ng, spd-say or say); carrying on without it.\n"
        )
        return lambda text: None
    return speaker.say
