"""Encryption at rest with age: the data folder's key, and a lock and unlock that lose nothing.

A locked data folder holds two files beside the data:

- ``key.age``: an age identity file (the X25519 secret key, with a ``# public key:`` comment),
  encrypted with the passphrase in age's scrypt passphrase mode. The standard tool opens it
  directly: ``age -d -i key.age sessions/2026/....toml.age`` asks for the passphrase.
- ``recipient.txt``: the public ``age1...`` recipient. Writing needs only this file, so saving
  a session never asks for the passphrase.

Each data file ``X.toml`` becomes ``X.toml.age``, encrypted to the recipient. Converting is
done file by file so that at every instant each file exists as the old file or as a verified
new one; a conversion killed anywhere can be run again and finishes the job.

No message here carries a passphrase, a key or a file's content; they name files and reasons.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.store.files import (
    FILE_MODE,
    StoreError,
    atomic_write,
    clean_stray_temp_files,
    fsync_folder,
    os_reason,
    read_regular,
)

if TYPE_CHECKING:
    from pyrage.x25519 import Identity as Identity
    from pyrage.x25519 import Recipient as Recipient
# pyrage itself (a compiled library) is loaded only by what encrypts or decrypts, so the many
# runs that never do (a plain data folder) do not pay for it.

KEY_FILE = "key.age"
KEY_LIMIT = 1024 * 1024  # far above any key: what is bigger is not a key and is not read whole
RECIPIENT_FILE = "recipient.txt"
SEALED_SUFFIX = ".age"
PLAIN_SUFFIX = ".toml"

_SCRYPT_HEADER = b"age-encryption.org/v1\n-> scrypt "
_SECRET_PREFIX = "AGE-SECRET-KEY-1"
# A changing source file (a session still saving during a lock) is converted again; past
# this many tries it is left as it is and reported.
_ATTEMPTS = 3


class VaultError(Exception):
    """Something about the data folder's key or a conversion; ``str()`` is one calm sentence."""


class NotLocked(VaultError):
    """The data folder has no key: nothing is encrypted."""


class AlreadyLocked(VaultError):
    """The data folder already has a key; ``create`` never replaces one."""


class WrongPassphrase(VaultError):
    """The passphrase does not open the key. Nothing was changed."""


class VaultDamaged(VaultError):
    """The key or the recipient file is missing, unreadable or does not match the other."""


class KeyTooCostly(VaultError):
    """age refuses the key's scrypt cost on this computer (it was made on a much faster one)."""


class NotDecryptable(VaultError):
    """A data file that this data folder's key cannot decrypt."""


class UnusablePassphrase(VaultError):
    """A passphrase (or passphrase file) that cannot be used; the reason says why."""


def sealed_path(path: Path) -> Path:
    """``X.toml`` -> ``X.toml.age``; a path that is already sealed is returned as it is."""
    return path if path.name.endswith(SEALED_SUFFIX) else path.with_name(path.name + SEALED_SUFFIX)


def plain_path(path: Path) -> Path:
    """``X.toml.age`` -> ``X.toml``; a plain path is returned as it is."""
    name = path.name
    return path.with_name(name[: -len(SEALED_SUFFIX)]) if name.endswith(SEALED_SUFFIX) else path


def _why(error: OSError) -> str:
    if isinstance(error, StoreError):  # already one sentence naming what failed and where
        return str(error).rstrip(".")
    return os_reason(error)


# ---------------------------------------------------------------------------------------------
# The key


def is_locked(data_dir: Path) -> bool:
    """Whether the data folder has a key (or half of one): reading must then ask to unlock."""
    return os.path.lexists(data_dir / KEY_FILE) or os.path.lexists(data_dir / RECIPIENT_FILE)


