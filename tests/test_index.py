"""The summary index: a cache that is private, rebuilt when lost, and never stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core import index as index_module
from coach.core.index import FORMAT, RACY_NS, SessionIndex, index_files, index_folder, stem_day
from tests.test_log_cli import OFFSET, coach, make_history, session_at, write_session

OLD_NS = 1_700_000_000_000_000_000


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_TODAY", "2026-11-25")
    monkeypatch.setenv("COLUMNS", "80")
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every session file the index reads (quickly, or through the store)."""
    seen: list[Path] = []
    real = index_module.read_session

    def counting(path: Path, identity: object = None):  # type: ignore[no-untyped-def]
        seen.append(Path(path))
        return real(path, identity)

    monkeypatch.setattr(index_module, "read_session", counting)
    return seen


def open_index(data: Path) -> SessionIndex:
    return SessionIndex(data / "sessions", index_folder(data))


def index_bytes(data: Path) -> bytes:
    """Every index file's bytes, one after another."""
    return b"".join(path.read_bytes() for path in index_files(data))


def damage_index(data: Path, damage: bytes) -> None:
    for path in index_files(data):
        path.write_bytes(damage)


def test_index_is_private_and_second_run_reads_nothing(data: Path, reads: list[Path]) -> None:
    make_history(data)
    first = coach(data, "log")
    assert len(reads) > 0
    assert index_files(data)
    for cache in index_files(data):
        assert cache.stat().st_mode & 0o777 == 0o600
    assert index_folder(data).stat().st_mode & 0o777 == 0o700
    reads.clear()
    assert coach(data, "log") == first
    assert reads == []


def test_a_missing_index_costs_only_the_files_the_view_needs(data: Path, reads: list[Path]) -> None:
    make_history(data)
    _, out, _ = coach(data, "log", "--limit", "3")
    # The calendar needs the last 12 weeks; the five old sessions are counted, not read.
    assert all(p.name >= "2026-09" for p in reads)
    assert "22 more sessions" in out
    reads.clear()
    _, out, _ = coach(data, "log", "--all")
    assert sorted(p.name for p in reads) == sorted(
        p.name for p in (data / "sessions").rglob("*.toml") if p.name < "2026-09"
    )


def test_new_edited_and_removed_files_show_on_the_next_run(data: Path) -> None:
    paths = make_history(data, count=3)
    coach(data, "log")
    start = datetime(2026, 11, 24, 7, 0, tzinfo=OFFSET)
    write_session(data, session_at(start, 1))
    _, out, _ = coach(data, "log")
    assert "2026-11-24T07-00-00" in out

    # A hand edit that keeps the size: only the modification time tells.
    text = paths[0].read_text().replace("Evening unwind", "Evening-unwind")
    paths[0].write_text(text)
    os.utime(paths[0], ns=(OLD_NS + 5, OLD_NS + 5))
    _, out, _ = coach(data, "log")
    assert "Evening-unwind" in out

    paths[1].unlink()
    _, out, _ = coach(data, "log")
    assert paths[1].stem not in out
    assert paths[1].name.encode() not in index_bytes(data)


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe3\x00\x00\x00"])
def test_a_damaged_index_is_rebuilt(data: Path, damage: bytes) -> None:
    make_history(data)
    before = coach(data, "log", "--all")
    damage_index(data, damage)
    assert coach(data, "log", "--all") == before
    assert all(path.read_bytes() != damage for path in index_files(data))


def test_a_deleted_index_gives_the_same_history(data: Path) -> None:
    make_history(data)
    before = coach(data, "log")
    for path in index_files(data):
        path.unlink()
    assert coach(data, "log") == before


def test_bad_files_are_remembered_and_reported_without_rereading(
    data: Path, reads: list[Path]
) -> None:
    make_history(data, count=2)
    bad = data / "sessions" / "2026" / "2026-11-20T08-00-00.toml"
    bad.write_bytes(b"routine = ")
    os.utime(bad, ns=(OLD_NS, OLD_NS))
    first = coach(data, "log")
    assert str(bad) in first[2]
    reads.clear()
    assert coach(data, "log") == first
    assert reads == []
    # Fixed by hand: the warning goes and the session shows.
    write_session(data, session_at(datetime(2026, 11, 20, 8, 0, tzinfo=OFFSET), 2))
    _, out, err = coach(data, "log")
    assert err == "" and "2026-11-20T08-00-00" in out


