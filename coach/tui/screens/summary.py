"""A short, warm goodbye: how long, how many steps, and that it is saved."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from coach.core.practice import Practice, not_saved
from coach.core.routines import format_duration
from coach.core.words import counted


def summary_lines(practice: Practice, problem: str | None) -> tuple[str, str, str]:
    """(greeting, what was done, where it went)."""
    session = practice.session
    total = len(practice.routine.steps)
    done = sum(1 for step in session.steps if step.outcome == "done")
    time = format_duration(session.active_seconds)
    if session.status == "completed" and done == total:
        greeting = "Well done."
        what = f"You practised for {time}, " + (
            "the whole routine." if total == 1 else f"all {total} steps."
        )
    else:
        greeting = "Thank you for practising."
        what = f"You practised for {time}: {done} of {counted(total, 'step')} done."
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
    ]

    def __init__(self, practice: Practice, problem: str | None, advice: str | None = None) -> None:
        super().__init__()
        self.practice = practice
        self.problem = problem
        self.advice = advice  # the calm stop-for-today note after a high pain rating or spotting

    def compose(self) -> ComposeResult:
        greeting, what, where = summary_lines(self.practice, self.problem)
        with Vertical(id="summary"):
            yield Static(greeting, id="greeting")
            yield Static(what, id="what", markup=False)
            if self.advice:
                # Its own gentle words replace the line below, which would say the same twice.
                with Center(id="advice-row"):
                    yield Static(self.advice, id="advice", markup=False)
            else:
                yield Static("Be gentle with yourself for the rest of the day.", id="gentle")
            yield Static(
                where,
                id="where-saved",
                classes="-problem" if self.problem else "",
                markup=False,
            )
            if self.problem and self.practice.saving:
                yield Static("You can save it in another folder that exists:", id="elsewhere-ask")
                yield Input(placeholder="a folder, for example /media/usb/coach", id="elsewhere")
        yield Footer()

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

    def action_close(self) -> None:
        self.app.exit(return_code=1 if self.problem else 0)
