"""The check-in after a session: pain and anxiety from 0 to 10, and an optional note."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.core.records import Checkin, parse_rating, typed_checkin
from coach.tui.screens.base import CoachScreen
from coach.tui.widgets.footer import KeyFooter

HINT = "Please choose a number from 0 to 10, or leave it blank."
NOTE_LENGTH = 500
DIGITS = r"[0-9]*"  # a rating field takes digits only: stray letters are simply not typed
MARK = "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"  # beside the question you are answering

# What an Input does with its own editing keys (backspace, arrows, ...), looked up by key.
EDITING = {
    binding.key: binding.action
    for binding in Binding.make_bindings(Input.BINDINGS)
    if binding.action != "submit"
}


class Field(Input):
    """A question's answer box that takes its keys in the order they were typed.

    Textual types a character as soon as the field reads it, but runs Enter and the
    editing keys only once they have travelled back up to the app, by which time keys
    typed after them may already be in the field. So the field runs those keys itself,
    in order: Enter asks its form to move on there and then, and a key that was on its
    way here before that Enter moved the focus goes on to the field that now has it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "next field", key_display="enter"),
    ]

    def __init__(self, name: str, **options: Any) -> None:
        super().__init__(id=name, **options)
        self.cursor_blink = False  # a blinking cursor is a small flashing light

    def restricted(self) -> None:
        """A key this field does not take is ignored quietly: no bell, no message."""

    def _form(self) -> Form | None:
        """The form this field is on, while it is still the screen being shown."""
        form = next((node for node in self.ancestors if isinstance(node, Form)), None)
        return form if form is not None and form.is_current else None

    async def on_key(self, event: events.Key) -> None:
        # Runs before Input's own key handler, in the field's own queue of messages.
        form = self._form()
        if form is None or form.focused is not self:
            event.stop()
            event.prevent_default()
            if form is not None and isinstance(form.focused, Field):
                form.focused.post_message(events.Key(event.key, event.character))
            return  # the form was answered and closed: keys typed after that go nowhere
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            form.enter(self)
        elif action := EDITING.get(event.key):
            event.stop()
            event.prevent_default()
            await self.run_action(action)

    async def action_submit(self) -> None:
        if form := self._form():
            form.enter(self)


class LastField(Field):
    """The last answer; Enter here saves the form."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "save", key_display="enter"),
    ]


class Form(CoachScreen):
    """A screen of questions, one row each in a scrolling column, and one calm hint.

    The hint sits right under the answer it is about and goes when that answer is put
    right. Focus moves at once on Enter (``set_focus``, not ``focus``, which waits its
    turn behind keys already typed), so whatever is typed next lands in the next field.
    Up and Shift+Tab go back a question, Down and Tab go on; an answer is checked when
    you leave it, never while it is still being typed.
    """

    CSS_PATH = "checkin.tcss"  # its own rules, read when it first opens
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,shift+tab", "previous_field", "move", key_display="↑↓", priority=True),
        Binding("down,tab", "next_field", show=False, priority=True),  # shown with ↑ above
    ]
    FOOTER_DROP: ClassVar[tuple[str, ...]] = ("quit", "previous_field")

    def __init__(self) -> None:
        super().__init__()
        self._problems: dict[str, str] = {}  # field id -> what to say, the latest one last

    def enter(self, field: Field) -> None:
        """Enter in ``field``: move on, or save after the last one."""
        raise NotImplementedError

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        for row in self.query(".question"):
            row.set_class(row in event.widget.ancestors, "-current")

    @on(events.DescendantBlur)
    def _left(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Field) and self.is_current:
            self.check(event.widget)

    def check(self, field: Field) -> bool:
        """Whether ``field``'s answer is fine; when not, the hint says so under it."""
        return True

    def keep_typed(self) -> None:
        """The session ends here (Ctrl+Q, a closed terminal): hand the app every answer
        typed so far that can be saved, as if it had been saved."""
        raise NotImplementedError

    def _step(self, by: int) -> None:
        """Move ``by`` questions up or down, past those not asked; never round the end."""
        fields = [field for field in self.query(Field) if not field.disabled]
        if isinstance(self.focused, Field) and self.focused in fields:
            at = fields.index(self.focused) + by
            if 0 <= at < len(fields):
                self.set_focus(fields[at])

    def action_previous_field(self) -> None:
        self._step(-1)

    def action_next_field(self) -> None:
        self._step(1)

    def field(self, name: str) -> Field:
        return self.query_one(f"#{name}", Field)

    def move_to(self, name: str) -> None:
        self.set_focus(self.field(name))

    def mark(self, field: Field, problem: str | None) -> None:
        """Say under ``field`` what is wrong with its answer, or clear that when it is fine."""
        name = field.id or ""
        field.set_class(problem is not None, "-refused")
        self._problems.pop(name, None)
        if problem is not None:
            self._problems[name] = problem
        hint = self.query_one("#hint", Static)
        if not self._problems:
            hint.update("")
            hint.display = False
            return
        name, problem = next(reversed(self._problems.items()))
        row = self.field(name).parent
        column = hint.parent
        if isinstance(row, Widget) and isinstance(column, Widget) and row is not column:
            column.move_child(hint, after=row)
        hint.update(problem)
        hint.display = True
        self.call_after_refresh(hint.scroll_visible, animate=False)


