"""The trainer check-in: what was used, how far, how long, and how it felt."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.core.trainer_checkin import (
    TRAINER_CHECKIN,
    CheckinError,
    CheckinField,
    asked,
    check_answer,
    checkin_title,
    report_so_far,
    trainer_report,
    typing_problem,
)
from coach.tui.screens.checkin import DIGITS, Field, Form, LastField, row
from coach.tui.widgets.footer import KeyFooter

KEYS = tuple(field.key for field in TRAINER_CHECKIN)
WORDS = r"[A-Za-z ]*"  # "light spotting"
MINUTES = r"[0-9]*\.?[0-9]*"


def _minutes(value: float) -> str:
    return f"{value:g}"


def _allowed(field: CheckinField) -> str:
    """What ``field`` lets you type: digits for a scale, letters for a word, else minutes."""
    if not field.choices:
        return MINUTES
    return DIGITS if field.numbered else WORDS


class TrainerCheckinScreen(Form):
    """One row per question; Enter moves on (past a question that does not apply) and saves
    on the last; Esc saves the session without these answers.

    Every answer is optional. Minutes left blank are the minutes the trainer step ran.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", "skip these questions", key_display="esc", priority=True),
    ]

    def __init__(self, minutes: float, *, discreet: bool = False) -> None:
        super().__init__()
        self.minutes = minutes  # trainer practice guided this session, used when left blank
        self.discreet = discreet

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="trainer-checkin", can_focus=False):
            yield Static(checkin_title(self.discreet), id="checkin-title")
            yield Static("Every answer is optional; leave any of them blank.", id="trainer-intro")
            for number, field in enumerate(TRAINER_CHECKIN):
                kind = LastField if number == len(TRAINER_CHECKIN) - 1 else Field
                answer = kind(
                    field.key,
                    max_length=max((len(c) for c in field.choices), default=5),
                    restrict=_allowed(field),
                    placeholder=_minutes(self.minutes) if field.key == "minutes" else "",
                    disabled=field.asked_when is not None,
                    compact=True,
                )
                label, hint = field.shown(self.discreet)
                question = row(label, hint.replace("...", "…"), answer)
                yield question.set_class(field.asked_when is not None, "-not-asked")
            yield Static("", id="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.move_to(KEYS[0])

    def answers(self) -> dict[str, str]:
        return {key: self.field(key).value for key in KEYS}

    def _ask(self) -> None:
        """Open a question that now applies ("size" once a trainer is named), close the rest."""
        answers = self.answers()
        for field in TRAINER_CHECKIN:
            if field.asked_when is not None:
                skipped = not asked(field, answers)
                if skipped and field.key in self._problems:
                    self.mark(self.field(field.key), None)  # nothing to put right there now
                answer = self.field(field.key)
                answer.disabled = skipped
                if isinstance(answer.parent, Widget):
                    answer.parent.set_class(skipped, "-not-asked")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._ask()
        if isinstance(event.input, Field) and event.input.id in KEYS:
            # While typed, an answer that can still become a fine one ("t" on its way to
            # "trainer") is left alone; it is checked in full when you leave the field.
            if typing_problem(event.input.id, event.input.value) is None:
                self.mark(event.input, None)
            else:
                self.check(event.input)

    def check(self, field: Field) -> bool:
        """Whether ``field``'s answer is fine; when not, the hint says so under it."""
        key = field.id or ""
        problem = None if field.disabled else check_answer(key, field.value, discreet=self.discreet)
        self.mark(field, problem)
        return problem is None

    def enter(self, field: Field) -> None:
        if not self.check(field):
            return  # stay here; the hint says why
        self._ask()  # now, not when the change reaches the screen: focus moves on at once
        answers = self.answers()
        later = KEYS[KEYS.index(field.id or "") + 1 :]
        following = [f.key for f in TRAINER_CHECKIN if f.key in later and asked(f, answers)]
        if following:
            self.move_to(following[0])
        else:
            self.save()

    def save(self) -> None:
        answers = self.answers()
        try:
            report = trainer_report(answers, minutes=self.minutes)
        except CheckinError as error:
            key = next(iter(error.problems))
            self.check(self.field(key))
            self.move_to(key)
            return
        typed = any(answers[f.key].strip() for f in TRAINER_CHECKIN if asked(f, answers))
        self.coach.trainer_answered(report if typed else None)

    def keep_typed(self) -> None:
        self.coach.trainer = report_so_far(self.answers(), minutes=self.minutes)

    def action_skip(self) -> None:
        self.coach.trainer_answered(None)
