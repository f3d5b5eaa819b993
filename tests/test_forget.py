"""coach forget: everything coach keeps goes, nothing else does, and it says what went."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from pyrage import x25519

from coach.core import focus, vault
from coach.core.index import open_index
from coach.core.paths import Paths
from coach.core.safety import acknowledge
from coach.views.forget import run_forget
from tests.test_log_cli import coach, make_history

NOTE_TEXT = "felt calmer than yesterday"

ROUTINE = 'schema_version = 1\nname = "Mine"\n[[steps]]\ntype = "rest"\ntitle = "R"\nseconds = 5\n'


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("COACH_TODAY", "2026-11-25")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    return Paths(data=data, config=tmp_path / "config" / "coach")


def everything(paths: Paths, *, locked: bool) -> None:
    """Sessions, a rest day, the index, the programme, the key, the acknowledgement, a
    routine of one's own, and a temp file a killed save left behind."""
    make_history(paths.data, 6)
    assert coach(paths.data, "rest", "sore")[0] == 0
    focus.save(paths, focus.begin(4, False, date(2026, 11, 1)))
    acknowledge(paths)
    paths.routines.mkdir(parents=True)
    (paths.routines / "mine.toml").write_text(ROUTINE)
    (paths.data / "sessions" / "2026" / ".coach-abc123.tmp").write_bytes(b"half a save")
    (paths.data / "sessions" / "2026" / ".2026-11-25T20-15-05.lock").write_bytes(b"")
    if locked:
        identity = x25519.Identity.generate()
        (paths.data / vault.RECIPIENT_FILE).write_text(f"{identity.to_public()}\n")
        (paths.data / vault.KEY_FILE).write_bytes(b"stands in for the key")
        assert vault.lock_folder(paths.data, identity).complete
        index = open_index(paths, identity)
    else:
        index = open_index(paths, None)
    index.check_between()
    index.save(now_ns=2**62)


def remaining(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize("locked", [False, True])
def test_forget_yes_leaves_nothing_of_coachs_behind(paths: Paths, locked: bool) -> None:
    everything(paths, locked=locked)
    assert list((paths.data / "index").iterdir())
    code, out, err = coach(paths.data, "forget", "--yes")
    assert code == 0, err
    assert "6 sessions" in out and "2 rest days" in out
    assert "the summary index" in out and "the sensate-focus programme" in out
    assert "the note that you read the safety page" in out
    assert ("the lock's key" in out) == locked
    assert "Your own routines were kept" in out
    assert NOTE_TEXT not in out and "2026-11" not in out  # counts, never names or notes
    # The folder named with --data-dir is the person's: it stays, empty.
    assert remaining(paths.data) == []
    assert paths.data.is_dir()
    assert remaining(paths.config) == ["routines", "routines/mine.toml"]
    code, out, _ = coach(paths.data, "forget", "--yes", "--routines")
    assert code == 0 and "1 own routine" in out
    assert not paths.config.exists()


def test_files_coach_did_not_write_are_left_and_mentioned(paths: Paths) -> None:
    everything(paths, locked=False)
    (paths.data / "sessions" / "2026" / "photo.jpg").write_bytes(b"someone else's")
    (paths.data / "notes.txt").write_text("mine")
    code, out, _ = coach(paths.data, "forget", "--yes")
    assert code == 0
    assert "2 things coach did not write were left where they are" in out
    assert remaining(paths.data) == [
        "notes.txt",
        "sessions",
        "sessions/2026",
        "sessions/2026/photo.jpg",
    ]


def test_forget_asks_for_the_word_on_a_terminal(paths: Paths) -> None:
    everything(paths, locked=False)
    before = remaining(paths.data)
    out = StringIO()
    code = run_forget(
        paths,
        yes=False,
        routines=False,
        data_folder_is_ours=False,
        read=lambda prompt: "yes",
        interactive=True,
        out=out,
        err=StringIO(),
    )
    assert code == 1 and "Nothing was deleted" in out.getvalue()
    assert "6 sessions" in out.getvalue() and "cannot be undone" in out.getvalue()
    assert remaining(paths.data) == before
    code = run_forget(
        paths,
        yes=False,
        routines=False,
        data_folder_is_ours=True,
        read=lambda prompt: " Forget ",
        interactive=True,
        out=StringIO(),
        err=StringIO(),
    )
    assert code == 0
    assert not paths.data.exists()  # coach's own data folder goes too, once empty


def test_forget_without_a_terminal_needs_yes(paths: Paths) -> None:
    everything(paths, locked=False)
    before = remaining(paths.data)
    code, _, err = coach(paths.data, "forget")
    assert code == 2 and "--yes" in err
    assert remaining(paths.data) == before
