"""A one-line widget drawn with Textual's line API, its component styles worked out once."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.widget import Widget


class LineWidget(Widget):
    """Base for lines redrawn several times a second: styles are looked up once per restyle."""

    STYLE_PARTS: ClassVar[tuple[str, ...]] = ()  # component classes, in the order styles() gives

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._styles: tuple[Style, ...] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def styles_for_line(self) -> tuple[Style, ...]:
        """The widget's own style, then each of STYLE_PARTS laid over it."""
        if self._styles is None:
            base = self.rich_style
            parts = (base + self.get_component_rich_style(name) for name in self.STYLE_PARTS)
            self._styles = (base, *parts)
        return self._styles
