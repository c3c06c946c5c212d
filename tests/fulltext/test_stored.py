"""The parsed document saved in the cache: read back equal, refused when stale or forged."""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.fulltext import stored
from reader.fulltext.latexml import read_latexml


def test_a_saved_document_reads_back_equal(tmp_path: Path, page_html: str) -> None:
    source = tmp_path / "paper.html"
    source.write_text(page_html, encoding="utf-8")
    doc = read_latexml(page_html)
    target = tmp_path / "paper.html.doc.json"
    stored.save(doc, source, target)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert stored.load(source, target) == doc


def test_a_changed_source_or_a_forged_type_is_refused(tmp_path: Path, page_html: str) -> None:
    source = tmp_path / "paper.html"
    source.write_text(page_html, encoding="utf-8")
    target = tmp_path / "paper.html.doc.json"
    stored.save(read_latexml(page_html), source, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    data["doc"]["@"] = "Popen"  # only the model's own classes are ever made
    target.write_text(json.dumps(data), encoding="utf-8")
    assert stored.load(source, target) is None
    stored.save(read_latexml(page_html), source, target)
    os.utime(source, ns=(1, 1))  # the HTML was replaced: the saved document is stale
    assert stored.load(source, target) is None
