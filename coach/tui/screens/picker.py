"""Choose a routine: name, title and total time of every routine found."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Static

from coach.paths import Paths
from coach.routines import Routine, catalogue, format_duration
from coach.tui.screens.base import CoachScreen


class PickerScreen(CoachScreen):
    """A list of routines; Enter opens the chosen one's preview."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "open", key_display="enter", priority=True),
        Binding("q", "app.quit", "quit"),
        Binding("question_mark", "help", "help", key_display="?"),
    ]

    def __init__(self, paths: Paths) -> None:
        super().__init__()
        self.paths = paths
        self.found = catalogue(paths.routines)
        self.routines: list[Routine] = list(self.found)

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static("coach", id="brand")
            yield Static("Choose a routine", id="routine-title")
        with Vertical(id="picker"):
            if self.routines:
                table: DataTable[str] = DataTable(
                    id="routines", cursor_type="row", zebra_stripes=False
                )
                table.add_columns("name", "title", "time")
                for routine in self.routines:
                    table.add_row(
                        routine.name,
                        routine.title,
                        format_duration(routine.total_seconds),
                        key=routine.name,
                    )
                yield table
            else:
                yield Static("No routines were found.", classes="empty")
            yield Static(self._footnote(), id="footnote")
        yield Footer()

    def _footnote(self) -> str:
        lines = [f"Your own routines go in {self.paths.routines}"]
        count = len(self.found.problems)
        if count:
            files = "file" if count == 1 else "files"
            lines.append(f"{count} routine {files} could not be read; coach routines says why.")
        return "\n".join(lines)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return bool(self.routines)
        return True

    def action_open(self) -> None:
        table = self.query_one("#routines", DataTable)
        self.coach.open_preview(self.routines[table.cursor_row])

    def action_help(self) -> None:
        from coach.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
