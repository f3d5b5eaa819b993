"""``coach`` with no command: today, in a few calm lines."""

from __future__ import annotations

import sys
from datetime import date
from typing import TextIO

from coach.core.paths import Paths


def run_today(paths: Paths, *, stdout: TextIO | None = None, today: date | None = None) -> int:
    """Print the today screen; returns the exit code (always 0: nothing here can fail loudly)."""
    from coach.core.today import gather, today_lines
    from coach.views.log import today_for_log

    out = stdout or sys.stdout
    out.write("\n".join(today_lines(gather(paths, today or today_for_log()))) + "\n")
    return 0
