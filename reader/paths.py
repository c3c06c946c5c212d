"""Where Reader keeps its files. `--db` > READER_DB > the platform data dir (XDG)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "reader"


def default_db_path() -> Path:
    env = os.environ.get("READER_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP)) / "library.json"


def config_dir() -> Path:
    env = os.environ.get("READER_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP))


def themes_dirs() -> list[Path]:
    """Bundled themes (source checkout or installed wheel), then the user's own."""
    here = Path(__file__).resolve().parent
    dirs = [here.parent / "themes", here / "_themes", config_dir() / "themes"]
    return [d for d in dirs if d.is_dir()]
