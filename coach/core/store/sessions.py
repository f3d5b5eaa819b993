"""Session and rest-day files: naming each new one, keeping it up to date, reading them (pure).

When the data folder is locked (:mod:`coach.core.vault`) each file is ``NAME.toml.age``: the
same TOML bytes, encrypted to the folder's recipient. Writing needs only the recipient, so a
session saves step by step without a passphrase; reading needs the identity, which the
caller passes in (``identity``), so the passphrase is asked for by a view, never here.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.paths import Paths
from coach.core.records import RestDay, Session
from coach.core.store.codec import (
    SessionFileError,
    dump_rest_day,
    dump_session,
    dumps_toml,
    parse_rest_day,
    parse_session,
    parse_session_data,
)
from coach.core.store.files import (
    FILE_MODE,
    StoreError,
    atomic_write,
    drop_lock,
    ensure_private_dir,
    hold_lock,
    is_locked,
    os_reason,
)
from coach.core.tomlfile import read_bytes
from coach.core.vault import (
    PLAIN_SUFFIX,
    SEALED_SUFFIX,
    NotDecryptable,
    VaultError,
    decrypt,
    encrypt,
    plain_path,
    recipient,
    sealed_path,
)
from coach.core.vault import (
    is_locked as folder_is_locked,
)

if TYPE_CHECKING:
    from coach.core.vault import Identity


def is_sealed(path: Path | str) -> bool:
    """Whether a data file's name says it is encrypted (``NAME.toml.age``)."""
    return str(path).endswith(PLAIN_SUFFIX + SEALED_SUFFIX)


def file_stem(name: str) -> str:
    """``NAME`` of ``NAME.toml`` or ``NAME.toml.age``: the same session either way."""
    return name.removesuffix(SEALED_SUFFIX).removesuffix(PLAIN_SUFFIX)


def _plain_bytes(path: Path, identity: Identity | None) -> bytes:
    return _opened(read_bytes(path), path, identity)


def _opened(raw: bytes, path: Path, identity: Identity | None) -> bytes:
    """``raw`` from the file at ``path``, decrypted when the file is sealed."""
    if not is_sealed(path):
        return raw
    if identity is None:
        raise SessionFileError(path, 1, 1, "is encrypted; it needs the passphrase to be read")
    try:
        return decrypt(raw, identity)
    except NotDecryptable:
        raise SessionFileError(
            path, 1, 1, "could not be decrypted: it is damaged or was encrypted to another key"
        ) from None


def existing_form(path: Path) -> Path | None:
    """The file at ``path`` as it is on disk now: plain, else sealed, else None."""
    for form in (plain_path(path), sealed_path(path)):
        if os.path.lexists(form):
            return form
    return None


def read_data_file(path: Path, identity: Identity | None = None) -> bytes:
    """The plain bytes of a coach file, decrypted with ``identity`` when sealed; raises
    SessionFileError (a sealed file without an identity included)."""
    return _plain_bytes(Path(path), identity)


def read_session(path: Path, identity: Identity | None = None) -> Session:
    """One session file, decrypted with ``identity`` when sealed; raises SessionFileError for
    anything unreadable or invalid (a sealed file without an identity included)."""
    path = Path(path)
    return parse_session(_plain_bytes(path, identity), path)


def _sort_key(path: Path) -> tuple[str, str, int, str]:
    # "...T21-30-12-2.toml" is the second session that started in that second: after the first.
    stem = file_stem(path.name)
    match = re.fullmatch(r"(.*?)-(\d{1,6})", stem)
    if match and len(match.group(1)) >= 19:
        return (path.parent.name, match.group(1), int(match.group(2)), stem)
    return (path.parent.name, stem, 1, stem)


def is_data_name(name: str) -> bool:
    """Whether a file name in a year folder is a data file: ``*.toml`` or ``*.toml.age``."""
    return name[:1] != "." and (name.endswith(PLAIN_SUFFIX) or is_sealed(name))


def one_form_each(names: list[str]) -> list[str]:
    """Each file once: where a lock or unlock was cut short both forms are there, with the
    same content (they are compared before either is removed); the plain one is kept."""
    plain = {name for name in names if not is_sealed(name)}
    return [
        name for name in names if not is_sealed(name) or name[: -len(SEALED_SUFFIX)] not in plain
    ]


