"""``coach`` with no command: today, in a few calm lines."""

from __future__ import annotations

import sys
from datetime import date
from typing import TextIO

from coach.core.paths import Paths


def run_today(
    paths: Paths,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: date | None = None,
) -> int:
    """Print the today screen; returns the exit code (0, unless the data folder is locked and
    could not be opened: then nothing private is shown)."""
    from coach.core.today import gather, today_lines
    from coach.views.log import today_for_log
    from coach.views.passphrase import StaysLocked, identity_for_reading

    out = stdout or sys.stdout
    try:
        identity = identity_for_reading(paths, stderr or sys.stderr)
    except StaysLocked as stop:
        return stop.code
    lines = today_lines(gather(paths, today or today_for_log(), identity))
    out.write("\n".join(lines) + "\n")
    return 0
