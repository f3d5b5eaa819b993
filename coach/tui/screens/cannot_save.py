"""Before the first phase, when nothing can be saved: practise without saving, or quit."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.core.practice import cannot_start
from coach.tui.widgets.footer import KeyFooter


class CannotSaveScreen(ModalScreen[bool]):
    """Says why no session can be saved; p practises without saving, q quits."""

    CSS_PATH = "dialog.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "answer(True)", "practise without saving"),
        Binding("q,escape", "answer(False)", "quit", key_display="q"),
    ]

    def __init__(self, problem: str | None) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static("This session cannot be saved", classes="dialog-title")
            yield Static(cannot_start(self.problem), id="why", markup=False)
            yield Static(
                "You can still practise; nothing of it will be kept. Or quit, and try again "
                "once the folder can be written to (for example with --data-dir).",
                classes="dialog-note",
            )
            yield Static("p  practise without saving      q  quit", classes="dialog-keys")
        yield KeyFooter()

    def action_answer(self, practise: bool) -> None:
        self.dismiss(practise)
