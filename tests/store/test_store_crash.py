"""Crash safety and concurrency: SIGKILL during changes, several writers at once.

Children are forked (no interpreter start-up per round) and report each change
that `Library` acknowledged (the call returned) on a pipe; only those count.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from store_fixtures import make_papers

from reader.model import Status
from reader.store import Library

N_PAPERS = 6
FORK = multiprocessing.get_context("fork")


def _crash_child(path: Path, start: int, wfd: int) -> None:
    """Change notes and statuses for ever; write `kind index paper` after each ack."""
    lib = Library.open(path)
    os.write(wfd, b"ready\n")
    ids = [p.id for p in lib.papers()]
    i = start
    while True:
        pid = ids[i % len(ids)]
        if i % 2:
            lib.set_note(pid, f"n{i}")
            os.write(wfd, f"note {i} {pid}\n".encode())
        else:
            new = Status.READ if lib.state(pid).status is not Status.READ else Status.READING
            lib.set_status(pid, new)
            os.write(wfd, f"status {i} {pid}\n".encode())
        i += 1


def _read_all(rfd: int) -> list[str]:
    chunks = []
    while True:
        chunk = os.read(rfd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode().splitlines()


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_change(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    with Library.open(path) as lib:
        lib.add_papers(make_papers(N_PAPERS))
    rng = random.Random(20261128)
    note_acked: dict[str, int] = {}
    status_acked: Counter[str] = Counter()
    start, rounds, kills_in_changes, acked = 1, 50, 0, 0
    for _ in range(rounds):
        rfd, wfd = os.pipe()
        child = FORK.Process(target=_crash_child, args=(path, start, wfd))
        child.start()
        os.close(wfd)
        if rng.random() < 0.2:  # sometimes during start-up and open
            time.sleep(rng.uniform(0, 0.01))
        else:
            first = os.read(rfd, 6)
            assert first == b"ready\n"
            time.sleep(rng.uniform(0.005, 0.2))
            kills_in_changes += 1
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join()
        lines = _read_all(rfd)
        os.close(rfd)
        for line in lines:
            if line == "ready":
                continue
            kind, index, pid = line.split()
            acked += 1
            if kind == "note":
                note_acked[pid] = int(index)
            else:
                status_acked[pid] += 1
            start = max(start, int(index) + 2)  # skip a change that was in flight

        problems = [line for line in Library.check(path)
                    if line.startswith(("error", "warning"))]
        assert problems == []
        with Library.open(path, create=False) as lib:
            for pid, index in note_acked.items():
                assert int(lib.state(pid).note[1:]) >= index
            for pid, count in status_acked.items():
                assert len(lib.state(pid).history) >= count
    assert kills_in_changes >= rounds // 2
    assert acked > rounds  # the kills really hit running loops


def _writer(path: Path, who: int, count: int) -> None:
    lib = Library.open(path)
    ids = [p.id for p in lib.papers()]
    for i in range(count):
        lib.add_tags(ids[i % len(ids)], [f"w{who}-{i}"])
        if i % 10 == 0:
            lib.set_status(ids[who], Status.READ if i % 20 else Status.READING)
    lib.close()


@pytest.mark.slow
def test_three_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    with Library.open(path) as lib:
        lib.add_papers(make_papers(N_PAPERS))
    writers, count = 3, 200
    procs = [FORK.Process(target=_writer, args=(path, w, count)) for w in range(writers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    with Library.open(path, create=False) as lib:
        tags = {t for e in lib.entries() for t in e.state.tags}
        assert tags == {f"w{w}-{i}" for w in range(writers) for i in range(count)}
        ids = [p.id for p in lib.papers()]
        for w in range(writers):
            assert len(lib.state(ids[w]).history) == count // 10
    assert [line for line in Library.check(path) if line.startswith(("error", "warning"))] == []


def test_threads_sharing_one_library_lose_nothing(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library.json") as lib:
        lib.add_papers(make_papers(N_PAPERS))
        ids = [p.id for p in lib.papers()]

        def work(who: int) -> None:
            for i in range(15):
                lib.add_tags(ids[i % len(ids)], [f"t{who}-{i}"])
                lib.entries()

        threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        tags = {t for e in lib.entries() for t in e.state.tags}
        assert tags == {f"t{w}-{i}" for w in range(4) for i in range(15)}


def _import_child(path: Path, start: int, wfd: int) -> None:
    """Import batches of 50 new papers for ever; write the batch number after each ack."""
    lib = Library.open(path)
    batch = start
    while True:
        lib.add_papers(make_papers(50, prefix=f"{3000 + batch}"))
        os.write(wfd, f"{batch}\n".encode())
        batch += 1


@pytest.mark.slow
def test_sigkill_during_imports_keeps_every_acknowledged_batch(tmp_path: Path) -> None:
    path = tmp_path / "library.json"
    rng = random.Random(7)
    acked: list[int] = []
    start = 0
    for _ in range(12):
        rfd, wfd = os.pipe()
        child = FORK.Process(target=_import_child, args=(path, start, wfd))
        child.start()
        os.close(wfd)
        time.sleep(rng.uniform(0.05, 0.3))
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join()
        batches = [int(line) for line in _read_all(rfd)]
        os.close(rfd)
        acked += batches
        start = (max(batches) if batches else start) + 2
        assert [x for x in Library.check(path) if x.startswith(("error", "warning"))] == []
        with Library.open(path, create=False) as lib:
            ids = {p.id for p in lib.papers()}
        for batch in acked:
            assert f"arxiv:{3000 + batch}.00049" in ids
    assert acked
