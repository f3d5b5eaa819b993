"""The guided session: what to do now, in big calm letters, on time to the second."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from coach.core.cues import Cues
from coach.core.discreet import GUIDE_HINT, routine_title, step_title
from coach.core.engine import State, trainer_breath
from coach.core.pacing import next_wake
from coach.core.practice import Practice
from coach.core.routines import format_duration
from coach.tui.screens.base import GUIDE_KEYS, CoachScreen, guide_keys_allow
from coach.tui.widgets.bigword import BigWord
from coach.tui.widgets.footer import KeyFooter
from coach.tui.widgets.gauge import Gauge
from coach.tui.widgets.progress import ProgressLine, clock_text

PAUSED_CUE = "Paused. Press space when you are ready to go on."


def countdown_text(seconds: float) -> str:
    """The big countdown: whole seconds rounded up, as ``m:ss`` from a minute on."""
    whole = max(math.ceil(seconds - 1e-9), 0)
    return str(whole) if whole < 60 else clock_text(whole)


def fit_lines(text: str, width: int, lines: int, console: Console) -> str:
    """``text`` wrapped to ``width`` cells in at most ``lines`` lines, ending with "…" if cut.

    Widths are terminal cells, not characters: a guide in Japanese, or with emoji, takes two
    cells a character, and a line without spaces folds where the cells run out.
    """
    if width < 1 or lines < 1:
        return text
    wrapped = [line.plain.rstrip() for line in Text(text).wrap(console, width, overflow="fold")]
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    if cell_len(last) > width - 1:  # make room for the "…"
        last = last.rsplit(" ", 1)[0] if " " in last else set_cell_size(last, width - 1)
    kept[-1] = last.rstrip(" ,;:.、。") + "…"
    return "\n".join(kept)


class SessionScreen(CoachScreen):
    """One step at a time: its title and guide, the phase, the countdown and the gauge."""

    CSS_PATH = "session.tcss"  # its own rules, read when it first opens

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause", "pause", key_display="space"),
        Binding("space", "resume", "resume", key_display="space"),
        Binding("n", "next_step", "next"),
        Binding("p", "previous_step", "back"),
        Binding("q", "stop", "stop"),
        Binding("question_mark", "help", "help", key_display="?"),
        *GUIDE_KEYS,
    ]
    # At a narrow width the footer lets these go first; stop, help and support always stay.
    # The guide's key goes before them: the screen itself says "Press ? to show the guide."
    FOOTER_DROP: ClassVar[tuple[str, ...]] = (
        "quit",
        "previous_step",
        "next_step",
        "pause",
        "resume",
        "guide",
    )

    def __init__(self, practice: Practice, cues: Cues, notice: str = "") -> None:
        super().__init__()
        self.practice = practice
        self.engine = practice.engine
        self.cues = cues
        self.notice = notice
        self._wake: asyncio.TimerHandle | None = None
        self._shown: dict[str, str] = {}
        self._over = False
        self._left_first_step = False  # the one-time notice is not shown again after it
        self.revealed = False  # discreet mode: ? shows the step's guide and cues
        self._fitted: tuple[tuple[str, int, int], str] = (("", 0, 0), "")
        # Kept at hand: the tick runs several times a second and should not search the DOM.
        self.guide = Static("", id="guide", markup=False)
        self.phase_word = BigWord(id="phase")
        self.countdown = Digits("", id="countdown")
        self.gauge = Gauge(id="gauge")
        self.progress = ProgressLine(id="progress")

    def compose(self) -> ComposeResult:
        routine = self.practice.routine
        with Horizontal(id="topbar"):
            yield Static("coach", id="brand")
            yield Static(
                routine_title(routine, self.coach.discreet), id="routine-title", markup=False
            )
            yield Static("", id="where")
        # The middle block sits centred in the room it has. Textual repaints every widget
        # whose container overlaps a change, so the gauge, which moves several times a
        # second, has a row of its own beside the upper and lower groups.
        with Vertical(id="middle"):
            with Vertical(id="upper"):
                # Routine text (and a save problem naming a path) is shown as written, never
                # read as markup: a physiotherapist's "[left side]" must not vanish or crash.
                yield Static("", id="step-title", markup=False)
                yield self.guide
                yield self.phase_word
                yield self.countdown
            with Vertical(id="gauge-row"):
                yield self.gauge
            with Vertical(id="lower"):
                yield Static("", id="count", markup=False)
                yield Static("", id="cue", markup=False)
        with Vertical(id="outlook"):
            yield Static("", id="next", markup=False)
            yield self.progress
            yield Static("", id="status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.tick()

    def on_resize(self, event: events.Resize) -> None:
        # The size class (tiny, short, tall) may have changed what fits: draw everything again
        # once the new styles apply.
        def redraw() -> None:
            self._shown.clear()
            self.show(self.engine.state())

        self.call_after_refresh(redraw)

    def on_unmount(self) -> None:
        if self._wake is not None:
            self._wake.cancel()

    # -- the clock ---------------------------------------------------------------

    def tick(self) -> None:
        """Re-read the timeline, cue any new phase, redraw what changed, and plan the next look.

        A step that just ended is saved only once the new phase is on screen: the cue never
        waits for the disk. Were that save lost (the screen closing first), the next look
        tries again, and leaving by any road saves everything.
        """
        if self._over:
            return
        entered = self.practice.tick()
        state = self.engine.state()
        self.cues.phases(entered)
        self.show(state)
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None
        if state.status == "finished":
            self._over = True
            self.cues.finished()
            self.practice.save_steps()  # the last step, before the check-in takes its time
            self.coach.session_over()
            return
        if self.practice.unsaved:
            self.call_after_refresh(self.save_steps)
        if (delay := next_wake(state)) is not None:
            # A bare event-loop timer that queues the tick as a message: Textual's own timer
            # costs a task and more per wake, and this runs several times a second.
            loop = asyncio.get_running_loop()
            self._wake = loop.call_later(delay, self.call_later, self.tick)

    def save_steps(self) -> None:
        """Save the step that just ended, and say so at once if it could not be saved."""
        if self.practice.unsaved:
            self.practice.save_steps()
            self._text("#status", self._status_text(self.engine.state().step_index))

    def show(self, state: State) -> None:
        """Put ``state`` on screen, touching only the widgets whose content changed."""
        paused = state.status == "paused"
        if paused != self.has_class("-paused"):
            self.set_class(paused, "-paused")  # restyles the whole screen: only on a change
        phase = state.phase
        steps = self.practice.routine.steps
        index = state.step_index
        self._text("#where", f"step {index + 1} of {len(steps)}")
        discreet = self.coach.discreet and not self.revealed
        self._text("#step-title", step_title(state.step, discreet))
        guide = GUIDE_HINT if discreet else state.step.guide
        self._text("#guide", self._fit_guide(guide), layout=True)
        countdown = countdown_text(state.phase_left)
        word = "Paused" if paused else phase.label
        if self.has_class("-tiny"):  # no room for the big countdown: it joins the phase line
            word = f"{word} · {countdown}"
        self.phase_word.update(word)
        self._digits(countdown)
        self.gauge.update(state.level)
        count = phase.count
        if phase.kind == "practice":
            count = "slow breathing: " + trainer_breath(state.phase_elapsed)[0].lower()
        self._text("#count", count)
        cue = "" if phase.cue == state.step.guide or discreet else phase.cue  # said once
        self._text("#cue", PAUSED_CUE if paused else cue)
        if index + 1 < len(steps):
            following = steps[index + 1]
            self._text(
                "#next",
                f"next  {step_title(following, discreet)}"
                f" · {format_duration(following.planned_seconds)}",
            )
        else:
            self._text("#next", "next  a short check-in, and then you are done")
        self.progress.update(state.total, state.total_left)
        self._text("#status", self._status_text(index))

    def _status_text(self, index: int) -> str:
        """A save problem, else the one-time notice while the first step lasts."""
        self._left_first_step = self._left_first_step or index > 0
        if problem := self.practice.problem:
            return f"Not saved yet: {problem} Saving will try again after this step."
        return "" if self._left_first_step else self.notice

    def _fit_guide(self, guide: str) -> str:
        """The guide in the lines it has room for, ending with "…" when a long one is cut."""
        key = (guide, self.guide.content_size.width, self._guide_lines())
        if self._fitted[0] != key:  # worked out once per step and size, not on every tick
            self._fitted = (key, fit_lines(*key, self.app.console))
        return self._fitted[1]

    def _guide_lines(self) -> int:
        """Lines for the guide: at most its box's, and no more than the middle of the screen
        can hold beside everything else in it, rows left empty below included."""
        box = self.guide.styles.max_height
        most = int(box.value) if box is not None and box.is_cells else 0
        middle = self.query_one("#middle")
        if not middle.size.height:
            return most  # not laid out yet: the resize that follows fits it again
        upper, lower = self.query_one("#upper"), self.query_one("#lower")
        spare = middle.content_size.height - (lower.region.bottom - upper.region.y)
        return max(1, min(most, self.guide.size.height + spare))

    def _text(self, selector: str, text: str, *, layout: bool = False) -> None:
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(text, layout=layout)

    def _digits(self, text: str) -> None:
        if self._shown.get("#countdown") != text:
            self._shown["#countdown"] = text
            self.countdown.update(text)

    # -- the keys ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        paused = self.engine.status == "paused"
        if action == "pause":
            return not paused
        if action == "resume":
            return paused
        return guide_keys_allow(action, self.coach.discreet)

    def action_pause(self) -> None:
        self.engine.pause()
        self._changed()

    def action_resume(self) -> None:
        self.engine.resume()
        self._changed()

    def action_next_step(self) -> None:
        self.engine.next_step()
        self._changed()

    def action_previous_step(self) -> None:
        self.engine.previous_step()
        self._changed()

    def action_stop(self) -> None:
        from coach.tui.screens.confirm import ConfirmStopScreen

        resume = self.hold()

        def answered(stop: bool | None) -> None:
            if stop:
                self.practice.stop()
                self._over = True
                self.coach.session_over()
            else:
                resume()

        practice = self.practice
        dialog = ConfirmStopScreen(saving=practice.saving, on_disk=practice.on_disk)
        self.app.push_screen(dialog, answered)

    def action_guide(self) -> None:
        """Discreet mode: ? shows the step's guide and cues, and hides them again."""
        self.revealed = not self.revealed
        self.show(self.engine.state())

    def open_help(self) -> None:
        from coach.tui.screens.help import HelpScreen

        resume = self.hold()
        screen = HelpScreen(during_session=True, discreet=self.coach.discreet)
        self.app.push_screen(screen, lambda _: resume())

    def hold(self) -> Callable[[], None]:
        """Pause while a dialog covers the session; the returned call picks up again."""
        was_running = self.engine.status == "running"
        self.engine.pause()
        self._changed()

        def resume() -> None:
            if was_running:
                self.action_resume()

        return resume

    def _changed(self) -> None:
        self.refresh_bindings()
        self.tick()
