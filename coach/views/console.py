"""A Rich console for a person's terminal: no line ends in a space, and a table that does not
fit the width folds into one block per record instead of cutting words."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from rich.console import Console

# Spaces before the end of a line, with any colour codes that follow them kept.
_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)\n")
GAP = 2  # the space between table columns


class _TrimmedLines(io.TextIOBase):
    """Passes text on line by line, without the spaces Rich pads lines with."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._pending = ""

    def write(self, text: str) -> int:
        head, newline, self._pending = (self._pending + text).rpartition("\n")
        if newline:
            self._out.write(_TRAILING.sub(r"\1\n", head + newline))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._out.write(self._pending)
            self._pending = ""
        self._out.flush()

    def isatty(self) -> bool:
        return self._out.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._out, "encoding", None) or "utf-8"


def console_for(out: TextIO) -> Console:
    """A console writing to ``out`` at the terminal's width (COLUMNS when not a terminal)."""
    from rich.console import Console

    # A text stream in all but name: Rich asks only for write, flush, isatty and encoding.
    return Console(file=cast(IO[str], _TrimmedLines(out)), highlight=False, emoji=False)


def table_width(rows: Sequence[Sequence[str]]) -> int:
    """The width a table of these rows (header included) needs in cells, gaps included."""
    from rich.cells import cell_len

    widths = [max(cell_len(cell) for cell in column) for column in zip(*rows, strict=True)]
    return sum(widths) + GAP * (len(widths) - 1)


def print_blocks(
    console: Console, header: Sequence[str], rows: Sequence[Sequence[str]], title: int = 1
) -> None:
    """One block per record: its first ``title`` cells as a heading, then a labelled line per
    filled-in cell; values wrap at spaces under their own column."""
    from rich.table import Table
    from rich.text import Text

    for number, row in enumerate(rows):
        if number:
            console.print()
        console.print(Text(" ".join(c for c in row[:title] if c), style="bold"))
        grid = Table.grid(padding=(0, GAP, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in zip(header[title:], row[title:], strict=True):
            if value:
                grid.add_row(Text(f"  {label}", style="dim"), value)
        console.print(grid)
