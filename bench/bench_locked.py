"""Benchmark: a warm `coach log` over 10,000 LOCKED sessions, in its two parts.

Usage: .venv/bin/python bench/bench_locked.py [--sessions 10000] [--runs 11] [--tty]

Makes the sessions bench_log.py makes, locks the folder (every file and the index encrypted
with age), then times, interleaved in one run (A B C A B C ...):
  version  `coach --version`
  log      `coach --data-dir TMP log` with COACH_PASSPHRASE_FILE, the encrypted index warm
  scrypt   opening key.age with the passphrase alone (vault.unlock_identity, in process)
The issue's target: log <= scrypt + 2 x version. It prints the medians, `log - scrypt`, and
that as a ratio of `coach --version`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_log import COACH, _run, age, make_sessions

from coach.core import vault
from coach.core.index import index_files

PASSPHRASE = "a calm and quiet evening"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--tty", action="store_true", help="write to a pseudo-terminal")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="coach-bench-locked-"))
    try:
        started = time.perf_counter()
        make_sessions(data, args.sessions)
        identity = vault.create(data, PASSPHRASE)
        report = vault.lock_folder(data, identity)
        assert report.complete and not vault.data_files(data, sealed=False)
        print(f"made and locked {args.sessions} sessions in {time.perf_counter() - started:.1f} s")
        age(data)  # the lock has just rewritten every file
        passfile = data.parent / f"{data.name}.passphrase"
        passfile.write_text(PASSPHRASE + "\n")
        passfile.chmod(0o600)
        os.environ["COACH_PASSPHRASE_FILE"] = str(passfile)
        version = [COACH, "--version"]
        log = [COACH, "--data-dir", str(data), "log"]
        started = time.perf_counter()
        _run(log, args.tty)  # builds the encrypted index
        print(
            f"first coach log, building the encrypted index: {time.perf_counter() - started:.2f} s"
        )
        sealed = index_files(data, sealed=True)
        assert sealed and not index_files(data, sealed=False)
        size = sum(path.stat().st_size for path in sealed)
        print(f"encrypted index: {len(sealed)} files, {size / 1024:.0f} KiB")

        times: dict[str, list[float]] = {"version": [], "log": [], "scrypt": []}
        for _ in range(args.runs):
            times["version"].append(_run(version, args.tty))
            times["log"].append(_run(log, args.tty))
            started = time.perf_counter()
            vault.unlock_identity(data, vault.read_passphrase_file(passfile))
            times["scrypt"].append(time.perf_counter() - started)
        median = {name: statistics.median(values) for name, values in times.items()}
        where = "a pseudo-terminal" if args.tty else "a pipe"
        print(f"median of {args.runs} runs each, output to {where}:")
        labels = {
            "version": "coach --version",
            "log": "coach log, locked, warm",
            "scrypt": "passphrase unlock alone",
        }
        for name, label in labels.items():
            print(
                f"  {label:<28} {median[name] * 1000:7.1f} ms   "
                f"(min {min(times[name]) * 1000:.1f} ms)"
            )
        rest = median["log"] - median["scrypt"]
        print(f"coach log minus the unlock: {rest * 1000:.1f} ms")
        print(f"ratio (log - unlock)/version: {rest / median['version']:.2f}x")
        print("target: at most 2x")
    finally:
        shutil.rmtree(data, ignore_errors=True)
        (data.parent / f"{data.name}.passphrase").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
