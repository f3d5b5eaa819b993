"""A neutral weekly calendar reminder as an .ics file: no daemon, any calendar app (pure)."""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# What the calendar shows: nothing about health, nothing about coach, so it is discreet on a
# phone's lock screen or a shared calendar.
TITLE = "Relaxation practice"
DESCRIPTION = "A few quiet minutes for yourself."
MINUTES = 20
# One UID for every reminder any coach writes, so importing a new file replaces the event
# instead of adding a second one. It is a constant, derived from nothing about the person.
UID = str(uuid.uuid5(uuid.NAMESPACE_URL, "coach:relaxation-practice-reminder"))
PRODID = "-//coach//weekly reminder//EN"

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ZONEINFO_MARKER = "zoneinfo/"


class ReminderError(ValueError):
    """A day list or a time that cannot be read; ``str()`` is one calm sentence."""


@dataclass(frozen=True)
class Reminder:
    """Which weekdays (0 is Monday, in week order) and at what local time."""

    days: tuple[int, ...]
    at: time

    def describe(self) -> str:
        """``Monday, Wednesday and Friday at 20:00``."""
        names = [FULL_NAMES[d].capitalize() for d in self.days]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{listed} at {self.at:%H:%M}"


def parse_days(text: str) -> tuple[int, ...]:
    """``mon,wed,fri`` (or full names, any case) as weekday numbers in week order."""
    words = [w.strip().lower() for w in text.split(",")]
    if not any(words):
        raise ReminderError("Name at least one day, for example --days mon,wed,fri.")
    days: set[int] = set()
    for word in words:
        if word in WEEKDAYS:
            days.add(WEEKDAYS.index(word))
        elif word in FULL_NAMES:
            days.add(FULL_NAMES.index(word))
        else:
            raise ReminderError(
                f"'{word}' is not a day. Days are mon, tue, wed, thu, fri, sat and sun, "
                "separated by commas, for example --days mon,wed,fri."
            )
    return tuple(sorted(days))


def parse_time(text: str) -> time:
    """``20:00`` or ``7:30``: hours and minutes on the 24-hour clock."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ReminderError(
            "The time is hours and minutes on the 24-hour clock, for example --at 20:00."
        )
    return time(int(match[1]), int(match[2]))


def parse_reminder(days: str, at: str) -> Reminder:
    """Both options read together; raises :class:`ReminderError`."""
    return Reminder(days=parse_days(days), at=parse_time(at))


def local_zone(environ: dict[str, str] | None = None, localtime: Path | None = None) -> tzinfo:
    """This computer's time zone by its name (``Europe/London``) when it can be found, so the
    reminder follows daylight saving; otherwise today's fixed offset from UTC."""
    env = os.environ if environ is None else environ
    names = []
    if env.get("TZ"):
        names.append(env["TZ"].removeprefix(":"))
    link = Path("/etc/localtime") if localtime is None else localtime
    try:
        target = str(link.resolve())
    except OSError:
        target = ""
    if ZONEINFO_MARKER in target:
        names.append(target.rpartition(ZONEINFO_MARKER)[2])
    for name in names:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    offset = datetime.now().astimezone().tzinfo
    return offset if offset is not None else UTC


def first_start(reminder: Reminder, zone: tzinfo, today: date) -> datetime:
    """The first reminder on or after ``today``, in ``zone``."""
    ahead = min((d - today.weekday()) % 7 for d in reminder.days)
    return datetime.combine(today + timedelta(days=ahead), reminder.at, tzinfo=zone)


def build_calendar(reminder: Reminder, zone: tzinfo, now: datetime) -> bytes:
    """The .ics file's bytes: one weekly event, in ``zone`` with its VTIMEZONE when the zone
    has a name, else at the same moment in UTC (a bare offset has no VTIMEZONE)."""
    # icalendar costs about 60 ms to import; only this command needs it.
    from icalendar import Calendar, Event

    start = first_start(reminder, zone, now.astimezone(zone).date())
    if not isinstance(zone, ZoneInfo):
        start = start.astimezone(UTC)
    event = Event()
    event.add("uid", UID)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("summary", TITLE)
    event.add("description", DESCRIPTION)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=MINUTES))
    byday = [WEEKDAYS[d][:2].upper() for d in reminder.days]
    event.add("rrule", {"freq": "weekly", "byday": byday})
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add_component(event)
    calendar.add_missing_timezones(first_date=start.date())
    ics: bytes = calendar.to_ical()
    return ics


def write_reminder(path: Path, reminder: Reminder, zone: tzinfo, now: datetime) -> None:
    """Write the .ics file atomically and private (0600); raises ``StoreError``."""
    from coach.core.store.files import atomic_write

    atomic_write(path, build_calendar(reminder, zone, now))
