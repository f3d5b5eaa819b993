"""Benchmark: `coach` with no command (today) over 10,000 sessions against `coach --version`.

Usage: env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_today.py
       [--sessions 10000] [--runs 15] [--tty]

Makes the same realistic history as bench_log.py (about two sessions a day, some with trainer
check-ins) plus a few rest days in a temporary folder, then times, paired A B A B in one run:
  version  `coach --version`
  today    `coach --data-dir TMP`, the index in place (as after any earlier coach command)
  cold     the same with the index deleted before every run
It prints medians and the ratio the issue asks for: today at most 2x `coach --version`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from bench_log import COACH, _run, drop_index, index_snapshot, make_sessions, put_back

from coach.core.records import RestDay
from coach.core.store.sessions import write_rest_day


def make_rest_days(root: Path, count: int = 30) -> None:
    """A rest day every ten days or so, going back from today."""
    for n in range(count):
        day = date.today() - timedelta(days=10 * n + 2)
        moment = datetime.combine(day, datetime.min.time()).astimezone()
        write_rest_day(root / "rest", RestDay(day=day, reason="tired", recorded_at=moment))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tty", action="store_true", help="write to a pseudo-terminal")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    try:
        make_sessions(data, args.sessions)
        make_rest_days(data)
        print(f"made {args.sessions} sessions and 30 rest days in {data}")
        version = [COACH, "--version"]
        today = [COACH, "--data-dir", str(data)]
        subprocess.run(today, stdout=subprocess.DEVNULL, check=True)  # writes the index
        warm_index = index_snapshot(data)
        times: dict[str, list[float]] = {name: [] for name in ("version", "today", "cold")}
        for _ in range(args.runs):  # interleaved, so a busy moment hits every command alike
            times["version"].append(_run(version, args.tty))
            put_back(data, warm_index)
            times["today"].append(_run(today, args.tty))
            drop_index(data)
            times["cold"].append(_run(today, args.tty))
        median = {name: statistics.median(values) for name, values in times.items()}
        where = "a pseudo-terminal" if args.tty else "a pipe"
        print(f"median of {args.runs} runs each, output to {where}:")
        labels = {
            "version": "coach --version",
            "today": "coach (today), index in place",
            "cold": "coach (today), index deleted",
        }
        for name, label in labels.items():
            print(
                f"  {label:<32} {median[name] * 1000:7.1f} ms   "
                f"(min {min(times[name]) * 1000:.1f} ms)"
            )
        for name in ("today", "cold"):
            print(f"ratio {name}/version: {median[name] / median['version']:.2f}x")
        print("target: today at most 2x")
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s in all)")
