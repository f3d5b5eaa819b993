"""`coach log` as a person runs it: table, filters, show, exports, bad files, lean imports."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coach.cli import app
from coach.core.history import SessionSummary, select
from coach.core.index import SessionIndex, index_path
from coach.core.records import Checkin, RestDay, Session, StepRecord, TrainerReport
from coach.core.store.codec import dump_session
from coach.views import log as logview
from coach.views.log import LogOptions
from tests.goldens import golden

TODAY = "2026-11-25"  # a Wednesday
OFFSET = timezone(timedelta(hours=1))
ROUTINES = [("evening-unwind", "Evening unwind"), ("morning-reset", "Morning reset")]


def session_at(start: datetime, n: int) -> Session:
    routine, title = ROUTINES[n % 2]
    minutes = 5 + (n * 7) % 30
    status = ("completed", "completed", "stopped", "completed", "interrupted")[n % 5]
    steps = [
        StepRecord("Belly breathing", "breathe", 80, 80.0, "done"),
        StepRecord("Hands and forearms", "tense-release", 36, 20.5, "partial"),
    ]
    if n % 6 == 0:
        steps.append(
            StepRecord(
                "Trainer practice",
                "trainer",
                600,
                600.0,
                "done",
                trainer=TrainerReport(used="trainer", size=2, depth="partial", pain_peak=3),
            )
        )
    checkin = None
    if n % 4 != 3:
        note = "felt calmer than yesterday, | breathing helped" if n % 3 == 0 else None
        checkin = Checkin(pain=(n * 3) % 7, anxiety=(n * 5) % 9, note=note)
    return Session(
        routine=routine,
        routine_title=title,
        started_at=start,
        ended_at=start + timedelta(minutes=minutes, seconds=40),
        status=status,  # type: ignore[arg-type]
        planned_seconds=minutes * 60 + 30,
        active_seconds=minutes * 60 + 0.4,
        steps=steps,
        checkin=checkin,
    )


def write_session(data: Path, session: Session) -> Path:
    path = (
        data
        / "sessions"
        / f"{session.started_at:%Y}"
        / f"{session.started_at:%Y-%m-%dT%H-%M-%S}.toml"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dump_session(session))
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    return path


def make_history(data: Path, count: int = 25) -> list[Path]:
    """Sessions over ten weeks up to the fixed today, every third day or so, some gaps."""
    paths = []
    start = datetime(2026, 11, 25, 20, 15, 5, tzinfo=OFFSET)
    for n in range(count):
        day_back = (n * 3) if n < 20 else 60 + n * 9  # a long gap, then older sessions
        paths.append(
            write_session(data, session_at(start - timedelta(days=day_back, hours=n % 3), n))
        )
    rest = data / "rest" / "2026"
    rest.mkdir(parents=True)
    (rest / "2026-11-24.toml").write_text(
        'schema_version = 1\nday = 2026-11-24\nreason = "period"\n'
        "recorded_at = 2026-11-24T09:00:00+01:00\n"
    )
    return paths


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def coach(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args], prog_name="coach")
    return result.exit_code, result.stdout, result.stderr


def test_default_view_golden(data: Path) -> None:
    make_history(data)
    code, out, err = coach(data, "log")
    assert (code, err) == (0, "")
    golden("log_default.txt", out)
    rows = [line for line in out.splitlines() if line[:4] in ("2026", "2025")]
    assert len(rows) == 20
    assert rows[0].startswith("2026-11-25T20-15-05")  # newest first
    assert "5 more sessions not shown: coach log --all shows every one." in out
    assert "This week: 1 session, 5 min." in out
    assert "Practice, last 12 weeks" in out and "r rest day" in out
    assert "pain     " in out and "anxiety  " in out
    assert "\x1b[" not in out  # plain text when not a terminal
    for word in ("streak", "missed", "failed"):
        assert word not in out.lower()


def test_all_limit_since_until_routine(data: Path) -> None:
    make_history(data)
    _, out, _ = coach(data, "log", "--all")
    golden("log_all.txt", out)
    assert "more session" not in out
    assert out.count("\n2026-") + out.count("\n2025-") == 25

    _, out, _ = coach(data, "log", "--limit", "3")
    assert out.count("\n2026-11-") == 3 and "22 more sessions" in out

    _, out, _ = coach(data, "log", "--since", "7d")
    ids = [line.split()[0] for line in out.splitlines() if line.startswith("2026-")]
    assert ids == ["2026-11-25T20-15-05", "2026-11-22T19-15-05", "2026-11-19T18-15-05"]

    _, out, _ = coach(data, "log", "--since", "2026-11-01", "--until", "2026-11-10")
    ids = [line.split()[0] for line in out.splitlines() if line.startswith("2026-")]
    assert ids and all("2026-11-01" <= i[:10] <= "2026-11-10" for i in ids)

    _, out, _ = coach(data, "log", "--routine", "morning-reset", "--all")
    rows = [line for line in out.splitlines() if line[:4] in ("2026", "2025")]
    assert rows and all("Morning reset" in row for row in rows)

    _, out, _ = coach(data, "log", "--until", "today", "--since", "today")
    assert out.count("\n2026-11-25T") + out.startswith("2026") == 1


def test_unknown_date_is_explained(data: Path) -> None:
    code, _, err = coach(data, "log", "--since", "last tuesday")
    assert code == 2
    assert "'last tuesday' is not a day coach understands" in err


def test_empty_history_is_calm(data: Path) -> None:
    code, out, _ = coach(data, "log")
    assert code == 0
    assert "No sessions yet." in out
    assert "This week: 0 sessions, 0 min." in out


def test_show_one_session_in_full(data: Path) -> None:
    make_history(data)
    code, out, err = coach(data, "log", "show", "2026-11-25T20-15-05")
    assert (code, err) == (0, "")
    golden("show.txt", out.replace(str(data), "DATA"))
    assert "felt calmer than yesterday, | breathing helped" in out  # the note in full
    assert "trainer: used trainer, size 2, depth partial, pain peak 3" in out
    # A unique prefix works too; an unknown ID says where IDs come from.
    assert coach(data, "log", "show", "2026-11-25T20")[1] == out
    code, _, err = coach(data, "log", "show", "2020-01-01T00-00-00")
    assert code == 1 and "coach log lists the IDs" in err


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
def test_exports_golden_without_notes(data: Path, fmt: str) -> None:
    make_history(data)
    code, out, err = coach(data, "log", "--format", fmt)
    assert (code, err) == (0, "")
    golden(f"export.{fmt}", out)
    assert "felt calmer" not in out


def test_export_rows_and_notes_when_asked(data: Path) -> None:
    make_history(data)
    _, out, _ = coach(data, "log", "--format", "csv", "--with-notes")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 25  # every session, not just the last 20
    assert rows[-1]["note"] == "felt calmer than yesterday, | breathing helped"
    _, out, _ = coach(data, "log", "--format", "json", "--with-notes", "--since", "7d")
    assert [r["note"] for r in json.loads(out)][-1].startswith("felt calmer")
    _, out, _ = coach(data, "log", "--format", "md", "--with-notes")
    assert "felt calmer than yesterday, \\| breathing helped" in out


def test_export_to_a_private_file(data: Path, tmp_path: Path) -> None:
    make_history(data)
    target = tmp_path / "summary.md"
    old = os.umask(0)
    try:
        code, out, err = coach(data, "log", "--format", "md", "--output", str(target))
    finally:
        os.umask(old)
    assert code == 0 and out == ""
    assert "Wrote 25 sessions" in err
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text().startswith("# Practice summary")


def test_unknown_format_is_explained(data: Path) -> None:
    code, _, err = coach(data, "log", "--format", "xml")
    assert code == 2 and "use csv, json or md" in err


BAD_FILES = {
    "not-toml": b'schema_version = 1\nroutine = "evening-unwind\n',
    "missing-field": b'schema_version = 1\nroutine = "evening-unwind"\n',
    "not-utf8": b'schema_version = 1\nroutine = "\xff\xfe"\n',
    "empty": b"",
}


def test_bad_files_are_named_once_and_never_touched(data: Path) -> None:
    make_history(data, count=5)
    bad = {}
    for n, (kind, raw) in enumerate(BAD_FILES.items()):
        path = data / "sessions" / "2026" / f"2026-11-2{n}T08-00-0{n}.toml"
        path.write_bytes(raw)
        bad[kind] = path
    for _ in range(2):  # the second run answers from the index, and still names them
        code, out, err = coach(data, "log")
        assert code == 0
        assert out.count("\n2026-") + out.startswith("2026") == 5
        lines = err.splitlines()
        assert lines[-1].startswith("hint: coach skipped the files above and left them untouched")
        assert len(lines) == len(BAD_FILES) + 1
        for kind, path in bad.items():
            named = [line for line in lines if line.startswith(f"{path}:")]
            assert len(named) == 1, kind
            line, col = named[0][len(str(path)) + 1 :].split(":")[:2]
            assert line.isdigit() and col.isdigit()
            assert path.read_bytes() == BAD_FILES[kind]


def test_only_bad_files_is_not_success(data: Path) -> None:
    path = data / "sessions" / "2026" / "2026-11-20T08-00-00.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"oops = ")
    code, _, err = coach(data, "log")
    assert code == 1
    assert err.startswith(f"{path}:")


def test_log_never_imports_textual(data: Path) -> None:
    make_history(data, count=3)
    script = (
        "import sys\n"
        "from coach.cli import app\n"
        f"sys.argv = ['coach', '--data-dir', {str(data)!r}, 'log']\n"
        "try:\n    app(prog_name='coach')\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules, 'coach.tui' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_rest_day_shows_in_the_calendar(data: Path) -> None:
    make_history(data, count=1)
    _, out, _ = coach(data, "log")
    tuesday = next(line for line in out.splitlines() if line.startswith("Tue "))
    assert tuesday.rstrip().endswith("r")


# ---------------------------------------------------------------------------------------------
# To a file or pipe the text is laid out without Rich: it must be exactly what Rich prints

TITLES = st.text(
    st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"))
    | st.sampled_from("aé☺漢字\u0301 …█\t\x1b\x07"),
    max_size=24,
)


@st.composite
def summaries(draw: st.DrawFn) -> SessionSummary:
    day = date.fromisoformat(TODAY) - timedelta(days=draw(st.integers(0, 120)))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=OFFSET)
    status = draw(st.sampled_from(["completed", "stopped", "interrupted"]))
    return SessionSummary(
        id=draw(st.just(f"{start:%Y-%m-%dT%H-%M-%S}") | TITLES),
        day=day.isoformat(),
        started_at=start.isoformat(),
        timestamp=start.timestamp(),
        ended_at=start.isoformat(),
        routine=draw(TITLES),
        routine_title=draw(TITLES),
        status=status,
        planned_seconds=600.0,
        active_seconds=draw(st.floats(0, 10_000)),
        steps=3,
        steps_done=2,
        pain=draw(st.none() | st.integers(0, 10)),
        anxiety=draw(st.none() | st.integers(0, 10)),
        note_preview=draw(TITLES),
    )


def both_layouts(
    everything: list[SessionSummary], width: int, limit: int | None, unread: int, filtered: bool
) -> tuple[str | None, str]:
    today = date.fromisoformat(TODAY)
    options = LogOptions(routine="x" if filtered else None, limit=limit)
    chosen = select(everything)
    rest = [RestDay(today - timedelta(days=1), "period", datetime(2026, 11, 24, tzinfo=UTC))]
    environ = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    with mock.patch.dict(os.environ, {**environ, "COLUMNS": str(width)}, clear=True):
        out = io.StringIO()
        logview._rich_log(out, chosen, limit, unread, everything, rest, today, options)
    plain = logview._plain_log(width, chosen, limit, unread, everything, rest, today, options)
    return plain, out.getvalue()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(summaries(), max_size=12),
    st.integers(1, 140) | st.integers(70, 200),
    st.none() | st.integers(1, 12),
    st.integers(0, 3),
    st.booleans(),
)
def test_plain_layout_is_exactly_what_rich_prints(
    everything: list[SessionSummary], width: int, limit: int | None, unread: int, filtered: bool
) -> None:
    plain, rich = both_layouts(everything, width, limit, unread, filtered)
    if plain is not None:
        assert plain == rich


def test_plain_layout_covers_ordinary_histories(data: Path) -> None:
    make_history(data)
    index = SessionIndex(data / "sessions", index_path(data))
    index.check_between()
    everything = index.summaries
    for width in (80, 120, 200):
        plain, rich = both_layouts(everything, width, 20, 5, False)
        assert plain == rich
    plain, rich = both_layouts(everything, 40, 20, 5, False)
    assert plain is None  # Rich wraps the long lines, so Rich prints them
    accented = [
        s._replace(routine_title="Détente du soir", note_preview="très calme ☺") for s in everything
    ]
    plain, rich = both_layouts(accented, 80, 20, 0, False)
    assert plain == rich


def test_marks_are_one_cell_as_rich_counts_them() -> None:
    from rich.cells import cell_len

    assert all(cell_len(mark) == 1 for mark in logview.NARROW)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rich_settings_are_read_as_rich_reads_them(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("TTY_COMPATIBLE", "COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)  # whatever the test runner's terminal set
    monkeypatch.setenv("TERM", "xterm-256color")
    assert logview.text_layout(Terminal()) == (80, True)
    assert logview.plain_width(Terminal()) is None
    assert logview.text_layout(io.StringIO()) == (80, False)
    assert logview.plain_width(io.StringIO()) == 80
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert logview.text_layout(Terminal()) == (80, False)
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert logview.text_layout(io.StringIO()) == (80, True)
    monkeypatch.delenv("TTY_COMPATIBLE")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert logview.text_layout(io.StringIO()) == (80, True)
    monkeypatch.setenv("FORCE_COLOR", "")
    monkeypatch.setenv("COLUMNS", "132")
    assert logview.text_layout(io.StringIO()) == (132, False)
    assert logview.text_layout(Terminal()) == (132, False)  # Rich: FORCE_COLOR="" says no
    monkeypatch.delenv("FORCE_COLOR")
    assert logview.text_layout(Terminal()) == (132, True)
    monkeypatch.setenv("TERM", "dumb")  # Rich: no styles, and 80 wide unless LINES is set too
    assert logview.text_layout(Terminal()) == (80, False)
    monkeypatch.setenv("LINES", "40")
    assert logview.text_layout(Terminal()) == (132, False)
    make_history(data, count=3)
    _, out, _ = coach(data, "log")
    assert "\x1b[" not in out and len(out.splitlines()[1]) > 80  # the note has room


def test_unusual_consoles_go_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "0")
    assert logview.text_layout(Terminal()) is None
    monkeypatch.setenv("COLUMNS", "8\u0663")  # digits, but not ones int() reads everywhere
    assert logview.text_layout(Terminal()) is None
    monkeypatch.setenv("COLUMNS", "80")
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    assert logview.text_layout(latin) is None


# ---------------------------------------------------------------------------------------------
# To a terminal the text is laid out without Rich too, with Rich's styles: byte for byte


def terminal_layouts(
    everything: list[SessionSummary],
    width: int,
    limit: int | None,
    unread: int,
    filtered: bool,
    environ: dict[str, str],
) -> tuple[str | None, str]:
    """Ours and Rich's, both through a terminal (a stream whose isatty() is true)."""
    today = date.fromisoformat(TODAY)
    options = LogOptions(routine="x" if filtered else None, limit=limit)
    chosen = select(everything)
    rest = [RestDay(today - timedelta(days=1), "period", datetime(2026, 11, 24, tzinfo=UTC))]
    keep = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "TERM", "COLORTERM", "LINES")
    }
    with mock.patch.dict(os.environ, {**keep, **environ, "COLUMNS": str(width)}, clear=True):
        out = Terminal()
        logview._rich_log(out, chosen, limit, unread, everything, rest, today, options)
        layout = logview.text_layout(Terminal())
        assert layout is not None
        ours = logview._plain_log(
            layout[0], chosen, limit, unread, everything, rest, today, options, styled=layout[1]
        )
        printed = Terminal()
        logview._print_log(printed, chosen, limit, unread, everything, rest, today, options)
    assert printed.getvalue() == out.getvalue()  # whichever path the real command took
    return ours, out.getvalue()


