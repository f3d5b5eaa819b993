"""Inert text: control characters and escape sequences taken out of anything shown (pure).

Routine files, notes, file names and config values may come from anywhere. Before any of it
reaches a terminal, :func:`inert` removes what a terminal would act on (C0 and C1 control
characters, and whole escape sequences: a title set, a colour, a cursor move, a clipboard
write), and keeps everything else as it was, emoji, right-to-left and CJK text included.
"""

from __future__ import annotations

import re

# ESC followed by: a CSI sequence, an OSC (ended by BEL or ST, or cut short), a DCS/SOS/PM/APC
# string (ended by ST, or cut short), or any single character; then any lone C0/DEL/C1 char.
_SEQUENCE = (
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?"
    r"|\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|[ -/]*[0-~]?)"
)
_CONTROL = re.compile(_SEQUENCE + r"|[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile(_SEQUENCE + r"|[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_FIRST_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character and escape sequence removed.

    A tab becomes a space. With ``lines`` (a note, a guide), newlines are kept and ``\\r\\n``
    becomes ``\\n``; otherwise a line break becomes a space, so one line stays one line.
    """
    text = text.replace("\t", " ")
    if lines:
        return _CONTROL_BUT_NEWLINE.sub("", text.replace("\r\n", "\n"))
    return _CONTROL.sub("", text.replace("\r\n", " ").replace("\n", " "))


def first_control(text: str) -> str | None:
    """The first control character in ``text`` (tabs and newlines allowed) as ``U+001B``."""
    found = _FIRST_CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None
