"""Benchmark: `coach log` and `coach trainer` over 10,000 sessions against `coach --version`.

Usage: .venv/bin/python bench/bench_log.py [--sessions 10000] [--runs 15] [--tty]

Creates realistic sessions (about two a day, most with a check-in, some with notes) in a
temporary folder, then times, side by side in one run:
  version  `coach --version`
  warm     `coach --data-dir TMP log` with the index in place
  cold     the same with the index deleted before every run
  trainer  `coach --data-dir TMP trainer` with the index in place
It prints medians and the ratios the issue asks for (at most 2x): the ratio of the medians,
and the median of each round's own ratio, which a machine drifting between busy and quiet
moves less. The index is put back and synced to disk between rounds, never just before a
timed run. With ``--tty`` the commands write to a pseudo-terminal, as when a person runs
them; otherwise to a pipe.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from coach.core.index import index_files
from coach.core.records import Checkin, Session, StepRecord, TrainerReport
from coach.core.store.codec import dump_session
from coach.core.store.sessions import session_path

COACH = str(Path(sys.executable).with_name("coach"))
DIRECT = (
    "import sys; from pathlib import Path; from coach.core.paths import resolve_paths; "
    "from coach.views.log import LogOptions, run_log; "
    "sys.exit(run_log(resolve_paths(Path(sys.argv[1])), LogOptions()))"
)
ROUTINES = [
    ("evening-unwind", "Evening unwind", 1110),
    ("morning-reset", "Morning reset", 600),
    ("pelvic-floor-drops", "Pelvic-floor drops", 900),
    ("trainer-practice", "Trainer practice", 1500),
]
NOTES = [
    "felt calmer than yesterday",
    "hard to relax at first, easier after the breathing",
    "tired, kept it short",
    "used size 2, went well",
    "",
]
STEPS = [
    ("Belly breathing", "breathe", 80),
    ("Hands and forearms", "tense-release", 36),
    ("Shoulders", "tense-release", 36),
    ("Jaw and face", "tense-release", 36),
    ("Gentle pelvic-floor squeezes", "squeeze-release", 104),
    ("Pelvic-floor drops", "breathe", 120),
    ("Trainer practice", "trainer", 600),
    ("Quiet rest", "rest", 60),
]


def make_sessions(root: Path, count: int, seed: int = 5) -> None:
    """Write ``count`` sessions ending today, about two a day, as the store writes them."""
    rng = random.Random(seed)
    offset = timedelta(hours=1)
    day = date.today()
    made = 0
    while made < count:
        for hour in rng.sample([7, 12, 18, 21], k=rng.choice([1, 2, 2, 3])):
            if made == count:
                break
            start = datetime(
                day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=UTC
            ).astimezone(timezone(offset))
            routine, title, planned = rng.choice(ROUTINES)
            status = rng.choices(["completed", "stopped", "interrupted"], [90, 8, 2])[0]
            steps = [StepRecord(t, k, p, float(p), "done") for t, k, p in STEPS]
            if routine == "trainer-practice":
                size = min(4, 1 + made * 4 // count)
                steps[6].trainer = TrainerReport(
                    used="trainer",
                    size=size,
                    depth=rng.choice(["tip", "partial", "full"]),
                    pain_peak=rng.randrange(0, 5),
                    anxiety_peak=rng.randrange(0, 6),
                    bleeding="none",
                )
            if status != "completed":
                steps = steps[: rng.randrange(1, len(steps))]
                steps[-1].outcome = "partial"
            active = sum(s.done_seconds for s in steps) if status != "completed" else planned - 1.4
            checkin = None
            if rng.random() < 0.8:
                checkin = Checkin(
                    pain=rng.randrange(0, 6),
                    anxiety=rng.randrange(0, 8),
                    note=rng.choice(NOTES) or None,
                )
            session = Session(
                routine=routine,
                routine_title=title,
                started_at=start,
                ended_at=start + timedelta(seconds=active + 30),
                status=status,  # type: ignore[arg-type]
                planned_seconds=planned,
                active_seconds=round(active, 1),
                steps=steps,
                checkin=checkin,
            )
            path = session_path(root / "sessions", start)
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.write_bytes(dump_session(session))
            made += 1
        day -= timedelta(days=1)
    age(root)


def age(data: Path) -> None:
    """Every session file and folder as saved an hour ago, as real ones are: the index leaves
    out what changed within the last two seconds (it could change again within one tick)."""
    hour_ago = time.time() - 3600
    for path in sorted((data / "sessions").rglob("*"), reverse=True):  # files, then folders
        os.utime(path, (hour_ago, hour_ago))


def index_snapshot(data: Path) -> dict[Path, bytes]:
    """Every index file's bytes, to put back before each warm run."""
    return {path: path.read_bytes() for path in index_files(data)}