def row(name: str, scale: str, *fields: Field) -> Horizontal:
    """A line of a question: a mark shown while you answer it, its name, its scale, its field.

    A row with its field is a question of its own; a longer answer's box goes under the row.
    """
    return Horizontal(
        Static(MARK, classes="mark"),
        Static(name, classes="field-name"),
        Static(scale, classes="field-scale"),
        *fields,
        classes="row question" if fields else "row",
    )


class CheckinScreen(Form):
    """Three fields; Enter moves on and saves on the last one, Esc saves without answers.

    After a trainer check-in, which asked pain and anxiety already, only the note is left.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", "skip check-in", key_display="esc", priority=True),
    ]

    def __init__(self, *, ratings: bool = True) -> None:
        super().__init__()
        self.ratings = ("pain", "anxiety") if ratings else ()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="checkin", can_focus=False):
            title = "How did that feel?" if self.ratings else "Anything else to note?"
            yield Static(title, id="checkin-title")
            if self.ratings:
                yield row("Pain", "0 none … 10 worst", self._rating("pain"))
                yield row("Anxiety", "0 calm … 10 very anxious", self._rating("anxiety"))
            yield Static("", id="hint")
            with Vertical(classes="question", id="note-question"):
                yield row("Note", "optional, stays on this computer")
                yield LastField("note", max_length=NOTE_LENGTH)
        yield KeyFooter()

    @staticmethod
    def _rating(name: str) -> Field:
        return Field(name, placeholder="0-10", max_length=3, restrict=DIGITS)

    def on_mount(self) -> None:
        self.move_to(self.ratings[0] if self.ratings else "note")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if isinstance(event.input, Field) and event.input.id in self.ratings:
            self.check(event.input)

    def check(self, field: Field) -> bool:
        """Whether ``field`` holds a rating (or nothing); when not, the hint says so under it."""
        try:
            parse_rating(field.value)
        except ValueError:
            self.mark(field, HINT)
            return False
        self.mark(field, None)
        return True

    def enter(self, field: Field) -> None:
        if field.id == "note":
            self.save()
        elif self.check(field):  # else stay here; the hint says why
            self.move_to("anxiety" if field.id == "pain" else "note")

    def save(self) -> None:
        for name in self.ratings:
            if not self.check(self.field(name)):
                self.move_to(name)
                return
        self.coach.save(self._answers())

    def keep_typed(self) -> None:
        self.coach.checkin = self._answers()

    def _answers(self) -> Checkin | None:
        """The check-in as typed (a rating that is not one left out), or None for none."""
        return typed_checkin({name: self.field(name).value for name in (*self.ratings, "note")})

    def action_skip(self) -> None:
        self.coach.save(None)  # Esc means "done for now": no more questions
