"""The trainer ladder: what was used, history per size, an honest next-size suggestion (pure core).

The rungs, smallest first, are: finger, tampon, trainer sizes 1 to 4. The leaflets describe
two routes that meet here: fingers, then a tampon once a finger is comfortable; and a set of
four trainers, smallest first, "moving on to the second size and so on". They also say
fingers can be used *instead of* trainers. So the ladder is one order for showing history
and noticing a step back down, but from a finger the next options are a tampon *or* the
smallest trainer, and nobody has to start at the bottom: starting at trainer size 1 is fine.

The suggestion rule is clinical.md's app default, not a clinical rule: after 3 sessions in a
row at the current rung with peak pain <= 2 and peak anxiety <= 3, *offer* the next rung.
It is only ever an option; coach never moves anyone up. A session without both peak
ratings is not counted as comfortable (coach cannot tell), so it ends the run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from coach.core.history import SessionSummary
from coach.core.records import TRAINER_DEPTHS, TRAINER_SIZES, TrainerReport

STREAK_NEEDED = 3  # clinical.md: 3 sessions in a row at the same size
MAX_PEAK_PAIN = 2  # ... with peak pain <= 2/10
MAX_PEAK_ANXIETY = 3  # ... and peak anxiety <= 3/10
RECENT = 5  # how many recent sessions `coach trainer` lists
MAX_MINUTES = 60  # same limit as a trainer step in a routine


@dataclass(frozen=True)
class Rung:
    """One rung: a finger, a tampon, or a trainer of size 1-4."""

    used: str
    size: int | None = None

    @property
    def label(self) -> str:
        return f"trainer size {self.size}" if self.used == "trainer" else self.used

    @property
    def position(self) -> int:
        return RUNGS.index(self)


RUNGS: tuple[Rung, ...] = (
    Rung("finger"),
    Rung("tampon"),
    *(Rung("trainer", size) for size in TRAINER_SIZES),
)


def rung_of(report: TrainerReport) -> Rung | None:
    """The rung a report is about, or None when it does not say (or says something unknown)."""
    rung = Rung(report.used or "", report.size if report.used == "trainer" else None)
    return rung if rung in RUNGS else None


def next_options(rung: Rung) -> tuple[Rung, ...]:
    """What could come after ``rung``: from a finger, a tampon or the smallest trainer."""
    if rung == Rung("finger"):
        return (Rung("tampon"), Rung("trainer", 1))
    later = RUNGS[rung.position + 1 :]
    return later[:1]


@dataclass(frozen=True)
class Attempt:
    """One session's practice at one rung (several steps at the same rung are combined)."""

    started_at: datetime
    rung: Rung
    minutes: float
    report: TrainerReport  # the ratings, merged when the rung was used more than once

    @property
    def comfortable(self) -> bool:
        """Peak pain and peak anxiety both rated and both within the suggestion rule."""
        pain, anxiety = self.report.pain_peak, self.report.anxiety_peak
        return (
            pain is not None
            and anxiety is not None
            and pain <= MAX_PEAK_PAIN
            and anxiety <= MAX_PEAK_ANXIETY
        )


def _first(*values: int | None) -> int | None:
    return next((v for v in values if v is not None), None)


def _peak(*values: int | None) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _furthest(a: str | None, b: str | None) -> str | None:
    known = [d for d in (a, b) if d in TRAINER_DEPTHS]
    return max(known, key=TRAINER_DEPTHS.index) if known else (a or b)


def _merge(first: Attempt, then: Attempt) -> Attempt:
    a, b = first.report, then.report
    spotting = None if a.spotting is None and b.spotting is None else bool(a.spotting or b.spotting)
    report = TrainerReport(
        used=a.used,
        size=a.size,
        depth=_furthest(a.depth, b.depth),
        pain_before=_first(a.pain_before, b.pain_before),
        pain_peak=_peak(a.pain_peak, b.pain_peak),
        pain_after=_first(b.pain_after, a.pain_after),
        anxiety_before=_first(a.anxiety_before, b.anxiety_before),
        anxiety_peak=_peak(a.anxiety_peak, b.anxiety_peak),
        anxiety_after=_first(b.anxiety_after, a.anxiety_after),
        spotting=spotting,
    )
    return Attempt(first.started_at, first.rung, first.minutes + then.minutes, report)


def session_attempts(session: SessionSummary) -> list[Attempt]:
    """The rungs practised in one session, in the order reached; the last is its main rung.

    A warm-up with the previous size comes first (clinical.md), so the last rung used is
    the one the session was about.
    """
    if not session.trainer:
        return []
    found: dict[Rung, Attempt] = {}
    started_at = datetime.fromisoformat(session.started_at)
    for report in session.trainer:
        if (rung := rung_of(report)) is None:
            continue
        attempt = Attempt(started_at, rung, report.minutes or 0.0, report)
        if rung in found:
            attempt = _merge(found.pop(rung), attempt)
        found[rung] = attempt  # re-inserted, so the most recently used rung is last
    return list(found.values())


