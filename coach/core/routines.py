"""Routine files: the step model, loading, validation with precise messages, and listing (pure)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from coach.core.text import first_control, inert
from coach.core.tomlfile import Document, EmptyFile, TomlProblem, load, read_bytes
from coach.core.words import counted

SCHEMA_VERSION = 1
MAX_SECONDS = 3600  # no single duration, and no whole step, lasts more than one hour
MAX_MINUTES = 60
MAX_FILE_BYTES = 1024 * 1024  # a long routine is a few KiB; anything this big is a mistake
MAX_STEPS = 500  # far beyond any real routine; more would make every list and screen slow
# Turns are named in words ("first turn" ... "sixth turn"), never by who is touching whom.
TURN_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth")
# How hard a squeeze is: gentle (the default for a tight pelvic floor) or strength.
EFFORTS = ("gentle", "strength")


@dataclass(frozen=True)
class Breathe:
    """Paced breathing: in, optional hold, out, optional hold, for a number of cycles."""

    type: ClassVar[str] = "breathe"
    title: str
    guide: str
    inhale: float
    exhale: float
    cycles: int
    hold_in: float = 0
    hold_out: float = 0

    @property
    def planned_seconds(self) -> float:
        return (self.inhale + self.hold_in + self.exhale + self.hold_out) * self.cycles


@dataclass(frozen=True)
class TenseRelease:
    """Progressive muscle relaxation for one muscle group: tense, then let go."""

    type: ClassVar[str] = "tense-release"
    title: str
    guide: str
    tense: float
    release: float
    repeat: int = 1

    @property
    def planned_seconds(self) -> float:
        return (self.tense + self.release) * self.repeat


@dataclass(frozen=True)
class SqueezeRelease:
    """Pelvic-floor squeeze and release reps, in sets with an optional rest between."""

    type: ClassVar[str] = "squeeze-release"
    title: str
    guide: str
    squeeze: float
    release: float
    reps: int
    sets: int = 1
    rest: float = 0
    effort: str = "gentle"  # gentle (about half effort) | strength (squeeze and lift)

    @property
    def planned_seconds(self) -> float:
        return (self.squeeze + self.release) * self.reps * self.sets + self.rest * (self.sets - 1)


@dataclass(frozen=True)
class Trainer:
    """Timed vaginal-trainer practice; the check-in asks what was used."""

    type: ClassVar[str] = "trainer"
    title: str
    guide: str
    minutes: float

    @property
    def planned_seconds(self) -> float:
        return self.minutes * 60


@dataclass(frozen=True)
class Rest:
    """Quiet rest."""

    type: ClassVar[str] = "rest"
    title: str
    guide: str
    seconds: float

    @property
    def planned_seconds(self) -> float:
        return self.seconds


@dataclass(frozen=True)
class Turns:
    """Sensate-focus touch in turns of equal length, a soft bell at each swap; one turn is
    time without swapping (touching together, or alone on the solo track)."""

    type: ClassVar[str] = "turns"
    title: str
    guide: str
    minutes: float  # each turn
    turns: int

    @property
    def planned_seconds(self) -> float:
        return self.minutes * 60 * self.turns


Step = Breathe | TenseRelease | SqueezeRelease | Trainer | Rest | Turns
STEP_CLASSES: dict[str, type[Step]] = {
    cls.type: cls for cls in (Breathe, TenseRelease, SqueezeRelease, Trainer, Rest, Turns)
}
STEP_TYPES: tuple[str, ...] = tuple(STEP_CLASSES)


@dataclass(frozen=True)
class Routine:
    """A validated routine: its name (file stem), title, summary and steps."""

    name: str
    title: str
    steps: tuple[Step, ...]
    summary: str = ""
    caution: str = ""
    path: Path | None = None
    builtin: bool = False
    discreet_title: str = ""  # the neutral title discreet mode shows; "" for "Practice"

    @property
    def total_seconds(self) -> float:
        return sum(step.planned_seconds for step in self.steps)


FIRST_TRY = "first-try"  # the short taster offered to someone with no history yet


class RoutineError(Exception):
    """A routine file that cannot be used; ``problems`` holds every message found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# Field specs: name -> (kind, required). Kinds: "text", "seconds", "minutes", "count",
