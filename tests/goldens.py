"""Golden files: expected output kept under tests/golden/; UPDATE_GOLDEN=1 writes them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
FLAG = "UPDATE_GOLDEN"


def golden(name: str, text: str, folder: Path = GOLDEN) -> None:
    """Compare ``text`` with the golden file ``name``; only ``UPDATE_GOLDEN=1`` (re)writes it.

    A missing golden file fails, so a renamed test or a lost file is noticed rather than
    quietly recorded as whatever the code prints today.
    """
    path = folder / name
    if os.environ.get(FLAG) == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    elif not path.exists():
        pytest.fail(f"no golden file {path}: run with {FLAG}=1 to write it, then review it")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path} ({FLAG}=1 rewrites)"
