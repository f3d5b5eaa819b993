"""The session and rest-day file format: records to TOML bytes and back, with checked values (pure).

Reading never raises for a bad file: each problem becomes a :class:`SessionFileError` whose
text is ``path:line:col: reason``. No message ever carries a note or a rating: reasons name
keys and kinds of value, never values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from coach.core.records import (
    BLEEDING,
    FOCUS_STAGES,
    FOCUS_WEEKS,
    OUTCOMES,
    REST_REASONS,
    SCHEMA_VERSION,
    STATUSES,
    TRIED,
    Checkin,
    FocusRecord,
    FocusState,
    PartnerCheckin,
    RestDay,
    Session,
    StageChange,
    StepRecord,
    TrainerReport,
)
from coach.core.tomlfile import KeyPath, TomlProblem, load

T = TypeVar("T")

# A session or rest-day file's problem is a TOML file's problem: one type, one wording.
SessionFileError = TomlProblem


# ---------------------------------------------------------------------------------------------
# Writing TOML: a small emitter, so [[steps]] stay tables however short they are


def _key(name: str) -> str:
    if name and re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return name
    import tomli_w  # only when writing: reading a session never needs it

    return tomli_w.dumps({name: 0})[: -len(" = 0\n")]


def _literal(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()  # with a "T", as people write it
    import tomli_w

    return tomli_w.dumps({"v": value})[len("v = ") :].rstrip("\n")


def _is_tables(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _emit(table: Mapping[str, Any], name: str, in_array: bool, out: list[str]) -> None:
    literals = [(k, v) for k, v in table.items() if not (isinstance(v, Mapping) or _is_tables(v))]
    nested = [(k, v) for k, v in table.items() if isinstance(v, Mapping) or _is_tables(v)]
    if name and (in_array or literals or not nested):
        out.append(f"[[{name}]]\n" if in_array else f"[{name}]\n")
    out.extend(f"{_key(k)} = {_literal(v)}\n" for k, v in literals)
    for k, v in nested:
        child = f"{name}.{_key(k)}" if name else _key(k)
        for part in [v] if isinstance(v, Mapping) else v:
            if out:
                out.append("\n")
            _emit(part, child, not isinstance(v, Mapping), out)


def dumps_toml(data: Mapping[str, Any]) -> bytes:
    """``data`` as UTF-8 TOML; lists of tables are always written as ``[[name]]`` sections."""
    out: list[str] = []
    _emit(data, "", False, out)
    # A lone surrogate (undecodable terminal input) cannot be UTF-8; replace it, keep the rest.
    return "".join(out).encode("utf-8", "replace")


def _with_extra(known: dict[str, Any], record: Any) -> dict[str, Any]:
    """``known`` plus the record's unknown keys; a key the record itself defines never repeats."""
    reserved = {f.name for f in fields(record)}
    for key, value in record.extra.items():
        if key not in reserved and key not in known and value is not None:
            known[key] = value
    return known


def _drop_none(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}


def _trainer_to_dict(t: TrainerReport) -> dict[str, Any]:
    fields = {
        "used": t.used,
        "size": t.size,
        "depth": t.depth,
        "minutes": t.minutes,
        "pain_before": t.pain_before,
        "pain_peak": t.pain_peak,
        "pain_after": t.pain_after,
        "anxiety_before": t.anxiety_before,
        "anxiety_peak": t.anxiety_peak,
        "anxiety_after": t.anxiety_after,
        "tried": t.tried,
        "bleeding": t.bleeding,
    }
    return _with_extra(_drop_none(fields), t)


def _step_to_dict(step: StepRecord) -> dict[str, Any]:
    out = {
        "title": step.title,
        "type": step.type,
        "planned_seconds": step.planned_seconds,
        "done_seconds": step.done_seconds,
        "outcome": step.outcome,
    }
    if step.trainer is not None:
        out["trainer"] = _trainer_to_dict(step.trainer)
    return _with_extra(out, step)


def session_to_dict(s: Session) -> dict[str, Any]:
    """The session as TOML-ready data: absent values left out, unknown keys written back."""
    out: dict[str, Any] = {
        "schema_version": s.schema_version,
        "routine": s.routine,
        "routine_title": s.routine_title,
        "started_at": s.started_at,
        "ended_at": s.ended_at,
        "status": s.status,
        "planned_seconds": s.planned_seconds,
        "active_seconds": s.active_seconds,
    }
    if s.checkin is not None:
        c = s.checkin
        checkin = _drop_none({"pain": c.pain, "anxiety": c.anxiety, "note": c.note})
        out["checkin"] = _with_extra(checkin, c)
    if s.focus is not None:
        out["focus"] = _focus_to_dict(s.focus)
    if s.steps:
        out["steps"] = [_step_to_dict(step) for step in s.steps]
    return _with_extra(out, s)


