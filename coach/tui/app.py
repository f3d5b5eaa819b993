"""The ``coach relax`` app: one factory shared by the command line and the tests."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from coach.core.collector import resume_collector
from coach.core.cues import Cues, Launch, Voice, Which, find_voice
from coach.core.paths import Paths
from coach.core.routines import Routine

if TYPE_CHECKING:
    from coach.core.engine import Clock
    from coach.core.practice import Practice, WallClock
    from coach.core.records import Checkin, PartnerCheckin, TrainerReport

# XTWINOPS: keep the terminal's own title on its title stack while coach runs, then restore it.
PUSH_TITLE = "\x1b[22;2t"
POP_TITLE = "\x1b[23;2t"
SET_TITLE = "\x1b]2;coach\x07"
# The support list opens over any screen with this key: a control key, so that it never
# types into a check-in answer, and shown in every footer beside ^q.
SUPPORT_KEY = "ctrl+s"
FIND_SUPPORT = "Press ctrl+s at any time to see where to find support."
EXIT_GRACE = 3.0  # seconds Textual gets to restore the terminal after SIGTERM

# Dusk colours: soft blue and sage on a dark slate, amber only for "paused", nothing bright.
THEME = Theme(
    name="coach",
    primary="#8FB8C9",
    secondary="#A7C4A0",
    accent="#8FB8C9",
    foreground="#D9DEE4",
    background="#1E2328",
    surface="#262C33",
    panel="#313942",
    warning="#E0C48A",
    error="#D9A0A0",
    success="#A7C4A0",
    dark=True,
    variables={
        "footer-key-foreground": "#8FB8C9",
        "footer-description-foreground": "#B8C0C8",
        "block-cursor-background": "#313942",
        "block-cursor-foreground": "#D9DEE4",
        "block-cursor-text-style": "bold",
    },
)


class CoachApp(App[int]):
    """Picker, preview, session, check-in and summary for one routine."""

    TITLE = "coach"  # Textual never writes this to the terminal; run_tui sets it to the same
    SUB_TITLE = ""
    CSS_PATH = "coach.tcss"
    ENABLE_COMMAND_PALETTE = False
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (20, "-short"), (32, "-tall")]  # noqa: RUF012 (Textual's own type)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (50, "-wide")]  # noqa: RUF012 (Textual's own type)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "quit",
            key_display="^q",
            priority=True,
            tooltip="Quit at once; what you did is saved if it can be.",
        ),
        Binding(
            SUPPORT_KEY,
            "support",
            "support",
            key_display="^s",
            priority=True,
            tooltip="Where to find support; the session waits while it is open.",
        ),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        routine: Routine | None,
        paths: Paths,
        *,
        cues: Cues,
        clock: Clock = time.monotonic,
        now: WallClock | None = None,
        notice: str | None = None,
        handle_signals: bool = False,
        show_safety: bool | None = None,
        discreet: bool = False,
    ) -> None:
        super().__init__()
        self.discreet = discreet  # neutral words on every screen (coach.core.discreet)
        self.routine = routine
        self.paths = paths
        self.cues = cues
        self.clock = clock
        self.now = now  # None: the local time (the store is imported only when a session starts)
        self.notice = notice  # said once on the session screen, e.g. that no voice was found
        self.handle_signals = handle_signals
        self.show_safety = show_safety  # None: show the first-run safety screen until acknowledged
        self.practice: Practice | None = None
        self.checkin: Checkin | None = None  # the general check-in, once answered
        self.trainer: TrainerReport | None = None  # the trainer check-in, asked before it
        self.partners: list[PartnerCheckin] = []  # sensate focus: each person's, in order
        self.saved = False  # the final save (with the real status) has happened
        self.problem: str | None = None  # what went wrong with that save, if anything
        self.crashed = False
        self.farewell: str | None = None  # said on the way out, after the screen is restored
        # Our palette from the very first parse. Assigning ``self.theme`` would run its
        # watcher, which queues a second parse of every stylesheet and slows the first
        # frame by tens of milliseconds; ``set_reactive`` is Textual's way to set a
        # reactive in a constructor without its watcher, and the stylesheet is told the
        # new colours before it reads any file.
        self.register_theme(THEME)
        self.set_reactive(CoachApp.theme, THEME.name)
        self.stylesheet.set_variables(self.get_css_variables())

    # -- the flow ----------------------------------------------------------------

    def on_mount(self) -> None:
        self.push_screen(self._opening_screen())
        self.call_after_refresh(resume_collector)  # paused by the entry point for start-up
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(signum, self.end_by_signal, signum)

    def _opening_screen(self) -> Screen[None]:
        """The safety text on the first run, else the picker or the routine's preview."""
        if self.show_safety is None:
            from coach.core.safety import acknowledged

            self.show_safety = not acknowledged(self.paths)
        if self.show_safety:
            from coach.tui.screens.safety import SafetyScreen

            return SafetyScreen()
        return self._first_screen()

    def _first_screen(self) -> Screen[None]:
        # Only the first screen is imported before the first frame; the rest wait their turn.
        if self.routine is None:
            from coach.tui.screens.picker import PickerScreen

            return PickerScreen(self.paths)
        from coach.tui.screens.preview import PreviewScreen

        return PreviewScreen(self.routine, from_picker=False)

    def safety_seen(self) -> None:
        """Enter on the first-run safety screen: remember it, then go on to the routine."""
        from coach.core.safety import acknowledge

        acknowledge(self.paths)  # if it cannot be saved, the screen simply shows again next time
        self.show_safety = False
        self.switch_screen(self._first_screen())

    def on_unmount(self) -> None:
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGHUP):
                loop.remove_signal_handler(signum)

    def open_preview(self, routine: Routine) -> None:
        from coach.tui.screens.preview import PreviewScreen

        self.push_screen(PreviewScreen(routine, from_picker=True))

    def start(self, routine: Routine) -> None:
        """Enter on the preview: start the clock, write the first file, show the session."""
        from coach.core.practice import Practice, local_now
        from coach.tui.screens.session import SessionScreen

        self.routine = routine
        self.practice = Practice(routine, self.paths, clock=self.clock, now=self.now or local_now)
        self.practice.begin()  # the first write, before the first phase
        if self.practice.cannot_start_saving:
            from coach.core.practice import cannot_start
            from coach.tui.screens.cannot_save import CannotSaveScreen

            problem = self.practice.problem

            def answered(practise: bool | None) -> None:
                if practise:
                    self.start_unsaved(routine)
                else:
                    self.farewell = f"{cannot_start(problem)} Nothing was started."
                    self.practice = None
                    self.exit(return_code=1)

            self.push_screen(CannotSaveScreen(problem), answered)
            return
        notices = [n for n in (self.practice.notice, self.notice) if n]
        self.switch_screen(SessionScreen(self.practice, self.cues, " ".join(notices)))

    def start_unsaved(self, routine: Routine) -> None:
        """The person chose to practise although nothing can be saved: the clock starts now."""
        from coach.core.practice import Practice, local_now
        from coach.tui.screens.session import SessionScreen

        now = self.now or local_now
        self.practice = Practice(routine, self.paths, clock=self.clock, now=now, save=False)
        self.practice.begin()
        notice = "Practising without saving: nothing of this session will be kept."
        self.switch_screen(SessionScreen(self.practice, self.cues, notice))

    def goodbye(self) -> str | None:
        """What to say on the way out when the session is not on disk, whatever ended it."""
        if self.farewell is not None:
            return self.farewell
        if self.practice is None or self.practice.on_disk or self.crashed:
            return None  # a crash has already said whether it is saved
        if not self.practice.saving:
            return "This session was not saved, as you chose."
        from coach.core.practice import not_saved

        return not_saved(self.problem or self.practice.problem or "")

    def session_over(self) -> None:
        """The last step ended, or the user stopped: ask how it felt."""
        from coach.tui.screens.checkin import CheckinScreen

        self.cues.close()
        if self.practice is not None and self.practice.focus is not None:
            self.focus_next()
            return
        if self.practice is not None and self.practice.trainer_seconds:
            # Its questions first: pain and anxiety are asked there, once, for the session.
            from coach.tui.screens.trainer_checkin import TrainerCheckinScreen

            self.switch_screen(
                TrainerCheckinScreen(self.practice.trainer_minutes, discreet=self.discreet)
            )
            return
        self.switch_screen(CheckinScreen())

    def focus_next(self) -> None:
        """The next person's own check-in after a sensate-focus session."""
        from coach.tui.screens.focus import FocusCheckinScreen

        assert self.practice is not None and self.practice.focus is not None
        count = self.practice.focus.people
        self.switch_screen(FocusCheckinScreen(len(self.partners) + 1, count))

    def focus_answered(self, partner: PartnerCheckin) -> None:
        """One person is done: hand over to the next, or save with everyone's answers."""
        from coach.core.advice import WARM, partners_checkin
        from coach.core.practice import local_now
        from coach.tui.screens.focus import HandOverScreen
        from coach.tui.screens.summary import SummaryScreen

        assert self.practice is not None and self.practice.focus is not None
        self.partners.append(partner)
        if len(self.partners) < self.practice.focus.people:
            # Saved now too, so the first answers outlast anything that happens next.
            self.practice.finish(partners=self.partners)
            self.switch_screen(HandOverScreen())
            return
        if not self.saved:
            self.saved = True
            self.problem = self.practice.finish(partners=self.partners)
        from coach.core.focus import current_offer

        today = (self.now or local_now)().date()
        note = None if self.problem else current_offer(self.paths, today, discreet=self.discreet)
        reply = self._reply(partners_checkin(self.partners), None)
        if note:
            reply = (*(line for line in reply if line != WARM), note)
        self.switch_screen(
            SummaryScreen(self.practice, self.problem, reply, discreet=self.discreet)
        )

    def trainer_answered(self, trainer: TrainerReport | None) -> None:
        """The trainer check-in is done (None: skipped): the general one asks what is left,
        only a note when pain and anxiety were asked here."""
        from coach.tui.screens.checkin import CheckinScreen

        self.trainer = trainer
        self.switch_screen(CheckinScreen(ratings=trainer is None))

    def session_checkin(self) -> Checkin | None:
        """The session's check-in as answered so far, trainer peaks included."""
        from coach.core.trainer_checkin import session_checkin

        return session_checkin(self.trainer, self.checkin)

    def save(self, checkin: Checkin | None) -> None:
        """The check-in is done: save with the real status and both check-ins, then say
        goodbye warmly."""
        from coach.tui.screens.summary import SummaryScreen

        assert self.practice is not None
        self.checkin = checkin
        whole = self.session_checkin()
        if not self.saved:
            self.saved = True
            self.problem = self.practice.finish(whole, self.trainer)
        reply = self._reply(whole, self.trainer)
        self.switch_screen(
            SummaryScreen(self.practice, self.problem, reply, discreet=self.discreet)
        )

    def _reply(self, checkin: Checkin | None, trainer: TrainerReport | None) -> tuple[str, ...]:
        """The reply to the check-ins, in the same words as plain mode."""
        from coach.core.advice import checkin_reply
        from coach.core.config import load_config

        assert self.practice is not None
        return checkin_reply(
            checkin,
            trainer,
            trainer_practice=self.practice.trainer_seconds > 0,
            support=load_config(self.paths.config_file),
            find_support=FIND_SUPPORT,
        )

    def action_support(self) -> None:
        """Ctrl+S, on any screen: the support list over it, the session waiting meanwhile."""
        from coach.tui.screens.session import SessionScreen
        from coach.tui.screens.support import SupportScreen

        if isinstance(self.screen, SupportScreen):
            self.screen.dismiss(None)
            return
        screen = self.screen
        resume = screen.hold() if isinstance(screen, SessionScreen) else None
        self.push_screen(SupportScreen(self.paths), lambda _: resume() if resume else None)

    # -- leaving early -----------------------------------------------------------

    async def action_quit(self) -> None:
        """Ctrl+Q: leave at once, keeping what was done, answers typed so far included."""
        self.cues.close()
        self._keep_typed()
        if self.practice is not None and not self.saved:
            self.saved = True
            # A check-in already given stays, and so does each person's who has answered.
            self.problem = self.practice.finish(
                self.session_checkin(), self.trainer, partners=self.partners or None
            )
        if self.practice is None:
            self.farewell = NOTHING_TO_SAVE
        elif self.practice.on_disk:
            self.farewell = saved_line(self.practice, discreet=self.discreet)
        # else goodbye() says plainly that it is not on disk, and why
        self.exit(return_code=1 if self.problem else 0)

    def _keep_typed(self) -> None:
        """A check-in open and not yet saved gives what was typed in it so far."""
        from coach.tui.screens.checkin import Form

        if isinstance(self.screen, Form) and not self.saved:
            self.screen.keep_typed()

    def end_by_signal(self, signum: int = signal.SIGTERM) -> None:
        """SIGTERM or SIGHUP (the terminal closed): save, then go.

        Textual does not unmount on these signals, so this runs from the event loop's own
        signal handler. A session whose steps are all behind it keeps its real status.
        When the terminal has gone, Textual's shutdown can wait for it forever, so the
        process leaves on its own once the file is saved: at once after SIGHUP, and after
        a grace period for SIGTERM, where the terminal may still need restoring.
        """
        self.cues.close()
        self._keep_typed()
        if self.practice is not None and not self.saved:
            self.saved = True
            if self.practice.engine.status in ("finished", "stopped"):
                partners = self.partners or None
                self.practice.finish(self.session_checkin(), self.trainer, partners=partners)
            else:
                self.practice.interrupt()
        if not self.handle_signals:
            self.exit(return_code=1)  # under test: no real process to end
            return
        if signum == signal.SIGHUP:
            os._exit(1)
        self.exit(return_code=1)
        watchdog = threading.Timer(EXIT_GRACE, os._exit, (1,))
        watchdog.daemon = True
        watchdog.start()

    def _fatal_error(self) -> None:
        """An unexpected error: keep the session, and print a trace without local variables.

        Textual's own trace shows locals, which could include a note or a rating. Textual
        calls this private method for every unhandled error and has no public hook for one;
        a public ``App`` method called on an unhandled exception (or a switch to leave locals
        out of its trace) would let this override go. What it needs besides the hook is
        looked up as it runs, and the public ``exit`` carries the message.
        """
        if self.practice is not None and not self.saved:
            self.saved = True
            self.problem = self.practice.interrupt()
        if not self.crashed:  # one message, however many widgets fail after the first error
            self.crashed = True
            kept = self.practice is None or self.practice.on_disk
            error = getattr(self, "_exception", None)  # what Textual caught, where it keeps it
            problem = error if isinstance(error, BaseException) else None
            self.exit(return_code=1, message=Text(crash_message(problem, saved=kept)))


