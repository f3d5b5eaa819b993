"""The trainer check-in: what was used, how far, how long, and how it felt."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.events import DescendantFocus
from textual.widgets import Footer, Input, Static

from coach.ladder import TRAINER_CHECKIN, CheckinError, asked, check_answer, trainer_report
from coach.tui.screens.base import CoachScreen
from coach.tui.screens.checkin import Field, LastField

KEYS = tuple(field.key for field in TRAINER_CHECKIN)


def _minutes(value: float) -> str:
    return f"{value:g}"


class TrainerCheckinScreen(CoachScreen):
    """One row per question; Enter moves on (past a question that does not apply) and saves
    on the last; Esc saves the session without these answers.

    Every answer is optional. Minutes left blank are the minutes the trainer step ran.
    """

    CSS_PATH = "checkin.tcss"  # its own rules, read when it first opens

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", "skip these questions", key_display="esc", priority=True),
    ]

    def __init__(self, minutes: float) -> None:
        super().__init__()
        self.minutes = minutes  # trainer practice guided this session, used when left blank
        self._field = KEYS[0]  # where Enter acts: focus itself moves only a moment later

    def compose(self) -> ComposeResult:
        with Vertical(id="trainer-checkin"):
            yield Static("About your trainer practice", id="checkin-title")
            yield Static("Every answer is optional; leave any of them blank.", id="trainer-intro")
            with Grid(id="trainer-grid"):
                for number, field in enumerate(TRAINER_CHECKIN):
                    not_asked = " -not-asked" if field.asked_when else ""
                    yield Static(
                        field.label, id=f"{field.key}-label", classes="field-name" + not_asked
                    )
                    hint = field.hint.replace("...", "…")
                    yield Static(hint, id=f"{field.key}-hint", classes="field-scale" + not_asked)
                    widest = max((len(c) for c in field.choices), default=5)
                    kind = LastField if number == len(TRAINER_CHECKIN) - 1 else Field
                    yield kind(
                        field.key,
                        max_length=widest,
                        placeholder=_minutes(self.minutes) if field.key == "minutes" else "",
                        disabled=field.asked_when is not None,
                    )
            yield Static("", id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self._move_to(KEYS[0])

    def _input(self, key: str) -> Input:
        return self.query_one(f"#{key}", Input)

    def answers(self) -> dict[str, str]:
        return {key: self._input(key).value for key in KEYS}

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        if event.widget.id in KEYS:
            self._field = event.widget.id

    def _move_to(self, key: str) -> None:
        self._field = key
        self._input(key).focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        answers = self.answers()
        for field in TRAINER_CHECKIN:  # "size" opens only once a trainer is named
            if field.asked_when is not None:
                skipped = not asked(field, answers)
                self._input(field.key).disabled = skipped
                for part in ("label", "hint"):
                    self.query_one(f"#{field.key}-{part}").set_class(skipped, "-not-asked")
        if event.input.id in KEYS:
            self._check(event.input.id)

    def _check(self, key: str) -> bool:
        """Whether ``key``'s answer is fine; when not, say so below the questions."""
        field = self._input(key)
        problem = check_answer(key, field.value) if not field.disabled else None
        field.set_class(problem is not None, "-invalid")
        if problem:
            self.query_one("#hint", Static).update(problem)
        elif not any(self._input(k).has_class("-invalid") for k in KEYS):
            self.query_one("#hint", Static).update("")
        return problem is None

    @on(Input.Submitted)
    def _enter(self) -> None:
        if not self._check(self._field):
            return  # stay here; the hint says why
        answers = self.answers()
        later = KEYS[KEYS.index(self._field) + 1 :]
        following = [f.key for f in TRAINER_CHECKIN if f.key in later and asked(f, answers)]
        if following:
            self._move_to(following[0])
        else:
            self.save()

    def save(self) -> None:
        answers = self.answers()
        try:
            report = trainer_report(answers, minutes=self.minutes)
        except CheckinError as error:
            key = next(iter(error.problems))
            self._check(key)
            self._move_to(key)
            return
        typed = any(answers[f.key].strip() for f in TRAINER_CHECKIN if asked(f, answers))
        self.coach.save_trainer(report if typed else None)

    def action_skip(self) -> None:
        self.coach.save_trainer(None)
