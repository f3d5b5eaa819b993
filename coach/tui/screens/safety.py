"""The first-run safety screen: shown once before the first session, Enter to go on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from coach.core.safety import first_run_safety_text
from coach.tui.screens.base import CoachScreen
from coach.tui.widgets.footer import KeyFooter


class SafetyScreen(CoachScreen):
    """The short safety text, calm and unhurried; Enter acknowledges it and goes on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "understood", "I have read this, go on", key_display="enter"),
    ]

    def compose(self) -> ComposeResult:
        title, _, body = first_run_safety_text().partition("\n")
        with Vertical(id="first-run"):
            yield Static(title, id="first-run-title")
            yield Static(body.strip("\n"), id="first-run-text")
        yield KeyFooter()

    def action_understood(self) -> None:
        self.coach.safety_seen()