# "hold" (seconds that may be zero), "turns" (a count with a word for each turn),
# "effort" (one of EFFORTS).
_COMMON: dict[str, tuple[str, bool]] = {
    "type": ("text", True),
    "title": ("text", True),
    "guide": ("text", False),
}
_FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "breathe": {
        "inhale": ("seconds", True),
        "exhale": ("seconds", True),
        "cycles": ("count", True),
        "hold_in": ("hold", False),
        "hold_out": ("hold", False),
    },
    "tense-release": {
        "tense": ("seconds", True),
        "release": ("seconds", True),
        "repeat": ("count", False),
    },
    "squeeze-release": {
        "squeeze": ("seconds", True),
        "release": ("seconds", True),
        "reps": ("count", True),
        "sets": ("count", False),
        "rest": ("hold", False),
        "effort": ("effort", False),
    },
    "trainer": {"minutes": ("minutes", True)},
    "rest": {"seconds": ("seconds", True)},
    "turns": {"minutes": ("minutes", True), "turns": ("turns", True)},
}
_TOP_LEVEL = ("schema_version", "name", "discreet_title", "summary", "caution", "steps")
DISCREET_TITLE_MAX = 40
_EMPTY = "the file is empty; a routine needs schema_version, name and at least one [[steps]] table"


