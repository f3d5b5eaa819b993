"""The real program, killed mid-session: the finished step survives, private, and tidy."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.core.store.codec import SessionFileError
from coach.core.store.sessions import iter_session_files, read_session

ROUTINE = """\
schema_version = 1
name = "Crash test"

[[steps]]
type = "rest"
title = "Short"
seconds = 0.5

[[steps]]
type = "rest"
title = "Long"
seconds = 600
"""


def start(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    routine = tmp_path / "crash.toml"
    routine.write_text(ROUTINE, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)  # a folder named with --data-dir must exist
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coach",
            "--data-dir",
            str(data),
            "relax",
            str(routine),
            "--plain",
            "--quiet",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        umask=0,
    )
    return process, data


def wait_for_first_step(data: Path, process: subprocess.Popen[bytes]) -> Path:
    """Poll the real file system (bounded) until the first step is on disk."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        files = iter_session_files(data / "sessions")
        try:
            if files and len(read_session(files[0]).steps) == 1:
                return files[0]
        except SessionFileError:
            pass  # caught between reserving the name and the first write

        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        time.sleep(0.05)
    process.kill()
    pytest.fail("the first step was never saved")


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_a_killed_session_keeps_what_was_done(tmp_path: Path, signum: int) -> None:
    process, data = start(tmp_path)
    saved = wait_for_first_step(data, process)
    process.send_signal(signum)
    process.wait(timeout=30)
    session = read_session(saved)
    assert session.status == "interrupted"
    steps = [(s.title, s.outcome) for s in session.steps]
    assert steps[0] == ("Short", "done") and session.steps[0].done_seconds == 0.5
    if signum == signal.SIGKILL:  # no chance to save more than the steps already written
        assert steps == [("Short", "done")]
    else:  # told to end: the step under way is kept too
        assert steps[1:] == [("Long", "partial")] and session.steps[1].done_seconds > 0
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    for folder in (data, data / "sessions", saved.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert process.stderr is not None and process.stderr.read() == b""

    # A temp file left by a write that was killed halfway is gone after the next start.
    stray = saved.parent / ".coach-stray.tmp"
    stray.write_bytes(b"half a sess")
    again, _ = start(tmp_path)
    deadline = time.monotonic() + 30
    while stray.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    again.kill()
    again.wait(timeout=30)
    assert not stray.exists()
    assert read_session(saved).status == "interrupted"  # the earlier session is untouched
