"""The data folder is never invented: a named folder must exist; only the default is made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.paths import DataDirError, resolve_paths
from coach.launch import hoist_data_dir

runner = CliRunner()


@pytest.fixture(autouse=True)
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("COACH_DATA_DIR", raising=False)


def everything_under(root: Path) -> set[Path]:
    return set(root.rglob("*"))


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "{missing}", "log"],
        ["log", "--data-dir", "{missing}"],
        ["--data-dir", "{missing}", "relax", "first-try", "--plain"],
        ["relax", "first-try", "--plain", "--data-dir={missing}"],
        ["--data-dir", "{missing}", "rest", "tired"],
        ["trainer", "--data-dir", "{missing}"],
    ],
    ids=" ".join,
)
def test_a_named_folder_that_does_not_exist_is_refused_and_nothing_is_created(
    tmp_path: Path, argv: list[str]
) -> None:
    missing = tmp_path / "volume" / "coach"
    before = everything_under(tmp_path)
    result = runner.invoke(app, [a.format(missing=missing) for a in argv], input="\n")
    assert result.exit_code == 2
    assert f"The data folder {missing} does not exist" in result.stderr
    assert "Traceback" not in result.output
    assert everything_under(tmp_path) == before


def test_the_environment_variable_is_checked_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "nowhere"))
    result = runner.invoke(app, ["log"])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "nowhere").exists()
    monkeypatch.setenv("COACH_DATA_DIR", "")
    result = runner.invoke(app, ["log"])
    assert (result.exit_code, result.stderr) == (
        2,
        "COACH_DATA_DIR is empty; give the folder to keep your data in.\n",
    )


def test_a_file_or_an_empty_value_is_refused(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    with pytest.raises(DataDirError, match="is a file, not a folder"):
        resolve_paths(a_file)
    with pytest.raises(DataDirError, match="--data-dir is empty"):
        resolve_paths("")
    result = runner.invoke(app, ["--data-dir", "", "log"])
    assert result.exit_code == 2 and "--data-dir is empty" in result.stderr
    assert a_file.read_text() == "mine"


def test_help_still_works_with_a_bad_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_DATA_DIR", "/nonexistent/coach")
    assert runner.invoke(app, ["log", "--help"]).exit_code == 0


def test_the_default_folder_is_created_on_first_use(tmp_path: Path) -> None:
    result = runner.invoke(app, ["rest", "tired"], input="\n")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "xdg" / "coach" / "rest").is_dir()


def test_data_dir_may_come_before_or_after_the_command(tmp_path: Path) -> None:
    assert hoist_data_dir(["log", "--data-dir", "D", "--all"]) == [
        "--data-dir",
        "D",
        "log",
        "--all",
    ]
    assert hoist_data_dir(["log", "--data-dir=D"]) == ["--data-dir=D", "log"]
    assert hoist_data_dir(["relax", "--", "--data-dir"]) == ["relax", "--", "--data-dir"]
    before = runner.invoke(app, ["--data-dir", str(tmp_path), "log"])
    after = runner.invoke(app, ["log", "--data-dir", str(tmp_path)])
    assert before.exit_code == after.exit_code == 0
    assert before.output == after.output


def test_the_installed_command_refuses_a_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "absent"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coach",
            "relax",
            "first-try",
            "--plain",
            "--data-dir",
            str(missing),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr and not missing.exists()
