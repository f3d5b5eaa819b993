"""``coach focus`` word for word (golden files), and moving stages only on everyone's yes."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core import focus
from coach.core.paths import Paths
from coach.core.records import FocusRecord, PartnerCheckin, Session
from coach.core.store.sessions import SessionWriter
from coach.views.focus import run_begin, run_focus, run_stage
from tests.goldens import golden

BEGAN = date(2026, 11, 2)
TODAY = date(2026, 12, 7)  # five weeks on


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("COLUMNS", "80")
    return Paths(data=tmp_path / "data", config=tmp_path / "config")


def flat(text: str) -> str:
    """``text`` as one line, so a check does not depend on where it wrapped."""
    return " ".join(text.split())


def output(run: object, *args: object, **options: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    assert callable(run)
    code = run(*args, out=out, err=err, **options)
    return code, out.getvalue(), err.getvalue()


def practise(paths: Paths, day: date, anxieties: tuple[int, ...], stage: int = 1) -> None:
    start = datetime(day.year, day.month, day.day, 20, tzinfo=UTC)
    SessionWriter.begin(
        paths,
        Session(
            routine=f"focus-stage-{stage}",
            routine_title=f"Sensate focus {stage}",
            started_at=start,
            ended_at=start + timedelta(minutes=35),
            status="completed",
            planned_seconds=2100,
            active_seconds=2100,
            focus=FocusRecord(stage=stage, partners=[PartnerCheckin(anxiety=a) for a in anxieties]),
        ),
    )


def test_before_a_programme_a_short_explanation_and_how_to_begin(paths: Paths) -> None:
    code, out, err = output(run_focus, paths, today=TODAY)
    assert (code, err) == (0, "")
    golden("focus_none.txt", out)


def test_begin_shows_the_pause_the_freedom_to_stop_and_the_stop_word(paths: Paths) -> None:
    code, out, _ = output(run_begin, paths, 4, False, today=BEGAN)
    assert code == 0
    golden("focus_begin.txt", out)
    assert "coach never asks for it and never stores it" in flat(out)
    code, _, err = output(run_begin, paths, 6, False, today=BEGAN)
    assert code == 1 and "kept as it is" in err
    assert focus.load(paths) == focus.begin(4, False, BEGAN)


def test_where_you_are_with_an_offer(paths: Paths) -> None:
    focus.save(paths, focus.begin(4, False, BEGAN))
    for n in range(3):
        practise(paths, BEGAN + timedelta(days=7 * n + 2), (2, 3))
    code, out, _ = output(run_focus, paths, today=TODAY)
    assert code == 0
    golden("focus_offer.txt", out)
    assert "Sessions so far in this stage: 3" in out and "could be an option" in out


def test_where_you_are_later_with_the_stage_history(paths: Paths) -> None:
    state = focus.move(focus.begin(4, True, BEGAN), 2, ["yes"], TODAY)
    focus.save(paths, focus.move(state, 1, ["yes"], TODAY + timedelta(days=3)))
    code, out, _ = output(run_focus, paths, today=TODAY + timedelta(days=4))
    assert code == 0
    golden("focus_solo_back.txt", out)


def answering(*replies: str) -> tuple[list[str], object]:
    asked: list[str] = []
    queue = iter(replies)

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(queue)

    return asked, ask


def test_a_stage_moves_on_two_yeses_each_asked_in_turn(paths: Paths) -> None:
    focus.save(paths, focus.begin(4, False, BEGAN))
    asked, ask = answering("yes", "Yes")
    code, out, _ = output(run_stage, paths, 2, ask=ask, interactive=True, today=TODAY)
    assert code == 0
    assert [p.split(",")[0] for p in asked] == ["First of you", "Second of you"]
    assert "You are at stage 2 now" in out and "coach relax focus-stage-2" in out
    loaded = focus.load(paths)
    assert loaded is not None and loaded.stage == 2 and loaded.stage_began == TODAY


@pytest.mark.parametrize(
    ("replies", "asked_count"),
    [(("no",), 1), (("yes", "no"), 2), (("y", "yes"), 1), (("yes", ""), 2), (("yes", "ok"), 2)],
)
def test_any_answer_but_yes_changes_nothing(
    paths: Paths, replies: tuple[str, ...], asked_count: int
) -> None:
    focus.save(paths, focus.begin(4, False, BEGAN))
    before = paths.focus_file.read_bytes()
    asked, ask = answering(*replies)
    code, out, _ = output(run_stage, paths, 2, ask=ask, interactive=True, today=TODAY)
    assert code == 1 and "Nothing changed, and that is fine" in out
    assert len(asked) == asked_count
    assert paths.focus_file.read_bytes() == before


def test_going_back_is_normal_and_off_a_terminal_nothing_changes(paths: Paths) -> None:
    focus.save(paths, focus.move(focus.begin(4, False, BEGAN), 3, ["yes", "yes"], TODAY))
    before = paths.focus_file.read_bytes()
    code, _, err = output(run_stage, paths, 1, interactive=False, today=TODAY)
    assert code == 1 and "needs a terminal. Nothing changed." in err
    assert paths.focus_file.read_bytes() == before
    _, ask = answering("yes", "yes")
    code, out, _ = output(run_stage, paths, 1, ask=ask, interactive=True, today=TODAY)
    assert code == 0 and "normal part of the programme" in flat(out)


def test_solo_moves_on_one_yes(paths: Paths) -> None:
    focus.save(paths, focus.begin(4, True, BEGAN))
    asked, ask = answering("yes")
    code, out, _ = output(run_stage, paths, 2, ask=ask, interactive=True, today=TODAY)
    assert code == 0 and len(asked) == 1 and "coach relax focus-solo-stage-2" in out


def test_the_commands_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir(exist_ok=True)  # a folder named with --data-dir must exist
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    assert "begin" in runner.invoke(app, ["focus", "-h"]).output
    result = runner.invoke(app, ["focus", "begin", "--weeks", "13"])
    assert result.exit_code == 2 and "from 2 to 12 weeks" in result.output
    assert not (tmp_path / "data" / "focus.toml").exists()
    assert runner.invoke(app, ["focus", "begin", "--solo", "--weeks", "6"]).exit_code == 0
    result = runner.invoke(app, ["focus", "stage", "2"], input="yes\n")
    assert result.exit_code == 1 and "needs a terminal" in result.output  # input is no terminal
    result = runner.invoke(app, ["focus"])
    assert result.exit_code == 0 and "pause of 6 weeks" in result.output
    (tmp_path / "data" / "focus.toml").write_text("weeks = \n", encoding="utf-8")
    result = runner.invoke(app, ["focus"])
    assert result.exit_code == 1 and "focus.toml:1:" in result.output
