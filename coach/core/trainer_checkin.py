"""The trainer check-in: its questions, the answers each allows, and the report they make (pure).

The TUI and plain mode both ask exactly these questions and check answers with the same
rules, so a refused answer reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from coach.core.records import (
    BLEEDING,
    TRAINER_DEPTHS,
    TRAINER_SIZES,
    TRAINER_USED,
    TRIED,
    Checkin,
    TrainerReport,
)

MAX_MINUTES = 60  # same limit as a trainer step in a routine
# The trainer check-in: fields, allowed answers and a validator, for the TUI and plain mode

SCALE = tuple(str(n) for n in range(11))


@dataclass(frozen=True)
class CheckinField:
    """One question of the trainer check-in. Every answer is optional (blank = skipped).

    ``choices`` lists the allowed answers (a unique start such as ``f`` for ``finger`` or
    ``l`` for ``light spotting`` is accepted too); an empty tuple means a number of minutes
    from 0 to 60.
    ``asked_when`` is ``(key, answer)``: ask only when that earlier field has that answer.
    ``discreet`` is ``(label, hint)`` for discreet mode, when the usual words name a trainer.
    """

    key: str
    label: str
    hint: str
    choices: tuple[str, ...] = ()
    asked_when: tuple[str, str] | None = None
    discreet: tuple[str, str] | None = None

    def shown(self, discreet: bool) -> tuple[str, str]:
        """(label, hint) as the screen shows them: neutral words in discreet mode."""
        if discreet and self.discreet is not None:
            return self.discreet
        return self.label, self.hint

    @property
    def numbered(self) -> bool:
        """Whether the answers are numbers in order: a 0-10 scale or a trainer size."""
        return bool(self.choices) and all(choice.isdigit() for choice in self.choices)


def _scale(key: str, label: str, low: str, high: str) -> CheckinField:
    return CheckinField(key, label, f"0 {low} ... 10 {high}", SCALE)


TITLE = "About your trainer practice"
DISCREET_TITLE = "About your practice"
TRAINER_CHECKIN: tuple[CheckinField, ...] = (
    CheckinField(
        "used",
        "What did you use?",
        "finger, tampon or trainer",
        TRAINER_USED,
        # The answers' first letters: enough to type, and they name nothing on a shared screen.
        discreet=("What did you use?", "f, ta or tr (the first letters are enough)"),
    ),
    CheckinField(
        "size",
        "Trainer size",
        "1 smallest ... 4 largest",
        tuple(str(s) for s in TRAINER_SIZES),
        asked_when=("used", "trainer"),
        discreet=("Size", "1 smallest ... 4 largest"),
    ),
    CheckinField("depth", "How far?", "tip, partial or full", TRAINER_DEPTHS),
    CheckinField("minutes", "Minutes", "about how many minutes, 0 to 60"),
    CheckinField(
        "tried", "Gentle movement or another position?", "no, movement, position or both", TRIED
    ),
    _scale("pain_before", "Pain before", "none", "worst"),
    _scale("pain_peak", "Pain at the most", "none", "worst"),
    _scale("pain_after", "Pain after", "none", "worst"),
    _scale("anxiety_before", "Anxiety before", "calm", "very anxious"),
    _scale("anxiety_peak", "Anxiety at the most", "calm", "very anxious"),
    _scale("anxiety_after", "Anxiety after", "calm", "very anxious"),
    CheckinField(
        "bleeding", "Any bleeding?", "none, light spotting or more than spotting", BLEEDING
    ),
)
FIELDS_BY_KEY: dict[str, CheckinField] = {f.key: f for f in TRAINER_CHECKIN}


class CheckinError(ValueError):
    """Answers that cannot be saved; ``problems`` maps each field key to one calm sentence."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def _choose(field: CheckinField, text: str) -> str | None:
    word = " ".join(text.lower().split())
    if word in field.choices:
        return word
    matches = [c for c in field.choices if c.startswith(word)]
    return matches[0] if len(matches) == 1 else None


def asked(field: CheckinField, answers: Mapping[str, str]) -> bool:
    """Whether ``field`` is asked, given the answers so far."""
    if field.asked_when is None:
        return True
    key, wanted = field.asked_when
    text = answers.get(key, "")
    return bool(text.strip()) and _choose(FIELDS_BY_KEY[key], text) == wanted


