"""Every screen at 60x15, with a frozen clock; review the SVGs before updating them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes import FakeClock
from tests.tui.conftest import AppFactory
from tests.tui.sizes import SCREENS, snapshot
from tests.tui.test_snapshots import Compare


@pytest.mark.parametrize("name", SCREENS)
def test_screen(
    name: str,
    snap_compare: Compare,
    make_app: AppFactory,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert snapshot(name, (60, 15), snap_compare, make_app, clock, tmp_path, monkeypatch)
