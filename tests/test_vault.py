"""coach.core.vault: the key, the passphrase, and a lock and unlock that lose nothing."""

from __future__ import annotations

import os
import pty
import select
import shutil
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from coach.core import vault

PASSPHRASE = "a calm and private passphrase"
NOTE = "felt calmer than yesterday, zebra-marmalade"  # unique, so it can be searched for
ROUTINE = "Evening unwind"
AGE = shutil.which("age")
needs_age = pytest.mark.skipif(AGE is None, reason="the age command-line tool is not installed")

FILES = {
    "sessions/2026/2026-11-22T21-30-12.toml": (
        f'schema_version = 1\nroutine_title = "{ROUTINE}"\n[checkin]\npain = 2\nnote = "{NOTE}"\n'
    ).encode(),
    "sessions/2026/2026-11-23T08-00-00.toml": b'schema_version = 1\nstatus = "stopped"\n',
    "rest/2026-11-24.toml": b'reason = "sore"\n',
}


@pytest.fixture(scope="session")
def made_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real key made with the passphrase; scrypt takes about a second, so make it once."""
    folder = tmp_path_factory.mktemp("vault")
    vault.create(folder, PASSPHRASE)
    return folder


@pytest.fixture
def data_dir(tmp_path: Path, made_vault: Path) -> Path:
    """A data folder with its own copy of the key and three known files, all 0600."""
    folder = tmp_path / "data"
    shutil.copytree(made_vault, folder)
    for name, content in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        path.chmod(0o600)
    return folder


@pytest.fixture(scope="session")
def opened(made_vault: Path) -> x25519.Identity:
    """The made key, opened once with its passphrase."""
    return vault.unlock_identity(made_vault, PASSPHRASE)


@pytest.fixture(scope="session")
def identity() -> x25519.Identity:
    """A fresh key with no passphrase: conversion tests need no scrypt."""
    return x25519.Identity.generate()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and mode."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ---------------------------------------------------------------------------------------------
# The key


def test_create_writes_a_private_key_and_recipient(tmp_path: Path, made_vault: Path) -> None:
    key, rec = made_vault / vault.KEY_FILE, made_vault / vault.RECIPIENT_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(rec.stat().st_mode) == 0o600
    assert key.read_bytes().startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert rec.read_text().startswith("age1")
    assert b"AGE-SECRET-KEY" not in key.read_bytes()
    assert vault.is_locked(made_vault)
    assert not vault.is_locked(tmp_path)
    assert not [p for p in made_vault.iterdir() if p.name.startswith(".")]  # no temp files


def test_round_trip_through_the_passphrase(made_vault: Path, opened: x25519.Identity) -> None:
    sealed = vault.encrypt(b"pain = 2\n", vault.recipient(made_vault))  # no passphrase asked
    assert b"pain" not in sealed
    assert vault.decrypt(sealed, opened) == b"pain = 2\n"


def test_create_never_replaces_a_key(data_dir: Path) -> None:
    before = snapshot(data_dir)
    with pytest.raises(vault.AlreadyLocked):
        vault.create(data_dir, "another passphrase")
    assert snapshot(data_dir) == before


def test_create_refuses_an_empty_passphrase_and_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(vault.UnusablePassphrase):
        vault.create(tmp_path, "")
    with pytest.raises(vault.VaultError, match="no data folder"):
        vault.create(tmp_path / "absent", PASSPHRASE)
    assert not (tmp_path / "absent").exists()
    assert not list(tmp_path.iterdir())


def test_wrong_passphrase_is_a_calm_typed_error_and_changes_nothing(data_dir: Path) -> None:
    before = snapshot(data_dir)
    with pytest.raises(vault.WrongPassphrase) as caught:
        vault.unlock_identity(data_dir, "not the passphrase")
    message = str(caught.value)
    assert "Nothing was changed" in message
    assert "not the passphrase" not in message and PASSPHRASE not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert snapshot(data_dir) == before


def test_not_locked_and_damaged_keys_are_told_apart(tmp_path: Path, data_dir: Path) -> None:
    with pytest.raises(vault.NotLocked):
        vault.recipient(tmp_path)
    with pytest.raises(vault.NotLocked):
        vault.unlock_identity(tmp_path, PASSPHRASE)
    (data_dir / vault.KEY_FILE).write_bytes(b"age-encryption.org/v1\n-> X25519 abc\n")
    with pytest.raises(vault.VaultDamaged):
        vault.unlock_identity(data_dir, PASSPHRASE)
    (data_dir / vault.KEY_FILE).unlink()
    assert vault.is_locked(data_dir)  # the recipient alone still means "encrypted here"
    with pytest.raises(vault.VaultDamaged, match="missing"):
        vault.unlock_identity(data_dir, PASSPHRASE)


def test_a_create_killed_before_the_recipient_is_repaired_by_unlocking(data_dir: Path) -> None:
    rec = data_dir / vault.RECIPIENT_FILE
    expected = rec.read_text()
    rec.unlink()
    assert vault.is_locked(data_dir)
    with pytest.raises(vault.VaultDamaged, match="puts it back"):
        vault.recipient(data_dir)
    vault.unlock_identity(data_dir, PASSPHRASE)
    assert rec.read_text() == expected
    assert stat.S_IMODE(rec.stat().st_mode) == 0o600


def test_a_recipient_that_is_not_the_keys_own_is_refused(data_dir: Path) -> None:
    stranger = x25519.Identity.generate().to_public()
    (data_dir / vault.RECIPIENT_FILE).write_text(f"{stranger}\n")
    with pytest.raises(vault.VaultDamaged, match="does not belong"):
        vault.unlock_identity(data_dir, PASSPHRASE)


def test_a_key_too_costly_for_this_computer_is_not_called_a_wrong_passphrase(
    data_dir: Path,
) -> None:
    # Leans on pyrage's error wording (its only way to tell): this fails if the wording moves.
    key = data_dir / vault.KEY_FILE
    sealed_key = key.read_bytes()
    stanza = sealed_key.split(b"\n")[1]  # "-> scrypt SALT WORK_FACTOR"
    key.write_bytes(sealed_key.replace(stanza, stanza.rsplit(b" ", 1)[0] + b" 40", 1))
    with pytest.raises(vault.KeyTooCostly):
        vault.unlock_identity(data_dir, PASSPHRASE)


def test_decrypting_with_another_key_is_a_typed_error(identity: x25519.Identity) -> None:
    sealed = vault.encrypt(b"x", x25519.Identity.generate().to_public())
    with pytest.raises(vault.NotDecryptable):
        vault.decrypt(sealed, identity)
    with pytest.raises(vault.NotDecryptable):
        vault.decrypt(b"not an age file", identity)


def test_atomic_write_is_0600_whatever_the_umask_and_leaves_no_temp_file(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        vault.atomic_write(tmp_path / "f", b"one")
        vault.atomic_write(tmp_path / "f", b"two")
    finally:
        os.umask(old)
    assert (tmp_path / "f").read_bytes() == b"two"
    assert stat.S_IMODE((tmp_path / "f").stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        vault.atomic_write(tmp_path / "f", b"three", exclusive=True)
    assert (tmp_path / "f").read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]


def test_atomic_write_failing_to_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "f").write_bytes(b"old")

    def refuse(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        vault.atomic_write(tmp_path / "f", b"new")
    assert (tmp_path / "f").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]


# ---------------------------------------------------------------------------------------------
# Passphrase file


def test_passphrase_file_must_be_0600(tmp_path: Path) -> None:
    path = tmp_path / "pass"
    path.write_text(PASSPHRASE + "\n")
    for loose in (0o644, 0o640, 0o604, 0o400):
        path.chmod(loose)
        with pytest.raises(vault.UnusablePassphrase, match="must be 0600") as caught:
            vault.read_passphrase_file(path)
        assert PASSPHRASE not in str(caught.value)
    path.chmod(0o600)
    assert vault.read_passphrase_file(path) == PASSPHRASE


def test_passphrase_file_strips_exactly_one_newline(tmp_path: Path) -> None:
    path = tmp_path / "pass"
    path.touch(mode=0o600)
    path.chmod(0o600)
    for written, read in [("p\n", "p"), ("p\r\n", "p"), ("p", "p"), (" p \n\n", " p \n")]:
        path.write_text(written, newline="")
        assert vault.read_passphrase_file(path) == read
    path.write_text("\n")
    with pytest.raises(vault.UnusablePassphrase, match="empty"):
        vault.read_passphrase_file(path)


def test_passphrase_file_missing_or_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(vault.UnusablePassphrase, match="Could not read"):
        vault.read_passphrase_file(tmp_path / "absent")
    (tmp_path / "folder").mkdir(mode=0o600)
    (tmp_path / "folder").chmod(0o600)
    with pytest.raises(vault.UnusablePassphrase, match="not a regular file"):
        vault.read_passphrase_file(tmp_path / "folder")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_passphrase_file_of_another_user_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pass"
    path.write_text("p")
    path.chmod(0o600)
    os.chown(path, 65534, 65534)
    with pytest.raises(vault.UnusablePassphrase, match="another user"):
        vault.read_passphrase_file(path)


# ---------------------------------------------------------------------------------------------
# Lock and unlock


def plain_files(folder: Path) -> list[Path]:
    return vault.pending_files(folder, sealed=False)


def lock(folder: Path, identity: x25519.Identity) -> vault.ConversionReport:
    return vault.lock_files(vault.pending_files(folder, sealed=False), identity)


def unlock(folder: Path, identity: x25519.Identity) -> vault.ConversionReport:
    return vault.unlock_files(vault.pending_files(folder, sealed=True), identity)


def assert_each_file_whole(folder: Path, identity: x25519.Identity) -> None:
    """At any instant, each file is its original plain self or a sealed copy of it."""
    for name, content in FILES.items():
        plain, sealed = folder / name, vault.sealed_path(folder / name)
        good = (plain.exists() and plain.read_bytes() == content) or (
            sealed.exists() and vault.decrypt(sealed.read_bytes(), identity) == content
        )
        assert good, name
        if sealed.exists() and plain.exists():
            # Halfway: the plain one is untouched, whichever direction was running.
            assert plain.read_bytes() == content


def assert_locked(folder: Path, identity: x25519.Identity) -> None:
    assert plain_files(folder) == []
    for name, content in FILES.items():
        sealed = vault.sealed_path(folder / name)
        assert vault.decrypt(sealed.read_bytes(), identity) == content
        assert stat.S_IMODE(sealed.stat().st_mode) == 0o600


def assert_unlocked(folder: Path) -> None:
    assert vault.pending_files(folder, sealed=True) == []
    for name, content in FILES.items():
        assert (folder / name).read_bytes() == content  # byte-identical
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600


def test_lock_then_unlock_is_byte_identical(data_dir: Path, identity: x25519.Identity) -> None:
    report = lock(data_dir, identity)
    assert (report.converted, report.finished, report.already) == (3, 0, 0)
    assert report.complete
    assert_locked(data_dir, identity)
    assert lock(data_dir, identity) == vault.ConversionReport()  # nothing left to do
    report = unlock(data_dir, identity)
    assert report.converted == 3 and report.complete
    assert_unlocked(data_dir)


def test_either_form_of_a_name_is_converted_once(data_dir: Path, identity: x25519.Identity) -> None:
    paths = plain_files(data_dir)
    report = vault.lock_files(paths + [vault.sealed_path(p) for p in paths], identity)
    assert report.converted == 3
    report = vault.lock_files(paths, identity)
    assert report.already == 3 and report.converted == 0


@pytest.mark.parametrize("killed_at_step", [None, 2, 5, 9])
def test_after_lock_no_plain_text_remains_anywhere(
    data_dir: Path, identity: x25519.Identity, killed_at_step: int | None
) -> None:
    if killed_at_step is not None:  # temp files a kill leaves behind hold only ciphertext
        assert run_killed(lambda: lock(data_dir, identity), killed_at_step)
    lock(data_dir, identity)
    for path in data_dir.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for secret in (NOTE, ROUTINE, "pain", "sore", "stopped"):
                assert secret.encode() not in raw, (path, secret)


class Killed(BaseException):
    """The process ends here: nothing after this point runs, not even clean-up."""


FATAL_CALLS = ("fsync", "replace", "unlink", "link", "chmod")


@contextmanager
def killed_at(n: int) -> Iterator[Callable[[], int]]:
    """From the ``n``th file-system step on, every step raises :class:`Killed`."""
    calls = 0

    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls >= n:
                raise Killed
            return real(*args, **kwargs)

        return step

    with pytest.MonkeyPatch.context() as patch:
        for name in FATAL_CALLS:
            patch.setattr(os, name, wrap(getattr(os, name)))
        yield lambda: calls


def run_killed(convert: Callable[[], object], n: int) -> bool:
    """Run ``convert`` killed at step ``n``; whether it was killed before finishing."""
    with killed_at(n):
        try:
            convert()
        except Killed:
            return True
    return False


def fresh_copy(source: Path, tmp_path: Path, label: str) -> Path:
    folder = tmp_path / label
    shutil.copytree(source, folder)
    return folder


@pytest.mark.parametrize("direction", ["lock", "unlock"])
def test_a_conversion_killed_anywhere_twice_then_rerun_loses_nothing(
    data_dir: Path,
    tmp_path: Path,
    identity: x25519.Identity,
    direction: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each fsync is still a step a kill can land on; only the waiting for the disk goes.
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    if direction == "unlock":
        lock(data_dir, identity)
    convert = lock if direction == "lock" else unlock
    done = assert_locked if direction == "lock" else (lambda folder, _: assert_unlocked(folder))
    first = 1
    while True:
        folder = fresh_copy(data_dir, tmp_path, f"k{first}")
        if not run_killed(lambda f=folder: convert(f, identity), first):
            break  # the run reached its end before step `first`: every point was tried
        assert_each_file_whole(folder, identity)
        # A second run, itself killed at each step of its own, then a third that finishes.
        second = 1
        while True:
            again = fresh_copy(folder, tmp_path, f"k{first}-{second}")
            killed = run_killed(lambda f=again: convert(f, identity), second)
            assert_each_file_whole(again, identity)
            report = convert(again, identity)
            assert report.complete
            done(again, identity)
            if direction == "lock":
                unlock(again, identity)
            assert_unlocked(again)  # and back to the very same bytes
            shutil.rmtree(again)
            if not killed:
                break
            second += 1
        shutil.rmtree(folder)
        first += 1
    assert first > 10  # every file took several steps; the sweep really went through them


def test_both_forms_left_by_a_killed_lock_are_verified_then_finished(
    data_dir: Path, identity: x25519.Identity
) -> None:
    for name, content in FILES.items():  # as if killed just before removing each plain file
        vault.atomic_write(
            vault.sealed_path(data_dir / name), vault.encrypt(content, identity.to_public())
        )
    report = lock(data_dir, identity)
    assert (report.converted, report.finished) == (0, 3) and report.complete
    assert_locked(data_dir, identity)


def test_both_forms_left_by_a_killed_unlock_are_verified_then_finished(
    data_dir: Path, identity: x25519.Identity
) -> None:
    for name, content in FILES.items():
        vault.atomic_write(
            vault.sealed_path(data_dir / name), vault.encrypt(content, identity.to_public())
        )
    report = unlock(data_dir, identity)
    assert (report.converted, report.finished) == (0, 3) and report.complete
    assert_unlocked(data_dir)


def test_both_forms_that_differ_are_both_kept_and_reported(
    data_dir: Path, identity: x25519.Identity
) -> None:
    name = next(iter(FILES))
    sealed = vault.sealed_path(data_dir / name)
    other = vault.encrypt(b"a different version\n", identity.to_public())
    sealed.write_bytes(other)
    for convert in (lock, unlock):
        report = convert(data_dir, identity)
        assert (
            report.conflicts == ((data_dir / name) if convert is lock else sealed,)
            and not report.complete
        )
        assert (data_dir / name).read_bytes() == FILES[name]
        assert sealed.read_bytes() == other


def test_a_file_this_key_cannot_open_is_left_and_reported(
    data_dir: Path, identity: x25519.Identity
) -> None:
    lock(data_dir, identity)
    name = next(iter(FILES))
    sealed = vault.sealed_path(data_dir / name)
    foreign = vault.encrypt(b"someone else's\n", x25519.Identity.generate().to_public())
    sealed.write_bytes(foreign)
    report = unlock(data_dir, identity)
    assert report.converted == 2
    assert [path for path, _ in report.failed] == [sealed]
    assert "another key" in report.failed[0][1]
    assert sealed.read_bytes() == foreign and not (data_dir / name).exists()


def test_a_write_that_fails_is_reported_and_the_rest_go_on(
    data_dir: Path, identity: x25519.Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace
    calls = 0

    def full_once(*args: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError(28, "No space left on device")
        real(*args)

    monkeypatch.setattr(os, "replace", full_once)
    report = lock(data_dir, identity)
    assert report.converted == 2
    assert len(report.failed) == 1 and "no space left" in report.failed[0][1]
    assert_each_file_whole(data_dir, identity)
    monkeypatch.undo()
    assert lock(data_dir, identity).converted == 1
    assert_locked(data_dir, identity)


def test_a_file_saved_to_during_the_lock_is_converted_in_its_newest_form(
    data_dir: Path, identity: x25519.Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = next(iter(FILES))
    newer = FILES[name] + b'[[steps]]\ntitle = "one more step"\n'
    real = vault.atomic_write
    writes = 0

    def session_saves_meanwhile(path: Path, data: bytes, **kwargs: Any) -> None:
        nonlocal writes
        real(path, data, **kwargs)
        writes += 1
        if writes == 1:  # the session still running saves its next step right now
            (data_dir / name).write_bytes(newer)

    monkeypatch.setattr(vault, "atomic_write", session_saves_meanwhile)
    report = vault.lock_files([data_dir / name], identity)
    assert report.converted == 1 and report.complete
    assert vault.decrypt(vault.sealed_path(data_dir / name).read_bytes(), identity) == newer


def test_pending_files_skips_temp_files_and_the_key(data_dir: Path) -> None:
    (data_dir / "sessions" / "2026" / ".coach-abc.tmp").write_bytes(b"x")
    (data_dir / "sessions" / "2026" / ".hidden.toml").write_bytes(b"x")
    names = {p.name for p in vault.pending_files(data_dir, sealed=False)}
    assert names == {Path(n).name for n in FILES}
    assert vault.pending_files(data_dir, sealed=True) == []
    assert vault.pending_files(data_dir / "absent", sealed=True) == []


# ---------------------------------------------------------------------------------------------
# The standard age tool


def age(*args: str, stdin: bytes = b"") -> bytes:
    assert AGE is not None
    done = subprocess.run([AGE, *args], input=stdin, capture_output=True, timeout=60, check=True)
    return done.stdout


@needs_age
def test_age_decrypts_a_locked_file_with_the_identity(
    tmp_path: Path, data_dir: Path, identity: x25519.Identity
) -> None:
    lock(data_dir, identity)
    key_file = tmp_path / "identity.txt"
    vault.atomic_write(key_file, f"{identity}\n".encode())
    name = next(iter(FILES))
    sealed = vault.sealed_path(data_dir / name)
    assert age("-d", "-i", str(key_file), str(sealed)) == FILES[name]


@needs_age
def test_a_file_age_encrypts_to_the_recipient_opens_here(
    made_vault: Path, opened: x25519.Identity
) -> None:
    recipient = (made_vault / vault.RECIPIENT_FILE).read_text().strip()
    sealed = age("-r", recipient, stdin=b"from the age tool\n")
    assert vault.decrypt(sealed, opened) == b"from the age tool\n"


@needs_age
def test_age_opens_key_age_itself_with_the_passphrase_on_a_terminal(data_dir: Path) -> None:
    # What the README tells a person: `age -d -i key.age FILE.age` asks for the passphrase.
    # age reads it only from a terminal, so give it one.
    assert AGE is not None
    name = next(iter(FILES))
    sealed = vault.sealed_path(data_dir / name)
    sealed.write_bytes(vault.encrypt(FILES[name], vault.recipient(data_dir)))
    out = data_dir / "out.toml"
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes age
        os.chdir(data_dir)
        os.execv(AGE, [AGE, "-d", "-i", vault.KEY_FILE, "-o", str(out), str(sealed)])
    seen, typed, deadline = b"", False, time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], deadline - time.monotonic())
            if not ready:
                break
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the terminal closes when age exits
                break
            if not chunk:
                break
            seen += chunk
            if not typed and b"passphrase" in seen.lower():
                os.write(fd, PASSPHRASE.encode() + b"\n")
                typed = True
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    assert typed, seen
    assert os.waitstatus_to_exitcode(status) == 0, seen
    assert out.read_bytes() == FILES[name]
