"""Sane sizes and broken own routines: a giant routine file is refused from its size alone,
too many steps are refused, and broken files are named one line each."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.routines import MAX_STEPS, RoutineError, catalogue, load_routine, parse_routine

STEP = '[[steps]]\ntype = "rest"\ntitle = "Rest"\nseconds = 5\n'


def giant(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "giant.toml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: costs nothing to make
    return path


def test_a_50_mb_file_is_refused_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = giant(tmp_path)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        assert self != path, "the giant file was read"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert caught.value.problems == [
        f"{path}: the file is 51,200 KiB; a routine file may be at most 1,024 KiB "
        "(a long routine takes a few)"
    ]
    found = catalogue(tmp_path)  # the listing and the picker read the folder the same way
    assert list(found.problems) == [path] and "first-try" in found.routines


def test_the_listing_stays_as_fast_with_a_giant_in_the_folder(tmp_path: Path) -> None:
    def listing() -> float:
        start = time.perf_counter()
        catalogue(tmp_path / "routines")
        return time.perf_counter() - start

    (tmp_path / "routines").mkdir()
    before = min(listing() for _ in range(3))
    giant(tmp_path / "routines")
    after = min(listing() for _ in range(3))
    assert after < before * 3 + 0.05  # a stat, not a 50 MB read and parse


def test_too_many_steps_are_refused_at_once() -> None:
    text = 'schema_version = 1\nname = "Long"\n' + STEP * (MAX_STEPS + 1)
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, "long.toml", name="long")
    (problem,) = caught.value.problems
    assert problem.startswith("long.toml:")
    assert problem.endswith(f"{MAX_STEPS + 1} steps is too many; a routine may have at most 500")
    parse_routine('schema_version = 1\nname = "Long"\n' + STEP * MAX_STEPS, "ok", name="ok")


def test_coach_routines_names_each_broken_file_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("COACH_DATA_DIR", raising=False)
    folder = tmp_path / "coach" / "routines"
    folder.mkdir(parents=True)
    (folder / "bad.toml").write_text(
        'schema_version = 1\nname = 3\n[[steps]]\ntype = "rest"\ntitle = "x"\nseconds = -1\n'
    )
    (folder / "my broken.toml").write_text("x = [")
    giant(folder)
    result = CliRunner().invoke(app, ["routines"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"skipped {folder}/bad.toml:2: name: should be non-empty text in quotes "
        f"(and 1 more problem). Every problem: coach routines check {folder}/bad.toml",
        f"skipped {folder}/giant.toml: the file is 51,200 KiB; a routine file may be at most "
        f"1,024 KiB (a long routine takes a few). Every problem: coach routines check "
        f"{folder}/giant.toml",
        f"skipped {folder}/my broken.toml:1:6: not valid TOML: invalid value; the file may be "
        "cut short. Every problem: "
        f"coach routines check '{folder}/my broken.toml'",
    ]
