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
