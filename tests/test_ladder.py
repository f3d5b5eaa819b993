"""Trainer practice over time: the comfortable rule, the options offered, the check-in."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coach.cli import app
from coach.core.history import Practice, practice_of, summarize
from coach.core.ladder import Option, Tool, build_ladder, session_attempts
from coach.core.records import TRAINER_DEPTHS, Session, StepRecord, TrainerReport
from coach.core.store.sessions import SessionWriter
from coach.core.trainer_checkin import (
    TRAINER_CHECKIN,
    CheckinError,
    asked,
    check_answer,
    report_so_far,
    trainer_report,
)
from tests.test_content import BANNED_RE

START = datetime(2026, 11, 1, 21, 0, tzinfo=UTC)
runner = CliRunner()


def report(
    used: str = "trainer",
    size: int | None = 1,
    pain: int | None = 1,
    anxiety: int | None = 2,
    depth: str = "full",
    **more: object,
) -> TrainerReport:
    return TrainerReport(
        used=used,
        size=size if used == "trainer" else None,
        depth=depth,
        minutes=10,
        pain_before=0,
        pain_peak=pain,
        pain_after=0,
        anxiety_before=1,
        anxiety_peak=anxiety,
        anxiety_after=1,
        **more,
    )  # type: ignore[arg-type]


def session(day: int, *reports: TrainerReport) -> Session:
    started = START + timedelta(days=day)
    steps = [StepRecord("Belly breathing", "breathe", 180, 180, "done")]
    steps += [
        StepRecord("Trainer practice", "trainer", 600, 600, "done", trainer=r) for r in reports
    ]
    return Session(
        "trainer-practice",
        "Trainer practice",
        started,
        started + timedelta(minutes=15),
        "completed",
        900,
        900,
        steps,
    )


def sessions(*reports: TrainerReport) -> list[Session]:
    return [session(i, r) for i, r in enumerate(reports)]


def practice(session: Session) -> Practice:
    """What the ladder reads of a session, as coach log and the index give it."""
    return practice_of(summarize(session, session.started_at.isoformat()))


def practices(*reports: TrainerReport) -> list[Practice]:
    return [practice(s) for s in sessions(*reports)]


def words(messages: tuple[str, ...]) -> str:
    text = "\n".join(messages)
    assert not BANNED_RE.search(text), text
    return text


def test_two_comfortable_days_are_not_enough_three_are() -> None:
    two = build_ladder(practices(report(), report()))
    assert (two.current, two.comfortable, two.offer) == (Tool("trainer", 1), False, ())
    assert "several different days" in words(two.message)
    three = build_ladder(practices(report(), report(), report()))
    assert three.comfortable
    assert three.offer == (Option("same", Tool("trainer", 1)), Option("next", Tool("trainer", 2)))
    text = words(three.message)
    assert "- More with trainer size 1: staying with it a little longer, gentle movement" in text
    assert "- Trainer size 2, with a few minutes of trainer size 1 first as a warm-up" in text
    assert text.index("More with trainer size 1") < text.index("Trainer size 2")
    assert "up to you" in text


def test_no_count_of_sessions_is_ever_shown() -> None:
    for reports in ([report()], [report()] * 2, [report()] * 5, [report(pain=5)] * 2):
        text = words(build_ladder(practices(*reports)).message)
        assert not re.search(r"\d+ (in a row|sessions?|more|to go)|so far", text, re.I), text


def test_sessions_on_the_same_day_count_once() -> None:
    same_day = [session(0, report()), session(0, report()), session(1, report())]
    ladder = build_ladder(map(practice, same_day))
    assert not ladder.comfortable and ladder.offer == ()
    assert build_ladder(map(practice, [*same_day, session(2, report())])).offer


def test_partial_or_tip_depth_never_counts_and_undoes_nothing() -> None:
    ladder = build_ladder(practices(report(), report(depth="partial"), report(depth="tip")))
    assert not ladder.comfortable
    ladder = build_ladder(practices(report(), report(depth="partial"), report(), report()))
    assert ladder.comfortable


def test_the_limits_are_inclusive_peak_pain_2_and_anxiety_3() -> None:
    edge = build_ladder(practices(*[report(pain=2, anxiety=3)] * 3))
    assert edge.offer
    assert not build_ladder(practices(*[report(pain=2, anxiety=3)] * 2, report(pain=3))).offer
    assert not build_ladder(practices(*[report(pain=2, anxiety=3)] * 2, report(anxiety=4))).offer


def test_an_uncomfortable_session_starts_the_days_afresh() -> None:
    ladder = build_ladder(practices(report(), report(), report(pain=5), report(), report()))
    assert (ladder.comfortable, ladder.offer) == (False, ())
    assert build_ladder(practices(report(), report(), report(pain=5), *[report()] * 3)).offer


def test_a_session_without_peak_ratings_is_not_counted() -> None:
    ladder = build_ladder(practices(report(), report(), report(pain=None)))
    assert not ladder.comfortable
    assert "no peak pain or anxiety rating" in words(ladder.message)
    assert build_ladder(practices(report(), report(pain=None), report(), report())).offer


def test_sessions_with_another_size_do_not_count_toward_this_one() -> None:
    ladder = build_ladder(practices(report(size=1), report(size=1), report(size=2)))
    assert (ladder.current, ladder.comfortable, ladder.offer) == (Tool("trainer", 2), False, ())


def test_a_warm_up_with_the_previous_size_keeps_counting() -> None:
    warm = [session(i, report(size=1), report(size=2)) for i in range(3)]
    assert session_attempts(practice(warm[0]))[-1].tool == Tool("trainer", 2)
    ladder = build_ladder(map(practice, warm))
    assert ladder.current == Tool("trainer", 2)
    assert ladder.offer == (Option("same", Tool("trainer", 2)), Option("next", Tool("trainer", 3)))
    assert not ladder.stepped_back
    assert ladder.tools[2].sessions == 3 and ladder.tools[3].minutes == 30


def test_stepping_back_a_size_is_welcomed_never_called_a_setback() -> None:
    ladder = build_ladder(practices(report(size=2), report(size=2, pain=4), report(size=1)))
    assert ladder.stepped_back and ladder.current == Tool("trainer", 1)
    text = words(ladder.message)
    assert "Last time you chose trainer size 1, a smaller size" in text
    assert "part of the practice" in text


def test_after_a_step_back_the_smaller_size_starts_afresh() -> None:
    before = [report(size=1)] * 3 + [report(size=2)]
    assert not build_ladder(practices(*before, report(size=1))).comfortable


def test_fingers_and_trainers_are_paths_side_by_side_never_going_back() -> None:
    for first, then in ((report(size=2), report(used="finger")), (report(used="tampon"), report())):
        ladder = build_ladder(practices(first, then))
        assert not ladder.stepped_back
        assert not re.search(r"\b(went|go|going|step\w*) back\b", words(ladder.message))
    finger = build_ladder(practices(*[report(used="finger")] * 3))
    assert finger.offer == (Option("same", Tool("finger")), Option("next", Tool("tampon")))
    text = words(finger.message)
    assert "- A tampon." in text and "trainer size 1" not in text
    assert "Trainers are another path you can take at any time" in text
    tampon = build_ladder(practices(*[report(used="tampon")] * 3))
    assert tampon.offer == (Option("same", Tool("tampon")),)
    assert "warm-up" not in words(tampon.message)


def test_the_largest_size_offers_more_with_the_same_size() -> None:
    ladder = build_ladder(practices(*[report(size=4)] * 3))
    assert ladder.offer == (Option("same", Tool("trainer", 4)),)
    assert "More with trainer size 4" in words(ladder.message)


def test_no_practice_yet_is_a_gentle_start() -> None:
    ladder = build_ladder([practice(session(0))])
    assert ladder.current is None and ladder.recent == ()
    assert "There is no hurry" in words(ladder.message)


def test_totals_and_recent_sessions_newest_first() -> None:
    ladder = build_ladder(
        practices(report(used="finger"), report(size=1), report(size=1)), recent=2
    )
    assert [r.sessions for r in ladder.tools] == [1, 0, 2, 0, 0, 0]
    assert [a.started_at.day for a in ladder.recent] == [3, 2]


# --- properties of the rule

KINDS = st.sampled_from([("trainer", 1), ("trainer", 2), ("finger", None), ("tampon", None)])
PRACTICE = st.lists(
    st.tuples(
        st.integers(0, 6),  # day
        KINDS,
        st.sampled_from(TRAINER_DEPTHS),
        st.none() | st.integers(0, 10),
        st.none() | st.integers(0, 10),
    ),
    max_size=12,
)


def practised(
    rows: list[tuple[int, tuple[str, int | None], str, int | None, int | None]],
) -> list[Practice]:
    out = []
    for n, (day, (used, size), depth, pain, anxiety) in enumerate(rows):
        r = replace(report(used, size, pain, anxiety), depth=depth)
        s = session(day, r)
        # sessions on one day keep their order by a few minutes each
        s.started_at += timedelta(minutes=n)
        s.ended_at += timedelta(minutes=n)
        out.append(practice(s))
    return out


@settings(max_examples=200, deadline=None)
@given(PRACTICE)
def test_an_offer_always_lists_the_same_size_first(rows: list) -> None:  # type: ignore[type-arg]
    ladder = build_ladder(practised(rows))
    if ladder.offer:
        assert ladder.offer[0] == Option("same", ladder.current)  # type: ignore[arg-type]
        assert all(o.kind == "next" for o in ladder.offer[1:])
        bullets = [line for line in words(ladder.message).splitlines() if line.startswith("- ")]
        assert bullets[0].startswith("- More with") and len(bullets) == len(ladder.offer)


@settings(max_examples=200, deadline=None)
@given(PRACTICE)
def test_same_day_sessions_and_partial_depth_never_count(rows: list) -> None:  # type: ignore[type-arg]
    ladder = build_ladder(practised(rows))
    if ladder.comfortable:
        current = ladder.current
        full = {
            day
            for day, (used, size), depth, pain, anxiety in rows
            if Tool(used, size) == current
            and depth == "full"
            and pain is not None
            and pain <= 2
            and anxiety is not None
            and anxiety <= 3
        }
        assert len(full) >= 3
    # The same sessions with anything short of full depth never make an offer.
    shallow = [(d, k, "partial" if depth == "full" else depth, p, a) for d, k, depth, p, a in rows]
    assert not build_ladder(practised(shallow)).offer
    # All on one day never make an offer either.
    one_day = [(0, k, depth, p, a) for _, k, depth, p, a in rows]
    assert not build_ladder(practised(one_day)).offer


# --- the trainer check-in, for the TUI


def test_checkin_fields_and_their_allowed_answers() -> None:
    keys = [f.key for f in TRAINER_CHECKIN]
    assert keys == [
        "used",
        "size",
        "depth",
        "minutes",
        "tried",
        "pain_before",
        "pain_peak",
        "pain_after",
        "anxiety_before",
        "anxiety_peak",
        "anxiety_after",
        "bleeding",
    ]
    by_key = {f.key: f for f in TRAINER_CHECKIN}
    assert by_key["used"].choices == ("finger", "tampon", "trainer")
    assert by_key["size"].choices == ("1", "2", "3", "4")
    assert by_key["depth"].choices == ("tip", "partial", "full")
    assert by_key["pain_peak"].choices == tuple(str(n) for n in range(11))
    assert by_key["tried"].choices == ("no", "movement", "position", "both")
    assert by_key["bleeding"].choices == ("none", "light spotting", "more than spotting")
    assert not asked(by_key["size"], {"used": "finger"})
    assert asked(by_key["size"], {"used": "Trainer"})


def test_answers_become_a_report() -> None:
    got = trainer_report(
        {
            "used": "tr",
            "size": "2",
            "depth": "Partial",
            "pain_peak": "3",
            "anxiety_peak": "4",
            "tried": "pos",
            "bleeding": "  Light   Spotting ",
        },
        minutes=9.94,
    )
    assert got == TrainerReport(
        used="trainer",
        size=2,
        depth="partial",
        minutes=9.9,
        pain_peak=3,
        anxiety_peak=4,
        tried="position",
        bleeding="light spotting",
    )
    assert trainer_report({"bleeding": "m"}).bleeding == "more than spotting"
    assert trainer_report({"bleeding": "n"}).bleeding == "none"
    assert trainer_report({"minutes": "12"}, minutes=9.94).minutes == 12
    assert trainer_report({}).used is None  # everything may be skipped
    assert trainer_report({"used": "finger", "size": "3"}).size is None  # not asked


def test_wrong_answers_are_named_calmly() -> None:
    with pytest.raises(CheckinError) as caught:
        trainer_report({"used": "t", "pain_peak": "11", "minutes": "lots", "bleeding": "yes"})
    assert set(caught.value.problems) == {"used", "pain_peak", "minutes", "bleeding"}
    assert check_answer("bleeding", "maybe") == (
        "Please choose none, light spotting or more than spotting, or leave it blank."
    )
    wanted = "Please choose a number from 0 to 10, or leave it blank."
    assert check_answer("pain_peak", "11") == wanted
    assert check_answer("minutes", "61") is not None and check_answer("minutes", "") is None
    assert all(not BANNED_RE.search(m) for m in caught.value.problems.values())


# --- coach trainer


def test_coach_trainer_shows_the_ladder(tmp_path: Path) -> None:
    for s in sessions(report(size=1), report(size=1), report(size=1)):
        SessionWriter.begin(tmp_path / "sessions", s).save(s)
    (tmp_path / "sessions" / "2026" / "broken.toml").write_text("routine = \n")
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "trainer"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Now using: trainer size 1" in out
    assert "in a row" not in out
    row = next(line for line in out.splitlines() if line.startswith(">"))
    assert row.split()[:6] == [">", "trainer", "size", "1", "3", "30"]
    assert "Some things you could" in " ".join(out.split())
    assert "broken.toml:1:" in result.stderr


def test_coach_trainer_with_no_sessions(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "trainer"])
    assert result.exit_code == 0 and "No trainer practice recorded yet" in result.stdout
    assert date.today()  # the command needs no clock beyond today


def test_answers_typed_so_far_keep_what_can_be_saved_and_nothing_else() -> None:
    typed = {"used": "tr", "size": "9", "depth": "full", "pain_peak": "11", "anxiety_peak": "2"}
    report = report_so_far(typed, minutes=6.0)
    assert report is not None
    assert (report.used, report.size, report.depth) == ("trainer", None, "full")  # no size 9
    assert (report.pain_peak, report.anxiety_peak, report.minutes) == (None, 2, 6.0)
    assert report_so_far({}, minutes=6.0) is None  # nothing typed: no report
    assert report_so_far({"used": "a spoon"}, minutes=6.0) is None  # nothing that can be saved
    assert report_so_far({"size": "2"}, minutes=6.0) is None  # a size, but not of a trainer