TERMINALS = [
    {"TERM": "xterm-256color"},
    {"TERM": "xterm-256color", "NO_COLOR": "1"},
    {"TERM": "xterm", "COLORTERM": "truecolor"},
    {"TERM": "vt100", "NO_COLOR": "1"},
    {"TERM": "dumb"},
    {"TERM": "xterm", "NO_COLOR": ""},
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(summaries(), max_size=12),
    st.integers(1, 140) | st.integers(70, 200),
    st.none() | st.integers(1, 12),
    st.integers(0, 3),
    st.booleans(),
    st.sampled_from(TERMINALS),
)
def test_terminal_layout_is_exactly_what_rich_prints(
    everything: list[SessionSummary],
    width: int,
    limit: int | None,
    unread: int,
    filtered: bool,
    environ: dict[str, str],
) -> None:
    ours, rich = terminal_layouts(everything, width, limit, unread, filtered, environ)
    if ours is not None:
        assert ours == rich


@pytest.mark.parametrize("environ", TERMINALS)
def test_terminal_layout_covers_ordinary_histories(data: Path, environ: dict[str, str]) -> None:
    make_history(data)
    index = SessionIndex(data / "sessions", index_path(data))
    index.check_between()
    everything = index.summaries
    for width in (80, 120, 200):
        ours, rich = terminal_layouts(everything, width, 20, 5, False, environ)
        assert ours == rich
        assert ("\x1b[1m" in rich) is (environ["TERM"] != "dumb")  # bold header, when styled
    ours, rich = terminal_layouts(everything, 40, 20, 5, False, environ)
    if environ["TERM"] != "dumb":  # a dumb terminal is 80 wide whatever COLUMNS says
        assert ours is None  # Rich wraps the long lines, so Rich prints them
    accented = [
        s._replace(routine_title="Détente du soir", note_preview="très calme ☺  ", status=st)
        for s, st in zip(everything, ["stopped", "interrupted", "completed"] * 10, strict=False)
    ]
    ours, rich = terminal_layouts(accented, 80, 20, 0, False, environ)
    assert ours == rich


def test_terminal_styles_are_what_a_person_sees(data: Path) -> None:
    make_history(data)
    index = SessionIndex(data / "sessions", index_path(data))
    index.check_between()
    ours, _ = terminal_layouts(index.summaries, 120, 20, 5, False, {"TERM": "xterm-256color"})
    assert ours is not None
    lines = ours.splitlines()
    assert lines[0].startswith("\x1b[1mID (date, time)") and lines[0].endswith("\x1b[0m")
    assert any("\x1b[2mstopped\x1b[0m" in line for line in lines)
    assert any("\x1b[3mfelt calmer" in line for line in lines)
    assert "\x1b[2m10 more sessions not shown" in ours
    assert "\x1b[1mPractice, last 12 weeks\x1b[0m" in lines
    assert (
        "\x1b[38" not in ours and "\x1b[48" not in ours
    )  # no colours, so NO_COLOR changes nothing
