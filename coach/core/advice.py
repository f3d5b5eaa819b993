"""What coach says after a session and its check-in, in the tiers of clinical.md (pure).

The TUI and plain mode both show these words, so a reply reads the same everywhere. The
tiers ("Responding to a check-in"): pain 0-3 gets a warm word; pain 4-6 during trainer or
finger practice, ideas for going more gently next time; pain 7 or more, pain lasting after
the session, or bleeding more than light spotting, stop for today and when to contact a
clinician; light spotting alone, that it can be normal and when to seek help; anxiety 8 or
more after any routine, a short grounding suggestion and the support list. A stopped
session is met with the same warm greeting as a finished one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.core.records import (
    BLEEDING,
    RATING_MAX,
    Checkin,
    PartnerCheckin,
    Session,
    TrainerReport,
)
from coach.core.routines import format_duration
from coach.core.safety import OTHER_SIGNS, support_intro, support_lines
from coach.core.words import counted

if TYPE_CHECKING:
    from coach.core.config import Config

SUGGESTED_PAIN = 3  # clinical.md: keep going only while pain is at most 3/10
STOP_PAIN = 7  # pain 7 or more: stop for today
HIGH_ANXIETY = 8  # anxiety 8 or more (any routine): grounding and the support list
# "Pain lasting after the session" is read cautiously: any pain after it above the 3/10
# this app suggests staying within.
LASTING_PAIN = SUGGESTED_PAIN + 1

GREETING = "Well done for practising today."
WARM = "Thank you for checking in. Be gentle with yourself for the rest of the day."
STOPPED = "Stopping when you choose to is part of the practice."
GENTLER_TRAINER = (
    f"That was more than the {SUGGESTED_PAIN} out of 10 coach suggests staying within. Next "
    "time you could try a smaller size, going less far or a shorter time, with a little more "
    "relaxation first."
)
GENTLER = "If any part was uncomfortable, you can go more gently next time, or leave it out."
STOP_TODAY = (
    "Thank you for noting that. Let today be enough: stop here, rest, and be gentle with "
    "yourself. Rest is part of the practice."
)
CLINICIAN = (
    "Contact your GP or a pelvic-health physiotherapist if the pain or bleeding goes on, or "
    "comes with " + ", ".join(OTHER_SIGNS[:-1]) + " or " + OTHER_SIGNS[-1] + "."
)
LIGHT_SPOTTING = (
    "A little light spotting can be normal. Contact your GP or clinic if the bleeding becomes "
    "heavy or goes on, or if you bleed after sex, between periods or after the menopause."
)
GROUNDING = (
    "That sounds like a lot of anxiety. If some of it is still with you, you could try this "
    "for a minute: breathe slowly, a little longer out than in; feel your feet on the floor; "
    "and notice 5 things you can see around you."
)

# The tiers that say to stop, when to seek help, or where support is: discreet mode never
# keeps a reply holding one of them behind a key, because safety comes before discretion.
SAFETY_TIERS = (STOP_TODAY, LIGHT_SPOTTING, GROUNDING)


def says_stop_or_seek_help(reply: tuple[str, ...]) -> bool:
    """Whether a reply from :func:`checkin_reply` holds one of the safety tiers."""
    return any(line in SAFETY_TIERS for line in reply)


def closing_words(session: Session, total_steps: int) -> tuple[str, str]:
    """(greeting, what was done): the same warm greeting whether finished or stopped."""
    done = sum(1 for step in session.steps if step.outcome == "done")
    time = format_duration(session.active_seconds)
    if session.status == "completed" and done == total_steps:
        whole = "the whole routine." if total_steps == 1 else f"all {total_steps} steps."
        return GREETING, f"You practised for {time}, {whole}"
    return (
        GREETING,
        f"You practised for {time}: {done} of {counted(total_steps, 'step')} done. {STOPPED}",
    )


def partners_checkin(partners: list[PartnerCheckin]) -> Checkin:
    """Sensate focus: the highest anxiety either person gave, replied to as after any routine."""
    anxious = [p.anxiety for p in partners if p.anxiety is not None]
    return Checkin(anxiety=max(anxious, default=None))


def _highest(*ratings: int | None) -> int | None:
    known = [r for r in ratings if r is not None]
    for rating in known:
        if not 0 <= rating <= RATING_MAX:
            raise ValueError(f"ratings are from 0 to {RATING_MAX}")
    return max(known, default=None)


def checkin_reply(
    checkin: Checkin | None,
    trainer: TrainerReport | None,
    *,
    trainer_practice: bool,
    support: Config,
    find_support: str,
) -> tuple[str, ...]:
    """The reply to a check-in, as paragraphs; never empty.

    ``trainer_practice``: the session guided trainer or finger practice (whether or not its
    questions were answered). ``find_support`` is the sentence that says where support is in
    this interface (a key in the TUI, a command in plain mode); it closes the stop tier.
    ``support`` is the settings whose support list follows the grounding suggestion.
    """
    t = trainer or TrainerReport()
    pain = _highest(checkin.pain if checkin else None, t.pain_before, t.pain_peak, t.pain_after)
    anxiety = _highest(
        checkin.anxiety if checkin else None, t.anxiety_before, t.anxiety_peak, t.anxiety_after
    )
    lasting = t.pain_after is not None and t.pain_after >= LASTING_PAIN
    bleeding = t.bleeding
    stop = (pain is not None and pain >= STOP_PAIN) or lasting or bleeding == BLEEDING[2]
    lines: list[str] = []
    if stop:
        lines += [STOP_TODAY, CLINICIAN]
    elif pain is not None and pain > SUGGESTED_PAIN:
        lines.append(GENTLER_TRAINER if trainer_practice else GENTLER)
    if bleeding == BLEEDING[1]:
        lines.append(LIGHT_SPOTTING)
    if anxiety is not None and anxiety >= HIGH_ANXIETY:
        listed = support_lines(support.support)
        lines += [GROUNDING, "\n".join((support_intro(support.custom_support), *listed))]
    if stop:
        lines.append(find_support)
    return tuple(lines) or (WARM,)
