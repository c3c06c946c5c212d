"""Shared fixtures. Tests never touch the user's real library or config."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_LISTING = SHARED / "listings" / "hf-papers-search-bottleneck.txt"
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("READER_DB", str(home / "library.json"))
    monkeypatch.setenv("READER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config-xdg"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.json"