def create(data_dir: Path, passphrase: str) -> Identity:
    """Make the data folder's key, protected by ``passphrase``; returns it (``coach lock``
    goes on to convert the files without paying the passphrase's scrypt time again).

    Writes ``key.age`` first and ``recipient.txt`` second: until the recipient exists nothing
    is encrypted, and a create killed in between is repaired by :func:`unlock_identity`.
    The scrypt cost is pyrage's default, calibrated to about a second on this computer, as
    the age tools do; every command that reads locked data pays it once.
    """
    if not passphrase:
        raise UnusablePassphrase("An empty passphrase would protect nothing; please choose one.")
    if not data_dir.is_dir():
        raise VaultError(f"There is no data folder at {data_dir} to lock.")
    key_path = data_dir / KEY_FILE
    if os.path.lexists(key_path):
        raise AlreadyLocked(f"{key_path} already exists: this data folder already has a key.")
    from pyrage import passphrase as age_passphrase
    from pyrage import x25519

    identity = x25519.Identity.generate()
    public = identity.to_public()
    # An age identity file, so `age -d -i key.age` works with the standard tool.
    text = f"# coach: the key to this data folder\n# public key: {public}\n{identity}\n"
    sealed_key = age_passphrase.encrypt(text.encode("ascii"), passphrase)
    try:
        atomic_write(key_path, sealed_key, exclusive=True)
    except FileExistsError:
        raise AlreadyLocked(
            f"{key_path} already exists: this data folder already has a key."
        ) from None
    except OSError as error:
        raise VaultError(f"Could not save the key in {data_dir}: {_why(error)}.") from None
    _write_recipient(data_dir, public)
    return identity


def _write_recipient(data_dir: Path, public: Recipient) -> None:
    try:
        atomic_write(data_dir / RECIPIENT_FILE, f"{public}\n".encode("ascii"))
    except OSError as error:
        raise VaultError(f"Could not save {RECIPIENT_FILE} in {data_dir}: {_why(error)}.") from None


def recipient(data_dir: Path) -> Recipient:
    """The recipient every new file is encrypted to; needs no passphrase."""
    import pyrage

    path = data_dir / RECIPIENT_FILE
    try:
        text = path.read_text("ascii")
    except FileNotFoundError:
        if os.path.lexists(data_dir / KEY_FILE):
            raise VaultDamaged(
                f"{path} is missing; unlocking once with the passphrase puts it back."
            ) from None
        raise NotLocked(f"{data_dir} is not locked: it has no key.") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = _why(error) if isinstance(error, OSError) else "it is not plain text"
        raise VaultDamaged(f"Could not read {path}: {reason}.") from None
    try:
        return pyrage.x25519.Recipient.from_str(text.strip())
    except pyrage.RecipientError:
        raise VaultDamaged(f"{path} does not hold an age recipient.") from None


def unlock_identity(data_dir: Path, passphrase: str) -> Identity:
    """Open the key with ``passphrase``; raises :class:`WrongPassphrase` and changes nothing.

    This is the one slow step (scrypt, about a second): a command calls it once. With the
    right passphrase it also checks that ``recipient.txt`` belongs to this key, and writes it
    if a create was killed before it.
    """
    key_path = data_dir / KEY_FILE
    try:
        sealed_key = read_regular(key_path, KEY_LIMIT)  # a key is a few hundred bytes
    except FileNotFoundError:
        if os.path.lexists(data_dir / RECIPIENT_FILE):
            raise VaultDamaged(
                f"{key_path} is missing, so the encrypted files cannot be opened."
            ) from None
        raise NotLocked(f"{data_dir} is not locked: it has no key.") from None
    except OSError as error:
        raise VaultDamaged(f"Could not read {key_path}: {_why(error)}.") from None
    if not sealed_key.startswith(_SCRYPT_HEADER):
        raise VaultDamaged(f"{key_path} is not a passphrase-protected age file.")
    import pyrage
    from pyrage import passphrase as age_passphrase

    try:
        text = age_passphrase.decrypt(sealed_key, passphrase)
    except pyrage.DecryptError as error:
        # pyrage has one error type for everything; its wording is the only way to tell
        # "too slow to try here" from "wrong passphrase" (tests/test_vault.py notices a change).
        if "Excessive work" in str(error):
            raise KeyTooCostly(
                f"{key_path} was protected on a much faster computer; age will not spend"
                " that long opening it here."
            ) from None
        raise WrongPassphrase(
            "That passphrase does not open this data folder. Nothing was changed;"
            " you can try again."
        ) from None
    identity = _identity_from(text, key_path)
    public = identity.to_public()
    try:
        stored = recipient(data_dir)
    except VaultDamaged:
        if os.path.lexists(data_dir / RECIPIENT_FILE):
            raise
        _write_recipient(data_dir, public)
        return identity
    # Recipients have no __eq__ in pyrage: compare their age1... text.
    if str(stored) != str(public):
        raise VaultDamaged(
            f"{data_dir / RECIPIENT_FILE} does not belong to {key_path}; files saved since"
            " may be encrypted to another key."
        )
    return identity


