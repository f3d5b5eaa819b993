"""The command line: version, help, routines listing/showing/checking, and lean imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach import __version__
from coach.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_version_and_help_both_spellings(env: Path) -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, f"coach {__version__}\n")
    for flag in ("-h", "--help"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0
        for command in ("relax", "log", "routines", "trainer", "rest", "safety"):
            assert command in result.output
        assert "--data-dir" in result.output
    assert "--plain" in runner.invoke(app, ["relax", "-h"]).output


def test_routines_lists_builtins_with_time_steps_and_source(env: Path) -> None:
    result = runner.invoke(app, ["routines"])
    assert result.exit_code == 0
    line = next(row for row in result.output.splitlines() if row.startswith("first-try"))
    assert line.split() == ["first-try", "First", "try", "3", "min", "4", "built-in"]
    assert str(env / "config" / "coach" / "routines") in result.output.replace("\n", "")


def test_a_user_routine_is_listed_as_yours_and_can_replace_a_builtin(env: Path) -> None:
    folder = env / "config" / "coach" / "routines"
    folder.mkdir(parents=True)
    (folder / "first-try.toml").write_text(
        'schema_version = 1\nname = "My first"\n[[steps]]\ntype = "rest"\ntitle = "R"\n'
        "seconds = 30\n",
        encoding="utf-8",
    )
    (folder / "broken.toml").write_text("name = ", encoding="utf-8")
    result = runner.invoke(app, ["routines"])
    assert result.exit_code == 0
    assert "yours (replaces built-in)" in result.output
    assert "My first" in result.output
    assert (
        f"skipped {folder / 'broken.toml'}:1:8: not valid TOML: invalid value; the file may be "
        "cut short. Every problem: " in result.output
    )


def test_routines_show_lists_steps_with_durations_and_total(env: Path) -> None:
    result = runner.invoke(app, ["routines", "show", "first-try"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "First try"
    assert "1. Belly breathing  (breathe 4-0-6-0, 5 breaths)  50 s" in lines
    assert lines[-1] == "Total: 3 min, 4 steps"


def test_routines_check_good_and_bad_files(env: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        'schema_version = 1\nname = "Mine"\n[[steps]]\ntype = "rest"\ntitle = "R"\nseconds = 90\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["routines", "check", str(good)])
    assert (result.exit_code, result.output) == (0, f"{good}: ok: 'Mine', 1 step, 1 min 30 s\n")
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'schema_version = 1\nname = "Mine"\n[[steps]]\ntype = "rest"\n'
        'title = "R"\nseconds = -5\nsecond = 3\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["routines", "check", str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{bad}:7: step 1 (R): second: not a field of a rest step (did you mean 'seconds'?)",
        f"{bad}:6: step 1 (R): seconds: should be more than 0 seconds, not -5",
        "2 problems found.",
    ]


def test_relax_with_an_unknown_routine_says_so_without_a_traceback(env: Path) -> None:
    result = runner.invoke(app, ["relax", "evening-unwnd"])
    assert result.exit_code == 1
    assert "no routine called 'evening-unwnd' (did you mean 'evening-unwind'?)" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["routines"], ["safety"]])
def test_commands_that_do_not_need_the_tui_never_import_textual(argv: list[str], env: Path) -> None:
    code = (
        "import sys\nfrom coach.launch import main\nsys.argv = ['coach', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_pure_modules_never_import_textual() -> None:
    code = (
        "import sys\nimport coach.core.routines, coach.core.engine\n"
        "import coach.core.records, coach.core.paths\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_note_typed_after_coach_rest_is_refused_without_being_echoed(env: Path) -> None:
    result = runner.invoke(app, ["rest", "sore", "my private note", "--secret"])
    assert result.exit_code == 2
    assert "private" not in result.output and "secret" not in result.output
    assert "Nothing was recorded." in result.output
    assert not (env / "data" / "rest").exists()
