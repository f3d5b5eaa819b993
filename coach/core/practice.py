"""One practice session from start to saved file: the engine plus the store (pure).

Both the TUI and plain mode drive a :class:`Practice`; it saves the session file as soon as
the session starts (as "interrupted"), again just after each finished step's first cue,
and once more at the end with the real status, so a crash loses at most the step in
progress (and, killed in the moment between a cue and its save, the step just ended).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from coach.core.engine import Clock, Engine, Phase
from coach.core.paths import Paths
from coach.core.records import (
    Checkin,
    FocusRecord,
    PartnerCheckin,
    Session,
    Status,
    StepRecord,
    TrainerReport,
)
from coach.core.routines import Routine
from coach.core.store.codec import SessionFileError
from coach.core.store.files import StoreError, clean_stray_temp_files, ensure_private_dir
from coach.core.store.sessions import SessionWriter

WallClock = Callable[[], datetime]


def local_now() -> datetime:
    """The current time with the local UTC offset, as saved in session files."""
    return datetime.now(UTC).astimezone()


def _focus_record(routine: Routine, paths: Paths) -> FocusRecord | None:
    from coach.core import focus

    if not focus.is_focus(routine):
        return None
    try:
        state = focus.load(paths)
    except SessionFileError:
        state = None  # coach focus names the problem; the session itself is kept all the same
    return focus.record_for(state, routine)


def cannot_start(problem: str | None) -> str:
    """Why no session can be saved, said before the first phase."""
    return f"coach cannot save sessions in that folder. {problem}"


def not_saved(problem: str) -> str:
    """The last word when the final save failed: plainly not on disk, and where it tried."""
    return f"This session is not saved on disk. {problem}"


class Practice:
    """Runs one routine and keeps its session file up to date."""

    def __init__(
        self,
        routine: Routine,
        paths: Paths,
        *,
        clock: Clock = time.monotonic,
        now: WallClock = local_now,
        save: bool = True,
    ) -> None:
        self.routine = routine
        self.saving = save  # False when the person chose to practise without saving
        self.paths = paths
        self.engine = Engine(routine, clock=clock)
        self._now = now
        self._started_at: datetime | None = None
        self._writer: SessionWriter | None = None
        self._attempted_steps = 0
        self._checkin: Checkin | None = None
        self._trainer: TrainerReport | None = None
        self._status: Status = "interrupted"
        self.focus = _focus_record(routine, paths)  # None unless it is a sensate-focus routine
        self.finished = False  # the last save, with the real status, has been made (or tried)
        self.problem: str | None = None  # the latest save problem, for a quiet line on screen
        self.notice: str | None = None  # something to tell the user once (modes tightened)

    @property
    def path(self) -> str | None:
        return str(self._writer.path) if self._writer else None

    @property
    def on_disk(self) -> bool:
        """Whether the session, as it was last saved, is really on disk."""
        return self._writer is not None and not self._writer.pending

    @property
    def cannot_start_saving(self) -> bool:
        """The first write failed: nothing of this session can be saved where it is."""
        return self.saving and self._writer is None and self.problem is not None

    @property
    def trainer_seconds(self) -> float:
        """Seconds of trainer practice guided in this session; the trainer check-in asks
        its questions only when there were some."""
        return sum(r.done_seconds for r in self.engine.records if r.type == "trainer")

    @property
    def trainer_minutes(self) -> float:
        """The same, in minutes to one decimal, as the trainer check-in offers it."""
        return round(self.trainer_seconds / 60, 1)

    @property
    def session(self) -> Session:
        """The session as it would be saved now."""
        started = self._started_at or self._now()
        steps = [
            StepRecord(
                title=r.title,
                type=r.type,
                planned_seconds=r.planned_seconds,
                done_seconds=round(r.done_seconds, 3),
                outcome=r.outcome,
            )
            for r in self.engine.records
        ]
        if self._trainer is not None:
            for record in reversed(steps):
                if record.type == "trainer":
                    record.trainer = self._trainer
                    break
        return Session(
            routine=self.routine.name,
            routine_title=self.routine.title,
            started_at=started,
            ended_at=max(self._now().replace(microsecond=0), started),  # whole seconds, as started
            status=self._status,
            planned_seconds=self.routine.total_seconds,
            active_seconds=round(sum(r.done_seconds for r in self.engine.records), 3),
            steps=steps,
            checkin=self._checkin,
            focus=self.focus,
        )

    def begin(self) -> str | None:
        """Start the clock and write the first file; return a problem sentence, if any.

        A problem here means nothing can be saved (see :attr:`cannot_start_saving`): callers
        say so before the first phase and offer to practise without saving, or to quit.
        """
        self.engine.start()
        self._started_at = self._now().replace(microsecond=0)
        if not self.saving:
            return None
        try:
            if ensure_private_dir(self.paths.sessions, root=self.paths.data):
                self.notice = (
                    f"Your data folder {self.paths.data} was readable by others; "
                    "it is now private to you."
                )
            clean_stray_temp_files(self.paths.sessions)
        except (OSError, StoreError):
            pass  # the save below reports the same problem in one sentence
        return self._save()

    def tick(self) -> list[Phase]:
        """Catch up with the clock; returns the phases entered, for the caller to cue.

        Nothing is written here: cue the phases first, then call :meth:`save_steps`, so a
        slow disk never holds back the bell, the voice or the new phase on screen.
        """
        return self.engine.poll()

    @property
    def unsaved(self) -> bool:
        """A step ended (or was left) since the last save was tried."""
        return len(self.engine.records) != self._attempted_steps

    def save_steps(self) -> str | None:
        """Save if a step ended since the last try; returns the save problem, if any.

        A failed save is retried at the next step's end, not on every look at the clock.
        """
        if self.unsaved:
            self._save()
        return self.problem

    def stop(self) -> None:
        """End the guided part early: the clock stops now, and the step in progress is kept
        (as partial) and saved before the check-in, however long that takes."""
        self.engine.stop()
        self.save_steps()

    def finish(
        self,
        checkin: Checkin | None = None,
        trainer: TrainerReport | None = None,
        partners: list[PartnerCheckin] | None = None,
    ) -> str | None:
        """Save for the last time with the real status: completed, or stopped if ended early.
        ``partners`` are the sensate-focus check-ins, one per person, in the order they came."""
        if self.engine.status in ("running", "paused", "ready"):
            self.engine.stop()
        self._status = "completed" if self.engine.status == "finished" else "stopped"
        self.finished = True
        self._checkin = checkin
        self._trainer = trainer
        if self.focus is not None and partners is not None:
            self.focus.partners = partners if any(p.answered for p in partners) else []
        return self._last_save()

    def quit_now(self) -> str | None:
        """Ctrl+Q: stop at once and keep what was done."""
        return self.finish()

    def interrupt(self) -> str | None:
        """The terminal closed or the process was told to end: keep what was done, the step
        in progress included (as partial), and save it as interrupted."""
        self.engine.stop()  # does nothing once the guided part is over
        self._status = "interrupted"
        return self._last_save()

    def save_elsewhere(self, folder: str) -> str | None:
        """Save the finished session in another data folder that already exists (a drive
        just plugged in, say); None when saved there, else one sentence saying why not."""
        from coach.core.paths import DataDirError, named_data_dir

        if not folder.strip():
            return "Type the folder to save in."
        try:
            data = named_data_dir(folder, "The folder")
        except DataDirError as error:
            return str(error)
        self.paths = Paths(data=data, config=self.paths.config)
        self._writer = None
        self.saving = True
        return self._last_save()

    def _last_save(self) -> str | None:
        """The final save; once it is on disk the session is no longer in progress."""
        problem = self._save()
        if problem is None and self._writer is not None:
            self._writer.done()
        return problem

    def _save(self) -> str | None:
        if not self.saving:
            return None
        session = self.session
        self._attempted_steps = len(session.steps)
        try:
            if self._writer is None:
                self._writer = SessionWriter.begin(self.paths.sessions, session)
                self.problem = None
                if session.status != "interrupted":  # begin writes "interrupted" first
                    self.problem = self._writer.save(session)
            else:
                self.problem = self._writer.save(session)
        except StoreError as error:
            self.problem = str(error)
        return self.problem
