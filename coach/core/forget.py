"""What ``coach forget`` deletes: every file coach wrote, found by its name, nothing else (pure).

Coach's files have names it chose (session and rest-day files in year folders, the index, the
programme, the key, the safety acknowledgement, its own temp files), so anything else in its
folders is someone else's and is left where it is, counted so the person can be told.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from coach.core.index import INDEX_FOLDER, INDEX_NAME
from coach.core.paths import Paths
from coach.core.safety import ACK_FILE
from coach.core.store.files import TEMP_PREFIX, TEMP_SUFFIX, fsync_folder
from coach.core.store.sessions import LOCK_SUFFIX, is_data_name
from coach.core.vault import DATA_FOLDERS, KEY_FILE, RECIPIENT_FILE, sealed_path

_YEAR = re.compile(r"\d{4}")


@dataclass
class Inventory:
    """Coach's files by kind, the folders it made (deepest first) and what it did not write."""

    kinds: dict[str, list[Path]] = field(default_factory=dict)
    folders: list[Path] = field(default_factory=list)
    unknown: list[Path] = field(default_factory=list)

    def add(self, kind: str, path: Path) -> None:
        self.kinds.setdefault(kind, []).append(path)

    @property
    def files(self) -> list[Path]:
        return [path for paths in self.kinds.values() for path in paths]


@dataclass(frozen=True)
class Forgotten:
    """What was deleted, by kind (counts only), and what could not be or was not ours."""

    counts: dict[str, int]
    failed: tuple[Path, ...] = ()
    unknown: tuple[Path, ...] = ()
    folders_kept: tuple[Path, ...] = ()


def _is_temp(name: str) -> bool:
    """A temp file of a save, or the lock a running session holds (left by a killed one)."""
    temp = name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)
    return temp or (name.startswith(".") and name.endswith(LOCK_SUFFIX))


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _data_folder(inv: Inventory, folder: Path, kind: str) -> None:
    """``sessions/`` or ``rest/``: data files and temp files in year folders."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for entry in _entries(folder):
        if entry.is_dir() and not entry.is_symlink() and _YEAR.fullmatch(entry.name):
            for item in _entries(entry):
                if _regular(item) and is_data_name(item.name):
                    inv.add(kind, item)
                elif _regular(item) and _is_temp(item.name):
                    inv.add("temp", item)
                else:
                    inv.unknown.append(item)
            inv.folders.append(entry)
        elif _regular(entry) and _is_temp(entry.name):
            inv.add("temp", entry)
        else:
            inv.unknown.append(entry)
    inv.folders.append(folder)


def inventory(paths: Paths, *, routines: bool, data_folder_is_ours: bool) -> Inventory:
    """Every file coach keeps for ``paths``; the person's own routines only with ``routines``.

    ``data_folder_is_ours``: the data folder is coach's default one, so it goes too once
    empty; a folder the person named (``--data-dir``) is theirs and stays.
    """
    inv = Inventory()
    data = paths.data
    for name, kind in zip(DATA_FOLDERS, ("sessions", "rest days"), strict=True):
        _data_folder(inv, data / name, kind)
    index = data / INDEX_FOLDER
    if index.is_dir() and not index.is_symlink():
        for entry in _entries(index):
            if _regular(entry) and (INDEX_NAME.fullmatch(entry.name) or _is_temp(entry.name)):
                inv.add("index", entry)
            else:
                inv.unknown.append(entry)
        inv.folders.append(index)
    known = {
        paths.focus_file.name: "programme",
        sealed_path(paths.focus_file).name: "programme",
        KEY_FILE: "key",
        RECIPIENT_FILE: "key",
    }
    for entry in _entries(data):
        if entry.name in (*DATA_FOLDERS, INDEX_FOLDER):
            continue
        if _regular(entry) and entry.name in known:
            inv.add(known[entry.name], entry)
        elif _regular(entry) and _is_temp(entry.name):
            inv.add("temp", entry)
        else:
            inv.unknown.append(entry)
    if data_folder_is_ours:
        inv.folders.append(data)
    ack = paths.config / ACK_FILE
    if _regular(ack):
        inv.add("safety acknowledgement", ack)
    for entry in _entries(paths.config):
        if _regular(entry) and _is_temp(entry.name):
            inv.add("temp", entry)
    if routines:
        for entry in _entries(paths.routines):
            if _regular(entry) and entry.suffix == ".toml":
                inv.add("routines", entry)
        inv.folders.append(paths.routines)
    inv.folders.append(paths.config)
    return inv


def forget(inv: Inventory) -> Forgotten:
    """Delete every file in ``inv``, then each folder coach made that is now empty."""
    counts: dict[str, int] = {}
    failed: list[Path] = []
    for kind, paths in inv.kinds.items():
        for path in paths:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError:
                failed.append(path)
                continue
            counts[kind] = counts.get(kind, 0) + 1
    kept = []
    for folder in inv.folders:
        try:
            folder.rmdir()  # only ever an empty folder: anything left in it stays
        except FileNotFoundError:
            continue
        except OSError:
            kept.append(folder)
    for folder in sorted({p.parent for p in inv.files}):
        with contextlib.suppress(OSError):  # gone with its files, or cannot be fsynced
            fsync_folder(folder)
    return Forgotten(counts, tuple(failed), tuple(inv.unknown), tuple(kept))
