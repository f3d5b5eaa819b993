"""The sensate-focus core: its file, the session table, joint agreement and the offer's edges."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from coach.core import focus
from coach.core.history import SessionSummary, summarize
from coach.core.paths import Paths
from coach.core.records import (
    FocusRecord,
    FocusState,
    PartnerCheckin,
    Session,
    StageChange,
)
from coach.core.store import files
from coach.core.store.codec import SessionFileError, dump_session, parse_session
from coach.core.store.files import StoreError

BEGAN = date(2026, 11, 2)
AFTER_PAUSE = BEGAN + timedelta(weeks=4)
BAD_STAGE = """\
schema_version = 1
weeks = 4
began = 2026-11-02

[[stages]]
stage = 5
on = 2026-11-02
"""


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths(data=tmp_path / "data", config=tmp_path / "config")


def state(stage: int = 1, *, solo: bool = False, weeks: int = 4) -> FocusState:
    return FocusState(weeks=weeks, began=BEGAN, solo=solo, history=[StageChange(stage, BEGAN)])


def session(day: date, *anxieties: int | None, stage: int = 1, hour: int = 20) -> Session:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return Session(
        routine="focus-stage-1",
        routine_title="Sensate focus 1",
        started_at=start,
        ended_at=start + timedelta(minutes=35),
        status="completed",
        planned_seconds=2100,
        active_seconds=2100,
        focus=FocusRecord(stage=stage, partners=[PartnerCheckin(anxiety=a) for a in anxieties]),
    )


def summary(day: date, *anxieties: int | None, stage: int = 1, hour: int = 20) -> SessionSummary:
    return summarize(session(day, *anxieties, stage=stage, hour=hour), f"{day}T{hour}")


# -- the programme's file -----------------------------------------------------------------------


def test_begin_saves_a_private_file_that_reads_back_the_same(paths: Paths) -> None:
    assert focus.load(paths) is None
    began = focus.begin(4, False, BEGAN)
    focus.save(paths, began)
    assert focus.load(paths) == began
    assert stat.S_IMODE(paths.focus_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.data.stat().st_mode) == 0o700
    moved = focus.move(began, 2, ["yes", "YES "], AFTER_PAUSE)
    focus.save(paths, moved)
    assert focus.load(paths) == moved
    assert [(c.stage, c.on) for c in moved.history] == [(1, BEGAN), (2, AFTER_PAUSE)]


@pytest.mark.parametrize("weeks", [1, 13, 0, -4])
def test_weeks_outside_2_to_12_are_refused(weeks: int) -> None:
    with pytest.raises(focus.FocusError, match="from 2 to 12 weeks"):
        focus.begin(weeks, False, BEGAN)
    assert focus.begin(2, True, BEGAN).weeks == 2 and focus.begin(12, False, BEGAN).weeks == 12


def test_a_failed_save_leaves_the_old_file(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    focus.save(paths, state())
    before = paths.focus_file.read_bytes()

    def broken(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.Path, "replace", broken)
    with pytest.raises(StoreError):
        focus.save(paths, state(2))
    assert paths.focus_file.read_bytes() == before
    assert [p.name for p in paths.data.iterdir()] == ["focus.toml"]


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ("schema_version = 1\nweeks = 4\n", "1:1", "missing the required key began"),
        (
            "schema_version = 1\nweeks = 20\nbegan = 2026-11-02\n",
            "2:1",
            "weeks must be a whole number from 2 to 12",
        ),
        (
            BAD_STAGE,
            "6:1",
            "stages.0.stage must be a whole number from 1 to 4",
        ),
        ("schema_version = 1\nweeks = [\n", "2:10", "not valid TOML"),
    ],
)
def test_a_broken_file_is_named_with_its_line_and_left_alone(
    paths: Paths, text: str, where: str, reason: str
) -> None:
    paths.data.mkdir()
    paths.focus_file.write_text(text, encoding="utf-8")
    with pytest.raises(SessionFileError) as caught:
        focus.load(paths)
    assert str(caught.value).startswith(f"{paths.focus_file}:{where}: {reason}")
    assert paths.focus_file.read_text(encoding="utf-8") == text


# -- the session file's own table --------------------------------------------------------------


def test_both_check_ins_round_trip_under_their_own_table() -> None:
    saved = session(BEGAN, 2, None)
    assert saved.focus is not None
    saved.focus.partners = [
        PartnerCheckin(comfort=7, anxiety=2, stop_used=False, note="warm hands"),
        PartnerCheckin(),  # this person left their check-in out; the order still says who
        PartnerCheckin(anxiety=4, stop_used=True),
    ]
    raw = dump_session(saved)
    text = raw.decode()
    assert "[focus]\nstage = 1\nsolo = false\n" in text
    assert text.count("[[focus.partners]]") == 3
    assert "checkin" not in text  # the usual check-in keeps its meaning: absent when not asked
    assert parse_session(raw, Path("s.toml")) == saved


def test_an_older_session_without_focus_reads_as_before() -> None:
    plain = session(BEGAN)
    plain.focus = None
    assert "[focus" not in dump_session(plain).decode()
    assert parse_session(dump_session(plain), Path("s.toml")).focus is None


def test_a_bad_rating_in_a_partner_check_in_names_its_line() -> None:
    raw = dump_session(session(BEGAN, 2)).replace(b"anxiety = 2", b"anxiety = 11")
    with pytest.raises(SessionFileError, match=r"focus\.partners\.0\.anxiety must be"):
        parse_session(raw, Path("s.toml"))


# -- moving only on everyone's yes -------------------------------------------------------------


@pytest.mark.parametrize(
    "answers",
    [
        ["yes"],
        ["yes", "no"],
        ["no", "yes"],
        ["yes", "y"],
        ["yes", "yes please"],
        ["yes", ""],
        ["ok", "sure"],
        ["yes", "yes", "yes"],
        [],
    ],
)
def test_a_move_needs_two_yeses_and_ignores_anything_else(answers: list[str]) -> None:
    with pytest.raises(focus.FocusError, match="Nothing changed"):
        focus.move(state(), 2, answers, AFTER_PAUSE)


def test_two_yeses_move_forward_or_back_and_solo_needs_one() -> None:
    assert focus.move(state(), 2, ["yes", " Yes"], BEGAN).stage == 2
    assert focus.move(state(3), 1, ["yes", "yes"], BEGAN).stage == 1
    assert focus.move(state(solo=True), 2, ["yes"], BEGAN).stage == 2
    with pytest.raises(focus.FocusError):
        focus.move(state(solo=True), 2, ["no"], BEGAN)
    with pytest.raises(focus.FocusError, match="already at stage 1"):
        focus.move(state(), 1, ["yes", "yes"], BEGAN)
    with pytest.raises(focus.FocusError, match="1 to 4"):
        focus.move(state(), 5, ["yes", "yes"], BEGAN)


def test_going_back_is_described_as_normal() -> None:
    assert "normal part" in focus.moving_words(state(3), 2)
    assert "optional" in focus.moving_words(state(2), 3).lower()


# -- the offer's edges --------------------------------------------------------------------------


def calm_three(first: date = BEGAN + timedelta(days=1)) -> list[SessionSummary]:
    return [summary(first + timedelta(days=n), 3, 3) for n in range(3)]


def test_three_calm_sessions_after_the_agreed_weeks_offer_the_next_stage() -> None:
    assert focus.offer(state(), calm_three(), AFTER_PAUSE) == 2
    words = focus.offer_words(state(), 2)
    assert "could be an option" in words and "just as fine" in words


def test_no_offer_a_day_before_the_agreed_weeks_have_passed() -> None:
    assert focus.offer(state(), calm_three(), AFTER_PAUSE - timedelta(days=1)) is None
    longer = state(weeks=6)
    assert focus.offer(longer, calm_three(), AFTER_PAUSE) is None
    assert focus.offer(longer, calm_three(), BEGAN + timedelta(weeks=6)) == 2


def test_two_calm_sessions_are_not_yet_an_offer() -> None:
    assert focus.offer(state(), calm_three()[:2], AFTER_PAUSE) is None


@pytest.mark.parametrize(
    "latest",
    [(3, 4), (4, 3), (2, None), (2,)],
    ids=["second person 4", "first person 4", "one unrated", "one check-in"],
)
def test_both_people_need_an_anxiety_of_3_or_less_in_each_summary(
    latest: tuple[int | None, ...],
) -> None:
    sessions = [*calm_three(), summary(BEGAN + timedelta(days=9), *latest)]
    assert focus.offer(state(), sessions, AFTER_PAUSE) is None
    # an earlier uneasy session does not stand in the way once three calm ones follow it
    sessions.extend(calm_three(BEGAN + timedelta(days=10)))
    assert focus.offer(state(), sessions, AFTER_PAUSE) == 2


def test_a_stop_used_is_never_held_against_a_summary() -> None:
    sessions = calm_three()
    for s in sessions:
        assert s.focus is not None
        for p in s.focus.partners:
            p.stop_used = True
    assert focus.offer(state(), sessions, AFTER_PAUSE) == 2


def test_only_sessions_of_this_stage_since_it_began_count() -> None:
    moved = focus.move(state(), 2, ["yes", "yes"], AFTER_PAUSE)
    earlier = calm_three()  # stage 1 sessions
    assert focus.offer(moved, earlier, AFTER_PAUSE + timedelta(days=5)) is None
    stage_two = [summary(AFTER_PAUSE + timedelta(days=n), 1, 0, stage=2) for n in range(3)]
    assert focus.in_stage(moved, earlier + stage_two) == stage_two
    assert focus.offer(moved, earlier + stage_two, AFTER_PAUSE + timedelta(days=5)) == 3


def test_solo_needs_one_calm_check_in_and_the_last_stage_offers_nothing() -> None:
    solo = [summary(BEGAN + timedelta(days=n), 2) for n in range(3)]
    assert focus.offer(state(solo=True), solo, AFTER_PAUSE) == 2
    last = [summary(BEGAN + timedelta(days=n), 0, 0, stage=4) for n in range(3)]
    assert focus.offer(state(4), last, AFTER_PAUSE) is None


# -- each person's check-in -------------------------------------------------------------------


def test_check_in_answers_are_checked_in_calm_words() -> None:
    assert focus.check_answer("comfort", "11") == focus.RATING_HINT
    assert focus.check_answer("stop_used", "maybe") == focus.YES_NO_HINT
    assert focus.check_answer("stop_used", "N") is None
    assert focus.check_answer("note", "anything at all") is None
    assert focus.partner_checkin({"comfort": "6", "stop_used": "y", "note": "  "}) == (
        PartnerCheckin(comfort=6, stop_used=True)
    )
