"""The full-screen session needs a terminal: with keys or screen redirected, it refuses
at once and suggests --plain, instead of drawing into a file or ignoring every key."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def relax(tmp_path: Path, *, stdin: object, stderr: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "TERM": "xterm"}
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(tmp_path), "relax", "first-try"],
        stdin=stdin,  # type: ignore[arg-type]
        stdout=subprocess.PIPE,
        stderr=stderr,  # type: ignore[arg-type]
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_keys_from_a_pipe_are_refused_with_a_hint(tmp_path: Path) -> None:
    _, screen = pty.openpty()
    result = relax(tmp_path, stdin=subprocess.PIPE, stderr=screen)
    os.close(screen)
    assert result.returncode == 2
    assert not (tmp_path / "sessions").exists()


def test_a_screen_sent_to_a_file_is_refused_and_the_file_holds_only_the_hint(
    tmp_path: Path,
) -> None:
    keys, _ = pty.openpty()
    with (tmp_path / "screen.txt").open("w") as screen:
        result = relax(tmp_path, stdin=keys, stderr=screen)
    os.close(keys)
    assert result.returncode == 2
    written = (tmp_path / "screen.txt").read_text()
    assert written == (
        "The full-screen session needs a terminal for its keys and its screen, and this is "
        "not one. For plain lines instead, run: coach relax first-try --plain\n"
    )
    assert not (tmp_path / "sessions").exists()
