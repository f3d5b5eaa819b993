"""A routine before it starts: what it is, its steps and times, and what to know for safety.

Before trainer or finger practice, the reasons to wait are shown here, where it starts.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from coach.core.discreet import GUIDE_HINT, routine_title, step_title
from coach.core.routines import Routine, Trainer, describe_step, format_duration
from coach.core.safety import SAFETY_LINE, reasons_to_wait
from coach.core.words import counted
from coach.tui.screens.base import GUIDE_KEYS, CoachScreen, guide_keys_allow
from coach.tui.widgets.footer import KeyFooter


def steps_table(routine: Routine, discreet: bool = False) -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(justify="right", style="dim")
    table.add_column(no_wrap=True, overflow="ellipsis")
    table.add_column(ratio=1, style="dim", no_wrap=True, overflow="ellipsis")
    table.add_column(justify="right")
    for number, step in enumerate(routine.steps, start=1):
        table.add_row(
            str(number),
            Text(step_title(step, discreet)),  # shown as written, never read as markup
            "" if discreet else describe_step(step),
            format_duration(step.planned_seconds),
        )
    return table


class PreviewScreen(CoachScreen):
    """Title, summary, caution, steps, total; Enter starts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "start", key_display="enter", priority=True),
        Binding("escape", "back", "back", key_display="esc"),
        Binding("q", "app.quit", "quit"),
        Binding("question_mark", "help", "help", key_display="?"),
        *GUIDE_KEYS,
    ]

    def __init__(self, routine: Routine, *, from_picker: bool) -> None:
        super().__init__()
        self.routine = routine
        self.from_picker = from_picker
        self.revealed = False  # discreet mode: ? shows the guide (summary, note, step names)

    @property
    def discreet(self) -> bool:
        """Neutral words only, until ``?`` asks for the guide."""
        return self.coach.discreet and not self.revealed

    def compose(self) -> ComposeResult:
        routine = self.routine
        title = routine_title(routine, self.discreet)
        with Horizontal(id="topbar"):
            yield Static("coach", id="brand")
            yield Static(title, id="routine-title", markup=False)
        with VerticalScroll(id="preview"):
            yield Static(title, id="preview-title", markup=False)
            if self.discreet:
                # The summary and the routine's own note name the body: say a note exists.
                hint = "This practice has a note for you. " if routine.caution else ""
                yield Static(hint + GUIDE_HINT, id="summary-text", markup=False)
            elif routine.summary:
                yield Static(routine.summary, id="summary-text", markup=False)
            if any(isinstance(step, Trainer) for step in routine.steps):
                # In discreet mode too: the reasons to wait are safety, which comes first.
                yield Static(reasons_to_wait(), id="wait", markup=False)
            if routine.caution and not self.discreet:
                yield Static(f"Please note: {routine.caution}", id="caution", markup=False)
            yield Static(steps_table(routine, self.discreet), id="steps")
            yield Static(
                f"Total {format_duration(routine.total_seconds)}, "
                + counted(len(routine.steps), "step"),
                id="total",
            )
        yield Static(SAFETY_LINE, id="safety")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.from_picker
        return guide_keys_allow(action, self.coach.discreet)

    def action_start(self) -> None:
        self.coach.start(self.routine)

    def action_back(self) -> None:
        self.dismiss(None)

    async def action_guide(self) -> None:
        """Discreet mode: ? shows the summary, notes and step names, and hides them again."""
        self.revealed = not self.revealed
        await self.recompose()
