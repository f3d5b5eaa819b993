"""Benchmark the cue at a step boundary: how late it is, quiet and loaded, and the save after.

Run from the repository: ``.venv/bin/python bench/bench_cues.py`` (about half a minute).

Plain mode runs a routine of many short steps in this process, on the real clock and a real
disk. Each step's deadline is the session's start plus the planned time of the steps before
it; its cue is the moment the "Step N of M" line is written; its save is the moment the
session file with the finished step has been written and fsynced. It runs once on a quiet
machine and once while other processes keep a core busy and write and fsync a file in a
loop. The old order (save, then cue) is gone, so there is no paired run against it: this
prints the distribution of the new order, medians and maxima.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coach.core.paths import Paths
from coach.core.routines import parse_routine
from coach.core.store import sessions
from coach.views.plain import run_plain

BURN_CPU = "while True: pass\n"
BURN_DISK = """\
import os, sys
data = os.urandom(1 << 20)
while True:
    with open(sys.argv[1], "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
"""


def routine_text(steps: int, seconds: float) -> str:
    step = '[[steps]]\ntype = "rest"\ntitle = "Rest {n}"\nseconds = {seconds}\n'
    body = "\n".join(step.format(n=n + 1, seconds=seconds) for n in range(steps))
    return f'schema_version = 1\nname = "Many short steps"\n\n{body}'


def one_run(work: Path, steps: int, seconds: float) -> tuple[list[float], list[float]]:
    """Seconds from each step boundary to its cue, and from that cue to its save."""
    routine = parse_routine(routine_text(steps, seconds), "many.toml", name="many")
    starts: list[float] = []
    cues: dict[int, float] = {}
    saves: dict[int, float] = {}

    def clock() -> float:
        now = time.monotonic()
        if not starts:
            starts.append(now)  # the engine reads the clock first when it starts
        return now

    class Terminal(io.StringIO):
        def write(self, text: str) -> int:
            if text.startswith("\nStep "):
                cues[int(text.split()[1]) - 1] = time.monotonic()
            return len(text)

    real_write = sessions.atomic_write

    def timed_write(path: Path, data: bytes) -> None:
        real_write(path, data)
        saves.setdefault(data.count(b"[[steps]]"), time.monotonic())

    sessions.atomic_write = timed_write
    try:
        paths = Paths(data=work / "data", config=work / "config")
        run_plain(routine, paths, quiet=True, clock=clock, out=Terminal(), ask=lambda prompt: "")
    finally:
        sessions.atomic_write = real_write
    late = [cues[k] - (starts[0] + k * seconds) for k in range(1, steps)]
    after = [saves[k] - cues[k] for k in range(1, steps)]
    return late, after


def report(name: str, late: list[float], after: list[float]) -> None:
    print(
        f"    {name:<28} cue after the deadline: median {statistics.median(late) * 1000:6.1f} ms,"
        f" max {max(late) * 1000:6.1f} ms;   save after the cue: median"
        f" {statistics.median(after) * 1000:6.1f} ms, max {max(after) * 1000:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=25, help="steps in the routine")
    parser.add_argument("--seconds", type=float, default=0.5, help="length of each step")
    parser.add_argument("--burners", type=int, default=1, help="processes keeping a core busy")
    options = parser.parse_args()
    print(
        f"Step boundaries in plain mode: {options.steps - 1} per run,"
        f" steps of {options.seconds} s, real clock and disk."
    )
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as folder:
        work = Path(folder)
        report("quiet", *one_run(work / "quiet", options.steps, options.seconds))
        script = work / "disk.py"
        script.write_text(BURN_DISK, encoding="utf-8")
        load = [subprocess.Popen([sys.executable, "-c", BURN_CPU]) for _ in range(options.burners)]
        load.append(subprocess.Popen([sys.executable, str(script), str(work / "load.bin")]))
        try:
            time.sleep(0.5)  # let the load get going
            late, after = one_run(work / "loaded", options.steps, options.seconds)
        finally:
            for process in load:
                process.kill()
                process.wait()
        report(f"under load ({options.burners} CPU + 1 disk)", late, after)


if __name__ == "__main__":
    main()
