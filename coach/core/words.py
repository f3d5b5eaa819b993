"""Small wording helpers that every command shares."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """``1 step``, ``3 steps``: a count with its noun, in the singular for one."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def skipped_hint(files: int) -> str:
    """What coach did with files it could not read, for one file or for several."""
    if files == 1:
        return (
            "hint: coach skipped this file and left it untouched; fix it in a text editor, "
            "or move it out of the sessions folder."
        )
    return (
        "hint: coach skipped the files above and left them untouched; fix them in a text "
        "editor, or move them out of the sessions folder."
    )
