"""Pausing the cyclic garbage collector around bulk work (parsing, loading, writing).

Layer 2, no I/O. One helper for the parsers and the store: both build hundreds of
thousands of acyclic objects at once (lines, papers, documents).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BULK_OBJECTS = 100_000
"""Allocations past which the new objects are moved out of the young generations."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many long-lived objects (a 100k library
    makes about a million); its repeated passes over the growing heap otherwise
    cost a third of the load or parse time. On exit, after a bulk load, everything
    is moved to the oldest generation (freeze + unfreeze) instead of being traversed
    again by the young collections: nothing is leaked, a garbage cycle just waits
    for the next full collection. Small blocks are left to the young collections.
    Re-enabled afterwards only if it was enabled before; nests."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_count()[0] > BULK_OBJECTS:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


paused_gc = gc_paused
"""The name the parsers and the importer use."""

__all__ = ["BULK_OBJECTS", "gc_paused", "paused_gc"]


_startup_paused = False


def pause_for_startup() -> None:
    """Hold the cyclic GC off while the app imports and paints its first screen.

    Start-up allocates a few hundred thousand long-lived objects (modules,
    classes, widgets, styles); a full collection in the middle of the first
    paint cost 90 ms of a 600 ms start (measured with gc.callbacks). Pair
    with `end_startup`, which must run (run_app calls it in a finally)."""
    global _startup_paused
    if gc.isenabled():
        gc.disable()
        _startup_paused = True


def end_startup() -> None:
    """After the first paint: freeze what start-up built (those objects are
    never traversed again by later collections) and re-enable the GC. Does
    nothing unless `pause_for_startup` paused it (tests build apps directly)."""
    global _startup_paused
    if _startup_paused:
        _startup_paused = False
        gc.freeze()
        gc.enable()
