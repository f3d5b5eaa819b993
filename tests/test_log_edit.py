"""coach log show last and coach log edit: a check-in fixed afterwards, and nothing else touched."""

from __future__ import annotations

import io
import stat
import tomllib
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.paths import Paths
from coach.core.store import sessions
from coach.views import edit

OFFSET = timezone(timedelta(hours=1))
# A hand-extended file: unknown keys at every level, a trainer report, a local time, an array.
SESSION = """\
schema_version = 1
routine = "evening-unwind"
routine_title = "Evening unwind"
started_at = 2026-11-22T21:30:12+01:00
ended_at = 2026-11-22T21:48:40+01:00
status = "completed"
planned_seconds = 1110
active_seconds = 1108.6
mood_word = "sleepy"
tags = ["evening", "bath first"]
custom_time = 07:30:00

[checkin]
pain = 2
note = "felt calmer"
room = "bedroom"

[[steps]]
title = "Belly breathing"
type = "breathe"
planned_seconds = 80
done_seconds = 80.0
outcome = "done"
posture = "lying"

[[steps]]
title = "Trainer practice"
type = "trainer"
planned_seconds = 600
done_seconds = 600.0
outcome = "done"

[steps.trainer]
used = "trainer"
size = 2
depth = "partial"
pain_peak = 3
lubricant = "water-based"

[steps.trainer.extra_detail]
position = "lying"
"""


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "data"
    (folder / "sessions" / "2026").mkdir(parents=True)
    return folder


def write(data: Path, stem: str, text: str = SESSION) -> Path:
    path = data / "sessions" / "2026" / f"{stem}.toml"
    path.write_text(text)
    return path


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(edit, "stdin_is_terminal", lambda: True)


def run(data: Path, session_id: str, *typed: str) -> tuple[int, str, str]:
    replies = iter(typed)
    out, err = io.StringIO(), io.StringIO()

    def read(prompt: str) -> str:
        out.write(prompt)
        try:
            return next(replies)
        except StopIteration:
            raise EOFError from None

    paths = Paths(data=data, config=data / "config")
    code = edit.run_edit(paths, session_id, stdout=out, stderr=err, read=read)
    return code, out.getvalue(), err.getvalue()


def without_checkin_fields(data: dict[str, Any]) -> dict[str, Any]:
    copy = dict(data)
    copy["checkin"] = {
        k: v for k, v in data.get("checkin", {}).items() if k not in sessions.CHECKIN_FIELDS
    }
    return copy