def _identity_from(text: bytes, key_path: Path) -> Identity:
    import pyrage

    lines = text.decode("ascii", "replace").splitlines()
    secrets = [line.strip() for line in lines if line.strip().startswith(_SECRET_PREFIX)]
    if len(secrets) != 1:
        raise VaultDamaged(f"{key_path} opened, but it does not hold exactly one age key.")
    try:
        return pyrage.x25519.Identity.from_str(secrets[0])
    except pyrage.IdentityError:
        raise VaultDamaged(f"{key_path} opened, but its age key is not valid.") from None


def encrypt(data: bytes, to: Recipient) -> bytes:
    """``data`` as an age file (binary, not armored) that only the key behind ``to`` opens."""
    import pyrage

    try:
        return pyrage.encrypt(data, [to])
    except pyrage.EncryptError:
        raise VaultError("Could not encrypt the data.") from None


def decrypt(data: bytes, identity: Identity) -> bytes:
    """The plain bytes of an age file; raises :class:`NotDecryptable` if this key cannot."""
    import pyrage

    try:
        return pyrage.decrypt(data, [identity])
    except pyrage.DecryptError:
        raise NotDecryptable(
            "This file is damaged or was encrypted to another key; it was left as it is."
        ) from None


# ---------------------------------------------------------------------------------------------
# Passphrase file, for scripts and tests


