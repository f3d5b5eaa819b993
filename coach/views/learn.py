"""`coach learn [TOPIC]`: short pages about vaginismus, kept as Markdown inside the package.

On a terminal a page is drawn with Rich's Markdown; anywhere else (a pipe, a file, a screen
reader) it is printed as the plain text it already is, without the heading's ``#``.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from importlib.resources import files
from typing import TextIO

# The order a newcomer might read them in; a page not named here follows, by name.
ORDER = (
    "vaginismus",
    "normal-size",
    "treatable",
    "gp",
    "therapy",
    "fingers-and-trainers",
    "partner",
)


@dataclass(frozen=True)
class Page:
    """One page: its topic (the file name), its title and one-line summary, and its text."""

    topic: str
    title: str
    summary: str
    text: str


def pages() -> tuple[Page, ...]:
    """Every page, in reading order. A page opens with ``# Title``, a blank line, a summary."""
    folder = files("coach") / "content" / "learn"
    found: dict[str, Page] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".md"):
            text = entry.read_text(encoding="utf-8")
            lines = text.splitlines()
            topic = entry.name.removesuffix(".md")
            found[topic] = Page(topic, lines[0].removeprefix("# "), lines[2], text)
    ordered = [t for t in ORDER if t in found] + sorted(set(found) - set(ORDER))
    return tuple(found[t] for t in ordered)


def unknown_topic(topic: str, topics: list[str]) -> str:
    """One calm sentence for a topic there is no page for, with the nearest one if any."""
    near = difflib.get_close_matches(topic.lower(), topics, n=1, cutoff=0.5)
    hint = f" Did you mean coach learn {near[0]}?" if near else ""
    return f"There is no page called {topic!r}.{hint} coach learn lists every page."


def run_learn(
    topic: str | None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """``coach learn``: the list of pages, or one page; returns the exit code."""
    from rich.markdown import Markdown
    from rich.table import Table
    from rich.text import Text

    from coach.views.console import console_for

    out = stdout or sys.stdout
    every = pages()
    console = console_for(out)  # no line ends in the spaces Rich pads a table with
    if topic is None:
        console.print(Text("Short pages to read at your own pace: coach learn TOPIC", style="bold"))
        console.print()
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        for page in every:
            table.add_row(page.topic, Text(f"{page.title}. {page.summary}"))
        console.print(table)
        return 0
    by_topic = {page.topic: page for page in every}
    chosen = by_topic.get(topic.strip().lower())
    if chosen is None:
        (stderr or sys.stderr).write(unknown_topic(topic, list(by_topic)) + "\n")
        return 1
    if console.is_terminal:
        console.print(Markdown(chosen.text))
    else:
        out.write(chosen.text.replace(f"# {chosen.title}", chosen.title, 1))
    return 0
