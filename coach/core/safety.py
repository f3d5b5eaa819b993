"""Safety text: when not to start, when to stop and seek help, where to find support (pure core).

Everything here follows clinical.md's "Safety text", in plain words. The pieces are plain
data and functions so that ``coach safety``, ``coach relax --plain`` and the TUI (the
once-only first-run screen and the trainer check-in) all say exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from coach.core.paths import Paths

if TYPE_CHECKING:
    from coach.core.config import Support

SAFETY_VERSION = 1  # raise it when the first-run text changes enough to be shown again
ACK_FILE = "safety-seen.toml"

LEARN_LINE = "coach learn has short pages about vaginismus, its treatment and the help there is."
LEARN_LINE_DISCREET = "coach learn has short pages about your practice and the help there is."
SAFETY_LINE = "Never force anything: go gently, and stop if it hurts."

NOT_ADVICE = (
    "coach is a practice companion, not medical advice. It does not replace your GP, a "
    "pelvic-health physiotherapist or a psychosexual therapist, and it is a good idea to "
    "check with one of them before you start using trainers."
)
WAIT_INTRO = (
    "Before trainer or finger practice, please wait and check with a clinician first if you have:"
)
BEFORE_TRAINERS = (
    "an infection right now",
    "an open wound or sore in the area",
    "bleeding that has no clear reason",
    "pelvic surgery in the last 6 to 8 weeks, unless your clinician says it is fine",
)
PAIN_SIGNS = (
    "pain that is sharp, strong or getting worse",
    "pain that lasts after a session",
)
BLEEDING_SIGNS = (
    "heavy bleeding, or bleeding that goes on (a little light spotting can be normal)",
    "bleeding after sex, between periods or after the menopause",
)
OTHER_SIGNS = (
    "a fever",
    "unusual discharge or smell",
    "sores",
    "burning when you pass urine",
)
FEELINGS = (
    "If you feel panicky, have flashbacks or feel disconnected from your body, pause and "
    "breathe slowly; you can stop at any time. A psychosexual or trauma therapist can help "
    "with these feelings, and it is worth thinking about some support."
)


@dataclass(frozen=True)
class Section:
    """One part of the safety text: a heading, an opening sentence and its points."""

    title: str
    intro: str
    points: tuple[str, ...] = ()


def learn_line(discreet: bool) -> str:
    """Where to read more: in discreet mode, without naming the condition."""
    return LEARN_LINE_DISCREET if discreet else LEARN_LINE


def support_lines(support: tuple[Support, ...]) -> tuple[str, ...]:
    """``Samaritans: 116 123 (someone to talk to)``, one line per entry."""
    return tuple(f"{s.name}: {s.contact}" + (f" ({s.note})" if s.note else "") for s in support)


def support_intro(custom: bool) -> str:
    """The sentence above the support list; the built-in list says it is for the UK."""
    from coach.core.config import DEFAULT_COUNTRY

    intro = "If you need someone now, or things feel like too much"
    return intro + (":" if custom else f" (numbers for the {DEFAULT_COUNTRY}):")


def reasons_to_wait() -> str:
    """The reasons to wait, shown where trainer or finger practice starts (one point a line)."""
    return "\n".join((WAIT_INTRO, *(f"- {reason}" for reason in BEFORE_TRAINERS)))


def safety_sections(
    support: tuple[Support, ...], *, problems: tuple[str, ...] = (), custom: bool = False
) -> tuple[Section, ...]:
    """The whole safety text, in the order ``coach safety`` shows it.

    The built-in list is for the UK, and says so. When the user's own list could not be used,
    its first mistake (``path:line:col: reason``) is named right there, where the list they
    expected would have been.
    """
    intro = support_intro(custom)
    if problems:
        intro = f"Your own list could not be used: {problems[0]}. " + intro
    return (
        Section("About coach", NOT_ADVICE + " " + SAFETY_LINE),
        Section(
            "Before you start with trainers",
            WAIT_INTRO,
            BEFORE_TRAINERS,
        ),
        Section(
            "When to stop and see a clinician",
            "Stop for today and contact your GP, clinic or physiotherapist if you notice:",
            PAIN_SIGNS + BLEEDING_SIGNS + OTHER_SIGNS,
        ),
        Section("If feelings become too much", FEELINGS),
        Section(
            "Where to find support",
            intro,
            support_lines(support),
        ),
    )


def first_run_safety_text() -> str:
    """The short text shown once before the first session; its first line is its title."""
    return "\n".join(
        (
            "Before you begin",
            "",
            NOT_ADVICE,
            "",
            SAFETY_LINE,
            "Stop for today and contact a clinician if you have heavy or lasting bleeding, or "
            "pain that is sharp, strong or getting worse.",
            "If feelings become too much, pause and breathe; you can stop at any time.",
            "",
            "coach safety shows all of this in full, with where to find support.",
        )
    )


def acknowledged(paths: Paths) -> bool:
    """True once the first-run safety screen has been acknowledged (for this text version)."""
    from coach.core.tomlfile import TomlProblem, load, read_bytes  # deferred, like the writes

    path = paths.config / ACK_FILE
    try:
        data = load(read_bytes(path), path).data
    except TomlProblem:
        return False  # missing or unreadable: showing the screen again is the harmless choice
    version = data.get("safety_version")
    return (
        isinstance(version, int) and not isinstance(version, bool) and (version >= SAFETY_VERSION)
    )


def acknowledge(paths: Paths, now: datetime | None = None) -> bool:
    """Remember that the first-run screen was acknowledged; False if it could not be saved.

    The file is written atomically, 0600, in the config folder made 0700. A failure never
    stops a session: the screen simply shows again next time.
    """
    from coach.core.store.codec import dumps_toml
    from coach.core.store.files import atomic_write, ensure_private_dir

    when = (now or datetime.now()).astimezone()
    data = {"schema_version": 1, "safety_version": SAFETY_VERSION, "acknowledged_at": when}
    try:
        ensure_private_dir(paths.config)
        atomic_write(paths.config / ACK_FILE, dumps_toml(data))
    except OSError:
        return False
    return True
