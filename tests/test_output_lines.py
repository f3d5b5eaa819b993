"""Every command, at every width a person might use: no line of output ends with a space."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from tests.test_log_cli import TODAY, make_history

COMMANDS = [
    [],  # today
    ["log"],
    ["log", "--all"],
    ["log", "show", "2026-11-25T20-15-05"],
    ["log", "show", "2026-11-13T16-15-05"],
    ["log", "--format", "md"],
    ["routines"],
    ["routines", "show", "first-try"],
    ["routines", "show", "trainer-practice"],
    ["routines", "show", "nothing-like-this"],
    ["trainer"],
    ["safety"],
    ["rest", "tired"],
    ["rest", "tried"],
    ["focus"],
    ["learn"],
    ["learn", "vaginismus"],
    ["relax", "frist-try", "--plain"],
]
HELP = [
    [],
    ["relax"],
    ["routines"],
    ["routines", "show"],
    ["routines", "check"],
    ["log"],
    ["log", "show"],
    ["trainer"],
    ["rest"],
    ["remind"],
    ["log", "edit"],
    ["safety"],
    ["focus"],
    ["learn"],
    ["lock"],
    ["unlock"],
    ["forget"],
    ["focus", "begin"],
    ["focus", "stage"],
]
WIDTHS = [30, 45, 60, 80, 120]


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int, args: list[str]) -> str:
    monkeypatch.setenv("COACH_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", str(width))
    data = tmp_path / "data"
    data.mkdir(parents=True)
    make_history(data)
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args], prog_name="coach")
    return result.stdout + result.stderr


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args", COMMANDS + [[*h, "--help"] for h in HELP], ids=lambda a: " ".join(a) or "coach"
)
def test_no_line_ends_with_a_space(
    args: list[str], width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = run(tmp_path, monkeypatch, width, args)
    assert output.strip()
    ending = [line for line in output.splitlines() if line != line.rstrip()]
    assert ending == []


@pytest.mark.parametrize("args", HELP, ids=lambda a: " ".join(a) or "coach")
def test_help_shows_whole_sentences_and_no_placeholders(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = run(tmp_path, monkeypatch, 80, [*args, "--help"])
    assert "..." not in output.replace("COMMAND [ARGS]...", "")
    assert "{" not in output and "}" not in output


@pytest.mark.parametrize(
    "args", [[], ["log"], ["trainer"], ["safety"]], ids=lambda a: " ".join(a) or "today"
)
def test_at_30_columns_lines_fit_and_words_stay_whole(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.cells import cell_len

    narrow = run(tmp_path / "narrow", monkeypatch, 30, args)
    wide = run(tmp_path / "wide", monkeypatch, 200, args)
    # A path (safety names the config file) stays on one line, so it can be copied whole.
    assert all(cell_len(line) <= 30 for line in narrow.splitlines() if "/" not in line)
    assert set(narrow.split()) <= set(wide.split())  # a word is never cut in two
    assert "…" not in narrow.replace("|…", "")


def test_a_narrow_log_folds_into_one_block_per_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run(tmp_path, monkeypatch, 30, ["log", "--limit", "2"])
    blocks = out.split("\n\n")
    assert blocks[0].splitlines() == [
        "2026-11-25T20-15-05",
        "  routine  Evening unwind",
        "  used     size 2",
        "  min      5",
        "  status   completed",
        "  pain     0",
        "  anxiety  0",
        "  note     felt calmer than",
        "           yesterday, |…",  # the log's short preview of the note
    ]
    assert blocks[1] == "2026-11-24\n  routine  rest day\n  status   period"
    assert blocks[2].startswith("2026-11-22T19-15-05\n  routine  Morning reset\n")
