"""Asks before stopping early: y stops, n or Esc goes back to the session."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.tui.widgets.footer import KeyFooter


class ConfirmStopScreen(ModalScreen[bool]):
    """ "Stop here?" over the paused session."""

    CSS_PATH = "dialog.tcss"  # its own rules, read when it first opens

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "stop here"),
        Binding("n,escape", "answer(False)", "keep going", key_display="n/esc"),
    ]

    def __init__(self, *, saving: bool = True, on_disk: bool = True) -> None:
        super().__init__()
        # Never say something is kept that is not on disk.
        if not saving:
            self.kept = "Nothing is being saved, as you chose"
        elif on_disk:
            self.kept = "What you have done so far is kept"
        else:
            self.kept = "What you have done so far is not on disk yet; coach will try again"

    def compose(self) -> ComposeResult:
        kept = self.kept
        with Vertical(id="dialog", classes="dialog"):
            yield Static("Stop here?", classes="dialog-title")
            yield Static(
                f"{kept}, and a short check-in follows. The session waits while you decide."
            )
            yield Static("y  stop here      n or esc  keep going", classes="dialog-keys")
        yield KeyFooter()

    def action_answer(self, stop: bool) -> None:
        self.dismiss(stop)
