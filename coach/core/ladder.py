"""Trainer practice over time: what was used, history for each, and options offered (pure core).

What can be used: a finger, a tampon, or a trainer of size 1 to 4. These are two paths
side by side, not one ladder: the leaflets offer fingers *instead of* trainers, and a
tampon once a finger is comfortable; an adult finger is often wider than the smallest
trainer. So the finger path is never "below" trainer size 1, and moving between fingers and
trainers is never called going back. Only a smaller trainer size after a larger one is a
step back, and even that is welcomed.

The rule is clinical.md's app default (revised), not a clinical rule: a size counts as
comfortable after 3 sessions with it, on 3 *different days*, each at *full* depth, with
peak pain <= 2 and peak anxiety <= 3. Then coach *offers*, first, more with the same size
(staying in longer, gentle movement, another position) and, as another option, the next
size. Nothing is ever decided for anyone, and no count of sessions is ever shown: a
countdown to a target feeds the performance anxiety that keeps vaginismus going.

Which sessions count: those with the size since it was last uncomfortable (peak pain above
2 or peak anxiety above 3), and, for a trainer, since a larger size was last used. A session
at tip or partial depth, or without both peak ratings, neither counts nor undoes the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal, NamedTuple

from coach.core.history import Practice
from coach.core.records import BLEEDING, TRAINER_DEPTHS, TRAINER_SIZES, TrainerReport

DAYS_NEEDED = 3  # clinical.md: 3 sessions on 3 different days
MAX_PEAK_PAIN = 2  # ... each with peak pain <= 2/10
MAX_PEAK_ANXIETY = 3  # ... and peak anxiety <= 3/10
FULL_DEPTH = TRAINER_DEPTHS[-1]  # ... and at full depth
RECENT = 5  # how many recent sessions `coach trainer` lists


class Tool(NamedTuple):
    """What was used: a finger, a tampon, or a trainer of size 1-4.

    A tuple, not a dataclass: the ladder hashes and compares one per session of a long history."""

    used: str
    size: int | None = None

    @property
    def label(self) -> str:
        return f"trainer size {self.size}" if self.used == "trainer" else self.used

    @property
    def the(self) -> str:
        """The label inside a sentence: "your finger", "a tampon", "trainer size 2"."""
        return {"finger": "your finger", "tampon": "a tampon"}.get(self.used, self.label)


TOOLS: tuple[Tool, ...] = (
    Tool("finger"),
    Tool("tampon"),
    *(Tool("trainer", size) for size in TRAINER_SIZES),
)


_TOOL_OF = {(tool.used, tool.size): tool for tool in TOOLS}


def tool_of(report: TrainerReport) -> Tool | None:
    """What a report is about, or None when it does not say (or says something unknown)."""
    return _TOOL_OF.get((report.used or "", report.size if report.used == "trainer" else None))


def next_tool(tool: Tool) -> Tool | None:
    """The next step on the same path: a tampon after a finger, the next trainer size."""
    if tool == Tool("finger"):
        return Tool("tampon")
    if tool.used == "trainer" and tool.size is not None and tool.size < TRAINER_SIZES[-1]:
        return Tool("trainer", tool.size + 1)
    return None


def stepped_back(before: Tool, after: Tool) -> bool:
    """A smaller trainer size after a larger one; nothing else is a step back."""
    return (
        before.used == after.used == "trainer"
        and before.size is not None
        and after.size is not None
        and after.size < before.size
    )


class Attempt(NamedTuple):
    """One session's practice with one tool (several steps with the same tool are combined).

    A tuple, not a dataclass: ``coach trainer`` makes one per session of a long history."""

    started_at: datetime
    day: str  # the day as the person lived it, YYYY-MM-DD
    tool: Tool
    minutes: float
    report: TrainerReport  # the ratings, merged when the tool was used more than once

    @property
    def rated(self) -> bool:
        return self.report.pain_peak is not None and self.report.anxiety_peak is not None

    @property
    def uncomfortable(self) -> bool:
        """Peak pain or peak anxiety above the rule's limits."""
        pain, anxiety = self.report.pain_peak, self.report.anxiety_peak
        return (pain is not None and pain > MAX_PEAK_PAIN) or (
            anxiety is not None and anxiety > MAX_PEAK_ANXIETY
        )

    @property
    def counts(self) -> bool:
        """Full depth, both peaks rated, and both within the rule."""
        return self.report.depth == FULL_DEPTH and self.rated and not self.uncomfortable


