"""coach lock and unlock end to end: round trip, nothing readable while locked, the passphrase
asked for once (or read from a 0600 file), a kill anywhere, and the age tool."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import pytest
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from coach.core import vault
from coach.core.index import index_files
from coach.core.paths import Paths
from coach.core.records import Checkin, RestDay
from coach.core.store.codec import parse_rest_day, parse_session
from coach.core.store.sessions import SessionWriter, read_session, write_rest_day
from coach.views.lock import BEFORE_LOCK, MISMATCH, run_lock
from coach.views.passphrase import HOW_TO_UNLOCK, PASSPHRASE_FILE_ENV
from tests.test_log_cli import OFFSET, coach, make_history, session_at
from tests.test_vault import run_killed

PASSPHRASE = "a calm and quiet evening"
NOTE = "felt calmer than yesterday"  # in make_history's notes
LOCKED_NOTE = "a private note written while locked"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_TODAY", "2026-11-25")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder


_OPENED: dict[tuple[bytes, str], bytes | Exception] = {}


@pytest.fixture(autouse=True)
def scrypt_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each key opened with each passphrase pays scrypt (seconds here) once per test run:
    these tests are about what coach does with the answer; tests/test_vault.py times it."""
    real = age_passphrase.decrypt

    def remembered(sealed: bytes, passphrase: str) -> bytes:
        key = (sealed, passphrase)
        if key not in _OPENED:
            try:
                _OPENED[key] = real(sealed, passphrase)
            except Exception as error:
                _OPENED[key] = error
        found = _OPENED[key]
        if isinstance(found, Exception):
            raise found
        return found

    monkeypatch.setattr(age_passphrase, "decrypt", remembered)


@pytest.fixture(scope="session")
def shared_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("key")
    vault.create(folder, PASSPHRASE)
    return folder


def locked(data: Path, shared_key: Path) -> None:
    """Lock ``data`` with the shared key (no new scrypt): coach lock finishes the job."""
    for name in (vault.KEY_FILE, vault.RECIPIENT_FILE):
        shutil.copy2(shared_key / name, data / name)
    code, out, err = coach(data, "lock")
    assert code == 0 and "already has a key" in out, err


@pytest.fixture
def passfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    monkeypatch.setenv(PASSPHRASE_FILE_ENV, str(path))
    return path


