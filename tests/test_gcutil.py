"""One GC-pause helper and one directory fsync for parsers, importer and store."""

from __future__ import annotations

import gc

import reader.atomicfile
import reader.gcutil
import reader.importer
import reader.parsing.base
import reader.store.fileio
import reader.store.storage


def test_parsers_and_store_share_one_gc_pause_and_one_fsync_dir() -> None:
    assert reader.parsing.base.paused_gc is reader.gcutil.gc_paused
    assert reader.importer.paused_gc is reader.gcutil.gc_paused
    assert reader.store.storage.gc_paused is reader.gcutil.gc_paused
    assert reader.store.fileio.fsync_dir is reader.atomicfile.fsync_dir
    assert reader.store.storage.fsync_dir is reader.atomicfile.fsync_dir


def test_gc_paused_restores_the_collector_state_and_nests() -> None:
    assert gc.isenabled()
    with reader.gcutil.gc_paused():
        assert not gc.isenabled()
        with reader.gcutil.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not re-enable it
        junk = [[i] for i in range(reader.gcutil.BULK_OBJECTS + 10)]  # a bulk build
    assert gc.isenabled()
    del junk
    gc.disable()
    try:
        with reader.gcutil.gc_paused():
            pass
        assert not gc.isenabled()  # was disabled before: stays disabled
    finally:
        gc.enable()


def test_after_freeze_survivors_bulk_work_keeps_the_library_out_of_full_collections() -> None:
    # a loaded library made full collections that froze typing: it is frozen
    library = [[i] for i in range(1000)]
    try:
        reader.gcutil.freeze_survivors()
        frozen = gc.get_freeze_count()
        assert frozen >= len(library)
        with reader.gcutil.gc_paused():
            more = [[i] for i in range(reader.gcutil.BULK_OBJECTS + 10)]  # e.g. a reload
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(more)  # nothing thawed, more frozen
    finally:
        reader.gcutil.thaw()
    assert gc.get_freeze_count() == 0
    with reader.gcutil.gc_paused():
        junk = [[i] for i in range(reader.gcutil.BULK_OBJECTS + 10)]
    assert gc.get_freeze_count() == 0 and junk  # outside the app: only aged, not frozen