NOTHING_TO_SAVE = "Nothing needed saving: no session was started."


def saved_line(practice: Practice, *, discreet: bool = False) -> str:
    """The one line left on the terminal after Ctrl+Q: what was kept, never a note or rating
    (and in discreet mode, the routine's neutral title)."""
    from coach.core.discreet import routine_title
    from coach.core.routines import format_duration
    from coach.core.text import inert

    session = practice.session
    how = "the whole routine" if session.status == "completed" else "stopped early"
    answered = " and your check-in" if session.checkin is not None else ""
    title = routine_title(practice.routine, discreet)
    return (
        f"Saved: {inert(title)}, {format_duration(session.active_seconds)}, "
        f"{how}{answered}. coach log shows it."
    )


def crash_message(error: BaseException | None, *, saved: bool = True) -> str:
    """What to print when coach fails: the kind of error and where, never any values; and
    whether what was done is on disk, never claiming a save that did not happen."""
    from coach.core.crash import safe_crash_message

    kept = "What you did is saved." if saved else "What you did could not be saved."
    if error is None:
        return f"coach stopped because of an unexpected problem. {kept}"
    return f"{safe_crash_message(error)} {kept}"


def create_app(
    routine: Routine | None,
    paths: Paths,
    *,
    quiet: bool = False,
    voice: bool = False,
    clock: Clock = time.monotonic,
    now: WallClock | None = None,
    which: Which = shutil.which,
    launch: Launch | None = None,
    handle_signals: bool = False,
    show_safety: bool | None = None,
    discreet: bool = False,
) -> CoachApp:
    """The app, wired up: the command line and the tests both build it here."""
    speaker, notice = find_voice(voice, quiet=quiet, which=which)
    if speaker is not None and launch is not None:
        speaker = Voice(speaker.argv, launch)
    cues = Cues(voice=speaker)
    app = CoachApp(
        routine,
        paths,
        cues=cues,
        clock=clock,
        now=now,
        notice=notice,
        handle_signals=handle_signals,
        show_safety=show_safety,
        discreet=discreet,
    )
    if not quiet:
        cues.bell = lambda: app.bell()  # looked up at each ring, so tests can listen in
    return app


def run_tui(
    routine: Routine | None, paths: Paths, *, quiet: bool, voice: bool, discreet: bool = False
) -> int:
    """Run the full-screen session; returns the exit code."""
    app = create_app(
        routine, paths, quiet=quiet, voice=voice, handle_signals=True, discreet=discreet
    )
    if os.name == "posix":
        from coach.tui.driver import calm_driver

        app.driver_class = calm_driver()
    # The title goes straight to the terminal Textual draws on (its standard error), before
    # Textual starts and after it ends, so no other writer can cut into it.
    title_set = _terminal(PUSH_TITLE + SET_TITLE)
    app.run()
    if (farewell := app.goodbye()) is not None and sys.__stderr__ is not None:
        sys.__stderr__.write(farewell + "\n")  # Ctrl+Q, a signal or a crash: said plainly
    if title_set:
        _terminal(POP_TITLE)
    return app.return_code or 0


def _terminal(sequence: str) -> bool:
    """Write an escape sequence to the terminal; False if there is none to write to."""
    terminal = sys.__stderr__
    if terminal is None or not terminal.isatty():
        return False
    try:
        terminal.write(sequence)
        terminal.flush()
    except OSError:
        return False  # the terminal has gone (SIGHUP); there is no title left to restore
    return True
