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


def bundled_themes_dirs() -> list[Path]:
    """Our themes: in a source checkout, or inside an installed wheel."""
    here = Path(__file__).resolve().parent
    return [d for d in (here.parent / "themes", here / "_themes") if d.is_dir()]


def themes_dirs() -> list[Path]:
    """Bundled themes (source checkout or installed wheel), then the user's own."""
    user = config_dir() / "themes"
    return [*bundled_themes_dirs(), *([user] if user.is_dir() else [])]


def crash_log() -> Path:
    """Where the app writes the details of an unexpected error (the last one)."""
    return config_dir() / "last-crash.txt"
