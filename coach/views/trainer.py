"""`coach trainer`: trainer practice for a person to read: what you use, totals, recent sessions."""

from __future__ import annotations

import sys
import textwrap
from datetime import date, datetime
from typing import TYPE_CHECKING, TextIO

from coach.core.discreet import LEFT_OUT, discreet_mode
from coach.core.history import recent_from, today_for_views
from coach.core.index import open_index
from coach.core.ladder import Ladder, build_ladder
from coach.core.paths import Paths
from coach.core.words import skipped_hint
from coach.views.console import (
    column_widths,
    console_for,
    print_blocks,
    print_lines,
    table_lines,
    table_width,
)

if TYPE_CHECKING:
    from rich.console import Console

# ---------------------------------------------------------------------------------------------
# coach trainer

RIGHT = ("sessions", "minutes", "min")
DISCREET_HEADING = "Practice over time"
NOTHING_YET = "Nothing is recorded here yet, and there is no hurry."
BLEEDING_SHORT = {"light spotting": "spotting", "more than spotting": "more"}


def _day(moment: datetime, today: date) -> str:
    local = moment.astimezone()
    text = f"{local:%a} {local.day} {local:%b}"
    return text if local.year == today.year else f"{text} {local.year}"


def _minutes(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")


def _trio(*values: int | None) -> str:
    return " / ".join("-" if v is None else str(v) for v in values)


def _print_table(
    console: Console, header: list[str], rows: list[list[str]], title: int = 1
) -> None:
    """A table when it fits the width, else one block per row; a row marked ">" is bold."""
    widths = column_widths([header, *rows])
    if table_width(widths) > console.width:
        print_blocks(console, header, rows, title)
        return
    right = [i for i, name in enumerate(header) if name in RIGHT]
    bold = ["bold", *("bold" if row[0] == ">" else "" for row in rows)]
    print_lines(console, table_lines([header, *rows], widths, right=right, row_styles=bold))


def render_ladder(ladder: Ladder, out: TextIO, today: date, *, discreet: bool = False) -> None:
    """Print with rich: what you use now, totals for each, recent sessions, and the options.

    In discreet mode only the recent sessions' days, minutes and ratings: every other line
    names what was used.
    """
    from rich.text import Text

    console = console_for(out)
    console.print(Text(DISCREET_HEADING if discreet else "Trainer practice", style="bold"))
    if ladder.current is None:
        console.print()
        for line in (NOTHING_YET, LEFT_OUT) if discreet else ladder.message:
            console.print(line)
        return
    if discreet:
        console.print()
    else:
        console.print(f"Now using: {ladder.current.label}")
        console.print()
        tools = [
            [
                ">" if s.tool == ladder.current else "",
                s.tool.label,
                str(s.sessions) if s.sessions else "-",
                _minutes(s.minutes) if s.sessions else "-",
                _day(s.last_used, today) if s.last_used else "",
            ]
            for s in ladder.tools
        ]
        _print_table(console, ["", "used", "sessions", "minutes", "last used"], tools, title=2)
        console.print()
    console.print(Text("Last few sessions", style="bold"))
    tried = not discreet and any(a.report.tried not in (None, "no") for a in ladder.recent)
    bleeding = not discreet and any(a.report.bleeding not in (None, "none") for a in ladder.recent)
    header = ["day", "used", "depth", "min", "pain", "anxiety"]
    header += ["tried"] * tried + ["bleeding"] * bleeding
    recent = []
    for a in ladder.recent:
        r = a.report
        row = [
            _day(a.started_at, today),
            a.tool.label,
            r.depth or "",
            _minutes(a.minutes),
            _trio(r.pain_before, r.pain_peak, r.pain_after),
            _trio(r.anxiety_before, r.anxiety_peak, r.anxiety_after),
        ]
        if tried:
            row.append("" if r.tried in (None, "no") else r.tried)
        if bleeding:
            row.append(BLEEDING_SHORT.get(r.bleeding or "", ""))
        recent.append(
            [cell for name, cell in zip(header, row, strict=True) if _shown(name, discreet)]
        )
    _print_table(console, [name for name in header if _shown(name, discreet)], recent)
    console.print(Text("pain and anxiety: before / at the most / after, from 0 to 10", style="dim"))
    console.print()
    for number, paragraph in enumerate((LEFT_OUT,) if discreet else ladder.message):
        if number:
            console.print()
        for line in paragraph.splitlines():
            # An offered option keeps a hanging indent, so a wrapped one still reads as one.
            indent = "  " if line.startswith("- ") else ""
            console.print(textwrap.fill(line, console.width - 1, subsequent_indent=indent))


def _shown(column: str, discreet: bool) -> bool:
    """Whether a column of the recent sessions shows: discreet mode leaves out what was
    used and how far."""
    return not (discreet and column in ("used", "depth"))


def run_trainer(
    paths: Paths,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: date | None = None,
) -> int:
    """``coach trainer``: every session through the index, the ladder; bad files named, skipped."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    from coach.views.passphrase import StaysLocked, identity_for_reading

    try:
        identity = identity_for_reading(paths, err)
    except StaysLocked as stop:
        return stop.code
    index = open_index(paths, identity)
    today = today or today_for_views()
    index.check_trainer(recent_from(today))
    index.save()
    for problem in index.problems:
        err.write(f"{problem}\n")
    if index.problems:
        err.write(f"{skipped_hint(len(index.problems))} Every other session counts.\n")
    discreet = discreet_mode(paths.config_file)
    render_ladder(build_ladder(index.practices), out, today, discreet=discreet)
    return 0
