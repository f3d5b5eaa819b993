"""A bar that grows from its centre on the in-breath and shrinks on the out-breath."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from coach.tui.widgets.line import LineWidget


def gauge_units(level: float, half_width: int) -> int:
    """How many half cells each side of the centre is filled at ``level`` (0 to 1)."""
    return round(min(max(level, 0.0), 1.0) * half_width * 2)


MAX_WIDTH = 60


def gauge_text(
    level: float, width: int, fill: Style | str = "fill", track: Style | str = "track"
) -> Text:
    """The bar at ``level``: filled from the middle outwards, with a faint track around it."""
    half = max(min(width, MAX_WIDTH) // 2, 1)
    units = gauge_units(level, half)
    full, part = divmod(units, 2)
    rest = "─" * (half - full - part)
    text = Text(no_wrap=True, overflow="crop")
    text.append(rest, track)
    text.append("▐" * part + "█" * (2 * full) + "▌" * part, fill)
    text.append(rest, track)
    return text


class Gauge(LineWidget):
    """The breathing or effort gauge; it redraws only when a half cell changes.

    It draws its own line (Textual's line API) with styles worked out once, because it is
    the one thing on screen that moves several times a second and should cost next to nothing.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"gauge--fill", "gauge--track"}
    STYLE_PARTS = ("gauge--fill", "gauge--track")
    DEFAULT_CSS = """
    Gauge {
        height: 1;
        width: 1fr;
        & > .gauge--fill { color: $accent; }
        & > .gauge--track { color: $foreground 25%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._level = 0.0
        self._units = 0

    @property
    def half_width(self) -> int:
        return max(min(self.content_size.width, MAX_WIDTH) // 2, 1)

    @property
    def level(self) -> float:
        return self._level

    def update(self, level: float) -> None:
        self._level = level
        units = gauge_units(level, self.half_width)
        if units != self._units:
            self._units = units
            self.refresh()

    def render_line(self, y: int) -> Strip:
        base, fill, track = self.styles_for_line()
        width = self.content_size.width
        line = gauge_text(self._level, width)
        side = len(line.plain)
        left = (width - side) // 2
        segments = [Segment(" " * left, base)]
        for span in line.spans:
            style = fill if span.style == "fill" else track
            segments.append(Segment(line.plain[span.start : span.end], style))
        segments.append(Segment(" " * (width - left - side), base))
        return Strip(segments, width)