def format_duration(seconds: float) -> str:
    """Say a duration the way a person would: ``45 s``, ``12 min 30 s``, ``1 h 5 min``."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def _num(value: float) -> str:
    return f"{value:g}"


def describe_step(step: Step) -> str:
    """One short line about what a step asks, e.g. ``breathe 4-0-6-0, 8 breaths``."""
    match step:
        case Breathe():
            pattern = "-".join(
                _num(v) for v in (step.inhale, step.hold_in, step.exhale, step.hold_out)
            )
            return f"breathe {pattern}, {counted(step.cycles, 'breath')}"
        case TenseRelease():
            times = f", {step.repeat} times" if step.repeat > 1 else ""
            return f"tense {_num(step.tense)} s, let go {_num(step.release)} s{times}"
        case SqueezeRelease():
            sets = f" x {step.sets} sets, rest {_num(step.rest)} s" if step.sets > 1 else ""
            reps = counted(step.reps, "rep")
            verb = "squeeze and lift" if step.effort == "strength" else "squeeze"
            return f"{verb} {_num(step.squeeze)} s, release {_num(step.release)} s, {reps}{sets}"
        case Trainer():
            return f"trainer practice, {_num(step.minutes)} min"
        case Rest():
            return "quiet rest"
        case Turns():
            if step.turns == 1:
                return f"one unhurried stretch, {_num(step.minutes)} min"
            return f"{step.turns} turns of {_num(step.minutes)} min, swapping at the bell"


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    import difflib  # deferred: only a misspelt name needs it

    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _check_value(kind: str, value: object) -> str | None:
    """Return what is wrong with ``value`` for a field of ``kind``, or None."""
    if kind == "effort":
        if value not in EFFORTS:
            shown = f"'{value}'" if isinstance(value, str) else _type_name(value)
            return f'should be "{EFFORTS[0]}" or "{EFFORTS[1]}", not {shown}'
        return None
    if kind == "text":
        if not isinstance(value, str):
            return f"should be text in quotes, not {_type_name(value)}"
        return _control_problem(value)
    return _number_problem(kind, value)


def _control_problem(text: str) -> str | None:
    """Why ``text`` cannot be shown: a control character could steer the terminal."""
    found = first_control(text)
    if found is None:
        return None
    return f"contains a control character ({found}), which coach will not show; remove it"


def _number_problem(kind: str, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        unit = (
            "a whole number"
            if kind in ("count", "turns")
            else "a number of " + ("minutes" if kind == "minutes" else "seconds")
        )
        return f"should be {unit}, not {_type_name(value)}"
    if not math.isfinite(value):
        return "should be a finite number"
    if kind in ("count", "turns"):
        if not isinstance(value, int):
            return f"should be a whole number, not {value}"
        if value <= 0:
            return f"should be 1 or more, not {value}"
        if kind == "turns" and value > len(TURN_WORDS):
            return f"should be at most {len(TURN_WORDS)} turns, not {value}"
        return None
    if kind == "minutes":
        if value <= 0:
            return f"should be more than 0 minutes, not {value}"
        if value > MAX_MINUTES:
            return f"should be at most {MAX_MINUTES} minutes, not {value}"
        return None
    if kind == "hold" and value == 0:
        return None
    if value < 0:
        floor = "0 or more" if kind == "hold" else "more than 0"
        return f"should be {floor} seconds, not {value}"
    if value == 0:
        return "should be more than 0 seconds, not 0"
    if value > MAX_SECONDS:
        return f"should be at most {MAX_SECONDS} seconds (one hour), not {value}"
    return None


def parse_routine(
    text: str, source: str, *, name: str, path: Path | None = None, builtin: bool = False
) -> Routine:
    """Validate routine ``text``; raise :class:`RoutineError` listing every problem found."""
    try:
        document = load(text.encode("utf-8", "surrogatepass"), source)
    except TomlProblem as problem:
        raise _unusable(problem, source) from None
    return _routine_from(document, name=name, path=path, builtin=builtin)


def load_routine(path: Path, *, builtin: bool = False) -> Routine:
    """Read and validate the routine file at ``path``; a file too large to be a routine is
    refused from its size alone, without reading it, so a stray giant costs nothing."""
    shown = inert(str(path))  # a file name may hold anything a file name can
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # reading it says why it cannot be read
    if size > MAX_FILE_BYTES:
        raise RoutineError([f"{shown}: {_too_large(size)}"])
    try:
        document = load(read_bytes(path), shown)
    except TomlProblem as problem:
        raise _unusable(problem, shown) from None
    return _routine_from(document, name=inert(path.stem), path=path, builtin=builtin)


def _unusable(problem: TomlProblem, source: Path | str) -> RoutineError:
    if isinstance(problem, EmptyFile):
        return RoutineError([f"{source}:1: {_EMPTY}"])
    return RoutineError([str(problem)])


def _routine_from(document: Document, *, name: str, path: Path | None, builtin: bool) -> Routine:
    data, source = document.data, document.path
    problems: list[str] = []

    def top(key: str, message: str) -> None:
        problems.append(f"{source}:{document.locate((key,))[0]}: {key}: {message}")

    if not data:
        raise RoutineError([f"{source}:1: {_EMPTY}"])
    for key in data:
        if key not in _TOP_LEVEL:
            top(key, "unknown key" + _did_you_mean(key, _TOP_LEVEL))
    version = data.get("schema_version")
    if version is None:
        problems.append(
            f"{source}:1: schema_version: missing; add 'schema_version = "
            f"{SCHEMA_VERSION}' at the top"
        )
    elif isinstance(version, bool) or not isinstance(version, int):
        top(
            "schema_version",
            f"should be the whole number {SCHEMA_VERSION}, not {_type_name(version)}",
        )
    elif version > SCHEMA_VERSION:
        top(
            "schema_version",
            f"{version} is for a newer coach; this one reads version {SCHEMA_VERSION}",
        )
    elif version < 1:
        top("schema_version", f"should be {SCHEMA_VERSION}, not {version}")
    title = data.get("name")
    if title is None:
        problems.append(
            f'{source}:1: name: missing; add a name to show in menus, like name = "Evening unwind"'
        )
    elif not isinstance(title, str) or not title.strip():
        top("name", "should be non-empty text in quotes")
    elif wrong := _control_problem(title):
        top("name", wrong)
    for key in ("summary", "caution"):
        if key in data and (wrong := _check_value("text", data[key])):
            top(key, wrong)
    _check_discreet_title(data.get("discreet_title"), top)
    raw_steps = data.get("steps")
    steps: list[Step] = []
    if raw_steps is None:
        last_line = document.text.count("\n") + 1
        problems.append(
            f"{source}:{last_line}: steps: a routine needs at least one [[steps]] table"
        )
    elif not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
        top("steps", "should be [[steps]] tables")
    elif not raw_steps:
        top("steps", "a routine needs at least one step")
    elif len(raw_steps) > MAX_STEPS:
        raise RoutineError(
            [
                f"{source}:{document.locate(('steps', MAX_STEPS))[0]}: steps: "
                f"{len(raw_steps)} steps is too many; "
                f"a routine may have at most {MAX_STEPS}"
            ]
        )
    else:
        for index, raw in enumerate(raw_steps):
            step = _parse_step(raw, index, document, problems)
            if step is not None:
                steps.append(step)
    if problems:
        raise RoutineError(problems)
    assert isinstance(title, str)
    return Routine(
        name=name,
        title=title.strip(),
        summary=str(data.get("summary", "")).strip(),
        caution=str(data.get("caution", "")).strip(),
        steps=tuple(steps),
        path=path,
        builtin=builtin,
        discreet_title=str(data.get("discreet_title", "")).strip(),
    )


def _check_discreet_title(value: object, top: Callable[[str, str], None]) -> None:
    """A discreet title is short, neutral text: it is what a shared screen shows."""
    from coach.core.discreet import private_word

    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        top("discreet_title", "should be non-empty text in quotes")
        return
    if wrong := _control_problem(value):
        top("discreet_title", wrong)
        return
    if len(value.strip()) > DISCREET_TITLE_MAX:
        top("discreet_title", f"should be at most {DISCREET_TITLE_MAX} characters")
    word = private_word(value)
    if word is not None:
        top(
            "discreet_title",
            f"should use neutral words (like Practice, Relaxation or Exercise); "
            f"'{word}' is one discreet mode keeps off the screen",
        )


def _parse_step(
    raw: Mapping[str, Any], index: int, document: Document, problems: list[str]
) -> Step | None:
    raw_title = raw.get("title")
    label = f"step {index + 1}" + (f" ({inert(raw_title)})" if isinstance(raw_title, str) else "")
    before = len(problems)

    def problem(key: str | None, message: str) -> None:
        where = f"{key}: " if key else ""
        line, _ = document.locate(("steps", index, key) if key else ("steps", index))
        problems.append(f"{document.path}:{line}: {label}: {where}{message}")

    kind = raw.get("type")
    if kind is None:
        problem("type", "missing; choose one of " + ", ".join(STEP_TYPES))
        return None
    if not isinstance(kind, str) or kind not in _FIELDS:
        shown = kind if isinstance(kind, str) else _type_name(kind)
        hint = _did_you_mean(shown, STEP_TYPES) if isinstance(kind, str) else ""
        problem(
            "type", f"unknown step type '{shown}'{hint}; choose one of " + ", ".join(STEP_TYPES)
        )
        return None
    spec = {**_COMMON, **_FIELDS[kind]}
    for key in raw:
        if key not in spec:
            problem(key, f"not a field of a {kind} step" + _did_you_mean(key, spec))
    for key, (field_kind, required) in spec.items():
        if key not in raw:
            if required:
                problem(
                    None,
                    f"{key}: missing; a {kind} step needs "
                    + ", ".join(k for k, (_, r) in spec.items() if r and k != "type"),
                )
            continue
        wrong = _check_value(field_kind, raw[key])
        if wrong:
            problem(key, wrong)
    if isinstance(raw_title, str) and not raw_title.strip():
        problem("title", "should not be empty")
    if len(problems) > before:
        return None
    values = {k: v for k, v in raw.items() if k != "type"}
    values.setdefault("guide", "")
    step = STEP_CLASSES[kind](**values)
    if step.planned_seconds > MAX_SECONDS:
        counts = [k for k, (field_kind, _) in spec.items() if field_kind in ("count", "turns")]
        problem(
            next((key for key in counts if key in raw), None),  # the count that made it long
            "this step would last "
            + format_duration(step.planned_seconds)
            + f"; keep each step within one hour ({MAX_SECONDS} seconds)",
        )
        return None
    return step


def _too_large(size: int) -> str:
    return (
        f"the file is {size / 1024:,.0f} KiB; a routine file may be at most "
        f"{MAX_FILE_BYTES // 1024:,} KiB (a long routine takes a few)"
    )


def builtin_dir() -> Path:
    """Where the built-in routines live: inside the wheel, or ``exercises/`` in a checkout."""
    package = Path(__file__).resolve().parents[1]  # coach/
    packaged = package / "exercises"
    if packaged.is_dir():
        return packaged
    return package.parent / "exercises"


@dataclass
class Catalogue:
    """Every routine found, by name, plus the problems with files that could not be used."""

    routines: dict[str, Routine] = field(default_factory=dict)
    problems: dict[Path, list[str]] = field(default_factory=dict)  # every mistake, per file
    shadowed: list[str] = field(default_factory=list)  # built-in names a user routine replaces

    def __iter__(self) -> Iterator[Routine]:
        return iter(sorted(self.routines.values(), key=lambda r: (not r.builtin, r.name)))


def catalogue(user_dir: Path | None) -> Catalogue:
    """All routines: built-in first, then the user's own; a user routine with a built-in's
    name replaces the built-in, so a physiotherapist can adjust one without renaming it."""
    found = Catalogue()
    for directory, builtin in ((builtin_dir(), True), (user_dir, False)):
        if directory is None or not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.toml")):
            try:
                routine = load_routine(path, builtin=builtin)
            except RoutineError as error:
                found.problems[path] = error.problems
                continue
            if not builtin and path.stem in found.routines:
                found.shadowed.append(path.stem)
            found.routines[path.stem] = routine
    return found


def spoken_name(text: str) -> str:
    """A name as people say it: case, spaces, underscores and punctuation all forgiven."""
    return "-".join(word for word in re.split(r"[\W_]+", text.casefold()) if word)


def resolve(name_or_path: str, user_dir: Path | None) -> Routine:
    """Find a routine by name or menu title in any spelling (``First try``, ``FIRST-TRY``,
    ``first_try``), or load it from a path ending in ``.toml``."""
    candidate = Path(name_or_path).expanduser()
    if name_or_path.endswith(".toml") or candidate.is_file():
        if not candidate.is_file():
            raise RoutineError([f"{inert(name_or_path)}: no such routine file"])
        return load_routine(candidate)
    for directory, builtin in ((user_dir, False), (builtin_dir(), True)):
        if directory is not None and (path := directory / f"{name_or_path}.toml").is_file():
            return load_routine(path, builtin=builtin)
    known = catalogue(user_dir).routines
    wanted = spoken_name(name_or_path)
    by_name = [r for r in known.values() if spoken_name(r.name) == wanted]
    matches = by_name or [r for r in known.values() if spoken_name(r.title) == wanted]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = sorted(r.name for r in matches)
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        raise RoutineError(
            [f"'{inert(name_or_path)}' could be {listed}; give the name of the one you mean"]
        )
    spoken = {spoken_name(r.name): r.name for r in known.values()}
    spoken.update({spoken_name(r.title): r.name for r in known.values()})
    import difflib  # deferred: only a name that found nothing needs it

    close = difflib.get_close_matches(wanted, list(spoken), n=1, cutoff=0.6)
    hint = f" (did you mean '{spoken[close[0]]}'?)" if close else ""
    raise RoutineError(
        [f"no routine called '{inert(name_or_path)}'{hint}; coach routines lists them all"]
    )