def read_passphrase_file(path: Path) -> str:
    """The passphrase in ``path``, without one trailing newline.

    Refused (:class:`UnusablePassphrase`) unless it is a regular file of mode exactly 0600
    owned by this user: a passphrase others can read protects nothing.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as error:
        raise UnusablePassphrase(
            f"Could not read the passphrase file {path}: {_why(error)}."
        ) from None
    try:
        # fstat the open file, not the name, so the file checked is the file read.
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnusablePassphrase(f"The passphrase file {path} is not a regular file.")
        mode = stat.S_IMODE(info.st_mode)
        if mode != FILE_MODE:
            raise UnusablePassphrase(
                f"The passphrase file {path} has mode {mode:04o}; it must be 0600 so only"
                f" you can read it (chmod 600 {path})."
            )
        getuid = getattr(os, "getuid", None)
        if getuid is not None and info.st_uid != getuid():
            raise UnusablePassphrase(f"The passphrase file {path} belongs to another user.")
        raw = b""
        while chunk := os.read(fd, 65536):
            raw += chunk
    finally:
        os.close(fd)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnusablePassphrase(f"The passphrase file {path} is not UTF-8 text.") from None
    # Exactly one newline: an editor adds one, but spaces may be part of a passphrase.
    text = text.removesuffix("\n").removesuffix("\r")
    if not text:
        raise UnusablePassphrase(f"The passphrase file {path} is empty.")
    return text


# ---------------------------------------------------------------------------------------------
# Lock and unlock, file by file


@dataclass(frozen=True)
class ConversionReport:
    """What a lock or unlock did. Files in ``conflicts`` and ``failed`` were left as they were."""

    converted: int = 0  # turned into the other form by this run
    finished: int = 0  # both forms were there (a killed run): verified, then the old one removed
    already: int = 0  # only the new form was there
    conflicts: tuple[Path, ...] = ()  # both forms there and different: both kept for a person
    failed: tuple[tuple[Path, str], ...] = ()  # (file, reason): could not be converted

    @property
    def complete(self) -> bool:
        """Whether every file is now in the new form and nothing needs a person."""
        return not self.conflicts and not self.failed


def pending_files(root: Path, *, sealed: bool) -> list[Path]:
    """Data files under ``root`` still plain (``*.toml``) or, with ``sealed``, ``*.toml.age``.

    A file killed halfway through a lock is still ``X.toml`` (beside ``X.toml.age``), so it is
    found again here; hidden files (temp files) are never data.
    """
    suffix = PLAIN_SUFFIX + SEALED_SUFFIX if sealed else PLAIN_SUFFIX
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob(f"*{suffix}")
        if not p.name.startswith(".") and p.is_file() and not p.is_symlink()
    )


DATA_FOLDERS = ("sessions", "rest")


def data_files(data_dir: Path, *, sealed: bool) -> list[Path]:
    """Every file a lock converts: the coach files at the top of the data folder (the
    sensate-focus programme) and those in its sessions and rest folders; plain ones, or with
    ``sealed`` encrypted ones. The key files are not data (``.age``, but not ``.toml.age``)."""
    suffix = PLAIN_SUFFIX + SEALED_SUFFIX if sealed else PLAIN_SUFFIX
    try:
        top = sorted(
            p
            for p in data_dir.glob(f"*{suffix}")
            if not p.name.startswith(".") and p.is_file() and not p.is_symlink()
        )
    except OSError:
        top = []
    return top + [p for name in DATA_FOLDERS for p in pending_files(data_dir / name, sealed=sealed)]


def tidy(data_dir: Path) -> None:
    """Remove what killed writes left behind (temp files), which could hold plain text."""
    for folder in (data_dir, data_dir / "index", *(data_dir / name for name in DATA_FOLDERS)):
        clean_stray_temp_files(folder)


def _merged(first: ConversionReport, second: ConversionReport) -> ConversionReport:
    return ConversionReport(
        converted=first.converted + second.converted,
        finished=first.finished + second.finished,
        already=first.already,
        conflicts=first.conflicts + second.conflicts,
        failed=first.failed + second.failed,
    )


def lock_folder(data_dir: Path, identity: Identity) -> ConversionReport:
    """Encrypt every plain data file; a second pass catches a session that was saving in
    plain text when the key appeared (from its next save on it is sealed anyway)."""
    report = lock_files(data_files(data_dir, sealed=False), identity)
    late = data_files(data_dir, sealed=False)
    return _merged(report, lock_files(late, identity)) if late else report


def unlock_folder(data_dir: Path, identity: Identity) -> ConversionReport:
    """Turn every data file back into plain TOML, then remove the key, last of all.

    ``recipient.txt`` goes first, so no session can be sealed any more; files sealed in the
    moment before are converted in a second pass; only when none is left does ``key.age``
    go. Anything incomplete keeps the key (and puts the recipient back) for a rerun.
    """
    report = unlock_files(data_files(data_dir, sealed=True), identity)
    if not report.complete:
        return report
    with contextlib.suppress(FileNotFoundError):
        (data_dir / RECIPIENT_FILE).unlink()
    report = _merged(report, unlock_files(data_files(data_dir, sealed=True), identity))
    if not report.complete or data_files(data_dir, sealed=True):
        _write_recipient(data_dir, identity.to_public())
        return report
    (data_dir / KEY_FILE).unlink()
    with contextlib.suppress(OSError):
        fsync_folder(data_dir)
    return report


def lock_files(paths: Iterable[Path], identity: Identity) -> ConversionReport:
    """Turn each ``X.toml`` into ``X.toml.age``, encrypted to ``identity``'s recipient.

    Needs the identity, not only the recipient, because each new file is decrypted and
    compared with the original before the original is removed. ``paths`` may name either form.
    """
    public = identity.to_public()
    return _convert(
        ((plain_path(p), sealed_path(p)) for p in paths),
        content_of_source=lambda raw: raw,
        content_of_target=lambda raw: decrypt(raw, identity),
        render=lambda content: encrypt(content, public),
    )


def unlock_files(paths: Iterable[Path], identity: Identity) -> ConversionReport:
    """Turn each ``X.toml.age`` back into ``X.toml``, as safely as :func:`lock_files`."""
    return _convert(
        ((sealed_path(p), plain_path(p)) for p in paths),
        content_of_source=lambda raw: decrypt(raw, identity),
        content_of_target=lambda raw: raw,
        render=lambda content: content,
    )


Transform = Callable[[bytes], bytes]


def _convert(
    pairs: Iterable[tuple[Path, Path]],
    *,
    content_of_source: Transform,
    content_of_target: Transform,
    render: Transform,
) -> ConversionReport:
    counts = {"converted": 0, "finished": 0, "already": 0, "missing": 0}
    conflicts: list[Path] = []
    failed: list[tuple[Path, str]] = []
    touched: set[Path] = set()
    try:
        for source, target in dict.fromkeys(pairs):  # both forms of one file: convert once
            try:
                outcome = _convert_one(source, target, content_of_source, content_of_target, render)
            except VaultError as error:
                failed.append((source, str(error)))
                continue
            except OSError as error:
                failed.append((source, f"{_why(error)}; it was left as it is."))
                continue
            if outcome == "conflict":
                conflicts.append(source)
            else:
                counts[outcome] += 1
            if outcome in ("converted", "finished"):
                touched.add(source.parent)
    finally:
        # Make the removals durable too, once per folder rather than once per file.
        for folder in sorted(touched):
            with contextlib.suppress(OSError):
                fsync_folder(folder)
    return ConversionReport(
        converted=counts["converted"],
        finished=counts["finished"],
        already=counts["already"],
        conflicts=tuple(conflicts),
        failed=tuple(failed),
    )


def _convert_one(
    source: Path,
    target: Path,
    content_of_source: Transform,
    content_of_target: Transform,
    render: Transform,
) -> str:
    if not os.path.lexists(source):
        return "already" if os.path.lexists(target) else "missing"
    if not stat.S_ISREG(os.lstat(source).st_mode):
        raise VaultError("It is not a regular file; it was left as it is.")
    target_is_ours = False
    for _ in range(_ATTEMPTS):
        raw = source.read_bytes()
        content = content_of_source(raw)
        if os.path.lexists(target) and not target_is_ours:
            # Both forms: a run killed after writing the new file. Finish only if the new one
            # holds exactly this content; otherwise neither is ours to throw away.
            if not _holds(target, content, content_of_target):
                return "conflict"
            source.unlink()
            return "finished"
        atomic_write(target, render(content))
        target_is_ours = True
        if not _holds(target, content, content_of_target):
            target.unlink()  # ours, and wrong; the source is untouched
            raise VaultError("The new file did not read back the same; nothing was removed.")
        if source.read_bytes() != raw:
            continue  # saved to meanwhile (a session still running): convert the new version
        source.unlink()
        return "converted"
    target.unlink()  # ours and stale; the source, still changing, stays as it is
    raise VaultError("It kept changing while being converted; it was left as it is.")


def _holds(target: Path, content: bytes, content_of_target: Transform) -> bool:
    """Whether the file on disk at ``target`` reads back as ``content``."""
    try:
        return content_of_target(target.read_bytes()) == content
    except NotDecryptable:
        return False
