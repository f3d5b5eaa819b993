"""Cues for closed eyes: a soft bell and an offline voice at each phase change (pure).

Nothing here waits: the bell is one byte written by the caller, and the voice is a speech
tool started with ``subprocess.Popen`` and never waited on, so a slow or missing voice can
never delay the timeline. The words go to the tool's standard input, not its argv, so the
process list shows no more than the tool's name.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from coach.core.engine import Phase

NO_VOICE = "No offline voice was found (espeak-ng, spd-say or say), so the bell carries on alone."
NO_VOICE_QUIET = "No offline voice was found (espeak-ng, spd-say or say); carrying on without it."

# Each tool, slowed a little, reading the words from standard input.
SPEECH_TOOLS: tuple[tuple[str, ...], ...] = (
    ("espeak-ng", "-s", "140"),
    ("spd-say", "--pipe-mode", "-r", "-20"),
    ("say", "-r", "160"),
)


class Process(Protocol):
    """The part of a ``subprocess.Popen`` the voice uses."""

    @property
    def stdin(self) -> IO[bytes] | None: ...

    def poll(self) -> int | None: ...

    def terminate(self) -> None: ...


Launch = Callable[[list[str]], Process]
Which = Callable[[str], str | None]


def _launch(argv: list[str]) -> Process:
    return subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


class Voice:
    """Speaks short phrases with an offline speech tool, one at a time, never waiting."""

    def __init__(self, argv: Sequence[str], launch: Launch = _launch) -> None:
        self.argv = list(argv)
        self._launch = launch
        self._speaking: Process | None = None
        self.failed = False  # the tool could not be started; stay silent from then on

    @classmethod
    def find(cls, which: Which = shutil.which, launch: Launch = _launch) -> Voice | None:
        """The first speech tool found on PATH, or None."""
        for tool in SPEECH_TOOLS:
            path = which(tool[0])
            if path:
                return cls([path, *tool[1:]], launch)
        return None

    def say(self, text: str) -> None:
        """Start speaking ``text``, cutting short whatever is still being said."""
        if self.failed:
            return
        previous, self._speaking = self._speaking, None
        if previous is not None and previous.poll() is None:
            previous.terminate()  # the new phase matters more than the end of the old word
        try:
            process = self._launch(self.argv)
            if process.stdin is not None:
                # A few bytes fit in the pipe's buffer, so this write never blocks.
                process.stdin.write(text.encode() + b"\n")
                process.stdin.close()
        except OSError:
            self.failed = True
            return
        self._speaking = process

    def close(self) -> None:
        """Stop speaking (when the session ends mid-word)."""
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
        self._speaking = None


class Cues:
    """Turns the phases entered since the last look into one bell and one spoken word."""

    def __init__(self, bell: Callable[[], None] | None = None, voice: Voice | None = None) -> None:
        self.bell = bell
        self.voice = voice

    def phases(self, entered: Sequence[Phase]) -> None:
        """Cue the newest phase only: after a stall, one bell, not a burst of them."""
        if not entered:
            return
        if self.bell is not None:
            self.bell()
        if self.voice is not None:
            self.voice.say(entered[-1].spoken)

    def finished(self) -> None:
        """The last phase ended: one bell, and a word for closed eyes."""
        if self.bell is not None:
            self.bell()
        if self.voice is not None:
            self.voice.say("All done")

    def close(self) -> None:
        if self.voice is not None:
            self.voice.close()


def find_voice(
    wanted: bool, *, quiet: bool, which: Which = shutil.which
) -> tuple[Voice | None, str | None]:
    """The voice to use and, when one was asked for but none is installed, what to say."""
    if not wanted:
        return None, None
    voice = Voice.find(which)
    if voice is None:
        return None, NO_VOICE_QUIET if quiet else NO_VOICE
    return voice, None
