"""Private folders and atomic writes: every file coach writes goes through here (pure).

Every file is written to a temp file in the same folder (``.coach-*.tmp``), fsynced and
renamed over its target, and the folder is fsynced, so a file on disk is always either the
old version or the new one. Folders are 0700 and files 0600 whatever the umask.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

if sys.platform != "win32":
    import fcntl

TEMP_PREFIX = ".coach-"
TEMP_SUFFIX = ".tmp"
TEMP_TRIES = 5  # a temp file taken by another coach's clean-up is made again this often
DIR_MODE = 0o700
FILE_MODE = 0o600


class StoreError(OSError):
    """A write or folder change that failed; ``str()`` is one sentence naming what and where.

    It is an ``OSError``, so code that already copes with a failing disk copes with it too.
    """


def os_reason(error: OSError) -> str:
    """The system's reason, in words, without any file name the OSError may carry."""
    if error.errno is not None:
        return os.strerror(error.errno).lower()
    text = error.strerror or type(error).__name__
    return str(text).lower()


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of the regular file at ``path``; OSError for anything else.

    A pipe, a device or a folder where a coach file belongs is refused without reading it:
    opening a pipe waits for a writer that never comes, and a device such as /dev/zero
    never ends. The open does not wait, and the file is checked once it is open.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            refused = OSError()
            refused.strerror = "it is not a regular file"
            raise refused
        return handle.read(limit)


# ---------------------------------------------------------------------------------------------
# Private folders and atomic writes


def ensure_private_dir(path: Path, *, root: Path | None = None) -> bool:
    """Make ``path`` (and any missing parents) a folder only its owner can open.

    Missing folders are created 0700 whatever the umask. An existing folder that others could
    read is tightened to 0700, and so is every existing folder from ``root`` (the data folder,
    when given) down to ``path``. Returns True if an existing folder was tightened, so the
    caller can tell the user once. Raises :class:`StoreError` if a folder cannot be made private.
    """
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            pass  # made by another coach at the same moment; tightened below
        except OSError as error:
            raise StoreError(f"Could not create the folder {folder}: {os_reason(error)}.") from None
    existing = [path]
    if root is not None:
        root = Path(root)
        existing = [p for p in (path, *path.parents) if p == root or root in p.parents]
    tightened = False
    for folder in existing:
        if not folder.is_dir():
            raise StoreError(f"Could not use {folder} as a folder: something else has that name.")
        try:
            mode = stat.S_IMODE(folder.stat().st_mode)
            if folder in missing:
                if mode != DIR_MODE:  # a umask can take bits from mkdir's mode; put them back
                    folder.chmod(DIR_MODE)
            elif mode & 0o077:
                folder.chmod((mode & 0o700) | DIR_MODE)
                tightened = True
        except OSError as error:
            raise StoreError(
                f"Could not make the folder {folder} private: {os_reason(error)}."
            ) from None
    return tightened


def _locked_temp(folder: Path) -> tuple[int, str]:
    """A new temp file in ``folder``, locked by us and still there.

    A live writer holds a lock on its temp file, so clean_stray_temp_files run by a second
    coach never removes it; the lock goes away with the process, however it ends. In the
    moment between creating the file and locking it, a cleaner may take it: then we wait for
    its lock (held only while it unlinks), see the file is gone, and make another.
    """
    for _ in range(TEMP_TRIES):
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
        if sys.platform == "win32":
            return fd, tmp
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_nlink:
                return fd, tmp
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    raise OSError(errno.EAGAIN, "another coach kept removing the temporary file")


def fsync_folder(folder: Path) -> None:
    """Make a rename or removal in ``folder`` durable; raises StoreError."""
    if sys.platform == "win32":
        return  # Windows cannot open a folder to fsync it; its rename is already durable
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        raise StoreError(f"Could not confirm a save in {folder}: {os_reason(error)}.") from None
    try:
        os.fsync(fd)
    except OSError as error:
        # Some file systems cannot fsync a folder at all; that is no reason to fail a save.
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF):
            raise StoreError(f"Could not confirm a save in {folder}: {os_reason(error)}.") from None
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Replace ``path`` with ``data`` all at once, or not at all.

    On any failure the temp file is removed, the old file is untouched, and a
    :class:`StoreError` names what failed and where. A name held by anything but a regular
    file (a link, a device, a pipe) is refused and left as it is. With ``exclusive`` an
    existing file is never replaced: ``FileExistsError`` instead (two ``coach lock`` at once
    must not leave files encrypted to a key that was overwritten).
    """
    path = Path(path)
    folder = path.parent
    try:
        kind = path.lstat().st_mode
    except FileNotFoundError:
        kind = stat.S_IFREG
    except OSError as error:
        raise StoreError(f"Could not save {path}: {os_reason(error)}.") from None
    if not stat.S_ISREG(kind):
        # A rename would replace the link, device or pipe itself (even /dev/null, for root).
        raise StoreError(f"Could not save {path}: something other than a file has that name.")
    try:
        fd, tmp = _locked_temp(folder)
    except OSError as error:
        raise StoreError(f"Could not save {path}: {os_reason(error)}.") from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            Path(tmp).chmod(FILE_MODE)
        finally:
            os.close(fd)
        if exclusive:
            _link_exclusive(Path(tmp), path)
        else:
            Path(tmp).replace(path)  # os.replace: atomic, also over an existing file
    except BaseException as error:
        with contextlib.suppress(OSError):  # if it stays, the next start removes it
            Path(tmp).unlink()
        if isinstance(error, OSError) and not isinstance(error, FileExistsError):
            raise StoreError(f"Could not save {path}: {os_reason(error)}.") from None
        raise
    fsync_folder(folder)


def _link_exclusive(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)  # atomic, and fails if path exists: no window to lose a file in
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links (FAT, some synced folders): check, then rename.
        # A second writer racing in this instant is the only way to lose; it is very unlikely.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        tmp.replace(path)
        return
    tmp.unlink()


def hold_lock(path: Path) -> int | None:
    """Create ``path`` (0600) and hold an exclusive lock on it until :func:`drop_lock` or the
    process ends, however it ends; None where locks are not available or it cannot be made."""
    if sys.platform == "win32":
        return None
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError:
        return None  # only "in progress" in the log depends on it; the session goes on
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def drop_lock(path: Path, fd: int) -> None:
    """Remove the lock file and let the lock go."""
    with contextlib.suppress(OSError):
        path.unlink()
    os.close(fd)


def is_locked(path: Path) -> bool:
    """Whether a live process holds the lock at ``path`` (a killed one holds nothing)."""
    if sys.platform == "win32":
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def clean_stray_temp_files(sessions_root: Path) -> int:
    """Remove temp files a killed coach left behind; returns how many were removed.

    Only files named ``.coach-*.tmp`` in the folder and its year folders are considered, and a
    temp file another running coach is still writing is left alone.
    """
    root = Path(sessions_root)
    removed = 0
    folders = [root]
    try:
        folders += [p for p in root.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return 0
    for folder in folders:
        try:
            candidates = list(folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
        except OSError:
            continue
        for candidate in candidates:
            if _remove_if_stray(candidate):
                removed += 1
    return removed


def _remove_if_stray(candidate: Path) -> bool:
    try:
        if not stat.S_ISREG(candidate.lstat().st_mode):
            return False
        if sys.platform == "win32":
            candidate.unlink()  # a file still open by its writer cannot be removed there
            return True
        fd = os.open(candidate, os.O_RDONLY)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a live coach is writing it
        candidate.unlink()
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
