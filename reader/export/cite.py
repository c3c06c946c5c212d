"""Citations to paste into a manuscript: `reader cite`, and `Y` in the app.

    cite(["vaswani2017attention", "devlin2019bert"], "latex")
    -> \\cite{vaswani2017attention,devlin2019bert}

Formats: latex (`\\cite{a,b}`), pandoc (`[@a; @b]`, Markdown with pandoc or Quarto),
typst (`@a @b`) and org (`[cite:@a;@b]`, Org mode's org-cite).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.errors import ReaderError

FORMATS = ("latex", "pandoc", "typst", "org")
DEFAULT_FORMAT = "latex"
# Pandoc reads `@key` up to the first character outside these (single internal
# punctuation allowed); any other key must be written `@{key}`.
_PANDOC_PLAIN = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.#$%&+?<>~/-](?=[A-Za-z0-9_]))*")
# A Typst label reference `@key` takes letters, digits, `_`, `-`, `:` and `.`, but a
# trailing `.` or `:` ends the sentence, not the key.
_TYPST_PLAIN = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_:.-]*[A-Za-z0-9_-])?")


def _pandoc(key: str) -> str:
    return f"@{key}" if _PANDOC_PLAIN.fullmatch(key) else f"@{{{key}}}"


def _typst(key: str) -> str:
    if _TYPST_PLAIN.fullmatch(key):
        return f"@{key}"
    return '#cite(label("' + key.replace("\\", "\\\\").replace('"', '\\"') + '"))'


def cite(keys: Sequence[str], fmt: str = DEFAULT_FORMAT) -> str:
    """The citation of `keys` (in order) in `fmt`; ReaderError for an unknown format."""
    if fmt == "latex":
        return "\\cite{" + ",".join(keys) + "}"
    if fmt == "pandoc":
        return "[" + "; ".join(map(_pandoc, keys)) + "]"
    if fmt == "typst":
        return " ".join(map(_typst, keys))
    if fmt == "org":
        return "[cite:" + ";".join(f"@{k}" for k in keys) + "]"
    raise ReaderError(f"unknown citation format {fmt!r} (choose from {', '.join(FORMATS)})")


__all__ = ["DEFAULT_FORMAT", "FORMATS", "cite"]
