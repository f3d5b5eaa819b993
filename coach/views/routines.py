"""`coach routines`: every routine, built-in and your own, with its time, steps and source."""

from __future__ import annotations

import shlex
import sys
from typing import TextIO

from coach.core.paths import Paths
from coach.core.routines import catalogue, format_duration
from coach.core.text import inert
from coach.core.words import counted


def run_routines(
    paths: Paths, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """List routines as aligned columns; unreadable files are named on stderr."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    found = catalogue(paths.routines)
    rows = [("name", "title", "time", "steps", "source")]
    for routine in found:
        source = "built-in" if routine.builtin else "yours"
        if routine.name in found.shadowed:
            source = "yours (replaces built-in)"
        rows.append(
            (
                routine.name,
                routine.title,
                format_duration(routine.total_seconds),
                str(len(routine.steps)),
                source,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows if len(rows) > 1 else ():
        cells = [
            row[0].ljust(widths[0]),
            row[1].ljust(widths[1]),
            row[2].rjust(widths[2]),
            row[3].rjust(widths[3]),
            row[4],
        ]
        out.write("  ".join(cells) + "\n")
    if not found.routines:
        out.write("No routines found.\n")
    out.write(f"Your own routines go in {paths.routines}\n")
    for path, problems in found.problems.items():  # one line each; routines check says all
        shown = inert(str(path))
        first = problems[0].removeprefix(shown)
        more = f" (and {counted(len(problems) - 1, 'more problem')})" if len(problems) > 1 else ""
        check = f"coach routines check {shlex.quote(shown)}"
        err.write(f"skipped {shown}{first}{more}. Every problem: {check}\n")
    return 0