def _focus_to_dict(f: FocusRecord) -> dict[str, Any]:
    out: dict[str, Any] = _drop_none({"stage": f.stage, "solo": f.solo})
    if f.partners:
        out["partners"] = [
            _with_extra(
                _drop_none(
                    {
                        "comfort": p.comfort,
                        "anxiety": p.anxiety,
                        "stop_used": p.stop_used,
                        "note": p.note,
                    }
                ),
                p,
            )
            for p in f.partners
        ]
    return _with_extra(out, f)


def dump_session(s: Session) -> bytes:
    """The session file's bytes."""
    return dumps_toml(session_to_dict(s))


def rest_day_to_dict(r: RestDay) -> dict[str, Any]:
    """The rest day as TOML-ready data: absent values left out, unknown keys written back."""
    out = _drop_none(
        {
            "schema_version": r.schema_version,
            "day": r.day,
            "reason": r.reason,
            "recorded_at": r.recorded_at,
            "note": r.note,
        }
    )
    return _with_extra(out, r)


def dump_rest_day(r: RestDay) -> bytes:
    """The rest-day file's bytes."""
    return dumps_toml(rest_day_to_dict(r))


def focus_state_to_dict(f: FocusState) -> dict[str, Any]:
    """The sensate-focus programme as TOML-ready data, unknown keys written back."""
    out: dict[str, Any] = {
        "schema_version": f.schema_version,
        "weeks": f.weeks,
        "began": f.began,
        "solo": f.solo,
        "stages": [{"stage": c.stage, "on": c.on} for c in f.history],
    }
    return _with_extra(out, f)


def dump_focus_state(f: FocusState) -> bytes:
    """The programme file's bytes."""
    return dumps_toml(focus_state_to_dict(f))


# ---------------------------------------------------------------------------------------------
# Validating what was read: reasons name keys and kinds of value, never the values themselves


class _Invalid(Exception):
    def __init__(self, key: KeyPath, reason: str) -> None:
        super().__init__(reason)
        self.key = key
        self.reason = reason


def _label(key: KeyPath) -> str:
    """``status``, ``checkin.pain``, ``step 3: outcome``, ``step 3: trainer.size``."""
    if len(key) >= 2 and key[0] == "steps" and isinstance(key[1], int):
        rest = ".".join(str(k) for k in key[2:])
        return f"step {key[1] + 1}: {rest}" if rest else f"step {key[1] + 1}"
    return ".".join(str(k) for k in key)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, datetime):
        return "a date and time" if value.tzinfo else "a date and time without a UTC offset"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a time"