def put_back(data: Path, snapshot: dict[Path, bytes]) -> None:
    """The index exactly as in ``snapshot``."""
    drop_index(data)
    for path, raw in snapshot.items():
        path.write_bytes(raw)


def drop_index(data: Path) -> None:
    for path in index_files(data):
        path.unlink()


def _run(argv: list[str], tty: bool) -> float:
    """Wall time of one run, output discarded (to a pipe, or through a pseudo-terminal)."""
    if not tty:
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start
    import pty

    master, slave = pty.openpty()
    drained = threading.Thread(target=_drain, args=(master,), daemon=True)
    drained.start()
    start = time.perf_counter()
    subprocess.run(argv, stdout=slave, check=True)
    elapsed = time.perf_counter() - start
    os.close(slave)
    drained.join(timeout=2)
    os.close(master)
    return elapsed


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tty", action="store_true", help="write to a pseudo-terminal")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    try:
        started = time.perf_counter()
        make_sessions(data, args.sessions)
        print(f"made {args.sessions} sessions in {time.perf_counter() - started:.1f} s in {data}")
        version = [COACH, "--version"]
        log = [COACH, "--data-dir", str(data), "log"]

        started = time.perf_counter()
        subprocess.run([*log, "--all", "--format", "csv"], stdout=subprocess.DEVNULL, check=True)
        print(
            f"first full read, no index (coach log --all --format csv): "
            f"{time.perf_counter() - started:.2f} s"
        )
        subprocess.run(
            [COACH, "--data-dir", str(data), "trainer"], stdout=subprocess.DEVNULL, check=True
        )
        full_index = index_snapshot(data)
        # The same work without the command-line layer, to show what Typer itself costs.
        direct = [sys.executable, "-c", DIRECT, str(data)]
        trainer = [COACH, "--data-dir", str(data), "trainer"]
        names = ("version", "warm", "cold", "direct", "trainer")
        times: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(args.runs):  # interleaved, so a busy moment hits every command alike
            times["version"].append(_run(version, args.tty))
            times["warm"].append(_run(log, args.tty))
            times["direct"].append(_run(direct, args.tty))
            times["trainer"].append(_run(trainer, args.tty))
            drop_index(data)
            times["cold"].append(_run(log, args.tty))
            put_back(data, full_index)
            os.sync()  # the index written back is on disk before the next timed run
        median = {name: statistics.median(values) for name, values in times.items()}
        where = "a pseudo-terminal" if args.tty else "a pipe"
        print(f"median of {args.runs} runs each, output to {where}:")
        labels = {
            "version": "coach --version",
            "warm": "coach log, index in place",
            "cold": "coach log, index deleted",
            "direct": "run_log without Typer, warm",
            "trainer": "coach trainer, index in place",
        }
        for name, label in labels.items():
            print(
                f"  {label:<30} {median[name] * 1000:7.1f} ms   "
                f"(min {min(times[name]) * 1000:.1f} ms)"
            )
        for name in ("warm", "cold", "direct", "trainer"):
            # Each run against the --version run of its own round, then the median of those:
            # a machine that drifts between busy and quiet moves both sides of each pair.
            paired = statistics.median(
                t / v for t, v in zip(times[name], times["version"], strict=True)
            )
            print(
                f"ratio {name}/version: {median[name] / median['version']:.2f}x"
                f"   (median of paired ratios {paired:.2f}x)"
            )
        print("target: at most 2x")
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
