"""Shared fixtures. Tests never touch the user's real library or config."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

import reader.gcutil

# The property tests run the same examples on every run (`make test`, CI): a red
# build means a change broke something, not that the random search happened on
# an old corner. HYPOTHESIS_EXPLORE=1 searches afresh; keep what it finds as an
# example or a fix.
settings.register_profile("repeatable", derandomize=True, database=None)
if not os.environ.get("HYPOTHESIS_EXPLORE"):
    settings.load_profile("repeatable")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_LISTING = SHARED / "listings" / "hf-papers-search-bottleneck.txt"
CORPUS = SHARED / "corpus"
HAS_SHARED = SEED_LISTING.is_file() and CORPUS.is_dir()
SHARED_MISSING = ("needs the real listing and corpus in ../shared beside the checkout "
                  "(CI has them; a lone clone does not)")
requires_shared = pytest.mark.skipif(not HAS_SHARED, reason=SHARED_MISSING)
"""Mark for a test that reads the real files: it skips, with one reason, without them."""


@pytest.fixture
def seed_listing() -> Path:
    """The primary real input (243 papers copied from a Hugging Face Papers page)."""
    if not HAS_SHARED:
        pytest.skip(SHARED_MISSING)
    return SEED_LISTING


@pytest.fixture
def corpus() -> Path:
    """The real files of every other format."""
    if not HAS_SHARED:
        pytest.skip(SHARED_MISSING)
    return CORPUS


@pytest.fixture(autouse=True)
def _thawed_after_each_test() -> Iterator[None]:
    """An app frees its loaded library from full collections (gcutil.freeze_survivors);
    a long test session must not keep every app's garbage cycles frozen."""
    yield
    reader.gcutil.thaw()


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("READER_DB", str(home / "library.json"))
    monkeypatch.setenv("READER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config-xdg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache-xdg"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.json"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once, in a line, why the real-data tests did not run."""
    skipped = terminalreporter.stats.get("skipped", [])
    missing = sum(1 for report in skipped if SHARED_MISSING in str(report.longrepr))
    if missing:
        terminalreporter.write_line(f"{missing} tests skipped: {SHARED_MISSING}")
