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
    from coach.core.routines import Routine, Step

DISCREET_ENV = "COACH_DISCREET"  # set by --discreet, so every part of one run agrees
NEUTRAL_TITLE = "Practice"
PICKER_HEADING = "Choose a practice"
GUIDE_HINT = "Press ? to show the guide."
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
    from coach.core.config import load_config

    return os.environ.get(DISCREET_ENV) == "1" or load_config(config_file).discreet


def routine_title(routine: Routine, discreet: bool) -> str:
    """The routine's title as shown: its own neutral title in discreet mode, or "Practice"."""
    if not discreet:
        return routine.title
    return routine.discreet_title or NEUTRAL_TITLE


def step_title(step: Step, discreet: bool) -> str:
    """The step's title as shown: in discreet mode a neutral word for its kind."""
    if not discreet:
        return step.title
    return STEP_WORDS.get(step.type, NEUTRAL_TITLE)
