"""``coach log edit``: fix or add a session's note, pain or anxiety afterwards, asked on a terminal.

Nothing is taken from the command line but the session's ID, so a note never reaches shell
history or a process list, and nothing typed is ever written to stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from coach.core.discreet import discreet_mode, known_titles, session_title
from coach.core.paths import Paths
from coach.core.records import RATING_MAX, Session, parse_rating
from coach.views.rest import stdin_is_terminal

CLEAR = "-"
NOT_A_TERMINAL = (
    "coach log edit asks its questions on a terminal, so a note never goes on a command "
    "line. Please run it in a terminal window. Nothing was changed."
)
RATINGS = (
    ("pain", f"Pain after the session, 0 none to {RATING_MAX} worst"),
    ("anxiety", f"Anxiety after the session, 0 calm to {RATING_MAX} very anxious"),
)


class _Stop(Exception):
    """End of input or Ctrl+C: leave the file as it was."""


def _ask(read: Callable[[str], str], prompt: str) -> str:
    try:
        return read(prompt)
    except (EOFError, KeyboardInterrupt):
        raise _Stop from None


def ask_changes(
    session: Session, read: Callable[[str], str], out: TextIO
) -> dict[str, int | str | None]:
    """Ask each field in turn; Enter keeps it, ``-`` clears it. Returns only what changed."""
    checkin = session.checkin
    changes: dict[str, int | str | None] = {}
    for key, label in RATINGS:
        current = None if checkin is None else getattr(checkin, key)
        shown = "none" if current is None else str(current)
        while True:
            text = _ask(read, f"{label} [now {shown}]: ").strip()
            if not text:
                break
            if text == CLEAR:
                if current is not None:
                    changes[key] = None
                break
            try:
                value = parse_rating(text)
            except ValueError:
                out.write(f"Please type a whole number from 0 to {RATING_MAX}, or Enter to keep.\n")
                continue
            if value != current:
                changes[key] = value
            break
    note = None if checkin is None else checkin.note
    if note:
        out.write("Your note now:\n" + "".join(f"  {line}\n" for line in note.splitlines()))
    text = _ask(read, "A new note (Enter keeps it, - removes it): " if note else "A note: ")
    text = text.strip()
    if text == CLEAR and note:
        changes["note"] = None
    elif text and text != CLEAR and text != note:
        changes["note"] = text
    return changes


def run_edit(
    paths: Paths,
    session_id: str,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    read: Callable[[str], str] = input,
) -> int:
    """Change a session's check-in after the fact; returns the exit code."""
    from coach.core.store.codec import SessionFileError
    from coach.core.store.files import StoreError
    from coach.core.store.sessions import amend_checkin, file_stem, read_session_raw
    from coach.core.words import skipped_hint
    from coach.views.show import open_session

    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if not stdin_is_terminal():
        err.write(NOT_A_TERMINAL + "\n")
        return 2
    found = open_session(paths, session_id, err)
    if isinstance(found, int):
        return found
    identity, path = found
    try:
        before, session = read_session_raw(path, identity)
    except SessionFileError as error:
        err.write(f"{error}\n{skipped_hint(1)}\n")
        return 1
    title = session.routine_title
    if discreet_mode(paths.config_file):  # the heading, as in coach log show
        title = session_title(session.routine, known_titles([session.routine], paths.routines))
    out.write(
        f"{title}, {session.started_at:%A} {session.started_at.day} "
        f"{session.started_at:%B %Y at %H:%M} (ID {file_stem(path.name)}).\n"
        "Press Enter to keep an answer as it is, or type - to remove it.\n"
    )
    try:
        changes = ask_changes(session, read, out)
    except _Stop:
        out.write("\nNothing was changed.\n")
        return 130
    if not changes:
        out.write("Nothing to change; the session is as it was.\n")
        return 0
    try:
        amend_checkin(path, before, changes, identity)
    except (StoreError, SessionFileError) as error:
        err.write(f"{error} Nothing was changed.\n")
        return 1
    out.write(f"Saved. coach log show {file_stem(path.name)} shows the session in full.\n")
    return 0