def checkin_title(discreet: bool) -> str:
    """The trainer check-in's heading."""
    return DISCREET_TITLE if discreet else TITLE


def check_answer(key: str, text: str, *, discreet: bool = False) -> str | None:
    """None when ``text`` is a fine answer (blank always is), else one calm sentence (in
    neutral words when ``discreet``)."""
    field = FIELDS_BY_KEY[key]
    if not text.strip():
        return None
    if field.choices:
        if _choose(field, text) is None:
            if field.numbered:
                wanted = f"a number from {field.choices[0]} to {field.choices[-1]}"
            else:
                wanted = field.shown(discreet)[1]
            return f"Please choose {wanted}, or leave it blank."
        return None
    try:
        value = float(text.strip())
    except ValueError:
        return "Please type a number of minutes, or leave it blank."
    if not 0 <= value <= MAX_MINUTES:
        return f"Please type a number from 0 to {MAX_MINUTES}, or leave it blank."
    return None


def typing_problem(key: str, text: str) -> str | None:
    """What :func:`check_answer` says, except while ``text`` could still become a fine
    answer as more is typed: ``t`` on its way to ``tampon`` or ``trainer`` is no mistake."""
    field = FIELDS_BY_KEY[key]
    word = " ".join(text.lower().split())
    if field.choices and not field.numbered and any(c.startswith(word) for c in field.choices):
        return None
    return check_answer(key, text)


def report_so_far(
    answers: Mapping[str, str], *, minutes: float | None = None
) -> TrainerReport | None:
    """The report from answers typed so far, when the session ends before they were saved
    (Ctrl+Q, a closed terminal): every answer that can be saved, none that cannot; None
    when nothing was typed."""
    kept = {key: text for key, text in answers.items() if text.strip()}
    for _ in TRAINER_CHECKIN:  # each pass leaves out at least one answer, or is the last
        try:
            report = trainer_report(kept, minutes=minutes)
        except CheckinError as error:  # left out, as a blank answer would be
            kept = {key: text for key, text in kept.items() if key not in error.problems}
            continue
        return report if any(asked(f, kept) for f in TRAINER_CHECKIN if f.key in kept) else None
    return None


def trainer_report(answers: Mapping[str, str], *, minutes: float | None = None) -> TrainerReport:
    """The report to save from typed answers; ``minutes`` is used when that one is blank.

    Raises :class:`CheckinError` naming every field that needs another look. Fields that are
    not asked (size when no trainer was used) are left out whatever they hold.
    """
    problems = {
        f.key: message
        for f in TRAINER_CHECKIN
        if asked(f, answers) and (message := check_answer(f.key, answers.get(f.key, "")))
    }
    if problems:
        raise CheckinError(problems)
    values: dict[str, str] = {}
    for f in TRAINER_CHECKIN:
        text = answers.get(f.key, "")
        if asked(f, answers) and text.strip():
            values[f.key] = (_choose(f, text) or "") if f.choices else text.strip()

    def scale(key: str) -> int | None:
        return int(values[key]) if key in values else None

    typed_minutes = float(values["minutes"]) if "minutes" in values else minutes
    return TrainerReport(
        used=values.get("used"),
        size=scale("size"),
        depth=values.get("depth"),
        minutes=None if typed_minutes is None else round(typed_minutes, 1),
        pain_before=scale("pain_before"),
        pain_peak=scale("pain_peak"),
        pain_after=scale("pain_after"),
        anxiety_before=scale("anxiety_before"),
        anxiety_peak=scale("anxiety_peak"),
        anxiety_after=scale("anxiety_after"),
        tried=values.get("tried"),
        bleeding=values.get("bleeding"),
    )


def session_checkin(trainer: TrainerReport | None, checkin: Checkin | None) -> Checkin | None:
    """The session's check-in after trainer practice, each question asked once.

    The trainer check-in comes first; when it was answered, its peak pain and anxiety are
    the session's, and the general check-in after it asks only for a note (``checkin``
    holds that note). When it was skipped, the general check-in asked everything itself.
    """
    if trainer is None:
        return checkin
    note = checkin.note if checkin else None
    if trainer.pain_peak is None and trainer.anxiety_peak is None and note is None:
        return None
    return Checkin(pain=trainer.pain_peak, anxiety=trainer.anxiety_peak, note=note)
