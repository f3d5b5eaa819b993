"""What every full screen of the app shares: a typed way back to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
