"""Saving is honest: a folder that cannot be written stops a session before it starts, a
later failure is retried, and coach never says a session is kept when it is not on disk."""

from __future__ import annotations

import errno
import io
import os
import tempfile
from pathlib import Path

import pytest

from coach.core.paths import Paths
from coach.core.practice import Practice
from coach.core.store import files
from coach.core.store.sessions import iter_session_files, read_session
from coach.views.plain import run_plain
from tests.fakes import FakeClock
from tests.test_plain import ROUTINE, Wall

NO_SPACE = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
READ_ONLY = OSError(errno.EROFS, os.strerror(errno.EROFS))


class Disk:
    """Breaks writes (os.write in the store) while ``full`` is set, as a full disk would."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, error: OSError = NO_SPACE) -> None:
        self.full = False
        self.error = error
        real = os.write

        def write(fd: int, data: bytes | memoryview) -> int:
            if self.full:
                raise self.error
            return real(fd, data)

        monkeypatch.setattr(files.os, "write", write)


def plain(
    tmp_path: Path,
    disk: Disk | None = None,
    fill_after: float | None = None,
    free_after: float | None = None,
) -> tuple[int, str, Paths]:
    clock = FakeClock()
    out = io.StringIO()
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    start = clock.now

    def sleep(seconds: float) -> None:
        clock.advance(seconds)
        if disk is not None and fill_after is not None:
            disk.full = clock.now - start >= fill_after and (
                free_after is None or clock.now - start < free_after
            )

    code = run_plain(
        ROUTINE,
        paths,
        clock=clock,
        now=Wall(clock),
        sleep=sleep,
        out=out,
        ask=lambda prompt: "",
    )
    return code, out.getvalue(), paths


@pytest.mark.parametrize("error", [NO_SPACE, READ_ONLY], ids=["disk full", "read-only"])
def test_plain_mode_refuses_to_start_when_nothing_can_be_saved(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: OSError,
) -> None:
    disk = Disk(monkeypatch, error)
    disk.full = True
    code, out, paths = plain(tmp_path)
    err = capsys.readouterr().err
    assert code == 1
    assert "Step 1" not in out and "Breathe" not in out
    assert err.startswith("coach cannot save sessions in that folder. Could not save ")
    assert os.strerror(error.errno or 0).lower() in err and "Nothing was started." in err
    assert iter_session_files(paths.sessions) == []  # no empty or half file left behind


def test_a_read_only_folder_found_by_mkstemp_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tests run as root, where chmod 0500 does not stop a write: the refusal is simulated.
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, out, _ = plain(tmp_path)
    assert code == 1 and "permission denied" in capsys.readouterr().err
    assert "Step 1" not in out


def test_a_later_failure_is_said_once_retried_and_the_session_saved_in_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    code, out, paths = plain(tmp_path, disk, fill_after=15, free_after=50)
    assert code == 0, out
    assert out.count("Could not save just now:") == 1
    assert "try again after this step" in out
    assert "kept" not in out and "not saved" not in out
    (path,) = iter_session_files(paths.sessions)
    session = read_session(path)
    assert session.status == "completed" and len(session.steps) == 3


def test_a_failure_to_the_end_says_plainly_it_is_not_saved_and_where_it_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    code, out, paths = plain(tmp_path, disk, fill_after=15)
    assert code == 1
    assert "kept" not in out
    (path,) = iter_session_files(paths.sessions)
    assert out.rstrip().endswith(
        f"This session is not saved on disk. Could not save {path}: no space left on device."
    )
    # What is on disk is the last good save: the first step, never a broken file.
    assert read_session(path).status == "interrupted"


def test_practise_without_saving_writes_nothing(tmp_path: Path) -> None:
    clock = FakeClock()
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    practice = Practice(ROUTINE, paths, clock=clock, save=False)
    assert practice.begin() is None
    clock.advance(1000)
    practice.tick()
    assert practice.finish() is None and not practice.on_disk
    assert not paths.data.exists()


def test_a_finished_session_can_be_saved_in_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    clock = FakeClock()
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    practice = Practice(ROUTINE, paths, clock=clock)
    assert practice.begin() is None
    disk.full = True
    clock.advance(1000)
    practice.tick()
    assert practice.finish() is not None and not practice.on_disk
    disk.full = False
    assert "does not exist" in (practice.save_elsewhere(str(tmp_path / "usb")) or "")
    (tmp_path / "usb").mkdir()
    assert practice.save_elsewhere(str(tmp_path / "usb")) is None and practice.on_disk
    (path,) = iter_session_files(tmp_path / "usb" / "sessions")
    assert read_session(path).status == "completed"
