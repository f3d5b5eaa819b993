"""The ``coach`` command line: parse, call the core, hand off to the TUI (thin by design)."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from coach import __version__
from coach.core.paths import DATA_DIR_ENV, DataDirError, Paths, resolve_paths
from coach.core.words import counted
from coach.launch import hoist_data_dir, pipe_closed

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _first_sentence(text: str) -> str:
    paragraph = " ".join(inspect.cleandoc(text).split("\n\n")[0].split())
    end = paragraph.find(". ")
    return paragraph if end < 0 else paragraph[: end + 1]


def _plain_usage(pieces: list[str]) -> list[str]:
    # Typer writes a required argument as {name}; people read NAME as "put a name here".
    return [p[1:-1].upper() if p[:1] == "{" and p[-1:] == "}" else p for p in pieces]


class Command(TyperCommand):
    """A command listed with its whole first sentence (Click would cut it to fit with "...")."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return _first_sentence(self.short_help or self.help or "")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:  # typer's own vendored Context
        return _plain_usage(super().collect_usage_pieces(ctx))


class Group(TyperGroup):
    """A group of commands, listed and used like :class:`Command`."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return _first_sentence(self.short_help or self.help or "")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:  # typer's own vendored Context
        return _plain_usage(super().collect_usage_pieces(ctx))


class _Root(Group):
    """The root command: takes ``--data-dir`` before or after the command name."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # click.Context, vendored
        return super().parse_args(ctx, hoist_data_dir(args))

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # here, where a closed pipe can still be met quietly
        except BrokenPipeError:  # `coach log | head -1`: the same quiet end as the quick path
            raise typer.Exit(pipe_closed()) from None
        return result


def say(message: str = "", *, err: bool = False) -> None:
    """One line on stdout (or stderr) in the stream's own encoding: Typer's echo would turn
    an ASCII stream into UTF-8, which the reader then shows as noise."""
    typer.echo(message, file=sys.stderr if err else sys.stdout)


app = typer.Typer(
    cls=_Root,
    name="coach",
    help="A private, offline coach for relaxation and pelvic-floor practice. "
    "Everything stays on this computer.",
    context_settings=CONTEXT,
    invoke_without_command=True,  # `coach` alone shows today
    add_completion=False,
    pretty_exceptions_enable=False,  # a trace with local variables could show a private note
    rich_markup_mode=None,
)
routines_app = typer.Typer(
    cls=Group,
    help="List, show and check routines.",
    context_settings=CONTEXT,
    invoke_without_command=True,
)
log_app = typer.Typer(
    cls=Group, help="Your practice history.", context_settings=CONTEXT, invoke_without_command=True
)
focus_app = typer.Typer(
    cls=Group,
    help="Sensate focus: a paced programme of touch, for two or on your own.",
    context_settings=CONTEXT,
    invoke_without_command=True,
)
app.add_typer(routines_app, name="routines")
app.add_typer(log_app, name="log")
app.add_typer(focus_app, name="focus")


def _paths(ctx: typer.Context) -> Paths:
    """The folders to use; resolved when a command needs them, so ``--help`` always works."""
    try:
        return resolve_paths(ctx.find_root().params.get("data_dir"))
    except DataDirError as error:
        raise fail(str(error), 2) from None


