"""Replies to a check-in, tier by tier at every boundary (clinical.md, "Responding...")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coach.core.advice import (
    CLINICIAN,
    GENTLER,
    GENTLER_TRAINER,
    GREETING,
    GROUNDING,
    LIGHT_SPOTTING,
    STOP_TODAY,
    WARM,
    checkin_reply,
    closing_words,
)
from coach.core.config import Config, Support
from coach.core.records import Checkin, Session, StepRecord, TrainerReport
from tests.test_content import BANNED_RE

FIND = "FIND SUPPORT"
UK = Config()


def reply(
    checkin: Checkin | None = None,
    trainer: TrainerReport | None = None,
    *,
    practice: bool = True,
    support: Config = UK,
) -> tuple[str, ...]:
    got = checkin_reply(
        checkin, trainer, trainer_practice=practice, support=support, find_support=FIND
    )
    assert got and not BANNED_RE.search("\n".join(got))
    return got


# (check-in, trainer report, trainer practice?, the reply's paragraphs, opening words only)
STOP = (STOP_TODAY, CLINICIAN, FIND)
T = TrainerReport
TIERS = [
    # nothing said, or pain 0-3: a warm word, nothing more
    (None, None, True, (WARM,)),
    (Checkin(pain=0), None, False, (WARM,)),
    (Checkin(pain=3), T(pain_peak=3, pain_after=3), True, (WARM,)),
    # pain 4-6 during trainer or finger practice: ideas for next time
    (None, T(pain_peak=4), True, (GENTLER_TRAINER,)),
    (Checkin(pain=6), T(pain_peak=6), True, (GENTLER_TRAINER,)),
    (Checkin(pain=4), None, True, (GENTLER_TRAINER,)),  # questions skipped, still trainer
    (Checkin(pain=5), None, False, (GENTLER,)),  # other routines: go gently, nothing of sizes
    # pain 7 or more, from any rating: stop for today
    (Checkin(pain=7), None, False, STOP),
    (None, T(pain_before=7), True, STOP),
    (None, T(pain_peak=10), True, STOP),
    # pain lasting after the session, above the 3/10 this app suggests
    (None, T(pain_after=3), True, (WARM,)),
    (None, T(pain_peak=4, pain_after=4), True, STOP),
    # bleeding in three answers
    (None, T(bleeding="none"), True, (WARM,)),
    (None, T(bleeding="light spotting"), True, (LIGHT_SPOTTING,)),
    (None, T(pain_peak=5, bleeding="light spotting"), True, (GENTLER_TRAINER, LIGHT_SPOTTING)),
    (None, T(bleeding="more than spotting"), True, STOP),
    (
        None,
        T(pain_peak=8, bleeding="light spotting"),
        True,
        (STOP_TODAY, CLINICIAN, LIGHT_SPOTTING, FIND),
    ),
]


@pytest.mark.parametrize(("checkin", "trainer", "practice", "says"), TIERS)
def test_each_tier_at_its_boundaries(
    checkin: Checkin | None, trainer: TrainerReport | None, practice: bool, says: tuple[str, ...]
) -> None:
    assert reply(checkin, trainer, practice=practice) == says


@pytest.mark.parametrize(
    ("checkin", "trainer"),
    [
        (Checkin(anxiety=8), None),
        (Checkin(anxiety=10, pain=1), None),
        (None, T(anxiety_peak=8)),
        (None, T(anxiety_after=9)),
    ],
)
def test_anxiety_8_or_more_after_any_routine_gets_grounding_and_support(
    checkin: Checkin | None, trainer: TrainerReport | None
) -> None:
    for practice in (True, False):
        got = reply(checkin, trainer, practice=practice)
        assert got[0] == GROUNDING
        for words in ("breathe slowly", "feet on the floor", "5 things you can see"):
            assert words in GROUNDING
        support = got[1].splitlines()
        assert "(numbers for the UK):" in support[0]
        assert "Samaritans: 116 123 (someone to talk to, any time, day or night)" in support
        assert any(
            line.startswith("Rape Crisis England & Wales support line: 0808 500 2222")
            for line in support
        )


def test_anxiety_7_is_met_with_the_warm_word() -> None:
    assert reply(Checkin(anxiety=7), T(anxiety_peak=7)) == (WARM,)


def test_your_own_support_list_follows_the_grounding() -> None:
    mine = Config(support=(Support("Lifeline", "13 11 14"),), custom_support=True)
    got = reply(Checkin(anxiety=9), support=mine)
    assert got[1].splitlines()[1:] == ["Lifeline: 13 11 14"]
    assert "UK" not in got[1]


def test_stop_and_anxiety_together_say_each_once() -> None:
    got = reply(Checkin(pain=9, anxiety=9))
    assert got[:2] == (STOP_TODAY, CLINICIAN) and got[2] == GROUNDING and got[-1] == FIND


def test_ratings_off_the_scale_are_refused() -> None:
    with pytest.raises(ValueError):
        reply(Checkin(pain=11))


def session(status: str, outcomes: list[str]) -> Session:
    start = datetime(2026, 11, 1, 21, tzinfo=UTC)
    steps = [StepRecord(f"Step {n}", "rest", 60, 60, o) for n, o in enumerate(outcomes)]  # type: ignore[arg-type]
    return Session("r", "R", start, start + timedelta(minutes=3), status, 180, 150, steps)  # type: ignore[arg-type]


def test_a_stopped_session_is_greeted_as_warmly_as_a_finished_one() -> None:
    done = closing_words(session("completed", ["done"] * 3), 3)
    stopped = closing_words(session("stopped", ["done", "partial"]), 3)
    assert done[0] == stopped[0] == GREETING
    assert done[1] == "You practised for 2 min 30 s, all 3 steps."
    assert stopped[1] == (
        "You practised for 2 min 30 s: 1 of 3 steps done. "
        "Stopping when you choose to is part of the practice."
    )
    assert not BANNED_RE.search(" ".join(done + stopped))
