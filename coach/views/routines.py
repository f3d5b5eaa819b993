"""`coach routines`: every routine, built-in and your own, with its time, steps and source."""

from __future__ import annotations

import shlex
import sys
from typing import TextIO

from coach.core.discreet import discreet_mode, routine_title
from coach.core.paths import Paths
from coach.core.routines import catalogue, format_duration
from coach.core.text import inert
from coach.core.words import counted


def run_routines(
    paths: Paths, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """List routines as aligned columns; unreadable files are named on stderr.

    In discreet mode, as in the picker, each routine shows its neutral title and no name
    (a name can say what the title does not); ``coach relax`` opens the picker.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    discreet = discreet_mode(paths.config_file)
    found = catalogue(paths.routines)
    rows = [("name", "title", "time", "steps", "source")]
    for routine in found:
        source = "built-in" if routine.builtin else "yours"
        if routine.name in found.shadowed:
            source = "yours (replaces built-in)"
        rows.append(
            (
                routine.name,
                routine_title(routine, discreet),
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
        out.write("  ".join(cells[1:] if discreet else cells) + "\n")
    if not found.routines:
        out.write("No routines found.\n")
    out.write(f"Your own routines go in {paths.routines}\n")
    if discreet:
        out.write("Discreet mode leaves out the names; coach relax opens a picker instead.\n")
        if found.problems:  # their file names may say what discreet mode keeps off the screen
            unread = counted(len(found.problems), "routine file")
            err.write(f"{unread} could not be read; they are named without discreet mode.\n")
        return 0
    for path, problems in found.problems.items():  # one line each; routines check says all
        shown = inert(str(path))
        first = problems[0].removeprefix(shown)
        more = f" (and {counted(len(problems) - 1, 'more problem')})" if len(problems) > 1 else ""
        check = f"coach routines check {shlex.quote(shown)}"
        err.write(f"skipped {shown}{first}{more}. Every problem: {check}\n")
    return 0