def _version(value: bool) -> None:
    if value:
        say(f"coach {__version__}")
        raise typer.Exit()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one calm sentence on stderr and return the exit to raise."""
    say(message, err=True)
    return typer.Exit(code)


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option(
            "--data-dir",
            envvar="COACH_DATA_DIR",
            help="Keep all data in this folder (for example an encrypted volume).",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    discreet: Annotated[
        bool,
        typer.Option(
            "--discreet",
            help="Neutral words on screen (Practice, Relaxation, Exercise); ? shows a guide."
            " Also: discreet = true in config.toml.",
        ),
    ] = False,
) -> None:
    """A private, offline coach for relaxation and pelvic-floor practice."""
    if discreet:
        from coach.core.discreet import DISCREET_ENV

        os.environ[DISCREET_ENV] = "1"
    if ctx.invoked_subcommand is None:
        from coach.views.today import run_today

        raise typer.Exit(run_today(_paths(ctx)))


@app.command(cls=Command)
def relax(
    ctx: typer.Context,
    routine: Annotated[
        str | None,
        typer.Argument(
            help="A routine name or a path to a .toml routine file.", show_default=False
        ),
    ] = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="Plain lines on stdout, no full-screen view.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No bell at each change.")] = False,
    voice: Annotated[
        bool, typer.Option("--voice", help="Speak each change with the system's offline voice.")
    ] = False,
) -> None:
    """Start a guided session. Without a routine, a picker opens."""
    from coach.launch import start_session

    data_dir = ctx.find_root().params.get("data_dir")  # start_session checks it, as quickly
    raise typer.Exit(start_session(data_dir, routine, plain=plain, quiet=quiet, voice=voice))


@routines_app.callback()
def routines_list(ctx: typer.Context) -> None:
    """List routines: built-in and your own."""
    if ctx.invoked_subcommand is not None:
        return
    from coach.views.routines import run_routines

    raise typer.Exit(run_routines(_paths(ctx)))


@routines_app.command("show", cls=Command)
def routines_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A routine name or path.", show_default=False)],
) -> None:
    """Show one routine's steps and total time."""
    from coach.core.discreet import NOTE_FOR_YOU, discreet_mode, routine_title, step_title
    from coach.core.routines import RoutineError, describe_step, format_duration, resolve

    paths = _paths(ctx)
    try:
        routine = resolve(name, paths.routines)
    except RoutineError as error:
        raise fail("\n".join(error.problems)) from None
    discreet = discreet_mode(paths.config_file)  # as the preview: neutral titles, no summary
    say(routine_title(routine, discreet))
    if routine.summary and not discreet:
        say(routine.summary)
    if routine.caution:
        say(NOTE_FOR_YOU if discreet else f"Please note: {routine.caution}")
    say("")
    width = len(str(len(routine.steps)))
    for number, step in enumerate(routine.steps, start=1):
        what = "" if discreet else f"  ({describe_step(step)})"
        say(
            f"{number:>{width}}. {step_title(step, discreet)}{what}"
            f"  {format_duration(step.planned_seconds)}"
        )
    say("")
    say(f"Total: {format_duration(routine.total_seconds)}, {counted(len(routine.steps), 'step')}")


@routines_app.command("check", cls=Command)
def routines_check(
    file: Annotated[Path, typer.Argument(help="A routine file to check.", show_default=False)],
) -> None:
    """Check a routine file and report every mistake in it."""
    from coach.core.routines import RoutineError, format_duration, load_routine
    from coach.core.text import inert

    try:
        routine = load_routine(file)
    except RoutineError as error:
        count = len(error.problems)
        raise fail("\n".join(error.problems) + f"\n{counted(count, 'problem')} found.") from None
    say(
        f"{inert(str(file))}: ok: '{routine.title}', {counted(len(routine.steps), 'step')}, "
        f"{format_duration(routine.total_seconds)}"
    )


@log_app.callback()
def log(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(help="From this day: YYYY-MM-DD, today, 7d or 4w.")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Up to this day: YYYY-MM-DD or today.")] = None,
    routine: Annotated[str | None, typer.Option(help="Only this routine.")] = None,
    limit: Annotated[int, typer.Option(help="How many sessions to show.", min=1)] = 20,
    show_all: Annotated[bool, typer.Option("--all", help="Show every session.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", help="Export as csv, json or md.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the export to this file.")
    ] = None,
    with_notes: Annotated[
        bool, typer.Option("--with-notes", help="Include your notes in an export.")
    ] = False,
) -> None:
    """Your history: a table of sessions and a short summary."""
    if ctx.invoked_subcommand is not None:
        return
    from coach.views.log import LogOptions, run_log

    raise typer.Exit(
        run_log(
            _paths(ctx),
            LogOptions(
                since=since,
                until=until,
                routine=routine,
                limit=None if show_all else limit,
                fmt=fmt,
                output=output,
                with_notes=with_notes,
            ),
        )
    )


@log_app.command("show", cls=Command)
def log_show(
    ctx: typer.Context,
    session_id: Annotated[
        str, typer.Argument(metavar="ID", help="A session ID from coach log, or last.")
    ],
) -> None:
    """Show one session in full."""
    from coach.views.show import run_show

    raise typer.Exit(run_show(_paths(ctx), session_id))


@log_app.command("edit", cls=Command)
def log_edit(
    ctx: typer.Context,
    session_id: Annotated[
        str, typer.Argument(metavar="ID", help="A session ID from coach log, or last.")
    ],
) -> None:
    """Change or add a session's note, pain or anxiety afterwards. It asks on the terminal,
    so your note stays out of your shell history."""
    from coach.views.edit import run_edit

    raise typer.Exit(run_edit(_paths(ctx), session_id))