def test_files_changed_just_now_are_not_trusted_to_the_cache(data: Path, reads: list[Path]) -> None:
    path = write_session(data, session_at(datetime(2026, 11, 20, 8, 0, tzinfo=OFFSET), 0))
    now = path.stat().st_mtime_ns
    index = open_index(data)
    index.check_between()
    # Saved within the same instant the file changed: it could change again unseen.
    index.save(now_ns=now + RACY_NS - 1)
    reads.clear()
    open_index(data).check_between()
    assert reads == [path]
    index = open_index(data)
    index.check_between()
    index.save(now_ns=now + RACY_NS + 1)
    reads.clear()
    again = open_index(data)
    again.check_between()
    assert reads == []
    assert len(again.summaries) == 1


def test_an_unwritable_index_is_no_problem(data: Path) -> None:
    make_history(data, count=2)
    (data / "index").write_text("a file where the folder would go")
    code, out, err = coach(data, "log")
    ids = [line.split()[0] for line in out.splitlines() if line.startswith("2026")]
    assert code == 0 and err == "" and sum("T" in i for i in ids) == 2  # and a rest day


def test_stem_day_reads_the_day_in_the_name() -> None:
    assert stem_day("2026/2026-11-22T21-30-12.toml") == "2026-11-22"
    assert stem_day("2026/my session.toml") is None


def test_hand_named_files_are_always_read(data: Path, reads: list[Path]) -> None:
    start = datetime(2020, 1, 1, 9, 0, tzinfo=OFFSET) - timedelta(days=1)
    path = write_session(data, session_at(start, 0))
    renamed = path.with_name("my favourite.toml")
    path.rename(renamed)
    _, out, _ = coach(data, "log")
    assert "my favourite" in out
    assert renamed in reads


# ---------------------------------------------------------------------------------------------
# A damaged index: never a hang, never a failure, never much memory; one slower run


def good_index(data: Path) -> dict[str, bytes]:
    """A whole index (``coach log --all`` and ``coach trainer`` have run): each file's bytes."""
    make_history(data)
    coach(data, "log", "--all")
    coach(data, "trainer")
    return {path.name: path.read_bytes() for path in index_files(data)}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_fuzzed_index_only_costs_a_rebuild(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    files = good_index(folder)
    expected = coach(folder, "log", "--all")
    name = data.draw(st.sampled_from(sorted(files)))
    original = files[name]
    how = data.draw(st.sampled_from(["truncate", "flip", "random", "splice"]))
    if how == "truncate":
        damaged = original[: data.draw(st.integers(0, len(original) - 1))]
    elif how == "flip":
        at = data.draw(st.integers(0, len(original) - 1))
        damaged = (
            original[:at]
            + bytes([original[at] ^ data.draw(st.integers(1, 255))])
            + original[at + 1 :]
        )
    elif how == "random":
        damaged = data.draw(st.binary(max_size=4096))
    else:
        value = data.draw(
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                lambda inner: (
                    st.lists(inner, max_size=5)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=5)
                ),
                max_leaves=30,
            )
        )
        entries = json.loads(original.partition(b"\n")[2])
        rel = data.draw(st.sampled_from(sorted(entries)))
        entries[rel] = value
        damaged = signed(json.dumps(entries).encode())
    (index_folder(folder) / name).write_bytes(damaged)
    assert coach(folder, "log", "--all") == expected
    assert coach(folder, "trainer")[0] == 0


def signed(body: bytes) -> bytes:
    """An index whose digest matches: damage that only the checks on each entry can catch."""
    return index_module._header(body) + body


def test_a_summary_of_the_wrong_type_is_read_again(data: Path, reads: list[Path]) -> None:
    entries = json.loads(good_index(data)["2026.json"].partition(b"\n")[2])
    rel = sorted(entries)[0]
    fields = json.loads(entries[rel][2])
    fields[8] = "ninety"  # planned_seconds as text
    entries[rel][2] = json.dumps(fields)
    (index_folder(data) / "2026.json").write_bytes(signed(json.dumps(entries).encode()))
    reads.clear()
    coach(data, "log", "--all")
    assert [p.name for p in reads] == [Path(rel).name]


@pytest.mark.parametrize(
    "foreign",
    [
        b"[" * 100_000,  # deep nesting
        index_module._header(b"[" * 100_000) + b"[" * 100_000,  # signed: the JSON parser recurses
        b'{"format": 2, "entries": {"a": [1, 2, null, null]}}',
        index_module._header(b'{"2026/a.toml": [1, 2, "[[[[", false]}')
        + b'{"2026/a.toml": [1, 2, "[[[[", false]}',
        b"coach-index 2 0\n{}",
        b"9" * 10_000,  # a number too long to convert
        b"\x80\x04\x95",  # what a pickle starts with
    ],
)
def test_a_foreign_index_is_ignored(data: Path, foreign: bytes) -> None:
    good_index(data)
    before = coach(data, "log", "--all")
    damage_index(data, foreign)
    assert coach(data, "log", "--all") == before


