"""Choose a routine: the ones used most recently first, the highlighted one's summary below."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowKey

from coach.core.discreet import PICKER_HEADING, routine_title
from coach.core.history import recently_used
from coach.core.index import index_folder, newest_sessions
from coach.core.paths import Paths
from coach.core.routines import FIRST_TRY, Routine, catalogue, format_duration
from coach.core.words import counted
from coach.tui.screens.base import CoachScreen
from coach.tui.widgets.footer import KeyFooter

COLUMNS = ("name", "title", "time")
RECENT_SESSIONS = 30  # enough to order the routines someone uses; older ones keep their place
NEW_HERE = "new here? "


def ordered(routines: list[Routine], paths: Paths) -> tuple[list[Routine], bool]:
    """The routines used most recently first, the rest as found; with no history yet, the
    first try on top. Returns the routines and whether there is any history."""
    newest = newest_sessions(paths.sessions, index_folder(paths.data), RECENT_SESSIONS)
    recent = recently_used(newest)
    if not recent:
        recent = [FIRST_TRY]
    rank = {name: number for number, name in enumerate(recent)}
    chosen = sorted(routines, key=lambda r: rank.get(r.name, len(rank)))  # stable: rest keep order
    return chosen, recent != [FIRST_TRY]


def cell(value: str) -> Text:
    """Routine files are written by hand: show their words as written, never as markup."""
    return Text(value, no_wrap=True, end="")


class RoutineTable(DataTable[Text]):
    """One routine a row: name and time always whole, the title in the width left over."""

    # Enter as an ordinary binding of the table, not a priority one on the screen, so it acts
    # after the keys typed before it: down, down, enter opens the routine two rows down.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "open", key_display="enter"),
    ]

    def __init__(
        self,
        routines: list[Routine],
        *,
        new_here: bool = False,
        discreet: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.title_room = -1  # the width titles were last cut to
        # Discreet mode leaves out the names: a file name can say what a title does not.
        self.columns_shown = COLUMNS[1:] if discreet else COLUMNS
        for column in self.columns_shown:
            self.add_column(column, key=column)
        self.titles: dict[RowKey, str] = {}
        for routine in routines:
            title = routine_title(routine, discreet)
            if new_here and routine.name == FIRST_TRY:
                title = NEW_HERE + title
            cells = [cell(title), cell(format_duration(routine.total_seconds))]
            if not discreet:
                cells.insert(0, cell(routine.name))
            self.titles[self.add_row(*cells, key=routine.name)] = title

    def on_resize(self, event: events.Resize) -> None:
        self.fit_titles()

    def watch_show_vertical_scrollbar(self) -> None:
        self.fit_titles()  # a scrollbar appearing narrows the room for titles

    def fit_titles(self) -> None:
        """Cut titles that do not fit to the width left by the name and time columns."""
        whole = sum(
            max(cell_len(key), *(cell_len(str(value)) for value in self.get_column(key)))
            for key in self.columns_shown
            if key != "title"
        )
        padding = 2 * self.cell_padding * len(self.columns_shown)
        room = max(self.scrollable_content_region.width - padding - whole, cell_len("title"))
        if room == self.title_room:
            return
        self.title_room = room
        for row_key, title in self.titles.items():
            text = cell(title)
            text.truncate(room, overflow="ellipsis")
            self.update_cell(row_key, "title", text, update_width=True)


class PickerScreen(CoachScreen):
    """A list of routines; Enter opens the chosen one's preview."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "quit"),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("h", "keys", "help", show=False),  # as on the screens where ? is a guide
    ]

    def __init__(self, paths: Paths) -> None:
        super().__init__()
        self.paths = paths
        self.found = catalogue(paths.routines)
        self.routines, self.has_history = ordered(list(self.found), paths)

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static("coach", id="brand")
            heading = PICKER_HEADING if self.coach.discreet else "Choose a routine"
            yield Static(heading, id="routine-title")
        with Vertical(id="picker"):
            if self.routines:
                yield RoutineTable(
                    self.routines,
                    new_here=not self.has_history,
                    discreet=self.coach.discreet,
                    id="routines",
                )
                yield Static(self._summary(0), id="routine-summary", markup=False)
            else:
                yield Static("No routines were found.", classes="empty")
            yield Static(self._footnote(), id="footnote", markup=False)
        yield KeyFooter()

    def _footnote(self) -> str:
        lines = [f"Your own routines go in {self.paths.routines}"]
        count = len(self.found.problems)
        if count:
            unread = counted(count, "routine file")
            lines.append(
                f"{unread} could not be read; coach routines names them, "
                "and coach routines check FILE shows why."
            )
        return "\n".join(lines)

    def _summary(self, row: int) -> str:
        routine = self.routines[row]
        steps = counted(len(routine.steps), "step")
        if self.coach.discreet:  # a summary names the body: the preview's ? shows it
            return f"{routine_title(routine, True)}: {steps}."
        return routine.summary or f"{routine.title}: {steps}."

    @on(DataTable.RowHighlighted, "#routines")
    def show_summary(self, event: DataTable.RowHighlighted) -> None:
        self.query_one("#routine-summary", Static).update(self._summary(event.cursor_row))

    @on(DataTable.RowSelected, "#routines")
    def open_routine(self, event: DataTable.RowSelected) -> None:
        self.coach.open_preview(self.routines[event.cursor_row])
