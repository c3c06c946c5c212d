"""The one-document-per-line file layout: exact round trip, no partial reads."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import StoreError
from reader.store import storage

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
    ['"},\n', "}\n", '"1":{', "line\nbreak", "\u2028", "{\n"])
docs = st.dictionaries(st.text(max_size=8), st.none() | st.integers(-(2**63), 2**63 - 1) | text
                       | st.lists(text, max_size=3), max_size=4)
tables = st.dictionaries(st.integers(1, 10**6).map(str), docs, max_size=8)
datas = st.dictionaries(st.text(min_size=1, max_size=8), tables, min_size=1, max_size=3)


def parse(path: Path) -> Any:
    fd = os.open(path, os.O_RDONLY)
    try:
        return storage.parse_fd(fd, path, "advice")
    finally:
        os.close(fd)


@settings(max_examples=40, deadline=None)
@given(data=datas)
def test_layout_round_trips_exactly(tmp_path_factory: pytest.TempPathFactory,
                                    data: dict[str, dict[str, Any]]) -> None:
    path = tmp_path_factory.mktemp("layout") / "f.json"
    for batch in (1, 3, 500):
        content = b"".join(storage.dump_chunks(data, batch=batch))
        path.write_bytes(content)
        assert orjson.loads(content) == data  # standard JSON, readable by TinyDB itself
        assert parse(path) == data


def test_batches_of_many_documents(tmp_path: Path) -> None:
    data = {"_meta": {"1": {"k": 1}},
            "papers": {str(i): {"id": f"p{i}", "t": "x" * (i % 7)} for i in range(1, 1300)}}
    path = tmp_path / "f.json"
    for batch in (1, 500):  # 1299 lines (several parse batches) or 3 long lines
        path.write_bytes(b"".join(storage.dump_chunks(data, batch=batch)))
        assert parse(path) == data


def test_every_truncation_is_an_error_never_partial_data(tmp_path: Path) -> None:
    data = {"_meta": {"1": {"app": "reader"}},
            "state": {str(i): {"note": f"n{i}\nline", "tags": ["a"]} for i in range(1, 8)},
            "searches": {}}
    content = b"".join(storage.dump_chunks(data, batch=3))
    path = tmp_path / "f.json"
    for cut in range(len(content) - 1):  # (without only the final newline it is complete)
        path.write_bytes(content[:cut])
        with pytest.raises(StoreError):
            parse(path)
    path.write_bytes(content)
    assert parse(path) == data


def test_a_missing_comma_is_not_accepted(tmp_path: Path) -> None:
    data = {"t": {str(i): {"v": i} for i in range(1, 5)}}
    content = b"".join(storage.dump_chunks(data, batch=2)).replace(b'{"v":2},\n',
                                                                    b'{"v":2}\n')
    path = tmp_path / "f.json"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="damaged"):
        parse(path)
