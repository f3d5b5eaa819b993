"""`coach safety`: the safety text and the support list, printed for a person to read."""

from __future__ import annotations

import sys
import textwrap
from typing import TextIO

from coach.core.paths import Paths
from coach.core.safety import LEARN_LINE, safety_sections
from coach.views.console import console_for


def run_safety(paths: Paths, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """``coach safety``: print the safety text and the support list; returns the exit code."""
    from rich.text import Text

    from coach.core.config import load_config  # here: the first frame of a session needs none of it

    out = stdout or sys.stdout
    err = stderr or sys.stderr
    config = load_config(paths.config_file)
    for warning in config.warnings:
        err.write(f"{warning}\n")
    console = console_for(out)
    sections = safety_sections(
        config.support, problems=config.warnings, custom=config.custom_support
    )
    for number, section in enumerate(sections):
        if number:
            console.print()
        console.print(Text(section.title, style="bold"))
        console.print(Text(section.intro))
        for point in section.points:
            # A hanging indent, so a wrapped point still reads as one point.
            wrapped = textwrap.fill(
                point, console.width - 1, initial_indent="  - ", subsequent_indent="    "
            )
            console.print(Text(wrapped))
    console.print()
    where = "Your list is kept in" if config.custom_support else "You can change this list in"
    console.print(Text(where, style="dim"))
    # On its own line and never wrapped, so the path can be copied whole.
    console.print(Text(f"  {paths.config_file}", style="dim"), soft_wrap=True)
    console.print(
        Text("with [[support]] entries: name, contact and an optional note.", style="dim")
    )
    console.print()
    console.print(Text(LEARN_LINE))
    return 0
