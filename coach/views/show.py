"""`coach log show`: one session in full: every field, each step, the check-in, the note."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coach.core.discreet import (
    LEFT_OUT,
    PROGRAMME,
    discreet_mode,
    known_titles,
    session_title,
    step_word,
)
from coach.core.paths import Paths
from coach.core.words import skipped_hint
from coach.views.log import STATUS_WORDS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from coach.core.records import FocusRecord, Session
    from coach.core.vault import Identity

LAST = "last"  # the ID that means the newest session
RATINGS = ("pain", "anxiety", "minutes")  # what discreet mode shows of a trainer report


def find_session(paths: Paths, session_id: str) -> list[Path]:
    """Session files whose stem is ``session_id``, or starts with it (as typed, or pasted);
    ``last`` is the newest session; plain or sealed, each file once."""
    from coach.core.store.sessions import file_stem, is_data_name, one_form_each

    if session_id.strip().lower() == LAST:
        from coach.core.store.sessions import newest_session_file

        newest = newest_session_file(paths.sessions)
        return [] if newest is None else [newest]
    wanted = file_stem(session_id.strip()).replace(" ", "T").replace(":", "-")
    if not wanted or "/" in wanted or "\\" in wanted or wanted.startswith("."):
        return []
    root = paths.sessions
    try:
        years = sorted(p for p in root.iterdir() if p.is_dir())
        files = [
            year / name
            for year in years
            for name in one_form_each(sorted(p.name for p in year.iterdir() if p.is_file()))
            if is_data_name(name)
        ]
    except OSError:
        return []
    exact = [p for p in files if file_stem(p.name) == wanted]
    return exact or [p for p in files if file_stem(p.name).startswith(wanted)]


def open_session(paths: Paths, session_id: str, err: TextIO) -> tuple[Identity | None, Path] | int:
    """The one session file ``session_id`` names, with the identity that reads it; otherwise
    the exit code, with the reason (locked, no such ID, more than one) written to ``err``."""
    from coach.core.store.sessions import file_stem
    from coach.views.passphrase import StaysLocked, identity_for_reading

    try:
        identity = identity_for_reading(paths, err)
    except StaysLocked as stop:
        return stop.code
    matches = find_session(paths, session_id)
    if not matches and session_id.strip().lower() == LAST:
        err.write("No sessions yet. coach relax starts one.\n")
    elif not matches:
        err.write(f"No session with ID {session_id}. coach log lists the IDs.\n")
    elif len(matches) > 1:
        err.write(f"More than one session starts with {session_id}:\n")
        for path in matches:
            err.write(f"  {file_stem(path.name)}\n")
    return (identity, matches[0]) if len(matches) == 1 else 1


def run_show(
    paths: Paths, session_id: str, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Print one session in full: every field, each step, the check-in and the whole note."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    found = open_session(paths, session_id, err)
    if isinstance(found, int):
        return found
    identity, path = found
    from coach.core.store.codec import SessionFileError
    from coach.core.store.sessions import read_session

    try:
        session = read_session(path, identity)
    except SessionFileError as error:
        err.write(f"{error}\n{skipped_hint(1)}\n")
        return 1
    titles = None
    if discreet_mode(paths.config_file):
        titles = known_titles([session.routine], paths.routines)
    out.write(describe_session(session, path, titles))
    return 0


def describe_session(session: Session, path: Path, titles: Mapping[str, str] | None = None) -> str:
    """Every field of one session as plain, aligned lines.

    With ``titles`` (discreet mode) the headings and step names are neutral and of what was
    used only the ratings show; the check-in and your note show in full, because asking
    for one session by its ID is asking to read it.
    """
    from coach.core.routines import format_duration
    from coach.core.store.sessions import file_stem

    discreet = titles is not None
    title = f"{session.routine_title} ({session.routine})"
    lines = [
        session_title(session.routine, titles) if titles is not None else title,
        f"  ID         {file_stem(path.name)}",
        f"  file       {path}",
        f"  started    {session.started_at.isoformat()}",
        f"  ended      {session.ended_at.isoformat()}",
        f"  status     {STATUS_WORDS.get(session.status, session.status)}",
        f"  planned    {format_duration(session.planned_seconds)}",
        f"  practised  {format_duration(session.active_seconds)} (pauses not counted)",
    ]
    for key, value in sorted(session.extra.items()):
        lines.append(f"  {key:<10} {value}")
    lines += ["", f"Steps ({len(session.steps)})"]
    width = len(str(len(session.steps)))
    for number, step in enumerate(session.steps, start=1):
        shown = step_word(step.type) if discreet else f"{step.title} ({step.type})"
        lines.append(
            f"  {number:>{width}}. {shown}: {step.outcome}, "
            f"{format_duration(step.done_seconds)} of {format_duration(step.planned_seconds)}"
        )
        if step.trainer is not None:
            report = [
                f"{name.replace('_', ' ')} {value}"
                for name, value in vars(step.trainer).items()
                if value is not None
                and name != "extra"
                and (not discreet or name.startswith(RATINGS))
            ]
            if report:
                label = "ratings" if discreet else "trainer"
                lines.append(f"  {'':>{width}}  {label}: {', '.join(report)}")
        for key, value in sorted(step.extra.items()):
            lines.append(f"  {'':>{width}}  {key}: {value}")
    lines.append("")
    checkin = session.checkin
    if checkin is None:
        lines.append("Check-in: skipped")
    else:
        lines.append("Check-in")
        lines.append(f"  pain       {'-' if checkin.pain is None else checkin.pain}")
        lines.append(f"  anxiety    {'-' if checkin.anxiety is None else checkin.anxiety}")
        for key, value in sorted(checkin.extra.items()):
            lines.append(f"  {key:<10} {value}")
        if checkin.note:
            lines.append("  note")
            lines += [f"    {line}" for line in checkin.note.splitlines()]
    if session.focus is not None:
        lines += describe_focus(session.focus, discreet=discreet)
    if discreet:
        lines += ["", LEFT_OUT]
    return "\n".join(lines) + "\n"


def describe_focus(record: FocusRecord, *, discreet: bool = False) -> list[str]:
    """The sensate-focus part: the stage, then each person's check-in in the order given."""
    stage = "before a programme began" if record.stage is None else f"stage {record.stage}"
    name = PROGRAMME.capitalize() if discreet else "Sensate focus"
    lines = ["", f"{name} ({stage}" + (", on your own)" if record.solo else ")")]
    if not record.partners:
        lines.append("  Check-ins: skipped")
    for number, partner in enumerate(record.partners, start=1):
        count = record.people
        lines.append("  Check-in" + (f" {number} of {count}" if count > 1 else ""))
        for name, value in (("comfort", partner.comfort), ("anxiety", partner.anxiety)):
            lines.append(f"    {name:<10} {'-' if value is None else value}")
        stop = {None: "-", True: "yes", False: "no"}[partner.stop_used]
        lines.append(f"    {'stop used':<10} {stop}")
        if partner.note:
            lines.append("    note")
            lines += [f"      {line}" for line in partner.note.splitlines()]
    return lines
