"""The private crash hook: any uncaught error prints one line that names no note or rating."""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from coach.core.crash import safe_crash_message


def install_private_excepthook() -> None:
    """Make any uncaught exception, in any thread, print only :func:`safe_crash_message`."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, KeyboardInterrupt):
            sys.stderr.write("\n")
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        sys.stderr.write(safe_crash_message(exc) + "\n")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
