"""The word index built by a helper process while this one scans the text.

A cold index at 100k papers is two jobs of seconds each: folding every paper
into folding.py's text (Python, this process) and splitting that text into
postings (numpy, vectorized.py). The second only needs the first's bytes, so a
helper process (`python -m reader.search.offload`) takes each chunk of texts as
soon as it is folded, through a pipe, and builds the postings of the first
papers (SHARE) on another core; this process meanwhile goes on folding, indexes
the reading state, then builds the other papers' postings itself. The helper
sends back its arrays (raw bytes, no pickling) and exits; building.py merges the
two parts (csr.merge).

Nothing depends on the helper: if it cannot start, dies, or finds a text
outside folding.py's layout, `result()` gives None and the index is built here as
before. It builds with the very code of the in-process path (vectorized.Stream),
so its postings are the same (tests compare them).

Pipe format (both ends are this machine: arrays in its byte order, counts
little-endian, 8 bytes each). To the helper, per chunk: the number of papers n,
then n lengths (int64), then the texts joined; n = 0 ends. Back: a status (1:
built, 0: not), then size, the number of words, and the byte lengths of the words
(joined by newlines, which no word holds), indptr, positions, doclen and the
initials' packed bits, then those five blobs.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import queue
import subprocess
import sys
import threading
import weakref
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from reader.search.csr import Built

MIN_PAPERS = 20_000
"""From this many papers, a first build is offloaded (below, the helper's start-up,
~0.2-0.5 s for Python and numpy, is more than it saves)."""
CHUNK = 1000
"""Papers folded and sent at a time."""
SHARE = 0.65
"""The helper's part of the papers (the first ones): the caller builds the rest itself
once it has folded them all, while the helper finishes (measured at 100k on 2 cores)."""
TIMEOUT = 300.0
"""Seconds `result()` waits for the helper (100k papers take a few) before building here."""
_INT = 8


def _int(value: int) -> bytes:
    return value.to_bytes(_INT, "little")


def _helper_env() -> dict[str, str]:
    """This environment, with Reader's own folder first on the import path and the
    current folder off it (`-m` would put it first: a numpy.py there would run)."""
    root = str(Path(__file__).resolve().parent.parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    env["PYTHONSAFEPATH"] = "1"
    return env


class Offload:
    """One build in a helper process: `feed` chunks of texts, then `result()`."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self._proc = proc
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        assert proc.stdin is not None
        self._writer = threading.Thread(target=_write, args=(self._queue, proc.stdin),
                                        name="reader-offload-writer", daemon=True)
        self._writer.start()
        self._closed = False
        self.fed = 0
        """Papers sent so far."""
        # a build nobody collects (an index dropped early, the program ending): stop it
        self._finalizer = weakref.finalize(self, _kill, proc)

    @classmethod
    def start(cls) -> Offload | None:
        """A helper process ready for texts, or None (no numpy, cannot start one)."""
        if (not sys.executable or getattr(sys, "frozen", False)  # frozen: no `python -m`
                or importlib.util.find_spec("numpy") is None):
            return None
        try:  # the terminal's signals (ctrl+c) are not for it: its own session or group
            proc = subprocess.Popen(
                [sys.executable, "-m", "reader.search.offload"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_helper_env(),
                start_new_session=True,
                creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0))
        except (OSError, ValueError):
            return None
        return cls(proc)

    def feed(self, docs: Sequence[bytes]) -> None:
        """Send the next papers' texts (queued: a writer thread sends them)."""
        if docs and not self._closed:
            if not self._writer.is_alive():  # the helper is gone: queue nothing more
                self._closed = True
                return
            self.fed += len(docs)
            lens = array("q", map(len, docs)).tobytes()
            self._queue.put(b"".join([_int(len(docs)), lens, *docs]))

    def close(self) -> None:
        """No more texts: the helper finishes its build meanwhile."""
        if not self._closed:
            self._closed = True
            self._queue.put(None)

    def cancel(self) -> None:
        """Stop the helper; its result is not wanted."""
        self.close()
        self._finalizer()

    def result(self) -> tuple[Built, dict[str, int]] | None:
        """(postings, initials) of every paper fed, or None if the helper failed."""
        self.close()
        watchdog = threading.Timer(TIMEOUT, self._finalizer)  # a helper stuck: read its end
        watchdog.daemon = True
        watchdog.start()
        try:
            return self._read()
        except (OSError, ValueError, OverflowError, MemoryError):
            return None
        finally:
            watchdog.cancel()
            self._finalizer()

    def _read(self) -> tuple[Built, dict[str, int]] | None:
        import numpy as np

        from reader.search import csr
        from reader.search.initials import INITIALS

        out = self._proc.stdout
        assert out is not None
        if out.read(1) != b"\x01":
            return None
        head = _exact(out, 7 * _INT)
        size, nwords, *lengths = (int.from_bytes(head[i:i + _INT], "little")
                                  for i in range(0, len(head), _INT))
        blobs = [_exact(out, n) for n in lengths]
        words = blobs[0].decode("utf-8").split("\n") if nwords else []
        if len(words) != nwords:
            return None
        indptr = np.frombuffer(blobs[1], np.int64)
        positions = np.frombuffer(blobs[2], np.uint32)
        doclen = np.frombuffer(blobs[3], np.uint32)
        packed = np.frombuffer(blobs[4], np.uint8).reshape(len(INITIALS), -1)
        if (len(indptr) != 3 * nwords + 1 or len(doclen) != size
                or int(indptr[-1]) != len(positions) or packed.shape[1] != (size + 7) // 8):
            return None
        built = csr.Built(words, indptr, positions, doclen, size)
        return built, csr.initials_of(packed)


def _exact(stream: IO[bytes], n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise ValueError("the helper stopped early")
    return data


def _write(frames: queue.SimpleQueue[bytes | None], pipe: IO[bytes]) -> None:
    """The writer thread: send the frames, then the end mark, then close the pipe."""
    try:
        while (frame := frames.get()) is not None:
            pipe.write(frame)
        pipe.write(_int(0))
    except OSError:  # the helper is gone: result() will say so
        pass
    finally:
        with contextlib.suppress(OSError):
            pipe.close()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


# the helper's side --------------------------------------------------------------
def serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """Read chunks from `source` until the end mark, build, write the result to `sink`."""
    import numpy as np

    from reader.search import csr, vectorized

    stream = vectorized.Stream()
    ok = True
    while n := int.from_bytes(_exact(source, _INT), "little"):
        lens = np.frombuffer(_exact(source, n * _INT), np.int64)
        joined = _exact(source, int(lens.sum()))
        ok = ok and stream.feed_joined(joined, lens)  # a bad chunk: read the rest, build none
    if not ok:
        sink.write(b"\x00")
        return
    built = stream.finish()
    del stream
    words = b"\n".join(w.encode("utf-8") for w in built.words)
    arrays: list[csr.Ints] = [np.ascontiguousarray(built.indptr, np.int64),
              np.ascontiguousarray(built.positions, np.uint32),
              np.ascontiguousarray(built.doclen, np.uint32), csr.initial_bits(built)]
    sizes = [len(words), *(a.nbytes for a in arrays)]
    sink.write(b"\x01" + b"".join(map(_int, [built.size, len(built.words), *sizes])))
    sink.write(words)
    for a in arrays:
        sink.write(a.data)
    sink.flush()


def main() -> int:
    try:
        serve(sys.stdin.buffer, sys.stdout.buffer)
    except (OSError, ValueError, OverflowError, MemoryError):  # parent gone, or garbage
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
