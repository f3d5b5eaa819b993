"""``coach forget``: delete everything coach keeps, after a typed confirmation or ``--yes``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from coach.core.forget import Inventory, forget, inventory
from coach.core.paths import Paths
from coach.core.words import counted
from coach.views.rest import stdin_is_terminal

CONFIRM_WORD = "forget"
# How each kind is named afterwards: counts for the many, a name for the one-offs.
MANY = {"sessions": "session", "rest days": "rest day", "routines": "own routine"}
ONE = {
    "index": "the summary index",
    "programme": "the sensate-focus programme",
    "key": "the lock's key",
    "safety acknowledgement": "the note that you read the safety page",
}


def _what(kinds: dict[str, int]) -> list[str]:
    said = [counted(kinds[kind], word) for kind, word in MANY.items() if kinds.get(kind)]
    return said + [words for kind, words in ONE.items() if kinds.get(kind)]


def _ask(inv: Inventory, out: TextIO, read: Callable[[str], str]) -> bool:
    counts = {kind: len(paths) for kind, paths in inv.kinds.items()}
    listed = _what(counts)
    out.write(
        "This deletes everything coach keeps on this computer: "
        + (", ".join(listed) if listed else "there is nothing saved yet")
        + ".\nIt cannot be undone.\n"
    )
    try:
        answer = read(f"Type {CONFIRM_WORD} to delete it all, or press Enter to keep it: ")
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().lower() == CONFIRM_WORD


def run_forget(
    paths: Paths,
    *,
    yes: bool,
    routines: bool,
    data_folder_is_ours: bool,
    read: Callable[[str], str] = input,
    interactive: bool | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Delete every file coach wrote (routines only with ``routines``); says what went."""
    out, err = out or sys.stdout, err or sys.stderr
    inv = inventory(paths, routines=routines, data_folder_is_ours=data_folder_is_ours)
    if not yes:
        if not (stdin_is_terminal() if interactive is None else interactive):
            err.write(
                "coach forget asks you to type a word first, and there is no terminal here; "
                "coach forget --yes deletes without asking. Nothing was deleted.\n"
            )
            return 2
        if not _ask(inv, out, read):
            out.write("Nothing was deleted.\n")
            return 1
    done = forget(inv)
    said = _what(done.counts)
    out.write(("Deleted " + ", ".join(said) if said else "There was nothing to delete") + ".\n")
    if not routines and paths.routines.is_dir():
        out.write("Your own routines were kept; coach forget --routines deletes them too.\n")
    if paths.config_file.exists():
        out.write(f"Your settings file was kept: {paths.config_file}\n")
    if done.unknown:
        folders = sorted({str(p.parent) for p in done.unknown})
        out.write(
            f"{counted(len(done.unknown), 'thing')} coach did not write were left where they "
            f"are, in {', '.join(folders)}.\n"
        )
    if done.failed:
        for path in done.failed:
            err.write(f"Could not delete {path}.\n")
        return 1
    return 0
