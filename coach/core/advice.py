"""What coach says after a check-in: calm words for the ratings and signs it reports (pure)."""

from __future__ import annotations

from coach.core.records import Checkin, TrainerReport
from coach.core.safety import PAIN_SIGNS


def checkin_advice(pain: int | None, spotting: bool | None) -> str | None:
    """A calm note when a check-in reports pain 7 or more, or spotting; None otherwise.

    For the trainer check-in pass the peak pain (or the highest of before, peak and after).
    """
    if pain is not None and not 0 <= pain <= 10:
        raise ValueError("pain is rated from 0 to 10")
    high_pain = pain is not None and pain >= 7
    if not high_pain and not spotting:
        return None
    lines = [
        "Thank you for noting that. Let today be enough: stop here, rest, and be gentle "
        "with yourself. Rest is part of the practice."
    ]
    if high_pain:
        lines.append(
            "Contact your GP or a pelvic-health physiotherapist if you have "
            + " or ".join(PAIN_SIGNS)
            + "."
        )
    if spotting:
        lines.append(
            "A little light spotting can be normal. Contact your GP or clinic if you "
            "have heavy bleeding or bleeding that goes on, or bleeding after sex, "
            "between periods or after the menopause."
        )
    lines.append("coach safety shows when to seek help and where to find support.")
    return "\n".join(lines)


def advice(checkin: Checkin | None, trainer: TrainerReport | None) -> str | None:
    """The calm stop-for-today note when any pain rating is 7 or more, or spotting is reported."""
    ratings = [checkin.pain if checkin else None]
    if trainer is not None:
        ratings += [trainer.pain_before, trainer.pain_peak, trainer.pain_after]
    pain = max((r for r in ratings if r is not None), default=None)
    return checkin_advice(pain, trainer.spotting if trainer else None)