@dataclass(frozen=True)
class RungStats:
    """Sessions and minutes at one rung, and when it was last used."""

    rung: Rung
    sessions: int = 0
    minutes: float = 0
    last_used: datetime | None = None


@dataclass(frozen=True)
class Ladder:
    """Everything ``coach trainer`` shows, worked out from the sessions alone."""

    current: Rung | None
    rungs: tuple[RungStats, ...]
    recent: tuple[Attempt, ...]  # newest first: each session's main rung
    streak: int  # comfortable sessions in a row at the current rung, newest backwards
    offer: tuple[Rung, ...]  # next rungs offered as an option; empty when not offered
    stepped_down: bool  # the latest session used a smaller rung than the one before
    message: tuple[str, ...]  # the suggestion, as calm paragraphs


def build_ladder(sessions: Iterable[SessionSummary], recent: int = RECENT) -> Ladder:
    """The ladder from any sessions (in any order); only trainer check-ins count."""
    ordered = sorted(sessions, key=lambda s: s.timestamp)
    stats = {rung: RungStats(rung) for rung in RUNGS}
    main: list[Attempt] = []
    for session in ordered:
        attempts = session_attempts(session)
        for a in attempts:
            old = stats[a.rung]
            stats[a.rung] = RungStats(
                a.rung, old.sessions + 1, old.minutes + a.minutes, a.started_at
            )
        if attempts:
            main.append(attempts[-1])
    current = main[-1].rung if main else None
    streak = 0
    for attempt in reversed(main):
        if attempt.rung != current or not attempt.comfortable:
            break
        streak += 1
    offer = next_options(current) if current and streak >= STREAK_NEEDED else ()
    stepped_down = len(main) >= 2 and main[-1].rung.position < main[-2].rung.position
    ladder = Ladder(
        current=current,
        rungs=tuple(stats[r] for r in RUNGS),
        recent=tuple(reversed(main[-recent:])) if recent > 0 else (),
        streak=streak,
        offer=offer,
        stepped_down=stepped_down,
        message=(),
    )
    return replace(ladder, message=suggestion(ladder))


def rung_words(rung: Rung) -> str:
    """The rung as said in a sentence: "your finger", "a tampon", "trainer size 2"."""
    return (
        f"your {rung.used}"
        if rung.used == "finger"
        else ("a tampon" if rung.used == "tampon" else rung.label)
    )


def suggestion(ladder: Ladder) -> tuple[str, ...]:
    """The words under the ladder: always an option, never an instruction, never blame."""
    rule = f"peak pain {MAX_PEAK_PAIN} or less and peak anxiety {MAX_PEAK_ANXIETY} or less"
    current = ladder.current
    if current is None:
        return (
            "No trainer practice recorded yet. When you feel ready, coach relax "
            "trainer-practice guides a session and afterwards asks what you used and how it "
            "felt. There is no hurry.",
            "Before you start with trainers, check with a clinician; coach safety has more.",
        )
    lines: list[str] = []
    if ladder.stepped_down:
        lines.append(
            f"Last time you went back to {rung_words(current)}. Going back a size is part of the "
            "practice, and a kind thing to do when your body asks for it."
        )
    latest = ladder.recent[0] if ladder.recent else None
    if ladder.offer:
        options = " or ".join(rung_words(r) for r in ladder.offer)
        # clinical.md: warm up a few minutes with the previous size (a tampon is no size).
        warm_up = (
            ""
            if current.used == "tampon"
            else f", with a few minutes of {rung_words(current)} first as a warm-up"
        )
        lines.append(
            f"Ready to try something new? Your last {ladder.streak} sessions with "
            f"{rung_words(current)} felt comfortable ({rule}). If you like, you could try "
            f"{options} next time{warm_up}. "
            f"Staying with {rung_words(current)} for longer is just as good."
        )
        shallow = [
            a for a in ladder.recent[: ladder.streak] if a.report.depth in ("tip", "partial")
        ]
        if shallow:
            lines.append(f"Going a little further with {rung_words(current)} is another option.")
    elif ladder.streak >= STREAK_NEEDED:
        lines.append(
            f"Your last {ladder.streak} sessions with {rung_words(current)}, the largest size, "
            "felt comfortable. Keep practising for as long as it helps; what comes next, and "
            "when, is up to you."
        )
    else:
        lines.append(
            f"coach mentions a next size as an option after {STREAK_NEEDED} comfortable "
            f"sessions in a row ({rule}). So far: {ladder.streak} in a row with "
            f"{rung_words(current)}. Your own pace is the right pace."
        )
        if latest is not None and (
            latest.report.pain_peak is None or latest.report.anxiety_peak is None
        ):
            lines.append(
                "Your latest session has no peak pain or anxiety rating, so coach did not "
                "count it; the check-in after trainer practice asks for both."
            )
    return tuple(lines)
