"""Cues for closed eyes: one bell per change, the newest word spoken, nothing waited on."""

from __future__ import annotations

import io

from coach.core.cues import NO_VOICE, NO_VOICE_QUIET, Cues, Voice, find_voice
from coach.core.engine import Phase


class FakeProcess:
    """A speech tool that is still talking until told to stop."""

    def __init__(self) -> None:
        self.stdin: io.BytesIO | None = io.BytesIO()
        self.said = b""
        self.running = True

    def poll(self) -> int | None:
        return None if self.running else 0

    def terminate(self) -> None:
        self.running = False


class FakeLaunch:
    """Records every launch; never waits, like Popen."""

    def __init__(self) -> None:
        self.argvs: list[list[str]] = []
        self.processes: list[FakeProcess] = []

    def __call__(self, argv: list[str]) -> FakeProcess:
        process = FakeProcess()
        assert process.stdin is not None
        stdin = process.stdin
        stdin.close = lambda: setattr(process, "said", stdin.getvalue())  # type: ignore[method-assign]
        self.argvs.append(argv)
        self.processes.append(process)
        return process

    @property
    def spoken(self) -> list[str]:
        return [p.said.decode().strip() for p in self.processes]


def phase(kind: str) -> Phase:
    return Phase(step_index=0, number=0, kind=kind, offset=0.0, duration=4.0, count="")


def test_the_first_tool_on_path_is_used_and_words_go_to_stdin_not_argv() -> None:
    launch = FakeLaunch()
    found = {"spd-say": "/usr/bin/spd-say", "say": "/usr/bin/say"}
    voice = Voice.find(found.get, launch)
    assert voice is not None
    voice.say("Breathe in")
    assert launch.argvs[0][0] == "/usr/bin/spd-say"
    assert "Breathe in" not in " ".join(launch.argvs[0])
    assert launch.spoken == ["Breathe in"]


def test_a_new_word_cuts_the_old_one_short() -> None:
    launch = FakeLaunch()
    voice = Voice(["espeak-ng"], launch)
    voice.say("Breathe in")
    voice.say("Hold")
    assert [p.running for p in launch.processes] == [False, True]
    voice.close()
    assert not launch.processes[1].running


def test_a_tool_that_cannot_start_is_given_up_quietly() -> None:
    def broken(argv: list[str]) -> FakeProcess:
        raise FileNotFoundError(argv[0])

    voice = Voice(["espeak-ng"], broken)
    voice.say("Breathe in")
    voice.say("Hold")
    assert voice.failed


def test_without_a_tool_one_sentence_says_so() -> None:
    assert find_voice(True, quiet=False, which=lambda name: None) == (None, NO_VOICE)
    assert find_voice(True, quiet=True, which=lambda name: None) == (None, NO_VOICE_QUIET)
    assert find_voice(False, quiet=False, which=lambda name: "/bin/x") == (None, None)


def test_several_phases_at_once_make_one_bell_and_speak_the_newest() -> None:
    rung: list[int] = []
    launch = FakeLaunch()
    cues = Cues(bell=lambda: rung.append(1), voice=Voice(["say"], launch))
    cues.phases([])
    assert rung == []
    cues.phases([phase("inhale"), phase("exhale")])
    assert rung == [1]
    assert launch.spoken == ["Breathe out"]
    cues.finished()
    assert rung == [1, 1]
    assert launch.spoken[-1] == "All done"
