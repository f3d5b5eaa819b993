"""`coach trainer`: the ladder for a person to read: current rung, totals, recent sessions."""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import TextIO

from coach.core.index import SessionIndex, index_path
from coach.core.ladder import Ladder, build_ladder
from coach.core.paths import Paths

# ---------------------------------------------------------------------------------------------
# coach trainer


def _day(moment: datetime, today: date) -> str:
    local = moment.astimezone()
    text = f"{local:%a} {local.day} {local:%b}"
    return text if local.year == today.year else f"{text} {local.year}"


def _minutes(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")


def _trio(*values: int | None) -> str:
    return " / ".join("-" if v is None else str(v) for v in values)


def render_ladder(ladder: Ladder, out: TextIO, today: date) -> None:
    """Print the ladder with rich: current rung, each rung's totals, recent sessions, advice."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, emoji=False)
    console.print(Text("Trainer ladder", style="bold"))
    if ladder.current is None:
        console.print()
        for line in ladder.message:
            console.print(line)
        return
    console.print(f"Now using: {ladder.current.label}")
    console.print()
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("")
    for name in ("rung", "sessions", "minutes", "last used"):
        table.add_column(name, justify="right" if name in ("sessions", "minutes") else "left")
    for s in ladder.rungs:
        here = s.rung == ladder.current
        table.add_row(
            ">" if here else "",
            s.rung.label,
            str(s.sessions) if s.sessions else "-",
            _minutes(s.minutes) if s.sessions else "-",
            _day(s.last_used, today) if s.last_used else "",
            style="bold" if here else None,
        )
    console.print(table)
    console.print()
    console.print(Text("Last few sessions", style="bold"))
    recent = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    spotting = any(a.report.spotting for a in ladder.recent)
    columns = ["day", "used", "depth", "min", "pain", "anxiety"]
    for name in [*columns, *(["spotting"] if spotting else [])]:
        recent.add_column(name, justify="right" if name == "min" else "left")
    for a in ladder.recent:
        r = a.report
        row = [
            _day(a.started_at, today),
            a.rung.label,
            r.depth or "",
            _minutes(a.minutes),
            _trio(r.pain_before, r.pain_peak, r.pain_after),
            _trio(r.anxiety_before, r.anxiety_peak, r.anxiety_after),
        ]
        if spotting:
            row.append("yes" if r.spotting else "")
        recent.add_row(*row)
    console.print(recent)
    console.print(Text("pain and anxiety: before / at the most / after, from 0 to 10", style="dim"))
    console.print()
    for number, line in enumerate(ladder.message):
        if number:
            console.print()
        console.print(line)


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
    index = SessionIndex(paths.sessions, index_path(paths.data))
    index.check_between()
    index.save()
    for problem in index.problems:
        err.write(f"{problem}\n")
    if index.problems:
        err.write("Those files were skipped and left as they are; every other session counts.\n")
    render_ladder(build_ladder(index.summaries), out, today or date.today())
    return 0
