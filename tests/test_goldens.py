"""The golden-file helper: a missing golden file fails unless writing was asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goldens import FLAG, golden


def test_a_missing_golden_file_fails_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(FLAG, raising=False)
    with pytest.raises(pytest.fail.Exception, match=f"no golden file .*{FLAG}=1"):
        golden("new.txt", "today's output\n", folder=tmp_path)
    assert not (tmp_path / "new.txt").exists()


def test_the_flag_writes_it_and_later_runs_compare_against_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FLAG, "1")
    golden("new.txt", "today's output\n", folder=tmp_path)
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "today's output\n"
    monkeypatch.delenv(FLAG)
    golden("new.txt", "today's output\n", folder=tmp_path)
    with pytest.raises(AssertionError, match="differs from"):
        golden("new.txt", "something else\n", folder=tmp_path)