def _first(*values: int | None) -> int | None:
    return next((v for v in values if v is not None), None)


def _peak(*values: int | None) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _most(choices: tuple[str, ...], a: str | None, b: str | None) -> str | None:
    """The later of two answers in ``choices`` order (the deeper, the more bleeding)."""
    known = [d for d in (a, b) if d in choices]
    return max(known, key=choices.index) if known else (a or b)


def _tried(answers: set[str | None]) -> str | None:
    """Movement in one step and another position in the next is both."""
    if "both" in answers or {"movement", "position"} <= answers:
        return "both"
    return next((a for a in ("movement", "position", "no") if a in answers), None)


def _merge(first: Attempt, then: Attempt) -> Attempt:
    a, b = first.report, then.report
    tried = {a.tried, b.tried} - {None}
    report = TrainerReport(
        used=a.used,
        size=a.size,
        depth=_most(TRAINER_DEPTHS, a.depth, b.depth),
        pain_before=_first(a.pain_before, b.pain_before),
        pain_peak=_peak(a.pain_peak, b.pain_peak),
        pain_after=_first(b.pain_after, a.pain_after),
        anxiety_before=_first(a.anxiety_before, b.anxiety_before),
        anxiety_peak=_peak(a.anxiety_peak, b.anxiety_peak),
        anxiety_after=_first(b.anxiety_after, a.anxiety_after),
        tried=_tried(tried),
        bleeding=_most(BLEEDING, a.bleeding, b.bleeding),
    )
    return Attempt(first.started_at, first.day, first.tool, first.minutes + then.minutes, report)


def session_attempts(session: Practice) -> list[Attempt]:
    """The tools used in one session, in the order reached; the last is its main one.

    A warm-up with the previous size comes first (clinical.md), so the last tool used is
    the one the session was about.
    """
    if not session.trainer:
        return []
    found: dict[Tool, Attempt] = {}
    for report in session.trainer:
        if (tool := tool_of(report)) is None:
            continue
        attempt = Attempt(session.started_at, session.day, tool, report.minutes or 0.0, report)
        if tool in found:
            attempt = _merge(found.pop(tool), attempt)
        found[tool] = attempt  # re-inserted, so the most recently used tool is last
    return list(found.values())


class ToolStats(NamedTuple):
    """Sessions and minutes with one tool, and when it was last used."""

    tool: Tool
    sessions: int = 0
    minutes: float = 0
    last_used: datetime | None = None


class Option(NamedTuple):
    """One thing coach offers: more with the same size, or the next size."""

    kind: Literal["same", "next"]
    tool: Tool


class Ladder(NamedTuple):
    """Everything ``coach trainer`` shows, worked out from the sessions alone."""

    current: Tool | None
    tools: tuple[ToolStats, ...]
    recent: tuple[Attempt, ...]  # newest first: each session's main tool
    comfortable: bool  # the current tool meets the rule
    offer: tuple[Option, ...]  # empty, or the same-size option first, then the next size
    stepped_back: bool  # the latest session used a smaller trainer size than the one before
    message: tuple[str, ...]  # the words under it, as calm paragraphs


def comfortable_with(tool: Tool, attempts: Iterable[Attempt]) -> bool:
    """Whether ``tool`` meets the rule, from every session's main attempt, oldest first."""
    days: set[str] = set()
    for attempt in attempts:
        if attempt.tool == tool:
            if attempt.uncomfortable:
                days.clear()
            elif attempt.counts:
                days.add(attempt.day)
        elif stepped_back(attempt.tool, tool):
            days.clear()  # a larger size since: this one starts afresh after the step back
    return len(days) >= DAYS_NEEDED


