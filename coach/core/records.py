"""Plain data for what a session leaves behind: step records, check-ins, rest days (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from coach.core.text import inert

SCHEMA_VERSION = 1

Outcome = Literal["done", "skipped", "partial"]
Status = Literal["completed", "stopped", "interrupted"]
RestReason = Literal["period", "sore", "tired", "other"]

OUTCOMES: tuple[Outcome, ...] = ("done", "skipped", "partial")
STATUSES: tuple[Status, ...] = ("completed", "stopped", "interrupted")
REST_REASONS: tuple[RestReason, ...] = ("period", "sore", "tired", "other")

TRAINER_USED = ("finger", "tampon", "trainer")
RATING_MAX = 10  # pain and anxiety are rated 0 (none, calm) to 10
TRAINER_DEPTHS = ("tip", "partial", "full")
TRAINER_SIZES = (1, 2, 3, 4)
# Sensate focus (clinical.md): four stages; a pause on intercourse of 4 weeks unless the
# couple choose another length from 2 to 12.
FOCUS_STAGES = 4
FOCUS_WEEKS = (2, 12)
FOCUS_WEEKS_DEFAULT = 4
# clinical.md "Responding to a check-in": light spotting can be normal, more is a reason to stop.
BLEEDING = ("none", "light spotting", "more than spotting")
# clinical.md "Vaginal trainers": comfortable "including with gentle movement and in
# different positions"; what else was tried with the same size, if anything.
TRIED = ("no", "movement", "position", "both")


@dataclass
class TrainerReport:
    """What the trainer check-in asked: what was used, how far, and how it felt."""

    used: str | None = None  # finger | tampon | trainer
    size: int | None = None  # 1-4, only when used == "trainer"
    depth: str | None = None  # tip | partial | full
    minutes: float | None = None
    pain_before: int | None = None
    pain_peak: int | None = None
    pain_after: int | None = None
    anxiety_before: int | None = None
    anxiety_peak: int | None = None
    anxiety_after: int | None = None
    tried: str | None = None  # no | movement | position | both
    bleeding: str | None = None  # none | light spotting | more than spotting
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys, kept on rewrite


@dataclass
class StepRecord:
    """One step reached during a session, in the order it was reached."""

    title: str
    type: str
    planned_seconds: float
    done_seconds: float
    outcome: Outcome
    trainer: TrainerReport | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.title = inert(self.title)  # read back from a file anyone could have edited


@dataclass
class Checkin:
    """The short check-in after a session; every field is optional."""

    pain: int | None = None
    anxiety: int | None = None
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # What was typed or pasted, minus anything that could steer a terminal later.
        self.note = _inert_note(self.note)


@dataclass
class PartnerCheckin:
    """One person's check-in after a sensate-focus session; every field is optional."""

    comfort: int | None = None  # 0 none ... 10 very comfortable
    anxiety: int | None = None  # 0 calm ... 10 very anxious
    stop_used: bool | None = None  # a stop is part of the practice, never counted against anyone
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.note = _inert_note(self.note)

    @property
    def answered(self) -> bool:
        return any(v is not None for v in (self.comfort, self.anxiety, self.stop_used, self.note))


@dataclass
class FocusRecord:
    """The sensate-focus part of a session: the stage it was in and each person's check-in."""

    stage: int | None = None  # the programme's stage then; None before a programme began
    solo: bool = False
    partners: list[PartnerCheckin] = field(default_factory=list)  # in the order they answered
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def people(self) -> int:
        """How many people check in: one on the solo track, else two."""
        return 1 if self.solo else 2


@dataclass
class StageChange:
    """A move to a stage, agreed on a day."""

    stage: int
    on: date


@dataclass
class FocusState:
    """The sensate-focus programme: the agreement and every stage it has been in."""

    weeks: int  # the agreed pause on intercourse
    began: date
    solo: bool
    history: list[StageChange]  # oldest first; the last is the current stage
    schema_version: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def stage(self) -> int:
        return self.history[-1].stage

    @property
    def stage_began(self) -> date:
        return self.history[-1].on


@dataclass
class Session:
    """One guided session as saved in its own TOML file."""

    routine: str
    routine_title: str
    started_at: datetime
    ended_at: datetime
    status: Status
    planned_seconds: float
    active_seconds: float
    steps: list[StepRecord] = field(default_factory=list)
    checkin: Checkin | None = None
    focus: FocusRecord | None = None  # only for a sensate-focus session
    schema_version: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.routine = inert(self.routine)
        self.routine_title = inert(self.routine_title)


@dataclass
class RestDay:
    """A rest day: part of the programme, not a gap."""

    day: date
    reason: RestReason
    recorded_at: datetime
    note: str | None = None
    schema_version: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.note = _inert_note(self.note)


def _inert_note(note: str | None) -> str | None:
    return None if note is None else inert(note, lines=True)


def parse_rating(text: str) -> int | None:
    """A 0-10 rating from what was typed; empty means "not answered". Raises ValueError."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 0 <= int(text) <= RATING_MAX:
        raise ValueError(f"not a whole number from 0 to {RATING_MAX}")
    return int(text)


def typed_checkin(answers: Mapping[str, str]) -> Checkin | None:
    """The check-in from what was typed for "pain", "anxiety" and "note": a rating that is
    not one is left out, as a blank one is; None when nothing is left."""

    def rating(key: str) -> int | None:
        try:
            return parse_rating(answers.get(key, ""))
        except ValueError:
            return None

    checkin = Checkin(rating("pain"), rating("anxiety"), answers.get("note", "").strip() or None)
    return None if checkin == Checkin() else checkin
