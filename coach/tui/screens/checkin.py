"""The check-in after a session: pain and anxiety from 0 to 10, and an optional note."""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.events import DescendantFocus
from textual.widgets import Footer, Input, Static

from coach.records import Checkin
from coach.tui.screens.base import CoachScreen

HINT = "Please use a whole number from 0 to 10, or leave it empty."
NOTE_LENGTH = 500


def parse_rating(text: str) -> int | None:
    """A 0-10 rating from what was typed; empty means "not answered". Raises ValueError."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 0 <= int(text) <= 10:
        raise ValueError(HINT)
    return int(text)


class CheckinScreen(CoachScreen):
    """Three fields; Enter moves on and saves on the last one, Esc saves without answers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next_field", "next field", key_display="enter", priority=True),
        Binding("enter", "save", "save", key_display="enter", priority=True),
        Binding("escape", "skip", "skip check-in", key_display="esc", priority=True),
    ]
    FIELDS = ("pain", "anxiety", "note")

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin"):
            yield Static("How did that feel?", id="checkin-title")
            with Grid(id="checkin-grid"):
                yield Static("Pain", classes="field-name")
                yield Static("0 none … 10 worst", classes="field-scale")
                yield Input(id="pain", placeholder="0-10", max_length=3, compact=True)
                yield Static("Anxiety", classes="field-name")
                yield Static("0 calm … 10 very anxious", classes="field-scale")
                yield Input(id="anxiety", placeholder="0-10", max_length=3, compact=True)
            yield Static("", id="hint")
            with Grid(id="note-label"):
                yield Static("Note", classes="field-name")
                yield Static("optional, stays on this computer", classes="field-scale")
            yield Input(id="note", max_length=NOTE_LENGTH, compact=True)
        yield Footer()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False  # a blinking cursor is a small flashing light
        self.query_one("#pain", Input).focus()

    @property
    def field(self) -> str:
        focused = self.focused
        return focused.id if focused is not None and focused.id in self.FIELDS else "pain"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        last = self.field == self.FIELDS[-1]
        if action == "next_field":
            return not last
        if action == "save":
            return last
        return True

    @on(DescendantFocus)
    def _focus_moved(self) -> None:
        self.refresh_bindings()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input.id in ("pain", "anxiety"):
            with suppress(ValueError):  # the hint already says what is wrong
                self._validate(event.input)

    def _validate(self, field: Input) -> int | None:
        """The rating in ``field``; when it is not one, say so beside it and raise."""
        try:
            value = parse_rating(field.value)
        except ValueError:
            field.add_class("-invalid")
            self.query_one("#hint", Static).update(HINT)
            raise
        field.remove_class("-invalid")
        if not any(
            self.query_one(f"#{name}", Input).has_class("-invalid") for name in ("pain", "anxiety")
        ):
            self.query_one("#hint", Static).update("")
        return value

    def action_next_field(self) -> None:
        current = self.query_one(f"#{self.field}", Input)
        if current.id != "note":
            try:
                self._validate(current)
            except ValueError:
                return  # stay here; the hint says why
        following = self.FIELDS[self.FIELDS.index(self.field) + 1]
        self.query_one(f"#{following}", Input).focus()

    def action_save(self) -> None:
        ratings: dict[str, int | None] = {}
        for name in ("pain", "anxiety"):
            field = self.query_one(f"#{name}", Input)
            try:
                ratings[name] = self._validate(field)
            except ValueError:
                field.focus()
                return
        note = self.query_one("#note", Input).value.strip() or None
        checkin = Checkin(pain=ratings["pain"], anxiety=ratings["anxiety"], note=note)
        answered = checkin.pain is not None or checkin.anxiety is not None or note is not None
        self.coach.save(checkin if answered else None)

    def action_skip(self) -> None:
        self.coach.save(None)
