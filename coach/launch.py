"""The ``coach`` entry point: a private crash hook, then the quick path or the Typer CLI.

``coach relax`` with plain arguments is read here by hand and starts the session at once:
building the Typer app costs about 50 ms, which a person waiting for the first frame of a
calm session should not pay. Anything else (help, a typo, any other command) goes to
:mod:`coach.cli`, which also accepts everything this quick path accepts.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from types import TracebackType

from coach.core.collector import pause_collector, resume_collector

RELAX_FLAGS = frozenset({"--plain", "--quiet", "--voice"})


def start_session(
    data_dir: str | None, routine: str | None, *, plain: bool, quiet: bool, voice: bool
) -> int:
    """What ``coach relax`` does: find the routine, then run it plain or full screen."""
    from coach.core.discreet import discreet_mode
    from coach.core.paths import DataDirError, resolve_paths
    from coach.core.routines import RoutineError, resolve

    try:
        paths = resolve_paths(data_dir)
    except DataDirError as error:
        print(error, file=sys.stderr)
        return 2
    discreet = discreet_mode(paths.config_file)
    chosen = None
    if routine is not None:
        try:
            chosen = resolve(routine, paths.routines)
        except RoutineError as error:
            print("\n".join(error.problems), file=sys.stderr)
            return 1
    if plain:
        if chosen is None:
            print("--plain needs a routine name; coach routines lists them.", file=sys.stderr)
            return 2
        from coach.views.plain import run_plain

        resume_collector()
        return run_plain(chosen, paths, quiet=quiet, voice=voice, discreet=discreet)
    if not terminal_at_hand():
        import shlex

        name = shlex.quote(routine) if routine else "NAME"  # NAME: coach routines lists them
        print(
            "The full-screen session needs a terminal for its keys and its screen, and "
            f"this is not one. For plain lines instead, run: coach relax {name} --plain",
            file=sys.stderr,
        )
        return 2
    # Textual is imported only here, so every other command starts fast. The app resumes
    # the collector once its first frame is drawn.
    from coach.tui.app import run_tui

    return run_tui(chosen, paths, quiet=quiet, voice=voice, discreet=discreet)


def terminal_at_hand() -> bool:
    """Whether keys come from a terminal and the screen (Textual draws on stderr) is one:
    otherwise the session would draw into a file, answers and all, or never hear a key."""
    streams = (sys.stdin, sys.__stderr__)
    try:
        return all(stream is not None and stream.isatty() for stream in streams)
    except (OSError, ValueError):  # a closed stream
        return False


def quick_relax(argv: list[str]) -> int | None:
    """Run ``[--data-dir DIR] relax [ROUTINE] [--plain] [--quiet] [--voice]`` and return its
    exit code; None when the arguments are anything else, for Typer to handle."""
    args = hoist_data_dir(argv)
    data_dir: str | None = None
    if args and args[0].startswith("--data-dir="):
        data_dir, args = args[0].partition("=")[2], args[1:]
    elif args[:1] == ["--data-dir"] and len(args) > 1:
        data_dir, args = args[1], args[2:]
    if args[:1] != ["relax"]:
        return None
    flags = [a for a in args[1:] if a.startswith("-")]
    names = [a for a in args[1:] if not a.startswith("-")]
    if len(names) > 1 or not RELAX_FLAGS.issuperset(flags):
        return None
    return start_session(
        data_dir,
        names[0] if names else None,
        plain="--plain" in flags,
        quiet="--quiet" in flags,
        voice="--voice" in flags,
    )


def hoist_data_dir(argv: list[str]) -> list[str]:
    """``argv`` with every ``--data-dir DIR`` moved to the front, so the option may come
    before or after the command name, as the README promises. Nothing after ``--`` moves."""
    front: list[str] = []
    rest: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--":
            rest += [arg, *args]
        elif arg.startswith("--data-dir="):
            front.append(arg)
        elif arg == "--data-dir":
            value = next(args, None)
            front += [arg] if value is None else [arg, value]
        else:
            rest.append(arg)
    return front + rest


def _private_crash(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    # The store's hook is loaded only when something has gone wrong, to keep start-up light.
    from coach.views.crash import install_private_excepthook

    install_private_excepthook()
    sys.excepthook(kind, exc, tb)


def _private_thread_crash(args: threading.ExceptHookArgs) -> None:
    from coach.views.crash import install_private_excepthook

    install_private_excepthook()
    threading.excepthook(args)


def take_discreet(argv: list[str]) -> list[str]:
    """``argv`` without ``--discreet``, which may come before or after the command; when it
    is there, this run is discreet (every part of it reads the one environment variable)."""
    words = argv[: argv.index("--")] if "--" in argv else argv
    if "--discreet" not in words:
        return argv
    from coach.core.discreet import DISCREET_ENV

    os.environ[DISCREET_ENV] = "1"
    rest = argv[len(words) :]
    return [word for word in words if word != "--discreet"] + rest


def main() -> None:
    """Entry point for the ``coach`` script and ``python -m coach``."""
    sys.excepthook = _private_crash  # a crash names the file and line, never a note or rating
    threading.excepthook = _private_thread_crash
    _replace_what_cannot_be_shown()
    pause_collector()
    sys.argv[1:] = take_discreet(sys.argv[1:])  # Typer reads sys.argv itself
    try:
        try:
            code = _run(sys.argv[1:])
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # here, where a closed pipe can still be met quietly
    except BrokenPipeError:
        code = pipe_closed()
    sys.exit(code)


def _run(argv: list[str]) -> int | str | None:
    code = quick_relax(argv)
    if code is not None:
        return code
    resume_collector()
    from coach.cli import app

    try:
        app(prog_name="coach")
    except SystemExit as done:
        return done.code
    return 0


def _replace_what_cannot_be_shown() -> None:
    """Output that is not UTF-8 (a Windows pipe, PYTHONIOENCODING=cp1252) gets "?" for what
    it cannot show, instead of a crash halfway through a table."""
    for stream in (sys.stdout, sys.stderr, sys.__stderr__):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):  # one that cannot keeps its rules
                reconfigure(errors="replace")


def pipe_closed() -> int:
    """The reader went away (``coach log | head -1``): end quietly, as a killed pipe would.

    Whatever is still buffered for stdout is dropped, so the interpreter's last flush does not
    print a trace on the way out.
    """
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for a reader that stopped early
