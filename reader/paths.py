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


def cache_dir() -> Path:
    """Files that may be deleted at any time (the first screen, the word index):
    READER_CACHE_DIR, else `cache/` in READER_CONFIG_DIR when that is set (tests,
    benchmarks), else the platform cache dir (~/.cache/reader on Linux), which
    backups and dotfile syncs leave out."""
    env = os.environ.get("READER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if os.environ.get("READER_CONFIG_DIR"):
        return config_dir() / "cache"
    return Path(platformdirs.user_cache_dir(APP))


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
