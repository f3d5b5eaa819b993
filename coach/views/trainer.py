"""`coach trainer`: trainer practice for a person to read: what you use, totals, recent sessions."""

from __future__ import annotations

import sys
import textwrap
from datetime import date, datetime
from typing import TextIO

from coach.core.index import open_index
from coach.core.ladder import Ladder, build_ladder
from coach.core.paths import Paths

# ---------------------------------------------------------------------------------------------
# coach trainer

BLEEDING_SHORT = {"light spotting": "spotting", "more than spotting": "more"}


def _day(moment: datetime, today: date) -> str:
    local = moment.astimezone()
    text = f"{local:%a} {local.day} {local:%b}"
    return text if local.year == today.year else f"{text} {local.year}"


def _minutes(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")


def _trio(*values: int | None) -> str:
    return " / ".join("-" if v is None else str(v) for v in values)


def render_ladder(ladder: Ladder, out: TextIO, today: date) -> None:
    """Print with rich: what you use now, totals for each, recent sessions, and the options."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, emoji=False)
    console.print(Text("Trainer practice", style="bold"))
    if ladder.current is None:
        console.print()
        for line in ladder.message:
            console.print(line)
        return
    console.print(f"Now using: {ladder.current.label}")
    console.print()
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("")
    for name in ("used", "sessions", "minutes", "last used"):
        table.add_column(name, justify="right" if name in ("sessions", "minutes") else "left")
    for s in ladder.tools:
        here = s.tool == ladder.current
        table.add_row(
            ">" if here else "",
            s.tool.label,
            str(s.sessions) if s.sessions else "-",
            _minutes(s.minutes) if s.sessions else "-",
            _day(s.last_used, today) if s.last_used else "",
            style="bold" if here else None,
        )
    console.print(table)
    console.print()
    console.print(Text("Last few sessions", style="bold"))
    recent = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    tried = any(a.report.tried not in (None, "no") for a in ladder.recent)
    bleeding = any(a.report.bleeding not in (None, "none") for a in ladder.recent)
    columns = ["day", "used", "depth", "min", "pain", "anxiety"]
    columns += ["tried"] * tried + ["bleeding"] * bleeding
    for name in columns:
        recent.add_column(
            name, justify="right" if name == "min" else "left", no_wrap=name in ("day", "used")
        )
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
        recent.add_row(*row)
    console.print(recent)
    console.print(Text("pain and anxiety: before / at the most / after, from 0 to 10", style="dim"))
    console.print()
    for number, paragraph in enumerate(ladder.message):
        if number:
            console.print()
        for line in paragraph.splitlines():
            # An offered option keeps a hanging indent, so a wrapped one still reads as one.
            indent = "  " if line.startswith("- ") else ""
            console.print(textwrap.fill(line, console.width - 1, subsequent_indent=indent))


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
    index.check_between(trainer_only=True)
    index.save()
    for problem in index.problems:
        err.write(f"{problem}\n")
    if index.problems:
        err.write("Those files were skipped and left as they are; every other session counts.\n")
    render_ladder(build_ladder(index.summaries), out, today or date.today())
    return 0
