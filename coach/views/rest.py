"""``coach rest``: record a rest day (period, sore, tired, other) as part of the programme.

A note is only ever asked for on the terminal, never taken from the command line, so it
stays out of shell history and process lists. Nothing the user types is echoed to stderr.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from coach.core.paths import Paths
from coach.core.records import REST_REASONS, RestDay, RestReason

NOTE_PROMPT = "A note for today, if you like (it stays on this computer; Enter to skip): "


def parse_reason(text: str) -> RestReason | None:
    """The reason as recorded, case and spaces forgiven; None when it is not one of the four."""
    word = text.strip().lower()
    for reason in REST_REASONS:
        if word == reason:
            return reason
    return None


def reason_error(text: str) -> str:
    """One sentence for an unknown reason; it never repeats what was typed (it may be personal)."""
    listed = ", ".join(REST_REASONS[:-1]) + " or " + REST_REASONS[-1]
    close = difflib.get_close_matches(text.strip().lower(), REST_REASONS, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else ""
    return f"A rest day's reason is one of: {listed}.{hint}"


def stdin_is_terminal() -> bool:
    """Ask for a note only when a person is at the keyboard."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask_note(read: Callable[[str], str] = input) -> str | None:
    """The optional note, or None when skipped (Enter, end of input)."""
    try:
        text = read(NOTE_PROMPT)
    except EOFError:
        return None
    return text.strip() or None


def confirmation(day: RestDay) -> str:
    """The calm line after saving; it never repeats the note."""
    local = day.day
    return (
        f"Rest day recorded ({day.reason}), {local:%A} {local.day} {local:%B}. "
        "Resting is part of the practice."
    )


def run_rest(
    paths: Paths,
    reason: str,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    now: datetime | None = None,
    read: Callable[[str], str] = input,
) -> int:
    """Record today's rest day; returns the exit code (2 for an unknown reason)."""
    from coach.core.store.files import StoreError
    from coach.core.store.sessions import write_rest_day

    out = stdout or sys.stdout
    err = stderr or sys.stderr
    chosen = parse_reason(reason)
    if chosen is None:
        err.write(reason_error(reason) + "\n")
        return 2
    note = None
    if stdin_is_terminal():
        try:
            note = ask_note(read)
        except KeyboardInterrupt:
            err.write("\nNothing recorded.\n")
            return 130
    moment = (now or datetime.now()).astimezone()
    day = RestDay(day=moment.date(), reason=chosen, recorded_at=moment, note=note)
    try:
        write_rest_day(paths.rest_days, day)
    except StoreError as error:
        err.write(f"{error} Nothing was recorded.\n")
        return 1
    out.write(confirmation(day) + "\n")
    return 0
