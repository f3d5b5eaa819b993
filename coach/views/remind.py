"""``coach remind``: write a neutral weekly reminder for any calendar app to import."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO


def run_remind(
    days: str,
    at: str,
    output: Path,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    now: datetime | None = None,
) -> int:
    """Write the .ics file; returns the exit code (2 for days or a time that cannot be read)."""
    from coach.core.remind import ReminderError, local_zone, parse_reminder, write_reminder
    from coach.core.store.files import StoreError

    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        reminder = parse_reminder(days, at)
    except ReminderError as error:
        err.write(f"{error} No file was written.\n")
        return 2
    try:
        write_reminder(output, reminder, local_zone(), now or datetime.now().astimezone())
    except StoreError as error:
        err.write(f"{error} No file was written.\n")
        return 1
    out.write(
        f"Saved a weekly event, {reminder.describe()}, to {output}.\n"
        "Open that file with your calendar app to add it. Its title is only "
        '"Relaxation practice". Importing a newer file replaces the event instead of adding '
        "a second one.\n"
    )
    return 0
