"""`coach log` as a person runs it: table, filters, show, exports, bad files, lean imports."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.records import Checkin, Session, StepRecord, TrainerReport
from coach.core.store.codec import dump_session
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
    assert len(rows) == 21  # 20 sessions and the rest day among them
    assert rows[0].startswith("2026-11-25T20-15-05")  # newest first
    assert rows[1].split() == ["2026-11-24", "rest", "day", "period"]
    assert "5 more sessions not shown: coach log --all shows every one." in out
    assert "This week: 1 session, 5 min, 1 rest day (period)." in out
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
    assert out.count("\n2026-") + out.count("\n2025-") == 25 + 1  # and the rest day

    _, out, _ = coach(data, "log", "--limit", "3")
    assert out.count("\n2026-11-") == 3 + 1 and "22 more sessions" in out  # and the rest day

    _, out, _ = coach(data, "log", "--since", "7d")
    ids = [line.split()[0] for line in out.splitlines() if line.startswith("2026-")]
    assert ids == [
        "2026-11-25T20-15-05",
        "2026-11-24",  # the rest day, between the sessions
        "2026-11-22T19-15-05",
        "2026-11-19T18-15-05",
    ]

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
    assert len(rows) == 25 + 1  # every session, not just the last 20, and the rest day
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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "summary.md"]  # no temp file


def test_a_failed_export_leaves_the_old_file_as_it_was(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_history(data)
    target = tmp_path / "summary.md"
    target.write_bytes(b"last month's summary, for my physio\n")
    before = target.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    code, out, err = coach(data, "log", "--format", "md", "--output", str(target))
    monkeypatch.undo()
    assert (code, out) == (1, "")
    assert err == f"Could not save {target}: no space left on device.\n"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "summary.md"]  # no temp file


def test_an_export_never_replaces_a_link_device_or_pipe(data: Path, tmp_path: Path) -> None:
    # A rename would put a plain file where the link was (or where /dev/null was, for root).
    make_history(data)
    kept = tmp_path / "kept.md"
    kept.write_bytes(b"kept")
    link = tmp_path / "link.md"
    link.symlink_to(kept)
    code, _, err = coach(data, "log", "--format", "csv", "--output", str(link))
    assert code == 1
    assert err == f"Could not save {link}: something other than a file has that name.\n"
    assert link.is_symlink() and kept.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "kept.md", "link.md"]


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
        rows = [line for line in out.splitlines() if line[:4] == "2026"]
        assert sum(1 for row in rows if "rest day" not in row) == 5
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


def test_one_bad_file_is_spoken_of_as_one(data: Path) -> None:
    make_history(data, count=2)
    (data / "sessions" / "2026" / "2026-11-20T08-00-00.toml").write_bytes(b"broken = [")
    code, _out, err = coach(data, "log")
    assert code == 0
    assert err.splitlines()[-1].startswith("hint: coach skipped this file and left it untouched")
