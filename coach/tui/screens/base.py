"""What every full screen of the app shares: a typed way back to the app, and the keys of
a screen with a guide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


class CoachScreen(Screen[None]):
    """A screen of the coach app."""

    @property
    def coach(self) -> CoachApp:
        from coach.tui.app import CoachApp  # here, not at the top: the app imports screens

        assert isinstance(self.app, CoachApp)
        return self.app

    def action_help(self) -> None:
        """?: the keys, and what the bell and the gauge mean."""
        self.open_help()

    def action_keys(self) -> None:
        """h, in discreet mode, where ? shows the guide: the same help."""
        self.open_help()

    def open_help(self) -> None:
        from coach.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(discreet=self.coach.discreet))


# A screen with a guide (the preview, the session) binds ? to "help" and adds these. In
# discreet mode ? shows the guide, and the footer says so; help moves to h, and says so too.
# The footer shows a binding only while ``check_action`` allows its action, so each mode
# shows the keys it has: "? help", or "? guide" and "h help".
GUIDE_KEYS = (
    Binding("question_mark", "guide", "guide", key_display="?"),
    Binding("h", "keys", "help"),
)


def guide_keys_allow(action: str, discreet: bool) -> bool:
    """Whether ``action`` is live: ? is help without discreet mode, the guide with it."""
    if action in ("guide", "keys"):
        return discreet
    if action == "help":
        return not discreet
    return True
