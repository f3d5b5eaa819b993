"""A Rich console for a person's terminal: no line ends in a space, and a table that does not
fit the width folds into one block per record instead of cutting words."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Collection, Sequence
from typing import IO, TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

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


def column_widths(rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column's width in cells: its widest cell, the header's included."""
    from rich.cells import cell_len

    return [max(cell_len(cell) for cell in column) for column in zip(*rows, strict=True)]


def table_width(widths: Sequence[int]) -> int:
    """The width a table with columns this wide needs, gaps included."""
    return sum(widths) + GAP * (len(widths) - 1)


def table_lines(
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    *,
    right: Collection[int] = (),
    row_styles: Sequence[str] = ("bold",),
    cell_style: Callable[[int, int], str] | None = None,
) -> list[Text]:
    """A table's lines, the header first: each cell cut to its column's width with an
    ellipsis and aligned in it (right for the columns in ``right``), GAP spaces apart, no
    space at a line's end. Laid out here rather than by rich's Table, which measures every
    cell of every row (seconds for 10,000 rows) and loads more than the table needs.

    ``row_styles[r]`` styles row ``r`` (the header is row 0), and ``cell_style(r, c)`` one cell.
    """
    from rich.text import Text

    lines = []
    last = len(widths) - 1
    for r, row in enumerate(rows):
        line = Text(style=row_styles[r] if r < len(row_styles) else "")
        for c, (value, width) in enumerate(zip(row, widths, strict=True)):
            cell = Text(value)
            if cell_style is not None and (style := cell_style(r, c)):
                cell.stylize(style)
            cell.truncate(width, overflow="ellipsis")
            cell.align("right" if c in right else "left", width)
            line.append_text(cell)
            if c < last:
                line.append(" " * GAP)
        line.rstrip()
        lines.append(line)
    return lines


def print_lines(console: Console, lines: Sequence[Text]) -> None:
    """Print lines laid out to the console's width (``table_lines``) as they are: Rich
    neither wraps nor crops them again."""
    from rich.text import Text

    console.print(Text("\n").join(lines), no_wrap=True, overflow="ignore", crop=False)


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
