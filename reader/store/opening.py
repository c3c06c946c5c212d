"""The two storages of a library on disk, each with what to tell the user when its
file is damaged, and the state file's rolling backup before each replacement."""

from __future__ import annotations

import contextlib
from pathlib import Path

from reader.store import schema
from reader.store.files import LibraryFiles, rotate_backup
from reader.store.storage import AtomicJSONStorage


def storages(files: LibraryFiles) -> tuple[AtomicJSONStorage, AtomicJSONStorage]:
    """(catalogue, reading state) storages of the library `files` describes."""
    cat_fix = ("move it away, or restore it from your own copy; "
               "re-importing your listings rebuilds it")
    backups = files.backups()
    st_fix = (f"restore a backup: reader --db {files.catalogue} check --restore 1 (the "
              "damaged file is kept as a backup; `reader check` lists them all)" if backups else
              "no backup exists yet; move it away to start with an empty reading state")
    cat = AtomicJSONStorage(files.catalogue, advice=cat_fix,
                            validate=schema.make_validator(schema.CATALOGUE, cat_fix))

    def backup(_: Path) -> None:
        with contextlib.suppress(OSError):  # a failed backup must not block a change
            rotate_backup(files)

    st = AtomicJSONStorage(files.state, advice=st_fix, before_replace=backup,
                           validate=schema.make_validator(schema.STATE, st_fix))
    return cat, st
