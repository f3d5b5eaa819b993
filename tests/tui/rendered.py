"""What a running app shows on the terminal, as text: every line, footer and tables included."""

from __future__ import annotations

import html
import re

from textual.app import App

# One run of text in Textual's SVG screenshot: its x, the line it is on, and what it says.
TEXT_RUN = re.compile(r'<text [^>]*\bx="([0-9.]+)"[^>]*-line-([0-9]+)\)">(.*?)</text>')
CELL = 12.2  # the width of one terminal cell in that SVG (rich's export_svg)


def rendered_lines(app: App[int]) -> list[str]:
    """Every character on the terminal as the person sees it, one string a line: read from
    Textual's own screenshot, each run of text put back in the cell where it starts (the
    runs leave out the spaces between them, and the line is what the screen row is)."""
    lines: dict[int, list[str]] = {}
    for x, line, run in TEXT_RUN.findall(app.export_screenshot()):
        cells = lines.setdefault(int(line), [])
        start = round(float(x) / CELL)
        text = html.unescape(run).replace("\xa0", " ")
        cells.extend(" " * (start + len(text) - len(cells)))
        cells[start : start + len(text)] = text
    return ["".join(lines.get(n, [])).rstrip() for n in range(max(lines, default=-1) + 1)]


def rendered_text(app: App[int]) -> str:
    """:func:`rendered_lines` as one text."""
    return "\n".join(rendered_lines(app))
