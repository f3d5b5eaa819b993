"""Nothing coach shows can steer the terminal: escape sequences in routines, notes, session
files, file names and config are refused or taken out, and the rest of the text is kept."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.records import Checkin, RestDay, Session, StepRecord
from coach.core.routines import RoutineError, load_routine, parse_routine
from coach.core.store.codec import dump_session
from coach.core.text import first_control, inert

ATTACKS = {
    "title": "\x1b]0;pwned\x07",
    "colour": "\x1b[31mred\x1b[0m",
    "clear": "\x1b[2J\x1b[H",
    "clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "c1": "\x9b31m\x9d0;x\x9c",
    "cut": "\x1b]2;half a tit",
}
# What Rich itself writes on a colour terminal: SGR (colours, bold, dim) and nothing else.
RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")
STEERING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def steering(output: str) -> list[str]:
    """Control characters left in ``output`` once Rich's own SGR codes are taken out."""
    return STEERING.findall(RICH_SGR.sub("", output))


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_inert_takes_out_whole_sequences_and_keeps_the_words(attack: str) -> None:
    text = f"before {attack} after"
    assert not STEERING.search(inert(text))
    assert inert(text).startswith("before ")
    assert inert("שלום, 😀 漢字 café") == "שלום, 😀 漢字 café"
    assert inert("one\r\ntwo\tthree", lines=True) == "one\ntwo three"
    assert inert("one\ntwo") == "one two"
    assert first_control("fine\nand\tfine") is None
    assert first_control("a\x1bb") == "U+001B"


ROUTINE = """schema_version = 1
name = "Evening"
[[steps]]
type = "rest"
title = "Rest{title}"
guide = \"\"\"Lie back.
{guide}\"\"\"
seconds = 30
"""


def test_a_routine_with_control_characters_is_refused_naming_line_step_and_field(
    tmp_path: Path,
) -> None:
    path = tmp_path / "evening.toml"
    path.write_text(ROUTINE.format(title="\\u001b]0;pwned\\u0007", guide="\\u001b[2J"))
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert caught.value.problems == [
        f"{path}:5: step 1 (Rest): title: contains a control character (U+001B), "
        "which coach will not show; remove it",
        f"{path}:6: step 1 (Rest): guide: contains a control character (U+001B), "
        "which coach will not show; remove it",
    ]
    result = CliRunner().invoke(app, ["routines", "check", str(path)])
    assert result.exit_code == 1 and not steering(result.output)
    result = CliRunner().invoke(app, ["relax", str(path), "--plain"])
    assert result.exit_code == 1 and "title: contains a control character" in result.stderr
    # Newlines and tabs in a guide are fine; so is any language.
    parse_routine(ROUTINE.format(title=" 休息", guide="\tسلام"), "x", name="x")  # noqa: RUF001


def _session_file(data: Path, when: datetime, text: str) -> Path:
    session = Session(
        routine="evening",
        routine_title="TITLE",
        started_at=when,
        ended_at=when + timedelta(minutes=5),
        status="completed",
        planned_seconds=300,
        active_seconds=300,
        steps=[StepRecord("STEP", "rest", 300, 300, "done")],
        checkin=Checkin(pain=1, anxiety=2, note="NOTE"),
    )
    raw = dump_session(session).decode()
    escaped = text.encode("unicode_escape").decode().replace("\\x", "\\u00")
    raw = raw.replace("TITLE", "T" + escaped).replace("STEP", "S" + escaped)
    raw = raw.replace('"NOTE"', '"' + "a long note " * 8 + escaped + '"')
    folder = data / "sessions" / f"{when:%Y}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{when:%Y-%m-%dT%H-%M-%S}.toml"
    path.write_text(raw)
    return path


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    data = tmp_path / "data"
    data.mkdir()
    zone = timezone(timedelta(hours=1))
    for n, attack in enumerate(ATTACKS.values()):
        _session_file(data, datetime(2026, 3, 1 + n, 20, 0, tzinfo=zone), attack)
    rest = data / "rest" / "2026"
    rest.mkdir(parents=True)
    (rest / "2026-03-20-sore.toml").write_text(
        'schema_version = 1\nday = 2026-03-20\nreason = "sore"\n'
        'recorded_at = 2026-03-20T09:00:00+01:00\nnote = "ow\\u001b]0;pwned\\u0007"\n'
    )
    routines = tmp_path / "config" / "coach" / "routines"
    routines.mkdir(parents=True)
    (routines / "evil\x1b]0;pwned\x07.toml").write_text(ROUTINE.format(title="", guide=""))
    (routines / "odd\x1b[2J.toml").write_text("not = [valid")
    (tmp_path / "config" / "coach" / "config.toml").write_text(
        '[[support]]\nname = "Line\\u001b]0;pwned\\u0007"\ncontact = "1\\u001b[2J23"\n'
    )
    monkeypatch.setenv("COACH_TODAY", "2026-03-25")
    return data


COMMANDS = [
    ["log"],
    ["log", "--all"],
    ["log", "--format", "md", "--with-notes"],
    ["log", "--format", "csv", "--with-notes"],
    ["log", "--format", "json", "--with-notes"],
    ["log", "show", "2026-03-01"],
    ["log", "show", "2026-03-05"],
    ["routines"],
    ["routines", "show", "evil\x1b]0;pwned\x07"],
    ["trainer"],
    ["safety"],
]


@pytest.mark.parametrize("colour", [False, True], ids=["pipe", "colour terminal"])
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a).encode("unicode_escape"))
def test_no_command_lets_a_sequence_through(
    hostile: Path, argv: list[str], colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("TERM", "xterm-256color")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "60")  # narrow: long notes are cut in the table
    result = CliRunner().invoke(app, ["--data-dir", str(hostile), *argv])
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.strip()
    assert steering(result.stdout) == []
    assert steering(result.stderr) == []


def test_the_words_around_a_sequence_are_kept(hostile: Path) -> None:
    result = CliRunner().invoke(app, ["--data-dir", str(hostile), "log", "show", "2026-03-02"])
    assert "Tred" in result.stdout and "a long note" in result.stdout


def test_a_typed_note_keeps_what_was_typed_minus_control_characters() -> None:
    assert Checkin(note="calmer\x1b[2J today 🌙").note == "calmer today 🌙"
    day = RestDay(
        day=datetime(2026, 1, 1).date(),
        reason="sore",
        recorded_at=datetime(2026, 1, 1, tzinfo=UTC_PLUS_0),
        note="x\x07y",
    )
    assert day.note == "xy"


UTC_PLUS_0 = UTC