@pytest.mark.usefixtures("terminal")
def test_edit_changes_ratings_and_note_and_every_other_key_stays(data: Path) -> None:
    path = write(data, "2026-11-22T21-30-12")
    before = tomllib.loads(path.read_text())
    code, out, err = run(data, "2026-11-22T21-30-12", "4", "3", "a kinder note")
    assert (code, err) == (0, "")
    assert "Saved." in out
    after = tomllib.loads(path.read_text())
    assert after["checkin"]["pain"] == 4
    assert after["checkin"]["anxiety"] == 3  # added where there was none
    assert after["checkin"]["note"] == "a kinder note"
    assert without_checkin_fields(after) == without_checkin_fields(before)
    # Equal values of another type would also compare equal: check the types as well.
    assert type(after["planned_seconds"]) is int and type(after["active_seconds"]) is float
    assert after["custom_time"] == before["custom_time"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.usefixtures("terminal")
def test_enter_keeps_a_dash_removes_and_last_is_the_newest(data: Path) -> None:
    older = write(data, "2026-11-20T08-00-00")
    newest = write(data, "2026-11-22T21-30-12")
    code, out, _ = run(data, "last", "-", "", "-")
    assert code == 0
    after = tomllib.loads(newest.read_text())
    assert after["checkin"] == {"room": "bedroom"}  # pain and note removed, the rest kept
    assert older.read_text() == SESSION
    assert "felt calmer" in out  # the current note is shown before asking for a new one


@pytest.mark.usefixtures("terminal")
def test_a_check_in_is_added_to_a_session_that_skipped_it(data: Path) -> None:
    text = SESSION.split("[checkin]")[0] + "[[steps]]" + SESSION.split("[[steps]]", 1)[1]
    path = write(data, "2026-11-22T21-30-12", text)
    before = tomllib.loads(path.read_text())
    assert run(data, "last", "1", "", "")[0] == 0
    after = tomllib.loads(path.read_text())
    assert after.pop("checkin") == {"pain": 1}
    assert after == before


@pytest.mark.usefixtures("terminal")
def test_nothing_changed_leaves_the_file_byte_for_byte(data: Path) -> None:
    path = write(data, "2026-11-22T21-30-12")
    mtime = path.stat().st_mtime_ns
    code, out, _ = run(data, "last", "2", "", "felt calmer")  # all as they were
    assert code == 0 and "Nothing to change" in out
    assert path.read_text() == SESSION and path.stat().st_mtime_ns == mtime


@pytest.mark.usefixtures("terminal")
def test_a_rating_out_of_range_is_asked_again(data: Path) -> None:
    path = write(data, "2026-11-22T21-30-12")
    code, out, _ = run(data, "last", "11", "seven", "7", "", "")
    assert code == 0
    assert out.count("whole number from 0 to 10") == 2
    assert tomllib.loads(path.read_text())["checkin"]["pain"] == 7


@pytest.mark.usefixtures("terminal")
def test_ctrl_d_part_way_changes_nothing(data: Path) -> None:
    path = write(data, "2026-11-22T21-30-12")
    code, out, _ = run(data, "last", "5")
    assert code == 130 and "Nothing was changed." in out
    assert path.read_text() == SESSION


@pytest.mark.usefixtures("terminal")
def test_a_file_that_changed_meanwhile_is_not_overwritten(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(data, "2026-11-22T21-30-12")
    original = sessions.amend_checkin

    def meanwhile(target: Path, before: bytes, changes: dict[str, Any], identity: Any) -> Any:
        target.write_text(SESSION.replace("21:48:40", "21:49:00"))  # a running session saved
        return original(target, before, changes, identity)

    monkeypatch.setattr(sessions, "amend_checkin", meanwhile)
    code, _, err = run(data, "last", "4", "", "private words")
    assert code == 1 and "changed while you were editing" in err
    assert "private words" not in err
    assert "21:49:00" in path.read_text()


@pytest.mark.usefixtures("terminal")
def test_a_failed_write_keeps_the_old_file(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(data, "2026-11-22T21-30-12")

    def refuse(self: Path, target: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    code, _, err = run(data, "last", "4", "", "private words")
    assert code == 1 and "Nothing was changed." in err and "private words" not in err
    assert path.read_text() == SESSION
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_edit_off_a_terminal_is_refused_calmly(data: Path) -> None:
    path = write(data, "2026-11-22T21-30-12")
    result = CliRunner().invoke(app, ["--data-dir", str(data), "log", "edit", "last"], input="4\n")
    assert result.exit_code == 2
    assert "asks its questions on a terminal" in result.stderr
    assert path.read_text() == SESSION


@pytest.mark.usefixtures("terminal")
def test_a_bad_file_is_named_and_never_rewritten(data: Path) -> None:
    path = write(data, "2026-11-22T21-30-12", SESSION.replace("pain = 2", "pain = 12"))
    code, _, err = run(data, "last", "4", "", "")
    assert code == 1 and f"{path}:" in err
    assert "pain = 12" in path.read_text()


@pytest.mark.usefixtures("terminal")
def test_unknown_id_and_no_sessions(data: Path) -> None:
    assert "No sessions yet." in run(data, "last")[2]
    write(data, "2026-11-22T21-30-12")
    assert "No session with ID 2025" in run(data, "2025")[2]


def test_log_show_last_shows_the_newest_session(data: Path) -> None:
    write(data, "2026-11-20T08-00-00", SESSION.replace("Evening unwind", "Morning reset"))
    write(data, "2026-11-22T21-30-12")
    result = CliRunner().invoke(app, ["--data-dir", str(data), "log", "show", "last"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Evening unwind (evening-unwind)")
    assert "2026-11-22T21-30-12" in result.stdout


def test_log_show_last_without_sessions(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path), "log", "show", "last"])
    assert result.exit_code == 1 and "No sessions yet." in result.stderr


def test_only_check_in_fields_can_be_amended(data: Path) -> None:
    path = write(data, "2026-11-22T21-30-12")
    with pytest.raises(ValueError, match="only pain, anxiety, note"):
        sessions.amend_checkin(path, path.read_bytes(), {"status": "stopped"})
    assert path.read_text() == SESSION
