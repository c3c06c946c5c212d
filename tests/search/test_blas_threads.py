"""Search imports numpy, whose OpenBLAS would start a thread per core for nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = ("import reader.search.word_build, numpy, os; "
         "print(os.environ.get('OPENBLAS_NUM_THREADS'))")


def _probe(**extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"} | extra
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, check=True, timeout=60)
    return done.stdout.strip()


def test_search_asks_openblas_for_one_thread() -> None:
    assert _probe() == "1"


def test_a_thread_count_the_user_set_is_kept() -> None:
    assert _probe(OPENBLAS_NUM_THREADS="3") == "3"