def _iter_toml(root: Path) -> list[Path]:
    """``root/<year>/*.toml`` and ``*.toml.age``, temp and hidden files excluded, one form of
    each file, sorted by name."""
    found: list[Path] = []
    try:
        years = [p for p in Path(root).iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return found
    for year in years:
        try:
            names = [p.name for p in year.iterdir() if is_data_name(p.name) and p.is_file()]
            found += [year / name for name in one_form_each(names)]
        except OSError:
            continue
    return sorted(found, key=_sort_key)


def iter_session_files(sessions_root: Path) -> list[Path]:
    """Every session file, in the order the sessions started."""
    return _iter_toml(sessions_root)


def newest_session_file(sessions_root: Path) -> Path | None:
    """The file of the session that started last, or None when there is none."""
    files = iter_session_files(sessions_root)
    return files[-1] if files else None


def read_session_raw(path: Path, identity: Identity | None = None) -> tuple[bytes, Session]:
    """A session file's bytes (as on disk, sealed or not) and the session in them, to change
    it later with :func:`amend_checkin`; raises SessionFileError."""
    path = Path(path)
    raw = read_bytes(path)
    return raw, parse_session(_opened(raw, path, identity), path)


CHECKIN_FIELDS = ("pain", "anxiety", "note")


def amend_checkin(
    path: Path,
    before: bytes,
    changes: dict[str, int | str | None],
    identity: Identity | None = None,
) -> Session:
    """Set (or, for None, remove) check-in fields in a session file and rewrite it atomically.

    ``before`` is the file as it was read when the person began: if the file changed since
    (a session still running, another edit), nothing is written and StoreError says so. Every
    other key, known or not, is written back with the value it had. Returns the new session.
    """
    path = Path(path)
    unknown = set(changes) - set(CHECKIN_FIELDS)
    if unknown:
        raise ValueError(f"only {', '.join(CHECKIN_FIELDS)} can be changed")
    if read_bytes(path) != before:
        raise StoreError(f"{path} changed while you were editing it.")
    data = parse_session_data(_opened(before, path, identity), path)
    checkin = data.get("checkin")
    if not isinstance(checkin, dict):
        checkin = data["checkin"] = {}
    for key, value in changes.items():
        if value is None:
            checkin.pop(key, None)
        else:
            checkin[key] = value
    raw = dumps_toml(data)
    session = parse_session(raw, path)  # never write what coach could not read back
    seal = None
    if is_sealed(path) and identity is not None:  # sealed again, to the key that opened it
        to = identity.to_public()
        seal = lambda data: encrypt(data, to)  # noqa: E731
    write_data_file(path, raw, seal)
    return session


def read_sessions(
    sessions_root: Path, identity: Identity | None = None
) -> tuple[list[tuple[Path, Session]], list[SessionFileError]]:
    """Every good session and one problem per bad file; never raises, never touches a file."""
    good: list[tuple[Path, Session]] = []
    bad: list[SessionFileError] = []
    for path in iter_session_files(sessions_root):
        try:
            good.append((path, read_session(path, identity)))
        except SessionFileError as problem:
            bad.append(problem)
    return good, bad


# ---------------------------------------------------------------------------------------------
# Where each new file goes


Seal = Callable[[bytes], bytes]


def sealer(data_dir: Path) -> Seal | None:
    """How to encrypt a new file in ``data_dir`` (None when it is not locked); raises
    StoreError when the folder is locked but its recipient cannot be used: saving in plain
    text there would undo the lock."""
    if not folder_is_locked(data_dir):
        return None
    try:
        to = recipient(data_dir)
    except VaultError as error:
        raise StoreError(f"Could not save in {data_dir}: {error}") from None
    return lambda data: encrypt(data, to)


def write_data_file(path: Path, data: bytes, seal: Seal | None) -> Path:
    """Write ``data`` at ``path`` in the form the folder's lock asks for; returns where it went.

    The other form, if a lock or unlock converted the file meanwhile, is removed after the
    write, so one session is never kept twice (nor in plain text beside its sealed copy).
    """
    target = sealed_path(path) if seal else plain_path(path)
    try:
        sealed = seal(data) if seal else data
    except VaultError as error:
        raise StoreError(f"Could not save {target}: {error}") from None
    atomic_write(target, sealed)
    other = plain_path(path) if seal else sealed_path(path)
    with contextlib.suppress(FileNotFoundError):
        other.unlink()
    return target


def _reserve(folder: Path, stem: str, *, sealed: bool) -> Path:
    """Create ``stem.toml`` (or ``stem-2.toml``, ...; with ``.age`` when ``sealed``)
    exclusively, so no file is overwritten in either form."""
    for n in range(1, 10_000):
        plain = folder / (f"{stem}.toml" if n == 1 else f"{stem}-{n}.toml")
        path, other = (sealed_path(plain), plain) if sealed else (plain, sealed_path(plain))
        if os.path.lexists(other):
            continue  # this name is taken in the other form
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            continue
        except OSError as error:
            raise StoreError(f"Could not create a file in {folder}: {os_reason(error)}.") from None
        try:
            path.chmod(FILE_MODE)
        finally:
            os.close(fd)
        return path
    raise StoreError(f"Could not find a free file name in {folder}.")


def _release(path: Path) -> None:
    """Remove a reserved file that never got its content, so it is not read as a bad file."""
    try:
        if path.stat().st_size == 0:
            path.unlink()
    except OSError:
        pass


def session_path(sessions_root: Path, started_at: datetime, *, sealed: bool = False) -> Path:
    """Create and return ``<root>/YYYY/YYYY-MM-DDTHH-MM-SS.toml`` (``-2``, ``-3`` if taken;
    ``.toml.age`` when ``sealed``).

    Names use the local time the session started (as in ``started_at``), so they read as the
    user's own clock and sort by start time. The empty file is created with O_EXCL, so two
    sessions starting in the same second never share a file.
    """
    folder = Path(sessions_root) / f"{started_at:%Y}"
    ensure_private_dir(folder)
    return _reserve(folder, f"{started_at:%Y-%m-%dT%H-%M-%S}", sealed=sealed)


class SessionWriter:
    """Keeps one session's own file up to date; nothing else ever writes that file.

    Each save looks at the data folder (the sessions folder's parent): while it is locked the
    file is written encrypted to its recipient, so a ``coach lock`` or ``coach unlock`` run
    during a session is followed from the next step on.
    """

    def __init__(self, path: Path, data_dir: Path | None = None) -> None:
        self.path = Path(path)
        self.data_dir = self.path.parent.parent.parent if data_dir is None else data_dir
        self.pending = False  # True while the latest session is only in memory
        self._unsaved: Session | None = None
        # Held while the session runs, so coach log can tell it from an interrupted one.
        self._lock = hold_lock(lock_path(self.path))

    def done(self) -> None:
        """The session is over and saved with its real status: it is no longer in progress."""
        if self._lock is not None:
            drop_lock(lock_path(self.path), self._lock)
            self._lock = None

    @classmethod
    def begin(cls, where: Paths | Path, session: Session) -> SessionWriter:
        """Create the session's file now, saying ``status = "interrupted"`` until told otherwise.

        ``where`` is the app's Paths or the sessions folder itself. Raises StoreError.
        """
        root = where.sessions if isinstance(where, Paths) else Path(where)
        ensure_private_dir(root)
        seal = sealer(root.parent)
        path = session_path(root, session.started_at, sealed=seal is not None)
        try:
            path = write_data_file(path, dump_session(replace(session, status="interrupted")), seal)
        except BaseException:
            _release(path)
            raise
        return cls(path, root.parent)

    def save(self, session: Session) -> str | None:
        """Rewrite the file atomically; None when saved, else one sentence saying what failed.

        On failure the previous file stays intact and the session is kept for the next try.
        """
        try:
            self.path = write_data_file(self.path, dump_session(session), sealer(self.data_dir))
        except StoreError as error:
            self.pending = True
            self._unsaved = session
            return str(error)
        self.pending = False
        self._unsaved = None
        return None

    def retry(self) -> str | None:
        """Try again to save a session whose last save failed; None when nothing is waiting."""
        if self._unsaved is None:
            return None
        return self.save(self._unsaved)


LOCK_SUFFIX = ".lock"


def lock_path(session_file: Path) -> Path:
    """The hidden lock file beside a session file (never listed: it starts with a dot); the
    same for both forms of the file, so a lock during a session does not lose it."""
    return session_file.with_name(f".{file_stem(session_file.name)}{LOCK_SUFFIX}")


def in_progress(sessions_root: Path, session_id: str) -> bool:
    """Whether the session with this ID is running now, in a live coach process."""
    folder = Path(sessions_root) / session_id[:4]
    return is_locked(lock_path(folder / f"{session_id}.toml"))


# ---------------------------------------------------------------------------------------------
# Rest days


def write_rest_day(rest_root: Path, day: RestDay) -> Path:
    """Save a rest day as ``<root>/YYYY/YYYY-MM-DD-<reason>[-N].toml`` (sealed while the data
    folder, the rest folder's parent, is locked); raises StoreError."""
    folder = Path(rest_root) / f"{day.day:%Y}"
    seal = sealer(Path(rest_root).parent)
    ensure_private_dir(Path(rest_root))
    ensure_private_dir(folder)
    path = _reserve(folder, f"{day.day:%Y-%m-%d}-{day.reason}", sealed=seal is not None)
    try:
        return write_data_file(path, dump_rest_day(day), seal)
    except BaseException:
        _release(path)
        raise


def read_rest_day(path: Path, identity: Identity | None = None) -> RestDay:
    """One rest-day file; raises SessionFileError for anything unreadable or invalid."""
    path = Path(path)
    return parse_rest_day(_plain_bytes(path, identity), path)


def read_rest_days(
    rest_root: Path, identity: Identity | None = None
) -> tuple[list[RestDay], list[SessionFileError]]:
    """Every good rest day (by day) and one problem per bad file; never raises or touches."""
    days: list[RestDay] = []
    bad: list[SessionFileError] = []
    for path in _iter_toml(rest_root):
        try:
            days.append(read_rest_day(path, identity))
        except SessionFileError as problem:
            bad.append(problem)
    days.sort(key=lambda r: (r.day, r.recorded_at))
    return days, bad
