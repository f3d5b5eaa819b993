"""After a sensate-focus session: each person's own check-in, with a hand-over between them."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from coach.core.focus import (
    HANDOVER,
    HANDOVER_PRIVATE,
    QUESTIONS,
    check_answer,
    check_title,
    partner_checkin,
    partner_so_far,
)
from coach.core.records import PartnerCheckin
from coach.tui.screens.base import CoachScreen
from coach.tui.screens.checkin import DIGITS, NOTE_LENGTH, Field, Form, LastField, row
from coach.tui.widgets.footer import KeyFooter

RATINGS = ("comfort", "anxiety")
WORDS = r"[A-Za-z]*"


class FocusCheckinScreen(Form):
    """One person's comfort, anxiety, whether a stop was used, and a private note.

    Enter moves on and saves on the note; Esc leaves this person's answers out.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", "skip my check-in", key_display="esc", priority=True),
    ]

    def __init__(self, number: int, count: int) -> None:
        super().__init__()
        self.number = number  # which check-in this is, from 1
        self.count = count  # how many people answer: 2, or 1 on the solo track

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="checkin", can_focus=False):
            yield Static(check_title(self.number, self.count), id="checkin-title")
            for question in QUESTIONS[:-1]:
                restrict = DIGITS if question.key in RATINGS else WORDS
                field = Field(question.key, placeholder="0-10", max_length=3, restrict=restrict)
                if question.key not in RATINGS:
                    field.placeholder = "y/n"
                yield row(question.name, question.scale, field)
            yield Static("", id="hint")
            note = QUESTIONS[-1]
            with Vertical(classes="question", id="note-question"):
                yield row(note.name, note.scale)
                yield LastField(note.key, max_length=NOTE_LENGTH)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.move_to(QUESTIONS[0].key)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if isinstance(event.input, Field) and event.input.id != "note":
            self.check(event.input)

    def check(self, field: Field) -> bool:
        """Whether ``field``'s answer is fine; when not, the hint says so under it."""
        problem = check_answer(field.id or "", field.value)
        self.mark(field, problem)
        return problem is None

    def enter(self, field: Field) -> None:
        keys = [q.key for q in QUESTIONS]
        if field.id == keys[-1]:
            self.save()
        elif self.check(field):  # else stay here; the hint says why
            self.move_to(keys[keys.index(field.id or "") + 1])

    def save(self) -> None:
        for question in QUESTIONS:
            if not self.check(self.field(question.key)):
                self.move_to(question.key)
                return
        answers = {q.key: self.field(q.key).value for q in QUESTIONS}
        self.coach.focus_answered(partner_checkin(answers))

    def action_skip(self) -> None:
        self.coach.focus_answered(PartnerCheckin())

    def keep_typed(self) -> None:
        # This person's answers so far; someone who typed nothing has none.
        if kept := partner_so_far({q.key: self.field(q.key).value for q in QUESTIONS}):
            self.coach.partners.append(kept)


class HandOverScreen(CoachScreen):
    """Between two check-ins: the first person's answers are gone from the screen."""

    CSS_PATH = "summary.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "ready", "ready", key_display="enter"),
        Binding("escape", "skip", "skip their check-in", key_display="esc"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="summary"):
            yield Static(HANDOVER, id="greeting")
            yield Static(HANDOVER_PRIVATE, id="what")
            yield Static("Press Enter when you are ready.", id="gentle")
        yield KeyFooter()

    def action_ready(self) -> None:
        self.coach.focus_next()

    def action_skip(self) -> None:
        self.coach.focus_answered(PartnerCheckin())
