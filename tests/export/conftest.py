"""Fixtures of the export tests."""

from __future__ import annotations

import pytest
from export_fixtures import mixed_entries

from reader.model import Entry


@pytest.fixture
def entries() -> list[Entry]:
    return mixed_entries()
