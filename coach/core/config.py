"""The user's settings in ``<config dir>/config.toml``: the support list, read tolerantly (pure).

The file is the user's own and is only ever read here, never rewritten, so their comments
survive. A support list that cannot be used in full gives one ``path:line:col: reason``
warning per problem and the built-in UK list is shown instead: a crisis list that is half
read could leave out the very number someone needs. Keys this module does not know are left
for other settings and ignored.

    [[support]]
    name = "Samaritans"
    contact = "116 123"
    note = "someone to talk to, any time"   # optional
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coach.core.text import inert
from coach.core.tomlfile import (
    Document,
    EmptyFile,
    KeyPath,
    MissingFile,
    TomlProblem,
    load,
    read_bytes,
)


@dataclass(frozen=True)
class Support:
    """One place to turn to: who, how to reach them, and an optional word on when."""

    name: str
    contact: str
    note: str = ""


# UK numbers from clinical.md "Safety text": 999 in an emergency, NHS 111, Samaritans 116 123
# (24/7), Rape Crisis England & Wales 0808 500 2222 (24/7, ages 16+).
DEFAULT_COUNTRY = "UK"  # said wherever the built-in list is shown, so no one abroad relies on it
DEFAULT_SUPPORT: tuple[Support, ...] = (
    Support("Emergency services", "999", "in an emergency"),
    Support("NHS 111", "111", "medical help and advice when it feels urgent"),
    Support("Samaritans", "116 123", "someone to talk to, any time, day or night"),
    Support(
        "Rape Crisis England & Wales support line",
        "0808 500 2222",
        "any time, day or night, ages 16 and over, for anyone affected by sexual violence, "
        "however long ago",
    ),
)
SUPPORT_KEYS = ("name", "contact", "note")
FALLBACK = "showing the built-in support list"


@dataclass(frozen=True)
class Config:
    """Settings as read; ``warnings`` are ``path:line:col: reason`` lines for stderr."""

    support: tuple[Support, ...] = DEFAULT_SUPPORT
    custom_support: bool = False  # True when the list came from the user's file

    warnings: tuple[str, ...] = field(default_factory=tuple)
    discreet: bool = False  # neutral words on screen (coach.core.discreet)


def _parse_support(document: Document) -> tuple[list[Support], list[str]]:
    raw = document.data["support"]
    problems: list[str] = []

    def problem(key: KeyPath, reason: str) -> None:
        problems.append(str(document.problem(("support", *key), reason)))

    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problem((), "support should be a list of [[support]] tables")
        return [], problems
    if not raw:
        problem((), "the support list is empty")
        return [], problems
    found: list[Support] = []
    for index, item in enumerate(raw):
        label = f"support entry {index + 1}"
        values: dict[str, str] = {}
        for key in item:
            if key not in SUPPORT_KEYS:
                problem(
                    (index, key),
                    f"{label}: '{key}' is not a support field; "
                    "use name, contact and (optionally) note",
                )
        for key in SUPPORT_KEYS:
            value = item.get(key)
            if value is None:
                if key != "note":
                    problem((index,), f"{label}: {key} is missing")
            elif not isinstance(value, str) or not value.strip():
                problem((index, key), f"{label}: {key} should be text in quotes")
            else:
                values[key] = inert(value).strip()  # shown on screen: nothing that steers it
        if "name" in values and "contact" in values:
            found.append(Support(values["name"], values["contact"], values.get("note", "")))
    return found, problems


def load_config(config_file: Path) -> Config:
    """Read ``config_file``; a missing file means defaults, a broken one defaults plus warnings."""
    path = Path(config_file)
    try:
        document = load(read_bytes(path), path)
    except (MissingFile, EmptyFile):
        return Config()
    except TomlProblem as problem:
        return Config(warnings=(inert(f"{problem}; {FALLBACK}"),))
    discreet = document.data.get("discreet", False)
    warnings: tuple[str, ...] = ()
    if not isinstance(discreet, bool):
        wrong = document.problem(("discreet",), "discreet should be true or false; it is off")
        warnings, discreet = (inert(str(wrong)),), False
    if "support" not in document.data:
        return Config(warnings=warnings, discreet=discreet)
    support, problems = _parse_support(document)
    if problems:
        problems[-1] += f"; {FALLBACK}"
        return Config(
            warnings=warnings + tuple(inert(problem) for problem in problems), discreet=discreet
        )
    return Config(support=tuple(support), custom_support=True, warnings=warnings, discreet=discreet)