def test_an_index_far_too_big_is_not_read(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good_index(data)
    before = coach(data, "log", "--all")
    monkeypatch.setattr(index_module, "MAX_INDEX_BYTES", 100)
    assert coach(data, "log", "--all") == before


def test_the_index_is_keyed_on_its_own_format_not_on_coachs_version(
    data: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    good_index(data)
    monkeypatch.setattr("coach.__version__", "99.0")
    reads.clear()
    coach(data, "log", "--all")
    assert reads == []
    monkeypatch.setattr(index_module, "FORMAT", FORMAT + 1)
    coach(data, "log", "--all")
    assert reads  # another format: rebuilt


def test_the_index_lives_inside_the_data_folder(data: Path) -> None:
    good_index(data)
    assert index_files(data)
    assert all(path.is_relative_to(data) for path in index_files(data))


def test_coach_trainer_reads_no_session_file_on_a_warm_index(data: Path, reads: list[Path]) -> None:
    good_index(data)
    coach(data, "trainer")
    reads.clear()
    assert coach(data, "trainer")[0] == 0
    assert reads == []


def test_coach_trainer_reads_only_the_practice_it_needs(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good_index(data)
    age_folders(data)
    coach(data, "trainer")  # the folders are old now: trusted from here on
    made: list[object] = []
    monkeypatch.setattr(index_module, "summary_from_fields", lambda v: made.append(v))
    practices: list[object] = []
    real = index_module.practice_from_fields

    def counting(values: object) -> object:
        practices.append(values)
        return real(values)

    monkeypatch.setattr(index_module, "practice_from_fields", counting)
    code, out, _ = coach(data, "trainer")
    assert code == 0 and "trainer size 2" in out
    with_trainer = [
        p for p in (data / "sessions").rglob("*.toml") if "[steps.trainer]" in p.read_text()
    ]
    assert made == [] and len(practices) == len(with_trainer) > 0


# ---------------------------------------------------------------------------------------------
# A file per year: an unchanged folder is trusted as a whole, a changed one is looked at again


def age_folders(data: Path, when: int = OLD_NS) -> None:
    """Every session file and folder as if written long ago, so the index trusts them."""
    for path in sorted((data / "sessions").rglob("*"), reverse=True):
        os.utime(path, ns=(when, when))


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The year folders the index lists."""
    seen: list[str] = []
    real = os.listdir

    def counting(path: str) -> list[str]:
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(index_module.os, "listdir", counting)
    return seen


def old_year(data: Path, count: int = 4, start: datetime | None = None) -> list[Path]:
    """Sessions in 2024 (or from ``start``) with trainer practice, beside this year's."""
    start = start or datetime(2024, 3, 4, 9, 0, tzinfo=OFFSET)
    return [write_session(data, session_at(start + timedelta(days=3 * n), 0)) for n in range(count)]


RECENT = datetime(2026, 10, 1, 9, 0, tzinfo=OFFSET)  # within the 12 weeks before the fixed today


@pytest.mark.parametrize("first_run", [["log"], ["log", "--all"]])
def test_an_unchanged_old_year_is_counted_without_listing_it(
    data: Path, listed: list[str], reads: list[Path], first_run: list[str]
) -> None:
    make_history(data)
    old_year(data)
    age_folders(data)
    coach(data, *first_run)  # with or without every old session read
    first = coach(data, "log")
    assert "9 more sessions" in first[1]
    listed.clear()
    reads.clear()
    assert coach(data, "log") == first
    assert "2024" not in listed and reads == []
    # A session put in that folder by hand changes the folder's time: it is listed and counted.
    write_session(data, session_at(datetime(2024, 5, 1, 9, 0, tzinfo=OFFSET), 3))
    _, out, _ = coach(data, "log")
    assert "2024" in listed and "10 more sessions" in out


def test_trainer_sees_a_recent_session_edited_in_place(data: Path) -> None:
    paths = old_year(data, start=RECENT)
    coach(data, "trainer")
    age_folders(data)
    coach(data, "trainer")
    before = coach(data, "trainer")[1]
    # Edited in place, as an editor might: the folder's time stays, the file's changes.
    paths[-1].write_text(paths[-1].read_text().replace("size = 2", "size = 3"))
    after = coach(data, "trainer")[1]
    assert after != before and "Now using: trainer size 3" in after


def test_an_old_session_edited_in_place_shows_in_trainer_once_log_all_has_read_it(
    data: Path, reads: list[Path]
) -> None:
    paths = old_year(data)
    coach(data, "trainer")
    age_folders(data)
    coach(data, "trainer")
    reads.clear()
    # Years old, edited in place by hand: coach trainer takes the folder at the index's word
    # (the documented limit in coach/core/index.py) and reads no file.
    paths[-1].write_text(paths[-1].read_text().replace("size = 2", "size = 3"))
    assert "Now using: trainer size 2" in coach(data, "trainer")[1]
    assert reads == []
    coach(data, "log", "--all")
    assert "Now using: trainer size 3" in coach(data, "trainer")[1]


def test_trainer_sees_a_session_added_to_an_old_folder(data: Path) -> None:
    old_year(data)
    coach(data, "trainer")
    age_folders(data)
    coach(data, "trainer")
    later = write_session(data, session_at(datetime(2024, 6, 1, 9, 0, tzinfo=OFFSET), 0))
    later.write_text(later.read_text().replace("size = 2", "size = 4"))
    assert "Now using: trainer size 4" in coach(data, "trainer")[1]


def test_a_trainer_file_that_does_not_match_is_not_trusted(data: Path) -> None:
    old_year(data)
    coach(data, "trainer")
    age_folders(data)
    coach(data, "trainer")
    stale = (index_folder(data) / "trainer.json").read_bytes()
    later = write_session(data, session_at(datetime(2024, 6, 1, 9, 0, tzinfo=OFFSET), 0))
    later.write_text(later.read_text().replace("size = 2", "size = 4"))
    age_folders(data, OLD_NS + 10**9)  # a second later than before
    coach(data, "trainer")
    # An older trainer.json, whole and signed, put back (a backup, a sync). Trusted, it would
    # hide the newest session; it is not the one folders.json names, so it is not used.
    (index_folder(data) / "trainer.json").write_bytes(stale)
    assert "Now using: trainer size 4" in coach(data, "trainer")[1]


def test_the_single_index_file_of_older_versions_is_removed(data: Path) -> None:
    make_history(data, count=3)
    legacy = index_folder(data) / "sessions.json"
    legacy.parent.mkdir()
    legacy.write_bytes(b"coach-index 6 00000000\n{}")
    coach(data, "log")
    assert not legacy.exists() and index_files(data)


def resign_trainer(data: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change trainer.json and name it in folders.json, as if coach had written both."""
    folder = index_folder(data)
    trainer = json.loads((folder / "trainer.json").read_bytes().partition(b"\n")[2])
    change(trainer)
    signed_trainer = signed(json.dumps(trainer).encode())
    (folder / "trainer.json").write_bytes(signed_trainer)
    folders = json.loads((folder / "folders.json").read_bytes().partition(b"\n")[2])
    folders["trainer"] = signed_trainer.split()[2].decode()
    (folder / "folders.json").write_bytes(signed(json.dumps(folders).encode()))


@pytest.mark.parametrize("how", ["renamed", "garbage", "empty"])
def test_a_trainer_file_that_describes_other_files_costs_one_slower_run(
    data: Path, how: str
) -> None:
    old_year(data)
    coach(data, "trainer")
    age_folders(data)
    expected = coach(data, "trainer")
    assert "trainer size 2" in expected[1]

    def change(trainer: dict[str, Any]) -> None:
        section = trainer["2024"]
        name = sorted(section)[0]
        if how == "renamed":
            section["not-" + name] = section.pop(name)
        elif how == "garbage":
            section[name][2] = [["not", "a"], "practice"]
        else:
            section[name] = []

    resign_trainer(data, change)
    assert coach(data, "trainer") == expected
    # Made again from the year files: the next run trusts it once more.
    trainer = json.loads((index_folder(data) / "trainer.json").read_bytes().partition(b"\n")[2])
    assert all(not name.startswith("not-") for name in trainer["2024"])
    assert coach(data, "trainer") == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_a_device_in_place_of_a_coach_file_is_refused_not_read(data: Path) -> None:
    good_index(data)
    paths = sorted((data / "sessions").rglob("*.toml"))
    expected = coach(data, "log", "--all")[1]
    # A pipe waits for a writer that never comes; /dev/zero never ends. Neither is read.
    (index_folder(data) / "2026.json").unlink()
    os.mkfifo(index_folder(data) / "2026.json")
    (index_folder(data) / "trainer.json").unlink()
    (index_folder(data) / "trainer.json").symlink_to("/dev/zero")
    paths[0].unlink()
    os.mkfifo(paths[0])
    env = {**os.environ, "COACH_TODAY": "2026-11-25", "COLUMNS": "80"}
    for command in (["log", "--all"], ["trainer"]):
        done = subprocess.run(
            [sys.executable, "-m", "coach", "--data-dir", str(data), *command],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert f"{paths[0]}:1:1: could not be read: it is not a regular file" in done.stderr
    assert paths[0].stem not in done.stdout and paths[1].stem in expected
