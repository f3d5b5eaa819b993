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


def resolve_paths(data_dir: Path | None = None) -> Paths:
    """``--data-dir`` wins, then ``COACH_DATA_DIR``, then platformdirs (XDG on Linux)."""
    if data_dir is None and os.environ.get(DATA_DIR_ENV):
        data_dir = Path(os.environ[DATA_DIR_ENV])
    data = data_dir.expanduser() if data_dir else platformdirs.user_data_path(APP)
    return Paths(data=data, config=platformdirs.user_config_path(APP))
