"""`reader check` repairs: file modes, and restoring a backup of the reading state.

`fix_modes(files)` makes the library's files readable by the user only (0600),
when they are the user's; it reports what it changed and what it cannot change.
`restore_backup(catalogue, n)` replaces the reading state with backup n, under
the library lock, after saving the current state as backup 1: nothing is lost,
and a restore can itself be undone with `--restore 1`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.errors import StoreError
from reader.store import schema
from reader.store.fileio import owner_name, read_file, write_atomic
from reader.store.files import BACKUP_GENERATIONS, LibraryFiles, locked, rotate_backup


def fix_modes(files: LibraryFiles) -> list[str]:
    """Report lines (`fixed:` or `warning:`) for library files others can read or write."""
    out: list[str] = []
    uid = getattr(os, "geteuid", lambda: None)()
    paths = [files.catalogue, files.state, files.lock, *files.backups()]
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        mode = stat.S_IMODE(st.st_mode)
        if not stat.S_ISREG(st.st_mode) or not mode & 0o077:
            continue
        if uid is not None and st.st_uid != uid:
            out.append(f"warning: {path} is readable by others (mode {mode:04o}) and belongs "
                       f"to {owner_name(st.st_uid)}, so Reader cannot change it (its owner "
                       f"can: chmod 600 {path})")
            continue
        try:
            os.chmod(path, mode & 0o700 | stat.S_IRUSR | stat.S_IWUSR)
        except OSError as exc:
            out.append(f"warning: {path} is readable by others (mode {mode:04o}) and its "
                       f"mode cannot be changed: {exc.strerror}")
            continue
        out.append(f"fixed: {path} was readable by others (mode {mode:04o}); it is now 0600")
    return out


def restore_backup(catalogue: Path, generation: int) -> str:
    """Make backup `generation` the reading state; the state it replaces becomes backup 1.
    One line saying what was done; StoreError when the backup is missing or invalid."""
    files = LibraryFiles.at(catalogue)
    if not 1 <= generation <= BACKUP_GENERATIONS:
        raise StoreError(f"there are at most {BACKUP_GENERATIONS} backups "
                         f"(`reader check` lists them); nothing was changed")
    files.ensure_folder()
    with locked(files.make_lock(), files):
        source = files.backup(generation)
        advice = "pick another one (`reader check` lists them)"
        got = read_file(source, schema.make_validator(schema.STATE, advice), advice)
        if got is None:
            raise StoreError(f"no backup {generation} ({source} does not exist); "
                             "`reader check` lists the backups; nothing was changed")
        os.close(got[1])
        content = source.read_bytes()  # as it is (a migration, if any, happens at the next open)
        saved = files.state.exists()
        if saved:
            rotate_backup(files, force=True)  # the backup restored is now number generation+1
        os.close(write_atomic(files.state, [content]))
    before = (f"; the state it replaced is now backup 1 ({files.backup(1).name})" if saved
              else "")
    return f"restored {files.state} from backup {generation}{before}"
