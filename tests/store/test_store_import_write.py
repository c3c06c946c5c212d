"""An import writes the catalogue TinyDB's own update and insert_multiple would: the
known papers numbered from 1 with the fields the import fills, the new ones after
them, a record that failed validation kept as it was, last."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from store_fixtures import FakeClock, make_papers
from tinydb import TinyDB

from reader.model import Paper
from reader.store import Library
from reader.store.records import paper_doc


def _docs(db: Path) -> dict[str, dict[str, object]]:
    docs: dict[str, dict[str, object]] = json.loads(db.read_text(encoding="utf-8"))["papers"]
    return docs


def test_an_import_writes_what_tinydb_would(tmp_path: Path) -> None:
    db = tmp_path / "library.json"
    known = make_papers(6)
    known[2] = replace(known[2], abstract="", venue=None)
    with Library.open(db, clock=FakeClock()) as lib:
        lib.add_papers(known)
    text = db.read_text(encoding="utf-8")  # one record made invalid: kept as it is
    db.write_text(text.replace('"authors":["Ada Lovelace4"]', '"authors":7'), encoding="utf-8")
    twin = tmp_path / "twin.json"
    shutil.copy(db, twin)
    before = _docs(db)
    incoming = [replace(known[2], abstract="Now known.", venue="NeurIPS"),
                Paper(id="arxiv:2402.00001", title="A new one", arxiv_id="2402.00001"),
                Paper(id="arxiv:2402.00002", title="Another new one", arxiv_id="2402.00002")]
    with Library.open(db, clock=FakeClock()) as lib:
        report = lib.add_papers(incoming)
        assert (report.added, report.updated) == (2, 1)
        new_docs = [paper_doc(lib.paper(p.id)) for p in incoming[1:]]
    with TinyDB(twin) as tiny:  # the same change through TinyDB, the valid records first
        table = tiny.table("papers")
        invalid = {k: d for k, d in before.items() if d["authors"] == 7}
        valid = [d for d in before.values() if d["authors"] != 7]
        table.truncate()
        table.insert_multiple(valid)
        target = [doc.doc_id for doc in table.all() if doc["id"] == known[2].id]
        table.update({"abstract": "Now known.", "venue": "NeurIPS"}, doc_ids=target)
        table.insert_multiple(new_docs)
        table.insert_multiple(invalid.values())
        want = {str(doc.doc_id): dict(doc) for doc in table.all()}
    got = _docs(db)
    assert list(got) == list(want) and got == want
    with TinyDB(db) as tiny:  # and TinyDB reads it
        assert len(tiny.table("papers").all()) == len(want)
