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

import re
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.text import inert


@dataclass(frozen=True)
class Support:
    """One place to turn to: who, how to reach them, and an optional word on when."""

    name: str
    contact: str
    note: str = ""


# UK numbers from clinical.md "Safety text": 999 in an emergency, NHS 111, Samaritans 116 123.
DEFAULT_COUNTRY = "UK"  # said wherever the built-in list is shown, so no one abroad relies on it
DEFAULT_SUPPORT: tuple[Support, ...] = (
    Support("Emergency services", "999", "in an emergency"),
    Support("NHS 111", "111", "medical help and advice when it feels urgent"),
    Support("Samaritans", "116 123", "someone to talk to"),
)
SUPPORT_KEYS = ("name", "contact", "note")


@dataclass(frozen=True)
class Config:
    """Settings as read; ``warnings`` are ``path:line:col: reason`` lines for stderr."""

    support: tuple[Support, ...] = DEFAULT_SUPPORT
    custom_support: bool = False  # True when the list came from the user's file
    warnings: tuple[str, ...] = field(default_factory=tuple)


_SUPPORT_HEADER = re.compile(r"^\s*\[\[\s*support\s*\]\]")
_ANY_HEADER = re.compile(r"^\s*\[")


def _locate(text: str, index: int | None, key: str | None) -> tuple[int, int]:
    """Where ``[[support]]`` number ``index`` (or ``key`` inside it) is; 1:1 if unknown."""
    lines = text.splitlines()
    if index is None:
        for number, line in enumerate(lines, 1):
            if re.match(r"^\s*support\s*=", line) or _SUPPORT_HEADER.match(line):
                return number, len(line) - len(line.lstrip()) + 1
        return 1, 1
    headers = [n for n, line in enumerate(lines, 1) if _SUPPORT_HEADER.match(line)]
    if index >= len(headers):
        return _locate(text, None, None)
    start = headers[index]
    if key is not None:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(start + 1, len(lines) + 1):
            line = lines[number - 1]
            if _ANY_HEADER.match(line):
                break
            if pattern.match(line):
                return number, len(line) - len(line.lstrip()) + 1
    line = lines[start - 1]
    return start, len(line) - len(line.lstrip()) + 1


def _parse_support(raw: object, text: str, where: str) -> tuple[list[Support], list[str]]:
    problems: list[str] = []

    def problem(index: int | None, key: str | None, reason: str) -> None:
        line, col = _locate(text, index, key)
        problems.append(f"{where}:{line}:{col}: {reason}")

    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problem(None, None, "support should be a list of [[support]] tables")
        return [], problems
    if not raw:
        problem(None, None, "the support list is empty")
        return [], problems
    found: list[Support] = []
    for index, item in enumerate(raw):
        label = f"support entry {index + 1}"
        values: dict[str, str] = {}
        for key in item:
            if key not in SUPPORT_KEYS:
                problem(
                    index,
                    key,
                    f"{label}: '{key}' is not a support field; "
                    "use name, contact and (optionally) note",
                )
        for key in SUPPORT_KEYS:
            value = item.get(key)
            if value is None:
                if key != "note":
                    problem(index, None, f"{label}: {key} is missing")
            elif not isinstance(value, str) or not value.strip():
                problem(index, key, f"{label}: {key} should be text in quotes")
            else:
                values[key] = inert(value).strip()  # shown on screen: nothing that steers it
        if "name" in values and "contact" in values:
            found.append(Support(values["name"], values["contact"], values.get("note", "")))
    return found, problems


def load_config(config_file: Path) -> Config:
    """Read ``config_file``; a missing file means defaults, a broken one defaults plus warnings."""
    import tomllib  # deferred: only commands that show the support list read the file

    path = Path(config_file)
    where = inert(str(path))
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        return Config(
            warnings=(
                f"{where}:1:1: could not be read ({reason}); showing the built-in support list",
            )
        )
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Config(warnings=(f"{where}:1:1: not UTF-8 text; showing the built-in support list",))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)\s*$", message)
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        reason = re.sub(r"\s*\(at [^)]*\)\s*$", "", message).rstrip(".")
        reason = reason[:1].lower() + reason[1:]
        return Config(
            warnings=(
                f"{where}:{line}:{col}: not valid TOML: {reason}; "
                "showing the built-in support list",
            )
        )
    if "support" not in data:
        return Config()
    support, problems = _parse_support(data["support"], text, where)
    if problems:
        problems[-1] += "; showing the built-in support list"
        return Config(warnings=tuple(problems))
    return Config(support=tuple(support), custom_support=True)
