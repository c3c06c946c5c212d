"""Fixtures for the parser tests: the real files in ../shared and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_listing() -> Path:
    return SHARED / "listings" / "hf-papers-search-bottleneck.txt"


@pytest.fixture
def corpus() -> Path:
    return SHARED / "corpus"
