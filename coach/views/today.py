"""``coach`` with no command: today, in a few calm lines."""

from __future__ import annotations

import re
import sys
import textwrap
from datetime import date
from typing import TextIO

from coach.core.paths import Paths

MENU_ROW = re.compile(r"^(  \S+(?: \S+)*\s{2,})(\S.*)$")  # the command, then what it does


def run_today(
    paths: Paths,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: date | None = None,
) -> int:
    """Print the today screen; returns the exit code (0, unless the data folder is locked and
    could not be opened: then nothing private is shown)."""
    from rich.text import Text

    from coach.core.discreet import discreet_mode
    from coach.core.history import today_for_views
    from coach.core.today import gather, today_lines
    from coach.views.console import console_for
    from coach.views.passphrase import StaysLocked, identity_for_reading

    try:
        identity = identity_for_reading(paths, stderr or sys.stderr)
    except StaysLocked as stop:
        return stop.code
    console = console_for(stdout or sys.stdout)  # wraps at spaces in a narrow terminal
    discreet = discreet_mode(paths.config_file)
    for line in today_lines(gather(paths, today or today_for_views(), identity, discreet=discreet)):
        if menu := MENU_ROW.match(line):  # "  coach log      your history": a hanging indent
            indent = " " * len(menu.group(1))
            console.print(Text(textwrap.fill(line, console.width, subsequent_indent=indent)))
        else:
            console.print(Text(line))
    return 0
