"""``coach lock`` and ``coach unlock``: encrypt the data folder behind a passphrase, and back."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from coach.core import vault
from coach.core.index import remove_index
from coach.core.paths import Paths
from coach.core.store.files import (
    StoreError,
    ensure_private_dir,
    os_reason,
)
from coach.core.words import counted
from coach.views.passphrase import PASSPHRASE_FILE_ENV, Ask, StaysLocked, ask_passphrase

BEFORE_LOCK = """\
coach lock encrypts your sessions, rest days and sensate-focus programme on this computer.
Saving a session never needs the passphrase; reading them (coach log, coach trainer,
coach focus) asks for it once each time.

Please know this before you choose one: if the passphrase is forgotten, nobody can recover
it, not coach and not anyone else. The encrypted files could then never be read again;
coach forget deletes them so that you can start afresh.
"""
MISMATCH = "The two passphrases are not the same. Nothing was changed; you can try again."


def _new_passphrase(err: TextIO, ask: Ask | None) -> str:
    """The new passphrase: from COACH_PASSPHRASE_FILE, or typed twice on the terminal."""
    first = ask_passphrase(err, "Choose a passphrase: ", ask)
    if os.environ.get(PASSPHRASE_FILE_ENV):
        return first  # a file cannot be mistyped
    second = ask_passphrase(err, "The same passphrase again: ", ask)
    if first != second:
        err.write(MISMATCH + "\n")
        raise StaysLocked(1)
    return first


def _report(report: vault.ConversionReport, done: str, again: str, out: TextIO, err: TextIO) -> int:
    changed = report.converted + report.finished
    for path in report.conflicts:
        err.write(
            f"{path}: both forms of this file are here and they differ; both were kept, "
            "so you can choose.\n"
        )
    for path, reason in report.failed:
        err.write(f"{path}: {reason}\n")
    if not report.complete:
        err.write(f"Everything else is done. {again}\n")
        return 1
    out.write(f"{done} ({counted(changed, 'file')} converted this time).\n")
    return 0


def _stopped(problem: StaysLocked | vault.VaultError | OSError, data: Path, err: TextIO) -> int:
    """The exit code of a lock or unlock that stopped early, after one calm line on why."""
    if isinstance(problem, StaysLocked):
        return problem.code
    if isinstance(problem, vault.VaultError | StoreError):
        err.write(f"{problem}\n")
    else:
        err.write(f"Could not change {data}: {os_reason(problem)}. Nothing was lost.\n")
    return 1


def run_lock(
    paths: Paths, *, ask: Ask | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Create the key (or, when there is one, finish a lock that was cut short) and encrypt
    every data file; the plain index goes, an encrypted one is built by the next reading."""
    out, err = out or sys.stdout, err or sys.stderr
    data = paths.data
    try:
        if vault.is_locked(data):
            out.write("This data folder already has a key; making sure every file is encrypted.\n")
            identity = vault.unlock_identity(data, ask_passphrase(err, ask=ask))
        else:
            out.write(BEFORE_LOCK + "\n")
            passphrase = _new_passphrase(err, ask)
            ensure_private_dir(data)
            identity = vault.create(data, passphrase)
        remove_index(data, sealed=False)  # derived, and it holds note previews
        vault.tidy(data)
        report = vault.lock_folder(data, identity)
    except (StaysLocked, vault.VaultError, OSError) as problem:
        return _stopped(problem, data, err)
    done = "Locked. Your files are encrypted; reading them asks for your passphrase"
    return _report(report, done, "Run coach lock again to finish.", out, err)


def run_unlock(
    paths: Paths, *, ask: Ask | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Turn every file back into plain TOML; the key goes only once every file is plain."""
    out, err = out or sys.stdout, err or sys.stderr
    data = paths.data
    if not vault.is_locked(data):
        out.write("This data folder is not locked; nothing needed changing.\n")
        return 0
    try:
        identity = vault.unlock_identity(data, ask_passphrase(err, ask=ask))
        vault.tidy(data)
        report = vault.unlock_folder(data, identity)
        if report.complete:
            remove_index(data, sealed=True)
    except (StaysLocked, vault.VaultError, OSError) as problem:
        return _stopped(problem, data, err)
    done = "Unlocked. Your files are plain text again and the key is gone"
    return _report(report, done, "The key was kept; run coach unlock again to finish.", out, err)
