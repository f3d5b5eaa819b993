"""Discreet mode: neutral words on a screen someone else may see (pure).

With ``discreet = true`` in config.toml, or ``--discreet`` on a command, screens, the picker,
the summary and voice cues say "Practice", "Relaxation" or "Exercise": no anatomical words and
no trainer words. The guides, which need those words, stay one key (``?``) away.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from coach.core.routines import Routine, Step

DISCREET_ENV = "COACH_DISCREET"  # set by --discreet, so every part of one run agrees
NEUTRAL_TITLE = "Practice"
PICKER_HEADING = "Choose a practice"
GUIDE_HINT = "Press ? to show the guide."
# What a command line says where discreet mode left something out: there is no ? to press.
LEFT_OUT = "Discreet mode leaves some details out here; they show without it."
NOTE_FOR_YOU = "Please note: this practice has a note for you; it shows without discreet mode."
PROGRAMME = "practice programme"  # sensate focus, by a name that says nothing more
# A step's neutral name, by its type.
STEP_WORDS = {
    "breathe": "Breathing",
    "tense-release": "Relaxation",
    "squeeze-release": "Exercise",
    "trainer": "Practice",
    "rest": "Rest",
    "turns": "Practice",
}
# Words a discreet title must not contain (word starts, so "insertion" and "vaginal" count).
PRIVATE_WORDS = (
    "pelvic",
    "vagin",
    "vulv",
    "genital",
    "penetrat",
    "intercourse",
    "sex",
    "breast",
    "nipple",
    "trainer",
    "dilator",
    "tampon",
    "insert",
    "penis",
    "clitor",
    "labia",
    "perine",
    "anal",
    "anus",
    "sensate",
)
_PRIVATE = re.compile(r"\b(" + "|".join(PRIVATE_WORDS) + ")", re.IGNORECASE)


def private_word(text: str) -> str | None:
    """The first word in ``text`` that discreet mode keeps off the screen, or None."""
    found = _PRIVATE.search(text)
    return found.group(0) if found else None


def discreet_mode(config_file: Path) -> bool:
    """Whether this run is discreet: ``--discreet`` was given, or config.toml says so."""
    if os.environ.get(DISCREET_ENV) == "1":
        return True
    if not config_file.is_file():  # most people have none: no need to import the reader
        return False
    from coach.core.config import load_config

    return load_config(config_file).discreet


def routine_title(routine: Routine, discreet: bool) -> str:
    """The routine's title as shown: its own neutral title in discreet mode, or "Practice"."""
    if not discreet:
        return routine.title
    return routine.discreet_title or NEUTRAL_TITLE


def step_title(step: Step, discreet: bool) -> str:
    """The step's title as shown: in discreet mode a neutral word for its kind."""
    return step_word(step.type) if discreet else step.title


def step_word(kind: str) -> str:
    """The neutral word for a kind of step (a saved session keeps only its type)."""
    return STEP_WORDS.get(kind, NEUTRAL_TITLE)


def known_titles(names: Iterable[str], user_dir: Path | None) -> dict[str, str]:
    """The discreet title of each routine named (the person's own first, then the built-in
    one, found by file name as ``coach relax NAME`` finds them), or "Practice" for one that
    has none, or that coach cannot find or read. Session files keep a routine's name, never
    its neutral title; only the routines named are read."""
    from coach.core.routines import RoutineError, builtin_dir, load_routine

    folders = [folder for folder in (user_dir, builtin_dir()) if folder is not None]
    titles: dict[str, str] = {}
    for name in set(names):
        files = [folder / f"{name}.toml" for folder in folders] if Path(name).name == name else []
        path = next((file for file in files if file.is_file()), None)
        try:
            titles[name] = routine_title(load_routine(path), True) if path else NEUTRAL_TITLE
        except RoutineError:
            titles[name] = NEUTRAL_TITLE  # a file coach cannot read says nothing more
    return titles


def session_title(routine: str, titles: Mapping[str, str]) -> str:
    """A saved session's routine as discreet mode shows it: the discreet title of the routine
    of that name when coach knows it (``known_titles``), else "Practice"."""
    return titles.get(routine, NEUTRAL_TITLE)
