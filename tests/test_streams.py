"""Any output encoding and closed pipes: every command works with output that is not UTF-8,
and a reader that goes away early ends coach quietly, with a plain session kept as stopped."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.paths import Paths
from coach.core.records import Checkin, Session, StepRecord
from coach.core.store.sessions import SessionWriter, iter_session_files, read_session
from coach.views.plain import run_plain
from tests.fakes import FakeClock
from tests.test_plain import ROUTINE, Wall

UNUSUAL = "calmer 🌙, 漢字, שלום, café — “quoted”"


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    data = tmp_path / "data"
    data.mkdir()
    start = datetime(2026, 3, 1, 20, tzinfo=UTC)
    for n in range(40):  # enough for a table longer than one pipe read
        when = start + timedelta(days=n)
        session = Session(
            routine="evening",
            routine_title="Évening · 休息",
            started_at=when,
            ended_at=when + timedelta(minutes=5),
            status="completed",
            planned_seconds=300,
            active_seconds=300,
            steps=[StepRecord("Rest ✨", "rest", 300, 300, "done")],
            checkin=Checkin(pain=1, anxiety=2, note=UNUSUAL),
        )
        writer = SessionWriter.begin(data / "sessions", session)
        writer.save(session)
        writer.done()  # lets its lock (an open file) go: 40 a test ran a worker out of files
    routines = tmp_path / "config" / "coach" / "routines"
    routines.mkdir(parents=True)
    (routines / "mine.toml").write_text(
        'schema_version = 1\nname = "Ma routine — 休息 ✨"\n[[steps]]\ntype = "rest"\n'
        'title = "Repos 🌙"\nseconds = 30\n',
        encoding="utf-8",
    )
    return {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "COACH_DATA_DIR": str(data),
        "COACH_TODAY": "2026-04-15",
        "COLUMNS": "100",
    }


def coach(env: dict[str, str], *args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
        **options,  # type: ignore[call-overload]
    )


COMMANDS = [
    ["log"],
    ["log", "--all"],
    ["log", "--format", "md", "--with-notes"],
    ["log", "--format", "csv", "--with-notes"],
    ["log", "show", "2026-03-01"],
    ["routines"],
    ["routines", "show", "mine"],
    ["safety"],
    ["trainer"],
]


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_every_command_works_with_output_that_is_not_utf8(
    home: dict[str, str], argv: list[str], encoding: str
) -> None:
    result = coach({**home, "PYTHONIOENCODING": encoding}, *argv)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    shown = result.stdout.decode(encoding)  # it really is in that encoding
    assert shown.strip()


@pytest.mark.parametrize(
    "argv", [["log"], ["log", "--all"], ["routines"], ["safety"]], ids=" ".join
)
def test_a_reader_that_goes_away_ends_coach_quietly(home: dict[str, str], argv: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", *argv],
        env=home,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `| head -0` would: every write from now on meets a closed pipe
    err = process.stderr.read()
    # 141 (128 + SIGPIPE) from coach itself; Rich meets the pipe first in some commands and
    # ends just as quietly with 1.
    assert process.wait(timeout=60) in (141, 1)
    assert err == b""


class Closing(io.StringIO):
    """Output whose reader goes away after ``flushes`` flushes, as ``| head -3`` does."""

    def __init__(self, flushes: int) -> None:
        super().__init__()
        self.flushes = flushes

    def flush(self) -> None:
        self.flushes -= 1
        if self.flushes < 0:
            raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("flushes", [1, 6])
def test_a_plain_session_whose_output_goes_away_is_saved_as_stopped(
    tmp_path: Path, flushes: int
) -> None:
    clock = FakeClock()
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    with pytest.raises(BrokenPipeError):
        run_plain(
            ROUTINE,
            paths,
            clock=clock,
            now=Wall(clock),
            sleep=clock.advance,
            out=Closing(flushes),
            ask=lambda prompt: "",
        )
    (path,) = iter_session_files(paths.sessions)
    session = read_session(path)
    assert session.status == "stopped"
    assert session.steps and session.active_seconds > 0


def test_a_real_plain_session_into_a_closed_pipe_ends_quietly_and_is_kept(
    home: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "fresh"
    data.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "relax", "first-try", "--plain", "--quiet"],
        env={**home, "COACH_DATA_DIR": str(data)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    for _ in range(3):  # as `| head -3` does: three lines, then the reader is gone
        process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert err == b""
    (path,) = iter_session_files(data / "sessions")
    assert read_session(path).status == "stopped"