def every_file(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_nothing_readable(folder: Path, secrets: list[str]) -> None:
    """No note, rating or routine name in the bytes of any file under ``folder``."""
    for name, raw in every_file(folder).items():
        for secret in secrets:
            assert secret.encode() not in raw, (name, secret)
        assert not name.endswith((".toml", ".json")), name


def test_round_trip_lock_save_while_locked_unlock(data: Path, passfile: Path) -> None:
    make_history(data, 12)
    rest = write_rest_day(
        data / "rest",
        RestDay(date(2026, 11, 24), "sore", datetime(2026, 11, 24, 9, tzinfo=OFFSET), "tender"),
    )
    assert coach(data, "log")[0] == 0  # a plain index, with note previews, before the lock
    assert index_files(data, sealed=False)
    before = {name: raw for name, raw in every_file(data).items() if not name.startswith("index/")}

    code, out, err = coach(data, "lock")
    assert code == 0, err
    assert out.startswith(BEFORE_LOCK.splitlines()[0])
    assert "nobody can recover" in out
    assert not rest.exists() and vault.sealed_path(rest).exists()

    # Saving needs no passphrase: a session step by step, and a rest day, while locked.
    paths = Paths(data=data, config=data.parent / "config")
    session = session_at(datetime(2026, 11, 25, 7, 0, 0, tzinfo=OFFSET), 1)
    writer = SessionWriter.begin(paths, session)
    assert (
        writer.save(replace(session, checkin=Checkin(pain=4, anxiety=2, note=LOCKED_NOTE))) is None
    )
    assert writer.path.name.endswith(".toml.age")
    assert (writer.path.stat().st_mode & 0o777) == 0o600
    rest_locked = write_rest_day(
        data / "rest",
        RestDay(date(2026, 11, 25), "tired", datetime(2026, 11, 25, 9, tzinfo=OFFSET), "quiet day"),
    )
    assert rest_locked.name.endswith(".toml.age")

    code, out, err = coach(data, "log")
    assert code == 0, err
    assert "2026-11-25T07-00-00" in out and LOCKED_NOTE[:10] in out
    assert index_files(data, sealed=True) and not index_files(data, sealed=False)
    code, out, _ = coach(data, "log", "show", "2026-11-25T07-00-00")
    assert code == 0 and LOCKED_NOTE in out
    assert coach(data, "trainer")[0] == 0
    code, out, err = coach(data)  # today
    assert code == 0 and "Your last practice: Evening unwind" in out, err
    assert_nothing_readable(
        data, [NOTE, LOCKED_NOTE, "tender", "quiet day", "pain", "Evening unwind", "Belly"]
    )

    code, out, err = coach(data, "unlock")
    assert code == 0, err
    after = every_file(data)
    for name, raw in before.items():
        assert after[name] == raw, name  # byte-identical
    assert not (data / vault.KEY_FILE).exists() and not (data / vault.RECIPIENT_FILE).exists()
    assert not [p for p in data.rglob("*.age")]
    new = read_session(vault.plain_path(writer.path))
    assert new.checkin is not None and new.checkin.note == LOCKED_NOTE
    assert (
        parse_rest_day(vault.plain_path(rest_locked).read_bytes(), rest_locked).note == "quiet day"
    )
    assert coach(data, "log")[0] == 0


def test_a_second_lock_finishes_the_job_and_unlock_of_a_plain_folder_changes_nothing(
    data: Path, passfile: Path, shared_key: Path
) -> None:
    make_history(data, 3)
    assert coach(data, "unlock")[1].startswith("This data folder is not locked")
    locked(data, shared_key)
    # A plain file appears (as a lock killed before it, or an older coach, would leave one).
    stray = data / "sessions" / "2026" / "2026-11-25T06-00-00.toml"
    stray.write_bytes(b"schema_version = 1\n")
    code, out, _ = coach(data, "lock")
    assert code == 0 and "already has a key" in out
    assert not stray.exists() and vault.sealed_path(stray).exists()


@pytest.mark.parametrize(
    "args", [[], ["log"], ["log", "show", "2026-11-25T20-15-05"], ["trainer"], ["focus"]]
)
def test_without_terminal_or_file_a_reading_command_shows_nothing(
    data: Path, passfile: Path, shared_key: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    make_history(data, 3)
    locked(data, shared_key)
    monkeypatch.delenv(PASSPHRASE_FILE_ENV)
    before = every_file(data)
    code, out, err = coach(data, *args)
    assert code != 0
    assert out == ""
    assert HOW_TO_UNLOCK in " ".join(err.split())
    assert every_file(data) == before


def test_a_wrong_passphrase_is_calm_and_changes_nothing(
    data: Path, passfile: Path, shared_key: Path
) -> None:
    make_history(data, 3)
    locked(data, shared_key)
    passfile.write_text("not the passphrase\n")
    before = every_file(data)
    for args in (["log"], ["unlock"], ["lock"]):
        code, out, err = coach(data, *args)
        assert code == 1
        assert "does not open this data folder. Nothing was changed" in err
        assert NOTE not in out
        assert every_file(data) == before


def test_a_passphrase_file_others_can_read_is_refused(
    data: Path, passfile: Path, shared_key: Path
) -> None:
    make_history(data, 3)
    passfile.chmod(0o644)
    code, _, err = coach(data, "lock")
    assert code == 1 and "chmod 600" in err
    assert not (data / vault.KEY_FILE).exists()
    passfile.chmod(0o600)
    locked(data, shared_key)
    passfile.chmod(0o640)
    code, out, err = coach(data, "log")
    assert code == 1 and out == "" and "must be 0600" in err


def test_lock_explains_first_then_asks_twice_and_refuses_two_different_answers(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSPHRASE_FILE_ENV, raising=False)
    paths = Paths(data=data, config=data.parent / "config")
    out, err = StringIO(), StringIO()
    asked: list[tuple[str, str]] = []
    answers = iter(["one passphrase", "another passphrase"])

    def ask(prompt: str) -> str:
        asked.append((prompt, out.getvalue()))
        return next(answers)

    assert run_lock(paths, ask=ask, out=out, err=err) == 1
    assert MISMATCH in err.getvalue()
    assert len(asked) == 2 and "nobody can recover" in asked[0][1]  # said before asking
    assert not vault.is_locked(data)


def test_a_kill_anywhere_in_unlock_then_rerun_loses_nothing_and_never_drops_the_key_early(
    data: Path, tmp_path: Path, shared_key: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    make_history(data, 3)
    (data / "focus.toml").write_bytes(b"schema_version = 1\n")
    originals = every_file(data)
    for name in (vault.KEY_FILE, vault.RECIPIENT_FILE):
        shutil.copy2(shared_key / name, data / name)
    identity = vault.unlock_identity(data, PASSPHRASE)
    assert vault.lock_folder(data, identity).complete
    n = 1
    while True:
        folder = tmp_path / f"k{n}"
        shutil.copytree(data, folder)
        killed = run_killed(lambda f=folder: vault.unlock_folder(f, identity), n)
        # Whatever the moment, no encrypted file is ever left without its key.
        if not (folder / vault.KEY_FILE).exists():
            assert not list(folder.rglob("*.toml.age"))
        vault.tidy(folder)  # as coach unlock does first
        if vault.is_locked(folder):
            assert vault.unlock_folder(folder, identity).complete
        files = every_file(folder)
        assert {k: v for k, v in files.items() if k in originals} == originals
        assert set(files) == set(originals)
        shutil.rmtree(folder)
        if not killed:
            break
        n += 1
    assert n > 10


def test_a_kill_anywhere_in_lock_then_rerun_loses_nothing(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    make_history(data, 3)
    originals = every_file(data)
    identity = x25519.Identity.generate()
    n = 1
    while True:
        folder = tmp_path / f"k{n}"
        shutil.copytree(data, folder)
        killed = run_killed(lambda f=folder: vault.lock_folder(f, identity), n)
        vault.tidy(folder)  # as coach lock does first
        assert vault.lock_folder(folder, identity).complete
        assert set(every_file(folder)) == {name + ".age" for name in originals}
        assert not vault.data_files(folder, sealed=False)
        for name, raw in originals.items():
            assert vault.decrypt((folder / (name + ".age")).read_bytes(), identity) == raw
        shutil.rmtree(folder)
        if not killed:
            break
        n += 1
    assert n > 5


@pytest.mark.skipif(
    shutil.which("age") is None, reason="the age command-line tool is not installed"
)
def test_the_age_tool_decrypts_a_session_saved_while_locked(
    data: Path, tmp_path: Path, shared_key: Path
) -> None:
    for name in (vault.KEY_FILE, vault.RECIPIENT_FILE):
        shutil.copy2(shared_key / name, data / name)
    identity = vault.unlock_identity(data, PASSPHRASE)
    session = session_at(datetime(2026, 11, 25, 7, 0, 0, tzinfo=OFFSET), 0)
    writer = SessionWriter.begin(Paths(data=data, config=tmp_path / "config"), session)
    assert writer.save(session) is None
    # The key file opened as the age tool does (the passphrase, scrypt), kept as an identity
    # file: age itself asks for a passphrase only on a terminal.
    key_text = age_passphrase.decrypt((data / vault.KEY_FILE).read_bytes(), PASSPHRASE)
    assert str(identity) in key_text.decode()
    identity_file = tmp_path / "identity.txt"
    identity_file.write_bytes(key_text)
    plain = subprocess.run(
        ["age", "-d", "-i", str(identity_file), str(writer.path)],
        capture_output=True,
        check=True,
    ).stdout
    assert parse_session(plain, writer.path) == read_session(writer.path, identity)


def test_the_index_while_locked_is_only_ever_encrypted(
    data: Path, passfile: Path, shared_key: Path
) -> None:
    make_history(data, 5)
    locked(data, shared_key)
    assert not index_files(data)
    assert coach(data, "log", "--all")[0] == 0
    assert index_files(data) == index_files(data, sealed=True) != []
    for path in index_files(data):
        assert path.read_bytes().startswith(b"age-encryption.org/v1\n")
    sealed = data / "index" / "2026.json.age"
    # A damaged encrypted index costs one rebuild, nothing else.
    sealed.write_bytes(b"age-encryption.org/v1\nnot really")
    code, out, _ = coach(data, "log", "--all")
    assert code == 0 and "2026-11-25T20-15-05" in out
    assert sealed.read_bytes() != b"age-encryption.org/v1\nnot really"


def test_a_session_running_through_a_lock_and_an_unlock_follows_each(
    data: Path, shared_key: Path
) -> None:
    paths = Paths(data=data, config=data.parent / "config")
    session = session_at(datetime(2026, 11, 25, 7, 0, 0, tzinfo=OFFSET), 1)
    writer = SessionWriter.begin(paths, session)
    plain = writer.path
    assert plain.name.endswith(".toml")
    for name in (vault.KEY_FILE, vault.RECIPIENT_FILE):
        shutil.copy2(shared_key / name, data / name)
    identity = vault.unlock_identity(data, PASSPHRASE)
    assert vault.lock_folder(data, identity).complete
    noted = replace(session, checkin=Checkin(pain=1, anxiety=1, note=LOCKED_NOTE))
    assert writer.save(noted) is None  # the next step's save: sealed, no plain copy left
    assert writer.path == vault.sealed_path(plain) and not plain.exists()
    assert read_session(writer.path, identity).checkin == noted.checkin
    assert vault.unlock_folder(data, identity).complete
    assert writer.save(session) is None  # and plain again once the folder is unlocked
    assert writer.path == plain and not vault.sealed_path(plain).exists()
    writer.done()
