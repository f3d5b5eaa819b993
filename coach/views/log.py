"""`coach log`: the history table, the summary at a glance, one session in full, and exports."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from coach.core.discreet import LEFT_OUT, discreet_mode, known_titles, session_title
from coach.core.history import (
    CALENDAR_WEEKS,
    LEGEND,
    DateError,
    SessionSummary,
    calendar,
    minutes_text,
    parse_day,
    recent_from,
    select,
    today_for_views,
    totals,
    trend,
    trend_line,
    week_start,
)
from coach.core.index import SessionIndex, open_index
from coach.core.paths import Paths
from coach.core.words import counted, skipped_hint
from coach.views.console import (
    GAP,
    column_widths,
    console_for,
    print_blocks,
    print_lines,
    table_lines,
    table_width,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.text import Text

    from coach.core.records import FocusState, RestDay
    from coach.core.vault import Identity

ROUTINE_WIDTH = 16
STATUS_WORDS = {"completed": "completed", "stopped": "stopped", "interrupted": "interrupted"}


@dataclass
class LogOptions:
    """What `coach log` was asked for."""

    since: str | None = None
    until: str | None = None
    routine: str | None = None
    limit: int | None = 20  # None: every session
    fmt: str | None = None  # csv | json | md, or None for the table
    output: Path | None = None
    with_notes: bool = False


def run_log(
    paths: Paths,
    options: LogOptions,
    *,
    today: date | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Print the history (or an export); returns the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    today = today or today_for_views()
    try:
        since = parse_day(options.since, today) if options.since else None
        until = parse_day(options.until, today) if options.until else None
    except DateError as error:
        err.write(f"{error}\n")
        return 2
    fmt = options.fmt.lower() if options.fmt else None
    if fmt is not None and fmt not in ("csv", "json", "md"):
        err.write(f"'{options.fmt}' is not an export format: use csv, json or md.\n")
        return 2

    from coach.views.passphrase import StaysLocked, identity_for_reading

    try:
        identity = identity_for_reading(paths, err)
    except StaysLocked as stop:
        return stop.code
    index = open_index(paths, identity)
    # File names carry the start day; a day of slack covers offsets that differ from the name.
    low = (since - timedelta(days=1)).isoformat() if since else ""
    high = (until + timedelta(days=1)).isoformat() if until else "9999"
    index.check_between(recent_from(today))
    limit = options.limit
    if fmt is not None or options.routine or limit is None:
        index.check_between(low, high)
    else:
        # Older files are checked only as far as the table needs them; the rest are counted.
        index.check_newest(
            low,
            high,
            limit + 1,
            lambda: _count_between(index.summaries, since, until) > limit,
        )
    everything = index.summaries
    chosen = select(everything, since=since, until=until, routine=options.routine)
    chosen = [_now_running(paths, s) for s in chosen]
    unread = index.unchecked_between(low, high)
    index.save()

    rest_days, rest_problems = _rest_days(paths, identity)
    problems = index.problems + rest_problems
    for problem in problems:
        err.write(f"{problem}\n")
    if problems:
        err.write(f"{skipped_hint(len(problems))}\n")

    if fmt is not None:
        first = since or (date.fromisoformat(chosen[-1].day) if chosen else today)
        last = until or today
        rested = [] if options.routine else rest_days
        code = _export(paths, index, fmt, chosen, rested, first, last, options, out, err)
        return code if code else (1 if problems and not chosen else 0)

    titles = None
    if discreet_mode(paths.config_file):
        titles = known_titles((s.routine for s in chosen), paths.routines)
    _print_log(out, chosen, limit, unread, everything, rest_days, today, options, titles)
    return 1 if problems and not everything else 0


def _now_running(paths: Paths, summary: SessionSummary) -> SessionSummary:
    """A session still saved as interrupted whose coach is alive is shown as in progress."""
    from coach.core.store.sessions import in_progress

    if summary.status == "interrupted" and in_progress(paths.sessions, summary.id):
        return summary._replace(status="in progress")
    return summary


def _count_between(summaries: list[SessionSummary], since: date | None, until: date | None) -> int:
    low = since.isoformat() if since else ""
    high = until.isoformat() if until else "9999"
    return sum(1 for s in summaries if low <= s.day <= high)


def _rest_days(paths: Paths, identity: Identity | None) -> tuple[list[RestDay], list[str]]:
    if not paths.rest_days.is_dir():
        return [], []
    from coach.core.store.sessions import read_rest_days

    days, errors = read_rest_days(paths.rest_days, identity)
    return days, [str(error) for error in errors]


def _export(
    paths: Paths,
    index: SessionIndex,
    fmt: str,
    chosen: list[SessionSummary],
    rest_days: list[RestDay],
    first: date,
    last: date,
    options: LogOptions,
    out: TextIO,
    err: TextIO,
) -> int:
    from coach.views.export import render

    notes, focus_notes = _notes(index, chosen) if options.with_notes else (None, None)
    stages = _stages(paths, index.identity, err)
    text = render(fmt, chosen, first, last, notes, focus_notes, stages, rest_days)
    if options.output is None:
        out.write(text)
        return 0
    from coach.core.store.files import StoreError, atomic_write

    try:
        atomic_write(options.output, text.encode())  # a failed export leaves any old file as it was
    except StoreError as error:
        err.write(f"{error}\n")
        return 1
    err.write(f"Wrote {counted(len(chosen), 'session')} to {options.output}.\n")
    return 0


def _stages(paths: Paths, identity: Identity | None, err: TextIO) -> FocusState | None:
    """The sensate-focus programme, for its stage history; a broken file is named, not fatal."""
    from coach.core import focus
    from coach.core.store.codec import SessionFileError

    try:
        return focus.load(paths, identity)
    except SessionFileError as problem:
        err.write(f"{problem}\n")
        return None


def _notes(
    index: SessionIndex, chosen: list[SessionSummary]
) -> tuple[dict[str, str], dict[str, list[str | None]]]:
    """Each session's note, and each person's sensate-focus note, by session id.

    The index keeps only a preview, so full notes come from the session files themselves."""
    from coach.core.store.codec import SessionFileError
    from coach.core.store.sessions import read_session

    notes: dict[str, str] = {}
    focus_notes: dict[str, list[str | None]] = {}
    paths = index.paths_by_id()
    for summary in chosen:
        path = paths.get(summary.id)
        if path is None:
            continue
        try:
            session = read_session(path, index.identity)
        except SessionFileError:
            continue
        if session.checkin and session.checkin.note:
            notes[summary.id] = session.checkin.note
        if session.focus and any(p.note for p in session.focus.partners):
            focus_notes[summary.id] = [p.note for p in session.focus.partners]
    return notes, focus_notes


def _print_log(
    out: TextIO,
    chosen: list[SessionSummary],
    limit: int | None,
    unread: int,
    everything: list[SessionSummary],
    rest_days: list[RestDay],
    today: date,
    options: LogOptions,
    titles: Mapping[str, str] | None = None,
) -> None:
    """The table and the summary; ``titles`` (discreet mode) are the neutral titles by
    routine name, and then notes, what was used and the trainer block are left out."""
    from rich.text import Text

    console = console_for(out)
    shown = chosen if limit is None else chosen[:limit]
    more = len(chosen) - len(shown) + unread
    filtered = bool(options.since or options.until or options.routine)
    if shown:
        rest = [] if options.routine else _rest_in_table(shown, rest_days, today, options)
        # Rows are laid out here, not by rich.Table: measuring 10,000 rows took seconds.
        rows = _rows(shown, rest, titles)
        names = _columns(rows, discreet=titles is not None)
        lines = _table(rows, names, console.width)
        if lines:
            print_lines(console, lines)
        else:  # too narrow for the table: one block per session, words kept whole
            header = [TABLE_HEADER[name] for name in names]
            print_blocks(console, header, [[row[name] for name in names] for row in rows])
    elif filtered:
        console.print("No sessions match what you asked for.")
    else:
        console.print("No sessions yet. When you finish one with coach relax, it shows here.")
    if more > 0:
        console.print(
            Text(
                f"{counted(more, 'more session')} not shown: coach log --all shows every one.",
                style="dim",
            )
        )
    console.print()
    _print_summary(console, everything, rest_days, today, discreet=titles is not None)
    if titles is not None and everything:
        console.print()
        console.print(Text(LEFT_OUT, style="dim"))


def _rest_in_table(
    shown: list[SessionSummary], rest_days: list[RestDay], today: date, options: LogOptions
) -> list[RestDay]:
    """Rest days from the oldest session shown up to the last day asked for."""
    from coach.core.progress import rest_between

    last = parse_day(options.until, today) if options.until else today
    return rest_between(rest_days, date.fromisoformat(min(s.day for s in shown)), last)


TABLE_HEADER = {
    "id": "ID (date, time)",
    "routine": "routine",
    "used": "used",
    "min": "min",
    "status": "status",
    "pain": "pain",
    "anxiety": "anxiety",
    "note": "note",
}
RIGHT = ("min", "pain", "anxiety")
REST_ROW = "rest day"  # in the routine column; the reason goes in the status column
Row = dict[str, str]


def _rows(
    shown: list[SessionSummary], rest_days: list[RestDay], titles: Mapping[str, str] | None = None
) -> list[Row]:
    """The table's cells, newest first: each session, and each rest day above its day's
    sessions with its reason where a session's status goes. With ``titles`` (discreet mode)
    a session shows its routine's neutral title, and neither what was used nor a note (a
    note is in your own words, which may name anything)."""
    from coach.core.history import preview
    from coach.core.progress import main_attempt, short_label

    keyed: list[tuple[tuple[str, int, float], Row]] = []
    for s in shown:
        attempt = main_attempt(s) if titles is None else None
        row = {
            "id": s.id,
            "routine": s.routine_title if titles is None else session_title(s.routine, titles),
            "used": short_label(attempt.tool) if attempt else "",
            "min": minutes_text(s.minutes),
            "status": STATUS_WORDS.get(s.status, s.status),
            "pain": "" if s.pain is None else str(s.pain),
            "anxiety": "" if s.anxiety is None else str(s.anxiety),
            "note": s.note_preview if titles is None else "",
        }
        keyed.append(((s.day, 0, s.timestamp), row))
    for r in rest_days:
        row = dict.fromkeys(TABLE_HEADER, "")
        row.update(id=r.day.isoformat(), routine=REST_ROW, status=r.reason)
        row["note"] = preview(r.note or "") if titles is None else ""
        keyed.append(((r.day.isoformat(), 1, 0.0), row))
    return [row for _, row in sorted(keyed, key=lambda item: item[0], reverse=True)]


def _columns(rows: list[Row], *, discreet: bool = False) -> list[str]:
    """The columns to show: "used" only when a trainer session is among the rows; no
    "note" in discreet mode."""
    return [
        n
        for n in TABLE_HEADER
        if (n != "used" or any(row["used"] for row in rows)) and not (discreet and n == "note")
    ]


def _table(rows: list[Row], names: list[str], width: int) -> list[Text]:
    """The table's ``names`` columns as lines: fixed columns first, the note preview (when
    ``names`` ends with it) in what is left, or on a line of its own under its row when
    there is no room beside it; no lines when even the fixed columns do not fit ``width``."""
    cells = [[row[name] for name in names] for row in [TABLE_HEADER, *rows]]
    note = len(names) - 1 if names[-1] == "note" else None
    fixed = cells if note is None else [line[:-1] for line in cells]
    widths = column_widths(fixed)
    at = names.index("routine")
    # The routine's name gives way to the note; with no note column it may use the room.
    spare = width - table_width(widths)
    cap = ROUTINE_WIDTH if note is not None else max(ROUTINE_WIDTH, widths[at] + spare)
    widths[at] = min(widths[at], cap)
    if table_width(widths) > width:
        return []
    room = width - sum(widths) - GAP * len(widths)
    if note is not None and room >= 6:  # the note preview only when it has room to say something
        widths.append(room)
    else:
        cells = fixed
    rest = [0, *(row["routine"] == REST_ROW for row in rows)]
    status = names.index("status")

    def style(r: int, c: int) -> str:
        if r == 0:
            return ""
        if rest[r] or c == note:
            return "italic"
        # Stopped or interrupted: said gently, never alarming.
        return "dim" if c == status and cells[r][c] != "completed" else ""

    right = [i for i, name in enumerate(names) if name in RIGHT]
    lines = table_lines(cells, widths, right=right, row_styles=["bold"], cell_style=style)
    if note is None or cells is not fixed:
        return lines
    # No room beside the row (an 80-column terminal with the "used" column, say): what you
    # wrote still shows, under its row, from where the routine's name begins.
    from rich.text import Text

    indent = " " * (widths[0] + GAP)
    below = [lines[0]]
    for row, line in zip(rows, lines[1:], strict=True):
        below.append(line)
        if row["note"]:
            text = Text(indent + row["note"], style="italic")
            text.truncate(width, overflow="ellipsis")
            below.append(text)
    return below


def _print_summary(
    console: object,
    everything: list[SessionSummary],
    rest_days: list[RestDay],
    today: date,
    *,
    discreet: bool = False,
) -> None:
    from rich.console import Console
    from rich.text import Text

    assert isinstance(console, Console)
    console.print(f"This week: {_span_totals(everything, rest_days, week_start(today), today)}.")
    four_weeks = _span_totals(everything, rest_days, today - timedelta(days=27), today)
    console.print(f"Last 4 weeks: {four_weeks}.")
    console.print()
    console.print(Text("Practice, last 12 weeks", style="bold"))
    for line in calendar(everything, rest_days, today).lines():
        console.print(Text(line))
    console.print(Text(LEGEND, style="dim"))
    console.print()
    recent_low = (week_start(today) - timedelta(weeks=CALENDAR_WEEKS - 1)).isoformat()
    recent = select(s for s in everything if s.day >= recent_low)
    ratings = trend(recent)
    console.print(Text("After recent sessions (0 none to 10 worst, oldest first)", style="bold"))
    console.print(Text(trend_line("pain", ratings.pain)))
    console.print(Text(trend_line("anxiety", ratings.anxiety)))
    if not discreet:  # every line of it names what was used
        _print_trainer(console, recent)


def _span_totals(
    everything: list[SessionSummary], rest_days: list[RestDay], first: date, last: date
) -> str:
    """``2 sessions, 30 min, 1 rest day (period)``."""
    from coach.core.progress import rest_between, rest_words

    done = totals(everything, first, last)
    text = f"{_count(done.sessions)}, {minutes_text(done.minutes)} min"
    rested = rest_between(rest_days, first, last)
    return f"{text}, {rest_words(rested)}" if rested else text


def _print_trainer(console: object, recent: list[SessionSummary]) -> None:
    """The trainer block: size over time, sessions per size, peak pain, the ladder's option."""
    from rich.console import Console
    from rich.text import Text

    from coach.core.history import SPARK_POINTS, practice_of
    from coach.core.ladder import build_ladder, ladder_option
    from coach.core.progress import attempts, peak_pain_line, per_rung, per_rung_line, size_line

    assert isinstance(console, Console)
    practice = attempts(recent)
    if not practice:
        return
    console.print()
    console.print(Text("Trainer practice, last 12 weeks (oldest first)", style="bold"))
    sizes = size_line(practice, SPARK_POINTS)
    if sizes is not None:
        console.print(Text(sizes))
    console.print(Text(per_rung_line(per_rung(practice))))
    console.print(Text(peak_pain_line(practice, SPARK_POINTS)))
    option = ladder_option(build_ladder([practice_of(s) for s in recent if s.trainer], recent=1))
    if option is not None:
        console.print(Text(option))


def _count(sessions: int) -> str:
    return counted(sessions, "session")
