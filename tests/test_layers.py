"""Import hygiene: every core module loads in a fresh interpreter without Textual, Rich or Typer."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import coach.core

CORE_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(coach.core.__path__, prefix="coach.core.")
)


def test_the_core_has_modules_to_check() -> None:
    # If the walk found nothing, the test below would pass without checking anything.
    assert {"coach.core.engine", "coach.core.store.files", "coach.core.index"} <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_a_core_module_imports_nothing_that_draws(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'typer'})\n"
        "print(' '.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"
