"""The check-in after a session: pain and anxiety from 0 to 10, and an optional note."""

from __future__ import annotations

from contextlib import suppress
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.events import DescendantFocus
from textual.widgets import Footer, Input, Static

from coach.records import Checkin, parse_rating
from coach.tui.screens.base import CoachScreen

HINT = "Please use a whole number from 0 to 10, or leave it empty."
NOTE_LENGTH = 500


class Field(Input):
    """A check-in field; Enter moves to the next one (and the footer says so)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "next field", key_display="enter"),
    ]

    def __init__(self, name: str, **options: Any) -> None:
        super().__init__(id=name, compact=True, **options)
        self.cursor_blink = False  # a blinking cursor is a small flashing light


class LastField(Field):
    """The note; Enter here saves the check-in."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "save", key_display="enter"),
    ]


class CheckinScreen(CoachScreen):
    """Three fields; Enter moves on and saves on the last one, Esc saves without answers.

    Enter is handled through ``Input.Submitted``, which each field sends from its own
    queue after the keys typed before it, so a fast "4, Enter" never loses the 4.
    """

    CSS_PATH = "checkin.tcss"  # its own rules, read when it first opens

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", "skip check-in", key_display="esc", priority=True),
    ]
    FIELDS = ("pain", "anxiety", "note")

    def __init__(self) -> None:
        super().__init__()
        self._field = "pain"  # where Enter acts: focus itself moves only a moment later

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin"):
            yield Static("How did that feel?", id="checkin-title")
            with Grid(id="checkin-grid"):
                yield Static("Pain", classes="field-name")
                yield Static("0 none … 10 worst", classes="field-scale")
                yield Field("pain", placeholder="0-10", max_length=3)
                yield Static("Anxiety", classes="field-name")
                yield Static("0 calm … 10 very anxious", classes="field-scale")
                yield Field("anxiety", placeholder="0-10", max_length=3)
            yield Static("", id="hint")
            with Grid(id="note-label"):
                yield Static("Note", classes="field-name")
                yield Static("optional, stays on this computer", classes="field-scale")
            yield LastField("note", max_length=NOTE_LENGTH)
        yield Footer()

    def on_mount(self) -> None:
        self._move_to("pain")

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        if event.widget.id in self.FIELDS:
            self._field = event.widget.id

    def _move_to(self, name: str) -> None:
        self._field = name
        self.query_one(f"#{name}", Input).focus()

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

    @on(Input.Submitted)
    def _enter(self) -> None:
        if self._field == "note":
            self.save()
            return
        try:
            self._validate(self.query_one(f"#{self._field}", Input))
        except ValueError:
            return  # stay here; the hint says why
        self._move_to(self.FIELDS[self.FIELDS.index(self._field) + 1])

    def save(self) -> None:
        ratings: dict[str, int | None] = {}
        for name in ("pain", "anxiety"):
            try:
                ratings[name] = self._validate(self.query_one(f"#{name}", Input))
            except ValueError:
                self._move_to(name)
                return
        note = self.query_one("#note", Input).value.strip() or None
        checkin = Checkin(pain=ratings["pain"], anxiety=ratings["anxiety"], note=note)
        answered = checkin.pain is not None or checkin.anxiety is not None or note is not None
        self.coach.save(checkin if answered else None)

    def action_skip(self) -> None:
        self.coach.save(None, skip_trainer=True)  # Esc means "done for now": no more questions
