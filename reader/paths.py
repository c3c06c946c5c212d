"""Where Reader keeps its files. `--db` > READER_DB > the platform data dir (XDG)."""

from __future__ import annotations

import contextlib
import os
import time
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


CACHE_MAX_AGE = 30 * 86400
"""Seconds a cache file may go unused before `prune_cache` deletes it."""
CACHE_PATTERNS = ("first-screen-*.json", "word-index-*.bin", "word-index-*.bin.for",
                  "catalogue-index-*.bin")


def prune_cache(max_age: float = CACHE_MAX_AGE, now: float | None = None) -> list[Path]:
    """Delete the cache files not used for `max_age` seconds; the deleted paths.

    Cache files are named after a hash of their library's path, so those of a
    library that was moved or deleted are never read again: without this they
    would stay for ever (a word index is tens of MB at 100k papers). A file in
    use is rewritten or touched when read, which keeps it young.
    """
    folder = cache_dir()
    limit = (time.time() if now is None else now) - max_age
    deleted: list[Path] = []
    for pattern in CACHE_PATTERNS:
        for path in folder.glob(pattern):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    deleted.append(path)
            except OSError:
                continue
    return deleted


def touch(path: Path) -> None:
    """Mark a cache file as used (see `prune_cache`); errors are ignored."""
    with contextlib.suppress(OSError):
        os.utime(path)


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