class _Reader:
    """Takes typed values out of one parsed table, remembering which keys it knew."""

    def __init__(self, data: object, key: KeyPath) -> None:
        if not isinstance(data, dict):
            raise _Invalid(key, f"{_label(key)} must be a table, not {_kind(data)}")
        self.data: dict[str, Any] = data
        self.key = key
        self.known: set[str] = set()

    def _get(self, name: str, required: bool) -> Any:
        self.known.add(name)
        if name not in self.data and required:
            where = f" in {_label(self.key)}" if self.key else ""
            raise _Invalid((*self.key, name), f"missing the required key {name}{where}")
        return self.data.get(name)

    def _fail(self, name: str, wanted: str) -> _Invalid:
        key = (*self.key, name)
        found = _kind(self.data[name])
        if found == _kind(0) and "number" in wanted:
            return _Invalid(key, f"{_label(key)} must be {wanted}")  # the right kind, out of range
        return _Invalid(key, f"{_label(key)} must be {wanted}, not {found}")

    def text(self, name: str, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is not None and not isinstance(value, str):
            raise self._fail(name, "text in quotes")
        return value

    def choice(self, name: str, choices: tuple[str, ...], required: bool = False) -> Any:
        value = self._get(name, required)
        if value is not None and value not in choices:
            key = (*self.key, name)
            wanted = ", ".join(choices[:-1]) + " or " + choices[-1]
            raise _Invalid(key, f"{_label(key)} must be {wanted}")
        return value

    def seconds(self, name: str, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise self._fail(name, "a number, 0 or more")
        return value

    def whole(self, name: str, low: int, high: int | None = None, *, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value < low
            or (high is not None and value > high)
        ):
            wanted = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise self._fail(name, f"a whole number {wanted}")
        return value

    def flag(self, name: str) -> Any:
        value = self._get(name, False)
        if value is not None and not isinstance(value, bool):
            raise self._fail(name, "true or false")
        return value

    def moment(self, name: str, required: bool = False) -> Any:
        value = self._get(name, required)
        if isinstance(value, datetime) and value.utcoffset() is None:
            key = (*self.key, name)
            raise _Invalid(key, f"{_label(key)} needs a UTC offset, like 2026-11-22T21:30:12+00:00")
        if value is not None and not isinstance(value, datetime):
            raise self._fail(name, "a date and time, like 2026-11-22T21:30:12+00:00")
        return value

    def day(self, name: str, required: bool = False) -> Any:
        value = self._get(name, required)
        if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
            raise self._fail(name, "a date, like 2026-11-22")
        return value

    def schema(self) -> int:
        version = self._get("schema_version", True)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self._fail("schema_version", "a whole number 1 or more")
        if version > SCHEMA_VERSION:
            raise _Invalid(
                ("schema_version",),
                f"written by a newer coach (schema_version {version}); update coach to read it",
            )
        return version

    def extra(self) -> dict[str, Any]:
        return {k: v for k, v in self.data.items() if k not in self.known}


def _trainer_from(data: object, key: KeyPath) -> TrainerReport:
    r = _Reader(data, key)
    return TrainerReport(
        used=r.text("used"),
        size=r.whole("size", 1),
        depth=r.text("depth"),
        minutes=r.seconds("minutes"),
        pain_before=r.whole("pain_before", 0, 10),
        pain_peak=r.whole("pain_peak", 0, 10),
        pain_after=r.whole("pain_after", 0, 10),
        anxiety_before=r.whole("anxiety_before", 0, 10),
        anxiety_peak=r.whole("anxiety_peak", 0, 10),
        anxiety_after=r.whole("anxiety_after", 0, 10),
        tried=r.choice("tried", TRIED),
        bleeding=_bleeding(r),
        extra=r.extra(),
    )


def _bleeding(r: _Reader) -> str | None:
    """``bleeding``, or from a file written before it was asked in three answers, the old
    ``spotting = true/false``: yes was the only answer for any bleeding, so it reads as light
    spotting (the one reply that still names when to seek help)."""
    bleeding: str | None = r.choice("bleeding", BLEEDING)
    spotting: bool | None = r.flag("spotting")
    if bleeding is None and spotting is not None:
        return BLEEDING[1] if spotting else BLEEDING[0]
    return bleeding


def _step_from(data: object, index: int) -> StepRecord:
    r = _Reader(data, ("steps", index))
    trainer = r._get("trainer", False)
    return StepRecord(
        title=r.text("title", True),
        type=r.text("type", True),
        planned_seconds=r.seconds("planned_seconds", True),
        done_seconds=r.seconds("done_seconds", True),
        outcome=r.choice("outcome", OUTCOMES, True),
        trainer=None if trainer is None else _trainer_from(trainer, ("steps", index, "trainer")),
        extra=r.extra(),
    )


def _checkin_from(data: object) -> Checkin:
    r = _Reader(data, ("checkin",))
    return Checkin(
        pain=r.whole("pain", 0, 10),
        anxiety=r.whole("anxiety", 0, 10),
        note=r.text("note"),
        extra=r.extra(),
    )


def _session_from(data: object) -> Session:
    r = _Reader(data, ())
    version = r.schema()
    session = Session(
        routine=r.text("routine", True),
        routine_title=r.text("routine_title", True),
        started_at=r.moment("started_at", True),
        ended_at=r.moment("ended_at", True),
        status=r.choice("status", STATUSES, True),
        planned_seconds=r.seconds("planned_seconds", True),
        active_seconds=r.seconds("active_seconds", True),
        schema_version=version,
    )
    checkin = r._get("checkin", False)
    if checkin is not None:
        session.checkin = _checkin_from(checkin)
    focus = r._get("focus", False)
    if focus is not None:
        session.focus = _focus_from(focus)
    steps = r._get("steps", False)
    if steps is not None:
        session.steps = [_step_from(step, i) for i, step in enumerate(_tables(steps, ("steps",)))]
    session.extra = r.extra()
    return session


def _tables(value: object, key: KeyPath) -> list[Any]:
    if not isinstance(value, list):
        name = ".".join(str(k) for k in key)
        raise _Invalid(key, f"{name} must be a list of [[{name}]] tables, not {_kind(value)}")
    return value


def _partner_from(data: object, index: int) -> PartnerCheckin:
    r = _Reader(data, ("focus", "partners", index))
    return PartnerCheckin(
        comfort=r.whole("comfort", 0, 10),
        anxiety=r.whole("anxiety", 0, 10),
        stop_used=r.flag("stop_used"),
        note=r.text("note"),
        extra=r.extra(),
    )


def _focus_from(data: object) -> FocusRecord:
    r = _Reader(data, ("focus",))
    partners = r._get("partners", False)
    return FocusRecord(
        stage=r.whole("stage", 1, FOCUS_STAGES),
        solo=bool(r.flag("solo")),
        partners=[
            _partner_from(p, i)
            for i, p in enumerate(_tables(partners or [], ("focus", "partners")))
        ],
        extra=r.extra(),
    )


def _stage_change_from(data: object, index: int) -> StageChange:
    r = _Reader(data, ("stages", index))
    return StageChange(stage=r.whole("stage", 1, FOCUS_STAGES, required=True), on=r.day("on", True))


def _focus_state_from(data: object) -> FocusState:
    r = _Reader(data, ())
    version = r.schema()
    weeks = r.whole("weeks", FOCUS_WEEKS[0], FOCUS_WEEKS[1], required=True)
    began = r.day("began", True)
    solo = r.flag("solo")
    stages = _tables(r._get("stages", True), ("stages",))
    if not stages:
        raise _Invalid(("stages",), "stages needs at least one [[stages]] table")
    return FocusState(
        weeks=weeks,
        began=began,
        solo=bool(solo),
        history=[_stage_change_from(c, i) for i, c in enumerate(stages)],
        schema_version=version,
        extra=r.extra(),
    )


def _rest_day_from(data: object) -> RestDay:
    r = _Reader(data, ())
    version = r.schema()
    return RestDay(
        day=r.day("day", True),
        reason=r.choice("reason", REST_REASONS, True),
        recorded_at=r.moment("recorded_at", True),
        note=r.text("note"),
        schema_version=version,
        extra=r.extra(),
    )


def _validated(build: Callable[[object], T], data: object, source: str) -> T:
    try:
        return build(data)
    except _Invalid as problem:
        raise SessionFileError(source, 1, 1, problem.reason, problem.key) from None


def session_from_dict(data: dict[str, Any], source: str) -> Session:
    """Check parsed TOML and build a Session; raises SessionFileError naming ``source``."""
    return _validated(_session_from, data, source)


def rest_day_from_dict(data: dict[str, Any], source: str) -> RestDay:
    """Check parsed TOML and build a RestDay; raises SessionFileError naming ``source``."""
    return _validated(_rest_day_from, data, source)


# ---------------------------------------------------------------------------------------------
# Reading files: every problem becomes path:line:col: reason


def _parse(raw: bytes, path: Path, build: Callable[[object], T]) -> T:
    document = load(raw, path)
    try:
        return build(document.data)
    except _Invalid as problem:
        raise document.problem(problem.key, problem.reason) from None


def parse_session(raw: bytes, path: Path) -> Session:
    """A session from a file's bytes, or SessionFileError(path, line, col, reason)."""
    return _parse(raw, path, _session_from)


def parse_focus_state(raw: bytes, path: Path) -> FocusState:
    """The programme from its file's bytes, or SessionFileError(path, line, col, reason)."""
    return _parse(raw, path, _focus_state_from)


def parse_session_data(raw: bytes, path: Path) -> dict[str, Any]:
    """A valid session file's data exactly as ``tomllib`` reads it, every unknown key included
    (for a change that must leave the rest alone); raises SessionFileError like parse_session."""

    def checked(data: object) -> dict[str, Any]:
        _session_from(data)
        assert isinstance(data, dict)  # tomllib always gives a table
        return data

    return _parse(raw, path, checked)


def parse_rest_day(raw: bytes, path: Path) -> RestDay:
    """A rest day from a file's bytes, or SessionFileError(path, line, col, reason)."""
    return _parse(raw, path, _rest_day_from)
