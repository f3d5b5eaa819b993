"""coach remind: a neutral weekly event any calendar app can import, read back with icalendar."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core import remind
from coach.core.remind import ReminderError, parse_days, parse_time

runner = CliRunner()
NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # a Wednesday, before the clocks change


def event_of(path: Path) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (event,) = calendar.events
    return event


def test_the_file_holds_a_weekly_event_at_the_local_time_in_a_named_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    out = tmp_path / "practice.ics"
    args = ["remind", "--days", "mon,wed,fri", "--at", "20:00", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Monday, Wednesday and Friday at 20:00" in result.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    event = event_of(out)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    start = event.start
    assert start.time() == time(20, 0)
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/London"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]
    # After the clocks go forward the event is still at 20:00 local time, not 21:00.
    summer = start + timedelta(weeks=20)
    assert summer.astimezone(ZoneInfo("Europe/London")).hour == 20


def test_the_title_and_description_say_nothing_about_health(tmp_path: Path) -> None:
    out = tmp_path / "r.ics"
    remind.write_reminder(out, remind.parse_reminder("tue", "07:30"), ZoneInfo("UTC"), NOW)
    event = event_of(out)
    assert event["SUMMARY"] == "Relaxation practice"
    text = out.read_text().lower()
    for word in ("pelvic", "vagin", "trainer", "pain", "coach relax", "dilator", "sex"):
        assert word not in text


def test_the_uid_is_the_same_each_time_so_a_new_import_replaces_the_event(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    remind.write_reminder(first, remind.parse_reminder("mon", "20:00"), ZoneInfo("UTC"), NOW)
    later = NOW + timedelta(days=30)
    remind.write_reminder(second, remind.parse_reminder("sat,sun", "09:15"), ZoneInfo("UTC"), later)
    assert event_of(first)["UID"] == event_of(second)["UID"] == remind.UID


def test_the_first_event_is_the_next_chosen_day(tmp_path: Path) -> None:
    reminder = remind.parse_reminder("fri,mon", "18:00")
    start = remind.first_start(reminder, ZoneInfo("UTC"), NOW.date())
    assert start.date().isoformat() == "2026-03-06"  # Friday after Wednesday the 4th


def test_a_bare_offset_becomes_the_same_moment_in_utc(tmp_path: Path) -> None:
    out = tmp_path / "r.ics"
    zone = timezone(timedelta(hours=2))
    remind.write_reminder(out, remind.parse_reminder("wed", "20:00"), zone, NOW)
    start = event_of(out).start
    assert start.tzinfo is not None and start.utcoffset() == timedelta(0)
    assert start.time() == time(18, 0)
    assert icalendar.Calendar.from_ical(out.read_bytes()).get_missing_tzids() == set()


def test_the_zone_comes_from_tz_then_etc_localtime_then_a_fixed_offset(tmp_path: Path) -> None:
    assert str(remind.local_zone({"TZ": ":Europe/Berlin"}, tmp_path / "none")) == "Europe/Berlin"
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/America/New_York")
    if not link.exists():
        pytest.skip("no system zoneinfo here")
    assert str(remind.local_zone({}, link)) == "America/New_York"
    fallback = remind.local_zone({"TZ": "Not/AZone"}, tmp_path / "none")
    assert not isinstance(fallback, ZoneInfo)


@pytest.mark.parametrize("days", ["", "mon,,fri", "funday", "mo", "mon;wed"])
def test_days_that_cannot_be_read_are_refused_clearly(days: str) -> None:
    with pytest.raises(ReminderError, match="for example --days mon,wed,fri"):
        parse_days(days)


def test_days_accept_full_names_any_case_and_repeats() -> None:
    assert parse_days("Friday, MON,fri") == (0, 4)


@pytest.mark.parametrize("at", ["24:00", "20", "8pm", "20:60", "20:5", "-1:00", ""])
def test_times_that_cannot_be_read_are_refused_clearly(at: str) -> None:
    with pytest.raises(ReminderError, match="24-hour clock"):
        parse_time(at)


def test_bad_input_writes_nothing_and_keeps_an_old_file(tmp_path: Path) -> None:
    out = tmp_path / "r.ics"
    out.write_bytes(b"old")
    for args in (["--days", "someday", "--at", "20:00"], ["--days", "mon", "--at", "noon"]):
        result = runner.invoke(app, ["remind", *args, "--output", str(out)])
        assert result.exit_code == 2
        assert "No file was written." in result.stderr
    elsewhere = str(tmp_path / "no" / "r.ics")
    missing = runner.invoke(app, ["remind", "--days", "mon", "--at", "20:00", "-o", elsewhere])
    assert missing.exit_code == 1 and "Could not save" in missing.stderr
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.ics"]
