"""The support list as an overlay: opened with ctrl+s from any screen, closed to carry on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.core.config import load_config
from coach.core.paths import Paths
from coach.core.safety import FEELINGS, support_intro, support_lines
from coach.tui.widgets.footer import KeyFooter


class SupportScreen(ModalScreen[None]):
    """Where to find support, over whatever was open; esc (or ctrl+s again) closes it."""

    CSS_PATH = "dialog.tcss"  # its own rules, read when it first opens

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "close", key_display="esc"),
        Binding("q", "close", "close", show=False),
    ]

    def __init__(self, paths: Paths) -> None:
        super().__init__()
        self.paths = paths

    def compose(self) -> ComposeResult:
        config = load_config(self.paths.config_file)
        with VerticalScroll(id="support", classes="dialog"):
            yield Static("Support", classes="dialog-title")
            yield Static(support_intro(config.custom_support), markup=False)
            yield Static(
                "\n".join(f"- {line}" for line in support_lines(config.support)),
                id="support-list",
                classes="dialog-list",
                markup=False,
            )
            if config.warnings:
                yield Static(
                    "Your own list could not be read, so this is the built-in one:\n"
                    + "\n".join(config.warnings),  # path:line:col: reason, control characters gone
                    id="support-problem",
                    classes="dialog-note",
                    markup=False,
                )
            yield Static(FEELINGS, classes="dialog-note", markup=False)
            yield Static(
                "Anything that was running waits while this is open.", classes="dialog-note"
            )
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)
