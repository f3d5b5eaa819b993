"""The keys, and what the bell and the gauge mean."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.core.safety import learn_line
from coach.tui.widgets.footer import KeyFooter

KEYS = (
    ("enter", "start the session from the preview"),
    ("space", "pause, and press again to go on"),
    ("n", "skip to the next step"),
    ("p", "go back one step"),
    ("q", "stop early (y to confirm, esc or n to go on)"),
    ("?", "this help"),
    ("ctrl+s", "where to find support, from any screen"),
    ("ctrl+q", "quit at once; what you did is saved"),
)
# Discreet mode: ? shows the guide on the preview and in a session, and h opens this help.
DISCREET_HELP_KEYS = (("?", "show or hide the guide"), ("h", "this help"))


def keys_table(discreet: bool = False) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", justify="right")
    table.add_column()
    for key, meaning in KEYS:
        for row in DISCREET_HELP_KEYS if discreet and key == "?" else ((key, meaning),):
            table.add_row(*row)
    return table


MORE_BELOW = "more below: ↓ or scroll"
MORE_ABOVE = "more above: ↑ or scroll"


class HelpBox(VerticalScroll):
    """The help text in a box that scrolls when the terminal is short, and says so."""

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.say_where)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.say_where()

    def say_where(self) -> None:
        """Name the way to the rest of the text in the border, or nothing when it all shows."""
        if self.max_scroll_y <= 0:
            self.border_subtitle = ""
        elif self.scroll_y < self.max_scroll_y:
            self.border_subtitle = MORE_BELOW
        else:
            self.border_subtitle = MORE_ABOVE


class HelpScreen(ModalScreen[None]):
    """A calm page of keys; any of esc, ? or q closes it."""

    CSS_PATH = "dialog.tcss"  # its own rules, read when it first opens

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "close", key_display="esc"),
        Binding("question_mark", "close", "close", key_display="?", show=False),
        Binding("q", "close", "close", show=False),
        Binding("h", "close", "close", show=False),
    ]

    def __init__(self, *, during_session: bool = False, discreet: bool = False) -> None:
        super().__init__()
        self.during_session = during_session
        self.discreet = discreet

    def compose(self) -> ComposeResult:
        with HelpBox(id="dialog", classes="dialog"):
            yield Static("Keys", classes="dialog-title")
            yield Static(keys_table(self.discreet))
            yield Static(
                "A soft bell marks each change, so you can keep your eyes closed "
                "(coach relax --quiet turns it off). The bar grows as you breathe in and "
                "shrinks as you breathe out; it fills with a squeeze, and when you let go it "
                "stays empty and still.",
                classes="dialog-note",
            )
            yield Static(learn_line(self.discreet), classes="dialog-note")
            if self.during_session:
                yield Static("The session waits while this is open.", classes="dialog-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(HelpBox).focus()  # so the arrow keys scroll it

    def action_close(self) -> None:
        self.dismiss(None)
