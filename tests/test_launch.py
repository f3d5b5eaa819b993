"""The entry point: the quick path for ``coach relax`` matches Typer's reading exactly,
hands everything else to Typer, and a crash never prints a private detail."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach import launch
from coach.cli import app
from coach.core.paths import resolve_paths

SAME = [
    ["relax"],
    ["relax", "first-try"],
    ["relax", "my routine.toml", "--plain"],
    ["relax", "--quiet", "evening-unwind", "--voice"],
    ["--data-dir", "/tmp", "relax", "--plain", "first-try"],
    ["--data-dir=/tmp", "relax", "--quiet"],
    ["relax", "--data-dir", "/tmp", "--plain", "first-try"],
    ["relax", "first-try", "--data-dir=/tmp"],
]
TYPER_ONLY = [
    ["relax", "-h"],
    ["relax", "--help"],
    ["relax", "one", "two"],
    ["relax", "--plian", "first-try"],
    ["relax", "--", "-odd-name"],
    ["--version"],
    ["log"],
    ["routines", "relax"],
    [],
]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def record(data_dir: Path | None, routine: str | None, **flags: bool) -> int:
        seen.append({"data_dir": data_dir, "routine": routine, **flags})
        return 0

    monkeypatch.setattr(launch, "start_session", record)
    monkeypatch.delenv("COACH_DATA_DIR", raising=False)
    return seen


@pytest.mark.parametrize("argv", SAME, ids=" ".join)
def test_the_quick_path_reads_relax_exactly_as_typer_does(
    argv: list[str], calls: list[dict[str, Any]]
) -> None:
    assert launch.quick_relax(argv) == 0
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    quick, typer_read = calls
    assert resolve_paths(quick.pop("data_dir")) == resolve_paths(typer_read.pop("data_dir"))
    assert quick == typer_read


@pytest.mark.parametrize("argv", TYPER_ONLY, ids=lambda a: " ".join(a) or "nothing")
def test_anything_else_is_left_to_typer(argv: list[str], calls: list[dict[str, Any]]) -> None:
    assert launch.quick_relax(argv) is None
    assert calls == []


def test_a_crash_prints_only_where_it_happened_never_the_details(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from coach import launch\n"
        "def boom(argv):\n"
        "    note = 'my private note'\n"
        "    raise ValueError(note)\n"
        "launch.quick_relax = boom\n"
        "sys.argv = ['coach', 'relax']\n"
        "launch.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "private" not in result.stderr and "Traceback" not in result.stderr
    assert "coach stopped because of an unexpected problem (ValueError" in result.stderr


@pytest.mark.usefixtures("paused_collector")
def test_a_plain_session_runs_with_the_collector_back_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Start-up pauses the collector; a session that runs for minutes must not keep its garbage.
    collecting: list[bool] = []

    def run_plain(*args: object, **kwargs: object) -> int:
        collecting.append(gc.isenabled())
        return 0

    monkeypatch.setattr("coach.views.plain.run_plain", run_plain)
    code = launch.start_session(tmp_path, "first-try", plain=True, quiet=True, voice=False)
    assert (code, collecting) == (0, [True])


@pytest.mark.parametrize("typed", ["First try", "FIRST-TRY", "first_try"])
def test_the_quick_path_finds_a_routine_as_people_say_it(
    typed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coach.views.plain

    started: list[str] = []
    monkeypatch.setattr(
        coach.views.plain, "run_plain", lambda routine, *a, **k: started.append(routine.name) or 0
    )
    assert launch.quick_relax(["--data-dir", str(tmp_path), "relax", typed, "--plain"]) == 0
    assert started == ["first-try"]
