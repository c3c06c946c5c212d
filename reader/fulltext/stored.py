"""A parsed document saved beside its HTML or PDF in the cache, so a paper opens
without parsing again: JSON (never pickle), each object tagged with its type, read
back only into the document model's own classes. It belongs to one version of the
source file (size and modification time) and of the reader (FORMAT)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from reader.fulltext import document as model
from reader.fulltext.document import Document, ListBlock

FORMAT = 1
"""Bump when the parser or the model changes what a document holds."""
_TYPES: dict[str, type] = {cls.__name__: cls for cls in (
    model.Text, model.Math, model.Cite, model.NoteRef, model.Paragraph, model.ListBlock,
    model.Equation, model.Figure, model.Table, model.Theorem, model.Code, model.Section,
    model.Footnote, model.Reference, model.Document)}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        out["@"] = type(value).__name__
        return out
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        cls = _TYPES[value.pop("@")]  # KeyError for anything else: the file is refused
        obj = cls(**{k: _decode(v) for k, v in value.items()})
        if isinstance(obj, ListBlock):
            obj.items = [(str(marker), blocks) for marker, blocks in obj.items]
        return obj
    return value


def _stamp(source: Path) -> list[int]:
    info = source.stat()
    return [info.st_size, info.st_mtime_ns]


def save(doc: Document, source: Path, target: Path) -> None:
    """Write `doc` (parsed from `source`) as `target`; errors are ignored (a cache)."""
    from reader.atomicfile import replace_file

    try:
        data = {"format": FORMAT, "source": _stamp(source), "doc": _encode(doc)}
        replace_file(target, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                     private=True)
    except (OSError, TypeError, ValueError):
        pass


def load(source: Path, target: Path) -> Document | None:
    """The document saved for this very `source`, or None (missing, stale, damaged)."""
    try:
        data = json.loads(target.read_bytes())
        if data.get("format") != FORMAT or data.get("source") != _stamp(source):
            return None
        doc = _decode(data["doc"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return doc if isinstance(doc, Document) else None
