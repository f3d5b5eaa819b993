"""The current phase in words, drawn three rows tall so it reads at a glance."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

# A light three-row font in the style of Textual's own Digits, for the letters the phase
# words and "paused" need (and a few more); anything else falls back to ordinary text.
FONT: dict[str, tuple[str, str, str]] = {
    "A": ("╭─╮", "├─┤", "╵ ╵"),
    "B": ("┌─╮", "├─┤", "└─╯"),
    "C": ("╭─╴", "│  ", "╰─╴"),
    "D": ("┌─╮", "│ │", "└─╯"),
    "E": ("┌─╴", "├─ ", "└─╴"),
    "F": ("┌─╴", "├─ ", "╵  "),
    "G": ("╭─╴", "│╶┐", "╰─┘"),
    "H": ("╷ ╷", "├─┤", "╵ ╵"),
    "I": ("╷", "│", "╵"),
    "J": ("  ╷", "  │", "╰─╯"),
    "L": ("╷  ", "│  ", "└─╴"),
    "M": ("╭┬╮", "│││", "╵╵╵"),
    "N": ("┌╮╷", "│││", "╵╰┘"),
    "O": ("╭─╮", "│ │", "╰─╯"),
    "P": ("┌─╮", "├─╯", "╵  "),
    "Q": ("╭─╮ ", "│ │ ", "╰─┼╴"),
    "R": ("┌─╮", "├┬╯", "╵╰╴"),
    "S": ("╭─╴", "╰─╮", "╶─╯"),
    "T": ("╶┬╴", " │ ", " ╵ "),
    "U": ("╷ ╷", "│ │", "╰─╯"),
    "W": ("╷╷╷", "│││", "╰┴╯"),
    "Y": ("╷ ╷", "╰┬╯", " ╵ "),
    "Z": ("╶─┐", "┌─┘", "└─╴"),
    " ": ("  ", "  ", "  "),
}


def big_rows(word: str) -> list[str] | None:
    """The three rows of ``word`` in the big font, or None if a letter is missing."""
    glyphs = [FONT.get(char) for char in word.upper()]
    if any(glyph is None for glyph in glyphs):
        return None
    return [" ".join(glyph[row] for glyph in glyphs if glyph) for row in range(3)]


class BigWord(Widget):
    """One short word or phrase in big letters, or in plain bold when it does not fit."""

    DEFAULT_CSS = """
    BigWord {
        height: 3;
        width: 1fr;
        content-align: center middle;
        text-style: bold;
    }
    """

    def __init__(self, word: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._word = word

    @property
    def word(self) -> str:
        return self._word

    def update(self, word: str) -> None:
        if word != self._word:
            self._word = word
            self.refresh()

    def render(self) -> Text:
        if self.size.height < 3:
            return Text(self._word, justify="center")
        rows = big_rows(self._word)
        if rows is None or len(rows[0]) > self.size.width:
            return Text(f"\n{self._word}\n", justify="center")
        return Text("\n".join(rows), justify="center")
