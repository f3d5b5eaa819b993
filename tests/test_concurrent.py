"""A session in progress is shown as in progress, and two coaches at once keep all their data:
two sessions, coach log and coach trainer running side by side never damage a file or the index."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.index import index_files, index_folder
from coach.core.paths import Paths
from coach.core.practice import Practice
from coach.core.store.sessions import iter_session_files, read_session
from tests.fakes import FakeClock
from tests.test_plain import ROUTINE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="in progress needs flock")


def log(data: Path) -> str:
    result = CliRunner().invoke(app, ["--data-dir", str(data), "log"])
    assert result.exit_code == 0, result.output
    return result.stdout


def status_of(table: str) -> list[str]:
    return [word for word in ("in progress", "interrupted", "completed") if word in table]


def practice(paths: Paths, clock: FakeClock, minute: int) -> Practice:
    start = datetime(2026, 11, 22, 21, minute, tzinfo=UTC)
    return Practice(
        ROUTINE, paths, clock=clock, now=lambda: start + timedelta(seconds=clock.now - 1000)
    )


def test_a_running_session_is_in_progress_until_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_TODAY", "2026-11-23")
    paths = Paths(data=tmp_path, config=tmp_path / "config")
    clock = FakeClock()
    running = practice(paths, clock, 30)
    assert running.begin() is None
    assert status_of(log(tmp_path)) == ["in progress"]
    clock.advance(15)
    running.tick()
    assert status_of(log(tmp_path)) == ["in progress"]
    clock.advance(1000)
    running.tick()
    assert running.finish() is None
    assert status_of(log(tmp_path)) == ["completed"]
    assert not any(p.name.endswith(".lock") for p in tmp_path.rglob("*"))


def test_a_killed_session_is_interrupted_not_in_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_TODAY", datetime.now().date().isoformat())
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coach",
            "--data-dir",
            str(tmp_path),
            "relax",
            "first-try",
            "--plain",
            "--quiet",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:  # the first phase is under way: the file is on disk
            if line.startswith("Step 1"):
                break
        assert status_of(log(tmp_path)) == ["in progress"]
    finally:
        process.send_signal(signal.SIGKILL)  # no chance to save or to let go of anything
        process.wait(timeout=30)
    assert status_of(log(tmp_path)) == ["interrupted"]


def test_two_sessions_log_and_trainer_at_once_keep_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_TODAY", "2026-11-23")
    paths = Paths(data=tmp_path, config=tmp_path / "config")
    problems: list[BaseException] = []

    def session(minute: int) -> None:
        try:
            clock = FakeClock()
            one = practice(paths, clock, minute)
            assert one.begin() is None
            for _ in range(90):  # the routine lasts 76 seconds
                clock.advance(1)
                one.tick()
            assert one.finish() is None
        except BaseException as error:  # handed to the test below
            problems.append(error)

    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "COACH_TODAY": "2026-11-23"}
    readers = [
        subprocess.Popen(
            [sys.executable, "-m", "coach", "--data-dir", str(tmp_path), command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for command in ("log", "trainer", "log", "log")
    ]
    writers = [threading.Thread(target=session, args=(minute,)) for minute in (30, 31)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=60)
    for reader in readers:
        _, err = reader.communicate(timeout=60)
        assert reader.returncode == 0 and b"Traceback" not in err
    assert problems == []
    sessions = [read_session(path) for path in iter_session_files(tmp_path / "sessions")]
    assert [s.status for s in sessions] == ["completed", "completed"]
    assert all(len(s.steps) == 3 for s in sessions)
    # Files written within the last two seconds are never cached (their time stamp could
    # still hide a change), so age them before the index is asked to keep them.
    old = datetime.now().timestamp() - 3600
    for path in iter_session_files(tmp_path / "sessions"):
        os.utime(path, (old, old))
    assert status_of(log(tmp_path)) == ["completed"]
    for path in index_files(tmp_path):
        header, _, body = path.read_bytes().partition(b"\n")
        assert header.decode().endswith(f"{zlib.crc32(body):08x}")  # whole, never half written
    (year,) = {p.parent.name for p in iter_session_files(tmp_path / "sessions")}
    body = (index_folder(tmp_path) / f"{year}.json").read_bytes().partition(b"\n")[2]
    assert len(json.loads(body)) == 2
