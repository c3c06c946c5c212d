"""Exports. One module per format behind a tiny base (name, suffix, dump).

    EXPORTERS['md'].dump(entries, now) -> str
    select_entries(entries, status=..., query=..., all_=...) -> list[Entry]  # ordered
    write_atomic(path, text, overwrite=False)
    export_to_file(entries, 'md', path, now, overwrite=False) -> count

Formats: md (Markdown checklist), csv (spreadsheet-safe), bib (BibTeX), json
(everything, re-importable), org (Emacs), html (one printable page), csl
(CSL-JSON), ris. Every citation format uses the papers' citation keys.
"""

from __future__ import annotations

from reader.export import (  # noqa: F401  (register)
    bibtex,
    csljson,
    csv,
    html,
    json,
    markdown,
    org,
    ris,
)
from reader.export.base import (
    EXPORTERS,
    Exporter,
    default_export_dir,
    default_filename,
    export_to_file,
    get_exporter,
    order_entries,
    select_entries,
    write_atomic,
)

__all__ = ["EXPORTERS", "Exporter", "default_export_dir", "default_filename",
           "export_to_file", "get_exporter", "order_entries", "select_entries", "write_atomic"]
