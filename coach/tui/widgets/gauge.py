"""A bar that grows from its centre on the in-breath and shrinks on the out-breath."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget


def gauge_units(level: float, half_width: int) -> int:
    """How many half cells each side of the centre is filled at ``level`` (0 to 1)."""
    return round(min(max(level, 0.0), 1.0) * half_width * 2)


MAX_WIDTH = 60


def gauge_text(level: float, width: int, fill: Style | str = "", track: Style | str = "") -> Text:
    """The bar at ``level``: filled from the middle outwards, with a faint track around it."""
    half = max(min(width, MAX_WIDTH) // 2, 1)
    units = gauge_units(level, half)
    full, part = divmod(units, 2)
    rest = "─" * (half - full - part)
    text = Text(no_wrap=True, overflow="crop", justify="center")
    text.append(rest, track)
    text.append("▐" * part + "█" * (2 * full) + "▌" * part, fill)
    text.append(rest, track)
    return text


class Gauge(Widget):
    """The breathing or effort gauge; it redraws only when a half cell changes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"gauge--fill", "gauge--track"}
    DEFAULT_CSS = """
    Gauge {
        height: 1;
        width: 1fr;
        text-align: center;
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

    def update(self, level: float) -> None:
        self._level = level
        units = gauge_units(level, self.half_width)
        if units != self._units:
            self._units = units
            self.refresh()

    def render(self) -> Text:
        line = gauge_text(
            self._level,
            self.content_size.width,
            self.get_component_rich_style("gauge--fill"),
            self.get_component_rich_style("gauge--track"),
        )
        # Taller terminals get a taller bar: the same line on every row.
        return Text("\n").join([line] * max(self.content_size.height, 1))
