"""The footer of keys: one quit key, and at a narrow width the least needed keys go first."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

# Never dropped: the way out, the way to find every other key (? or, in discreet mode, h),
# and where to find support.
ESSENTIAL = frozenset({"stop", "help", "keys", "app.quit", "close", "skip", "support"})


def _action(key: Widget) -> str:
    # Footer yields one FooterKey per binding; it keeps the binding's action, key and word.
    return str(getattr(key, "action", ""))


def key_width(key: Widget) -> int:
    """Cells a key takes in the footer: the key and its word, with Textual's padding."""
    shown = f"{getattr(key, 'key_display', '')}{getattr(key, 'description', '')}"
    return cell_len(shown) + 3


class KeyFooter(Footer):
    """Textual's footer fitted to its width: where ``q`` quits, Ctrl+Q's key is not shown
    as well; keys are dropped in the screen's ``FOOTER_DROP`` order, then from the right,
    until the rest fit, and the essential ones always stay."""

    DEFAULT_DROP: ClassVar[tuple[str, ...]] = ("quit",)  # Ctrl+Q: the help screen names it

    def __init__(self) -> None:
        super().__init__()
        self._width = 0

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        if any(_action(key) == "app.quit" for key in keys):
            keys = [key for key in keys if _action(key) != "quit"]
        self._width = self.size.width
        if self._width:
            order: tuple[str, ...] = getattr(self.screen, "FOOTER_DROP", self.DEFAULT_DROP)
            ranked = sorted(
                (key for key in keys if _action(key) in order),
                key=lambda key: order.index(_action(key)),
            )
            ranked += [
                key
                for key in reversed(keys)
                if _action(key) not in order and _action(key) not in ESSENTIAL
            ]
            while ranked and sum(map(key_width, keys)) > self._width:
                keys.remove(ranked.pop(0))
        self.styles.grid_size_columns = len(keys)
        yield from keys

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self.call_after_refresh(self.recompose)
