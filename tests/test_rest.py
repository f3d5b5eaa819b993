"""coach rest: a rest day recorded, a note asked on the terminal only, unknown reasons."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.paths import Paths
from coach.core.store.sessions import read_rest_days
from coach.views import rest as restday

runner = CliRunner()


@pytest.fixture(autouse=True)
def private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def rest(tmp_path: Path, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data-dir", str(tmp_path), "rest", *args], input=stdin)


def test_a_rest_day_is_recorded_with_its_reason(tmp_path: Path) -> None:
    result = rest(tmp_path, "Period")
    assert result.exit_code == 0
    assert "Rest day recorded (period)" in result.stdout
    assert "part of the practice" in result.stdout
    days, problems = read_rest_days(tmp_path / "rest")
    assert problems == [] and [d.reason for d in days] == ["period"]
    assert days[0].note is None  # not a terminal: nothing asked, nothing waited for


def test_without_a_reason_it_is_other(tmp_path: Path) -> None:
    assert rest(tmp_path).exit_code == 0
    assert [d.reason for d in read_rest_days(tmp_path / "rest")[0]] == ["other"]


def test_the_note_comes_from_the_terminal_never_from_argv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(restday, "stdin_is_terminal", lambda: True)
    result = rest(tmp_path, "sore", stdin="  gentle day after yesterday  \n")
    assert result.exit_code == 0
    assert restday.NOTE_PROMPT.strip() in result.stdout
    assert "gentle day" not in result.stdout.split(restday.NOTE_PROMPT)[-1]  # never echoed
    days, _ = read_rest_days(tmp_path / "rest")
    assert days[0].note == "gentle day after yesterday"
    # A note on the command line is refused as an extra argument, so nothing is saved from it.
    extra = rest(tmp_path, "sore", "my private note")
    assert extra.exit_code != 0
    assert len(read_rest_days(tmp_path / "rest")[0]) == 1


def test_enter_or_end_of_input_skips_the_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(restday, "stdin_is_terminal", lambda: True)
    assert rest(tmp_path, "tired", stdin="\n").exit_code == 0
    assert rest(tmp_path, "tired", stdin="").exit_code == 0
    days, _ = read_rest_days(tmp_path / "rest")
    assert [d.note for d in days] == [None, None]


def test_an_unknown_reason_lists_the_four_and_records_nothing(tmp_path: Path) -> None:
    result = rest(tmp_path, "tierd")
    assert result.exit_code == 2
    assert result.stderr == (
        "A rest day's reason is one of: period, sore, tired or other. Did you mean tired?\n"
    )
    private = rest(tmp_path, "awful cramps today")
    assert private.exit_code == 2 and "awful" not in private.stderr  # never repeated back
    assert "period, sore, tired or other" in private.stderr
    assert not (tmp_path / "rest").exists()


def test_ctrl_c_at_the_note_records_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(restday, "stdin_is_terminal", lambda: True)

    def interrupted(prompt: str) -> str:
        raise KeyboardInterrupt

    err = io.StringIO()
    paths = Paths(data=tmp_path, config=tmp_path / "config")
    assert (
        restday.run_rest(paths, "sore", read=interrupted, stdout=io.StringIO(), stderr=err) == 130
    )
    assert "Nothing recorded" in err.getvalue() and not (tmp_path / "rest").exists()


def test_the_day_is_the_local_day_it_was_recorded(tmp_path: Path) -> None:
    late = datetime(2026, 11, 22, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    out = io.StringIO()
    paths = Paths(data=tmp_path, config=tmp_path / "config")
    assert restday.run_rest(paths, "other", now=late, stdout=out, stderr=io.StringIO()) == 0
    day = read_rest_days(tmp_path / "rest")[0][0]
    assert day.day == day.recorded_at.date()
    assert day.recorded_at.utcoffset() is not None


def test_a_folder_that_cannot_be_written_is_said_calmly(tmp_path: Path) -> None:
    (tmp_path / "rest").write_text("in the way")
    err = io.StringIO()
    paths = Paths(data=tmp_path, config=tmp_path / "config")
    assert restday.run_rest(paths, "sore", stdout=io.StringIO(), stderr=err) == 1
    assert err.getvalue().endswith("Nothing was recorded.\n")
