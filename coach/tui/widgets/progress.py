"""The whole session's progress: a thin bar, the percentage, and the time left."""

from __future__ import annotations

import math
from typing import ClassVar

from rich.segment import Segment
from textual.strip import Strip

from coach.tui.widgets.line import LineWidget


def clock_text(seconds: float) -> str:
    """Whole seconds left, rounded up, as ``m:ss`` (or ``h:mm:ss``): ``12:40``, ``0:05``."""
    total = max(math.ceil(seconds - 1e-9), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class ProgressLine(LineWidget):
    """``━━━━━━━─────────  23%  12:40 left``, redrawn only when what it shows changes.

    Like the gauge, it draws its own line with styles worked out once: it changes every
    second, and going through Textual's general text rendering each time costs more.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"progress--done", "progress--todo", "progress--label"}
    STYLE_PARTS = ("progress--done", "progress--todo", "progress--label")
    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        width: 1fr;
        & > .progress--done { color: $accent 80%; }
        & > .progress--todo { color: $foreground 25%; }
        & > .progress--label { color: $foreground 70%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fraction = 0.0
        self._left = 0.0
        self._shown: tuple[int, int, str] | None = None

    def update(self, total: float, left: float) -> None:
        """Show ``left`` of ``total`` seconds to go.

        Bar and percentage count whole seconds, as the clock beside them does, so the
        line changes at most once a second and on the same beat as the countdown.
        """
        whole = max(math.ceil(left - 1e-9), 0)
        self._fraction = min(max(1 - whole / total, 0.0), 1.0) if total > 0 else 1.0
        self._left = whole
        shown = self._key(self.content_size.width)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def _label(self) -> str:
        return f" {math.floor(self._fraction * 100):>3}%  {clock_text(self._left)} left"

    def _key(self, width: int) -> tuple[int, int, str]:
        label = self._label()
        bar = max(width - len(label), 0)
        return bar, round(self._fraction * bar), label

    def render_line(self, y: int) -> Strip:
        base, done_style, todo_style, label_style = self.styles_for_line()
        width = self.content_size.width
        bar, done, label = self._key(width)
        label = label[:width]
        parts = (("━" * done, done_style), ("─" * (bar - done), todo_style), (label, label_style))
        segments = [Segment(text, style) for text, style in parts if text]
        return Strip(segments).adjust_cell_length(width, base)
