"""Benchmark ``coach relax``: first frame against a bare Textual app, and CPU while running.

Run from the repository: ``.venv/bin/python bench/bench_relax.py`` (about a minute).

(a) Time to first frame: each program runs in its own pseudo-terminal (80x24) and the clock
    stops at the first output of a string only its first screen shows. Runs alternate, and
    the median of each is compared; the target is at most 1.2 times the bare app.
(b) CPU while a session runs: ``coach relax first-try`` in a pseudo-terminal, started with
    Enter, then utime + stime from /proc/<pid>/stat over a stretch of the breathing step,
    as a share of one core; the target is at most 1%.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

# The same first screen without the command-line layer, to tell the two costs apart.
TUI_ONLY = (
    "import sys\n"
    "from coach.core.collector import pause_collector\n"
    "pause_collector()\n"
    "from coach.core.paths import resolve_paths\n"
    "from coach.core.routines import resolve\n"
    "from coach.tui.app import run_tui\n"
    "paths = resolve_paths()\n"
    "sys.exit(run_tui(resolve('first-try', paths.routines), paths, quiet=True, voice=False))\n"
)

BARE_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("bare app ready")


Bare().run()
"""


class Pty:
    """A program running in an 80x24 pseudo-terminal, its output read as it comes."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = b""

    def read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            with contextlib.suppress(OSError):
                self.output += os.read(self.master, 65536)

    def wait_for(self, marker: bytes, limit: float = 30.0) -> float:
        """Seconds from start until ``marker`` was first written."""
        while marker not in self.output:
            if time.perf_counter() - self.started > limit:
                raise TimeoutError(f"{marker!r} never appeared")
            self.read(0.5)
        return time.perf_counter() - self.started

    def drain(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self.read(left)
        self.output = self.output[-4096:]

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_frames(runs: int, env: dict[str, str], work: Path) -> dict[str, list[float]]:
    """Seconds to the first frame of each program, ``runs`` times, taking turns."""
    bare_script = work / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    programs = {
        "bare": ([sys.executable, str(bare_script)], b"bare app ready"),
        "coach": (
            [sys.executable, "-m", "coach", "--data-dir", str(work / "data"), "relax", "first-try"],
            b"Three calm minutes",
        ),
        "tui": ([sys.executable, "-c", TUI_ONLY], b"Three calm minutes"),
    }
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, (argv, marker) in programs.items():
            term = Pty(argv, {**env, "COACH_DATA_DIR": str(work / "data")})
            try:
                times[name].append(term.wait_for(marker))
            finally:
                term.close()
    return times


def session_cpu(seconds: float, env: dict[str, str], work: Path) -> float:
    term = Pty(
        [
            sys.executable,
            "-m",
            "coach",
            "--data-dir",
            str(work / "data"),
            "relax",
            "first-try",
            "--quiet",
        ],
        env,
    )
    try:
        term.wait_for(b"Three calm minutes")
        term.send(b"\r")
        term.wait_for(b"breath 1 of 5")  # first-try: five calm breaths
        term.drain(2.0)  # let start-up work settle
        cpu_before, wall_before = cpu_seconds(term.process.pid), time.perf_counter()
        term.drain(seconds)
        cpu_after, wall_after = cpu_seconds(term.process.pid), time.perf_counter()
        assert term.process.poll() is None, "the session ended early"
    finally:
        term.close()
    return (cpu_after - cpu_before) / (wall_after - wall_before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="first-frame runs of each")
    parser.add_argument("--seconds", type=float, default=25.0, help="CPU sampling time")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as folder:
        work = Path(folder)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": "80",
            "LINES": "24",
            "XDG_CONFIG_HOME": str(work / "config"),
            "XDG_DATA_HOME": str(work / "share"),
        }
        # A returning user: the first-run safety screen has been seen, so the preview is first.
        from coach.core.paths import Paths
        from coach.core.safety import acknowledge

        acknowledge(Paths(data=work / "data", config=work / "config" / "coach"))
        (work / "data").mkdir(mode=0o700)  # coach never invents a --data-dir: it must exist
        times = first_frames(options.runs, env, work)
        share = session_cpu(options.seconds, env, work)
    bare, coach, tui = (statistics.median(times[name]) for name in ("bare", "coach", "tui"))
    ratio = coach / bare
    print(f"(a) first frame, median of {options.runs} runs each in an 80x24 pty:")
    print(f"    bare Textual app          {bare * 1000:7.0f} ms")
    print(
        f"    coach relax first-try     {coach * 1000:7.0f} ms   {ratio:.2f}x   (target <= 1.20x)"
        f"  {'ok' if ratio <= 1.2 else 'OVER'}"
    )
    print(
        f"      the same without the CLI {tui * 1000:6.0f} ms   {tui / bare:.2f}x"
        "   (run_tui called directly, no entry point)"
    )
    print(f"(b) running session, {options.seconds:.0f} s of the breathing step:")
    print(
        f"    CPU                       {share * 100:7.2f}% of one core   (target <= 1%)"
        f"  {'ok' if share <= 0.01 else 'OVER'}"
    )


if __name__ == "__main__":
    main()
