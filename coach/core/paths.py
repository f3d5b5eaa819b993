"""Where coach keeps things: one place decides every data and config path (pure)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP = "coach"
DATA_DIR_ENV = "COACH_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    """The data folder (sessions, rest days, index) and the config folder (routines, config)."""

    data: Path
    config: Path

    @property
    def sessions(self) -> Path:
        return self.data / "sessions"

    @property
    def rest_days(self) -> Path:
        return self.data / "rest"

    @property
    def focus_file(self) -> Path:
        return self.data / "focus.toml"

    @property
    def routines(self) -> Path:
        return self.config / "routines"

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"


class DataDirError(ValueError):
    """A data folder the user named that cannot be used; ``str()`` says why in plain words."""


def resolve_paths(data_dir: Path | str | None = None) -> Paths:
    """``--data-dir`` wins, then ``COACH_DATA_DIR``, then platformdirs (XDG on Linux).

    A folder the user names must already exist: it may be an encrypted volume that is not
    mounted yet, or a typo, and creating it would put private data on the plain disk. Raises
    :class:`DataDirError` for a missing folder, a file, or an empty value. Only the default
    folder is created, on first use.
    """
    source = "--data-dir"
    if data_dir is None and DATA_DIR_ENV in os.environ:
        data_dir, source = os.environ[DATA_DIR_ENV], DATA_DIR_ENV
    data = (
        platformdirs.user_data_path(APP) if data_dir is None else named_data_dir(data_dir, source)
    )
    return Paths(data=data, config=platformdirs.user_config_path(APP))


def named_data_dir(data_dir: Path | str, source: str) -> Path:
    """``data_dir`` as a Path if it is an existing folder; else :class:`DataDirError`."""
    from coach.core.text import inert  # the folder's name is shown, and may hold anything

    if not str(data_dir).strip():
        raise DataDirError(f"{source} is empty; give the folder to keep your data in.")
    data = Path(data_dir).expanduser()
    shown = inert(str(data))
    if not data.exists():
        raise DataDirError(
            f"The data folder {shown} does not exist, so nothing was saved or created. "
            "If it is on an encrypted or removable drive, open that first; "
            "otherwise check the name, or create the folder yourself."
        )
    if not data.is_dir():
        raise DataDirError(f"The data folder {shown} is a file, not a folder; nothing was saved.")
    return data