@app.command(cls=Command)
def trainer(ctx: typer.Context) -> None:
    """Trainer, finger or tampon practice over time, and options once a size feels comfortable."""
    from coach.views.trainer import run_trainer

    raise typer.Exit(run_trainer(_paths(ctx)))


@app.command(
    cls=Command, context_settings={"allow_extra_args": True, "ignore_unknown_options": True}
)
def rest(
    ctx: typer.Context,
    reason: Annotated[
        str, typer.Argument(help="period, sore, tired or other.", show_default=False)
    ] = "other",
) -> None:
    """Record a rest day: part of the programme, not a gap. A note is asked for, never
    taken from the command line, so it stays out of your shell history."""
    if ctx.args:  # never echo them: they may be a private note
        raise fail(
            "coach rest takes only a reason; it asks for a note when it runs, "
            "so your note stays out of your shell history. Nothing was recorded.",
            2,
        )
    from coach.views.rest import run_rest

    raise typer.Exit(run_rest(_paths(ctx), reason))


@app.command(cls=Command)
def remind(
    days: Annotated[
        str, typer.Option("--days", help="Weekdays, for example mon,wed,fri.", show_default=False)
    ],
    at: Annotated[
        str,
        typer.Option("--at", help="Time of day, HH:MM on the 24-hour clock.", show_default=False),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The .ics file to write.", show_default=False)
    ],
) -> None:
    """Write a weekly reminder as a calendar file (.ics) to import into any calendar app.
    Its title is neutral: "Relaxation practice"."""
    from coach.views.remind import run_remind

    raise typer.Exit(run_remind(days, at, output))


@app.command(cls=Command)
def learn(
    topic: Annotated[
        str | None,
        typer.Argument(
            help="The page to read; leave it out to list every page.", show_default=False
        ),
    ] = None,
) -> None:
    """Short pages about vaginismus, its treatment and the help there is."""
    from coach.views.learn import run_learn

    raise typer.Exit(run_learn(topic))


@app.command(cls=Command)
def safety(ctx: typer.Context) -> None:
    """When not to start, when to stop and seek help, and where to find support."""
    from coach.views.safety import run_safety

    raise typer.Exit(run_safety(_paths(ctx)))


@focus_app.callback()
def focus_where(ctx: typer.Context) -> None:
    """Where you are: the agreement, the stage, and what could come next."""
    if ctx.invoked_subcommand is not None:
        return
    from coach.views.focus import run_focus

    raise typer.Exit(run_focus(_paths(ctx)))


@focus_app.command("begin", cls=Command)
def focus_begin(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", help="Weeks of the pause on intercourse, 2 to 12.")
    ] = 4,
    solo: Annotated[bool, typer.Option("--solo", help="The same programme on your own.")] = False,
) -> None:
    """Set up the agreement and begin at stage 1."""
    from coach.views.focus import run_begin

    raise typer.Exit(run_begin(_paths(ctx), weeks, solo))


@focus_app.command("stage", cls=Command)
def focus_stage(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(metavar="N", help="The stage to move to, 1 to 4.")],
) -> None:
    """Move to a stage, forward or back, when each of you says yes."""
    from coach.views.focus import run_stage

    raise typer.Exit(run_stage(_paths(ctx), number))


@app.command(cls=Command)
def lock(ctx: typer.Context) -> None:
    """Encrypt your sessions behind a passphrase. Saving never needs it; reading asks once.
    A forgotten passphrase cannot be recovered by anyone."""
    from coach.views.lock import run_lock

    raise typer.Exit(run_lock(_paths(ctx)))


@app.command(cls=Command)
def unlock(ctx: typer.Context) -> None:
    """Turn your encrypted sessions back into plain files and remove the key."""
    from coach.views.lock import run_unlock

    raise typer.Exit(run_unlock(_paths(ctx)))


@app.command(cls=Command)
def forget(
    ctx: typer.Context,
    yes: Annotated[
        bool, typer.Option("--yes", help="Delete without asking (for scripts).")
    ] = False,
    routines: Annotated[
        bool, typer.Option("--routines", help="Delete your own routines too.")
    ] = False,
) -> None:
    """Delete everything coach keeps: sessions, rest days, the index, the programme, the key
    and the safety note. Your own routines only with --routines."""
    from coach.views.forget import run_forget

    paths = _paths(ctx)
    ours = paths.data == resolve_paths(None).data and DATA_DIR_ENV not in os.environ
    raise typer.Exit(run_forget(paths, yes=yes, routines=routines, data_folder_is_ours=ours))