def build_ladder(sessions: Iterable[Practice], recent: int = RECENT) -> Ladder:
    """The ladder from any sessions' practice (in any order); only trainer check-ins count."""
    ordered = sorted(sessions, key=lambda s: s.timestamp)
    used: dict[Tool, list[Attempt]] = {tool: [] for tool in TOOLS}
    main: list[Attempt] = []
    for session in ordered:
        attempts = session_attempts(session)
        for a in attempts:
            used[a.tool].append(a)
        if attempts:
            main.append(attempts[-1])
    stats = {
        tool: ToolStats(tool, len(a), sum(x.minutes for x in a), a[-1].started_at if a else None)
        for tool, a in used.items()
    }
    current = main[-1].tool if main else None
    comfortable = current is not None and comfortable_with(current, main)
    offer: tuple[Option, ...] = ()
    if current is not None and comfortable:
        after = next_tool(current)
        offer = (Option("same", current), *((Option("next", after),) if after else ()))
    ladder = Ladder(
        current=current,
        tools=tuple(stats[t] for t in TOOLS),
        recent=tuple(reversed(main[-recent:])) if recent > 0 else (),
        comfortable=comfortable,
        offer=offer,
        stepped_back=len(main) >= 2 and stepped_back(main[-2].tool, main[-1].tool),
        message=(),
    )
    return ladder._replace(message=suggestion(ladder))


def option_words(option: Option) -> str:
    """One offered option, in words."""
    tool = option.tool
    if option.kind == "same":
        return (
            f"More with {tool.the}: staying with it a little longer, gentle movement, "
            "or another position."
        )
    # clinical.md: warm up a few minutes with the previous size (a tampon has none).
    if tool.used == "trainer" and tool.size is not None:
        before = Tool("trainer", tool.size - 1)
        return f"{_capital(tool.the)}, with a few minutes of {before.the} first as a warm-up."
    return f"{_capital(tool.the)}."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def suggestion(ladder: Ladder) -> tuple[str, ...]:
    """The words under the ladder: options, never instructions, never blame, never a count."""
    rule = (
        f"at full depth, on different days, with peak pain {MAX_PEAK_PAIN} or less and "
        f"peak anxiety {MAX_PEAK_ANXIETY} or less"
    )
    current = ladder.current
    if current is None:
        return (
            "No trainer practice recorded yet. When you feel ready, coach relax "
            "trainer-practice guides a session with a trainer, your fingers or a tampon, and "
            "afterwards asks what you used and how it felt. There is no hurry.",
            "Before you start, check with a clinician; coach safety has more.",
        )
    lines: list[str] = []
    if ladder.stepped_back:
        lines.append(
            f"Last time you chose {current.the}, a smaller size. Stepping back a size is part "
            "of the practice, and a kind thing to do when your body asks for it."
        )
    if ladder.offer:
        options = "\n".join(f"- {option_words(o)}" for o in ladder.offer)
        lines.append(
            f"{_capital(current.the)} has felt comfortable lately ({rule}). "
            "Some things you could try, if and when you like:\n" + options
        )
        lines.append(
            "Each of these is a good choice, and so is carrying on just as you are. "
            "What comes next, and when, is up to you."
        )
    else:
        lines.append(
            "Once what you use has felt comfortable on several different days, coach mentions "
            "some "
            "options for what could come next. There is no hurry: your own pace is the right "
            "pace."
        )
        latest = ladder.recent[0] if ladder.recent else None
        if latest is not None and not latest.rated:
            lines.append(
                "Your latest session has no peak pain or anxiety rating, so coach could not "
                "tell how it felt; the check-in after trainer practice asks for both."
            )
    if current.used != "trainer":
        lines.append(
            "Trainers are another path you can take at any time; moving between your fingers "
            "and trainers is fine either way."
        )
    return tuple(lines)


def ladder_option(ladder: Ladder | None) -> str | None:
    """The ladder's suggestion in one line, as an option; None without recent trainer practice."""
    if ladder is None or ladder.current is None:
        return None
    current = ladder.current.the
    if ladder.offer:  # the same size first, always (clinical.md), then the next one if any
        nexts = "".join(f", or {o.tool.the}" for o in ladder.offer if o.kind == "next")
        return (
            f"If you like: more with {current} (longer, gentle movement, another position)"
            f"{nexts}; each is an option (coach trainer)."
        )
    return f"Trainer practice: lately with {current}, at your own pace (coach trainer)."
