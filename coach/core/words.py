"""Small wording helpers that every command shares."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """``1 step``, ``3 steps``: a count with its noun, in the singular for one."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
