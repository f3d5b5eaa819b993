"""The wheel a user installs carries every built-in routine, and coach finds them there."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_every_builtin_routine_inside_the_package(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("coach-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        name.removeprefix("coach/exercises/")
        for name in names
        if name.startswith("coach/exercises/")
    }
    assert shipped == {path.name for path in (ROOT / "exercises").glob("*.toml")}
    assert "coach/tui/coach.tcss" in names or not (ROOT / "coach/tui/coach.tcss").exists()
    assert not any(name.startswith("tests/") for name in names)
