"""Crashes that say nothing personal: the kind of error and where in coach, never a value (pure)."""

from __future__ import annotations

import traceback
from pathlib import Path
from types import TracebackType

_PACKAGE = Path(__file__).resolve().parent.parent


def _where(tb: TracebackType | None) -> str:
    # Only file names and line numbers: walk_tb reads no source lines and no locals.
    frames = [(Path(f.f_code.co_filename), line) for f, line in traceback.walk_tb(tb)]
    if not frames:
        return ""
    ours = [(file, line) for file, line in frames if file.resolve().is_relative_to(_PACKAGE)]
    file, line = (ours or frames)[-1]
    file = file.resolve()
    shown = file.relative_to(_PACKAGE.parent).as_posix() if ours else file.name
    return f" in {shown}, line {line}"


def safe_crash_message(exc: BaseException) -> str:
    """One line about a crash: the kind of error and where in coach's code, nothing else.

    The exception's message, its arguments and every local variable are left out, since any
    of them could hold a note or a rating.
    """
    kind = type(exc).__name__
    return f"coach stopped because of an unexpected problem ({kind}{_where(exc.__traceback__)})."
