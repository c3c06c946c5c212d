"""Pausing the cyclic garbage collector around bulk work (parsing, loading, writing)
and around the app's start-up.

Layer 2, no I/O. The parsers, the store and the search index build hundreds of
thousands of acyclic objects at once (lines, papers, documents, postings), often
in a worker thread while the UI thread runs: the pauses are counted under a lock,
so the GC comes back only when the last one ends, and only if it was on before
the first one began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BULK_OBJECTS = 100_000
"""Allocations past which the new objects are moved out of the young generations."""

_lock = threading.Lock()
_pauses = 0
_was_enabled = False
_startup_paused = False
_keep_frozen = False
"""Set in the app: objects moved out of the collector's reach stay out (see freeze_survivors)."""


def _pause() -> None:
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1


def _resume() -> None:
    global _pauses
    with _lock:
        _pauses -= 1
        if _pauses == 0 and _was_enabled:
            if gc.get_count()[0] > BULK_OBJECTS:
                # after a bulk load: move everything to the oldest generation instead
                # of having the young collections traverse it again (nothing leaks:
                # a garbage cycle just waits for the next full collection); in the
                # app, out of the collector's reach for good (freeze_survivors)
                gc.freeze()
                if not _keep_frozen:
                    gc.unfreeze()
            gc.enable()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many long-lived objects (a 100k library
    makes about a million); its repeated passes over the growing heap otherwise
    cost a third of the load or parse time. Nests, and is safe across threads."""
    _pause()
    try:
        yield
    finally:
        _resume()


paused_gc = gc_paused
"""The name the parsers and the importer use."""


def pause_for_startup() -> None:
    """Hold the cyclic GC off while the app imports and paints its first screen.

    Start-up allocates a few hundred thousand long-lived objects (modules,
    classes, widgets, styles); a full collection in the middle of the first
    paint walks them all and delays the first screen (gc.callbacks shows it). Pair
    with `end_startup`, which must run (run_app calls it in a finally)."""
    global _startup_paused
    with _lock:
        if _startup_paused:
            return
        _startup_paused = True
    _pause()


def end_startup() -> None:
    """After the first paint: freeze what start-up built (those objects are
    never traversed again by later collections) and end the start-up pause (the
    GC comes back once no bulk work is under way either). Does nothing unless
    `pause_for_startup` paused it (tests build apps directly)."""
    global _startup_paused, _keep_frozen
    with _lock:
        if not _startup_paused:
            return
        _startup_paused = False
        _keep_frozen = True
    gc.freeze()
    _resume()


def freeze_survivors() -> None:
    """Move every object alive now out of the cyclic collector's reach, for good.

    A loaded 100k library is millions of tracked objects (papers, states, word
    postings), and CPython runs a full collection whenever enough new objects
    have survived: each walks all of them, a frozen screen at some keystroke
    (gc.callbacks shows them while typing a query). Frozen objects
    are never traversed again; those dropped later are still freed by reference
    counting, only a garbage cycle among them is kept (until `thaw`). Bulk work
    after this (gc_paused) freezes its survivors too. For the app, after a load."""
    global _keep_frozen
    with _lock:
        _keep_frozen = True
        gc.freeze()


def thaw() -> None:
    """Undo `freeze_survivors`: everything goes back to the oldest generation."""
    global _keep_frozen
    with _lock:
        _keep_frozen = False
        gc.unfreeze()
