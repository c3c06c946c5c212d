"""Where a library's files live beside each other, the lock, the backups.

For `--db ~/x/library.json`:

    library.json               the catalogue (papers)
    library.state.json         the reading state and saved searches
    library.state.json.bak.1   rolling backups of the reading state, newest first
    library.json.lock          the lock taken around each read-modify-write
    .library.json.tmp-*        a write in progress (or left by a crash; removed at open)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from reader.errors import StoreError
from reader.store.storage import TMP_MARK, fsync_dir, temp_prefix

BACKUP_GENERATIONS = 5
BACKUP_INTERVAL_S = 600.0
"""A new backup generation is made at the first change after this long without one."""
LOCK_TIMEOUT_S = 30.0


def _state_beside(catalogue: Path) -> Path:
    name = catalogue.name
    stem = name[:-5] if name.endswith(".json") else name
    return catalogue.with_name(f"{stem}.state.json")


@dataclass(frozen=True, slots=True)
class LibraryFiles:
    catalogue: Path
    state_file: Path | None = None
    """Where the reading state really is, when not beside the catalogue (see `at`)."""

    @classmethod
    def at(cls, path: Path) -> LibraryFiles:
        """The files of the library `path` names, each with its symbolic links resolved,
        once, here. A write replaces a file by renaming a new one over it: done on the
        name of a link, it would replace the link with a regular file and the library
        the link points to would never see the change (nor share our lock)."""
        given = Path(path)
        catalogue = Path(os.path.realpath(given))
        state = Path(os.path.realpath(_state_beside(given)))
        return cls(catalogue, None if state == _state_beside(catalogue) else state)

    @property
    def state(self) -> Path:
        return self.state_file or _state_beside(self.catalogue)

    @property
    def lock(self) -> Path:
        return self.catalogue.with_name(self.catalogue.name + ".lock")

    @property
    def folder(self) -> Path:
        return self.catalogue.parent

    @property
    def folders(self) -> list[Path]:
        """The folder of the catalogue, and that of the state file when it differs."""
        return list(dict.fromkeys([self.folder, self.state.parent]))

    def backup(self, generation: int) -> Path:
        return self.state.with_name(f"{self.state.name}.bak.{generation}")

    def backups(self) -> list[Path]:
        """Existing backups of the reading state, newest first."""
        found = [self.backup(i) for i in range(1, BACKUP_GENERATIONS + 1)]
        return [p for p in found if p.is_file()]

    def temp_files(self) -> list[Path]:
        """Temporary files left beside the library by an interrupted write."""
        prefixes = (temp_prefix(self.catalogue), temp_prefix(self.state),
                    temp_prefix(self.backup(1)))
        found: list[Path] = []
        for folder in self.folders:
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            found += [folder / n for n in names if n.startswith(prefixes) and TMP_MARK in n]
        return found

    def remove_temp_files(self) -> int:
        """Delete leftovers of interrupted writes. Call only while holding the lock."""
        removed = 0
        for path in self.temp_files():
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
        return removed

    def make_lock(self) -> FileLock:
        return FileLock(self.lock, timeout=LOCK_TIMEOUT_S, mode=0o600, thread_local=False,
                        poll_interval=0.002)

    def ensure_folder(self) -> None:
        for folder in self.folders:
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise StoreError(f"cannot create the library folder {folder}: "
                                 f"{exc.strerror}") from None


@contextlib.contextmanager
def locked(lock: FileLock, files: LibraryFiles):  # type: ignore[no-untyped-def]
    """Hold the library lock, turning a timeout or an OS error into a StoreError."""
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(f"the library {files.catalogue} is busy (locked by another Reader "
                         f"for over {LOCK_TIMEOUT_S:.0f} s via {files.lock}); try again") from None
    except OSError as exc:
        raise StoreError(f"cannot lock {files.lock}: {exc.strerror}") from None
    try:
        yield
    finally:
        lock.release()


def rotate_backup(files: LibraryFiles, *, now: float | None = None,
                  force: bool = False) -> Path | None:
    """Copy the current state file to backup 1 (shifting older ones) when one is due
    (or `force`: before a restore).

    Called just before the state file is replaced, under the lock. A copy (not
    a hard link) so that each backup's mtime says when it was taken.
    """
    now = time.time() if now is None else now
    newest = files.backup(1)
    try:
        if not force and now - newest.stat().st_mtime < BACKUP_INTERVAL_S:
            return None
    except FileNotFoundError:
        pass
    try:
        content = files.state.read_bytes()
    except FileNotFoundError:
        return None
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(newest), dir=newest.parent)
    try:
        with open(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        for gen in range(BACKUP_GENERATIONS - 1, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                os.replace(files.backup(gen), files.backup(gen + 1))
        os.replace(tmp, newest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(newest.parent)
    return newest
