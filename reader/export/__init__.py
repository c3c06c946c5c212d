"""Exports. One module per format behind a tiny base (name, suffix, dump).

    EXPORTERS['md'].dump(entries, now) -> str
    select_entries(entries, status=..., query=..., all=...) -> list[Entry]  # ordered
    write_atomic(path, text, overwrite=False)

CONTRACT STUB written by the lead: the export owner replaces the bodies.
"""

from __future__ import annotations

from reader.export.base import EXPORTERS, Exporter, select_entries, write_atomic

__all__ = ["EXPORTERS", "Exporter", "select_entries", "write_atomic"]
