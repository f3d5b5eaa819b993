"""The passphrase, asked for once per reading command: on a terminal, or from a 0600 file.

Core never asks: a view calls :func:`identity_for_reading` and passes the identity (or None,
for a folder that is not locked) down to the store and the index. Nothing typed is echoed,
and no message repeats a passphrase.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from coach.core import vault
from coach.core.paths import Paths
from coach.views.rest import stdin_is_terminal

PASSPHRASE_FILE_ENV = "COACH_PASSPHRASE_FILE"
PROMPT = "Passphrase for your coach data: "
HOW_TO_UNLOCK = (
    "Your coach data is locked, and there is no terminal here to ask for the passphrase."
    " Run this command in a terminal, or set COACH_PASSPHRASE_FILE to a file that only you"
    " can read (chmod 600) holding the passphrase. Nothing was shown."
)

Ask = Callable[[str], str]


class StaysLocked(Exception):
    """The data could not be opened; the reason is already written. ``code`` is the exit."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def passphrase_from_file() -> str | None:
    """The passphrase in ``COACH_PASSPHRASE_FILE``, None when it is not set; raises
    :class:`vault.UnusablePassphrase` for a file that others can read."""
    name = os.environ.get(PASSPHRASE_FILE_ENV)
    return vault.read_passphrase_file(Path(name)) if name else None


def ask_passphrase(err: TextIO, prompt: str = PROMPT, ask: Ask | None = None) -> str:
    """One passphrase from the file or the terminal; raises :class:`StaysLocked` when neither
    is there or the person stops (Ctrl+C, end of input)."""
    try:
        from_file = passphrase_from_file()
    except vault.UnusablePassphrase as problem:
        err.write(f"{problem}\n")
        raise StaysLocked(1) from None
    if from_file is not None:
        return from_file
    if ask is None:
        if not stdin_is_terminal():
            err.write(HOW_TO_UNLOCK + "\n")
            raise StaysLocked(1)
        import getpass  # with termios: only when a person is asked

        ask = getpass.getpass
    try:
        return ask(prompt)
    except (EOFError, KeyboardInterrupt):
        err.write("\nNothing was opened or changed.\n")
        raise StaysLocked(130) from None


def identity_for_reading(
    paths: Paths, err: TextIO, ask: Ask | None = None
) -> vault.Identity | None:
    """The data folder's identity, asked for once; None when the folder is not locked.

    Raises :class:`StaysLocked` after one calm sentence on ``err`` (a wrong passphrase
    included); nothing is changed and nothing private is shown.
    """
    if not vault.is_locked(paths.data):
        return None
    passphrase = ask_passphrase(err, ask=ask)
    try:
        return vault.unlock_identity(paths.data, passphrase)
    except vault.VaultError as problem:
        err.write(f"{problem}\n")
        raise StaysLocked(1) from None
