"""A short, warm goodbye: how long, how many steps, and that it is saved."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from coach.core.advice import WARM, closing_words, says_stop_or_seek_help
from coach.core.practice import Practice, not_saved
from coach.tui.widgets.footer import KeyFooter

NOTE_HINT = "There is a note for you about this session: press ? to read it."


def summary_lines(practice: Practice, problem: str | None) -> tuple[str, str, str]:
    """(greeting, what was done, where it went)."""
    greeting, what = closing_words(practice.session, len(practice.routine.steps))
    if not practice.saving:
        where = "Not saved, as you chose."
    elif problem:
        where = not_saved(problem)
    else:
        where = "Saved on this computer; coach log shows your practice over time."
    return greeting, what, where


class SummaryScreen(Screen[None]):
    """The last screen; Enter (or Esc, or q) closes coach."""

    CSS_PATH = "summary.tcss"  # its own rules, read when it first opens

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "close", key_display="enter"),
        Binding("escape", "close", "close", key_display="esc", show=False),
        Binding("q", "close", "close", show=False),
        Binding("question_mark", "reveal", "show the note", key_display="?", show=False),
    ]

    def __init__(
        self,
        practice: Practice,
        problem: str | None,
        reply: tuple[str, ...] = (WARM,),
        *,
        discreet: bool = False,
    ) -> None:
        super().__init__()
        self.practice = practice
        self.problem = problem
        self.reply = reply  # the reply to the check-in, in clinical.md's tiers
        # Discreet mode: a reply names the body, so it waits behind ? like the guides do;
        # except one that says to stop, when to seek help or where support is.
        self.discreet = discreet and reply != (WARM,) and not says_stop_or_seek_help(reply)

    def compose(self) -> ComposeResult:
        greeting, what, where = summary_lines(self.practice, self.problem)
        # It scrolls when long advice is taller than a small terminal.
        with VerticalScroll(id="summary"):
            yield Static(greeting, id="greeting")
            yield Static(what, id="what", markup=False)
            # Whether it was saved comes before any advice, so a short terminal still shows it.
            yield Static(
                where,
                id="where-saved",
                classes="-problem" if self.problem else "",
                markup=False,
            )
            if self.problem and self.practice.saving:
                yield Static("You can save it in another folder that exists:", id="elsewhere-ask")
                yield Input(placeholder="a folder, for example /media/usb/coach", id="elsewhere")
            if self.reply == (WARM,):
                yield Static(WARM, id="gentle")
            else:
                if self.discreet:
                    yield Static(NOTE_HINT, id="advice-hint")
                with Center(id="advice-row") as row:
                    row.display = not self.discreet
                    yield Static("\n\n".join(self.reply), id="advice", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        # The arrow keys scroll long advice in a small terminal; a folder to type comes first.
        inputs = self.query(Input)
        (inputs.first() if inputs else self.query_one("#summary")).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Try the folder typed; say where it went, or why not, and let them try again."""
        event.stop()
        problem = self.practice.save_elsewhere(event.value)
        where = self.query_one("#where-saved", Static)
        if problem is None:
            self.problem = None
            where.update(f"Saved in {self.practice.path}.")
            where.remove_class("-problem")
            self.query_one("#elsewhere-ask").remove()
            event.input.remove()
        else:
            where.update(problem)

    def action_reveal(self) -> None:
        if self.discreet:
            self.query_one("#advice-row").display = True
            self.query_one("#advice-hint").display = False

    def action_close(self) -> None:
        self.app.exit(return_code=1 if self.problem else 0)
