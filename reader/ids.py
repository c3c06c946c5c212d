"""Stable paper ids (DESIGN.md): arxiv:<id>, else doi:<doi>, else title:<hash>."""

from __future__ import annotations

import hashlib
import re

from reader.text import normalize_title

# New style 2401.00001 (4 or 5 digits after the dot), old style cond-mat/0412498.
ARXIV_NEW = r"\d{4}\.\d{4,5}"
ARXIV_OLD = r"[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
ARXIV_ID_RE = re.compile(rf"(?<![\w./])({ARXIV_NEW}|{ARXIV_OLD})(?:v(\d+))?(?![\w])")


def split_arxiv_version(text: str) -> tuple[str, int | None]:
    """`2401.00001v3` -> (`2401.00001`, 3)."""
    m = re.fullmatch(rf"({ARXIV_NEW}|{ARXIV_OLD})(?:v(\d+))?", text.strip())
    if not m:
        raise ValueError(f"not an arXiv id: {text!r}")
    return m.group(1), int(m.group(2)) if m.group(2) else None


def normalize_doi(doi: str) -> str:
    doi = doi.strip()
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
    return doi.rstrip(".,;").lower()


def paper_id(arxiv_id: str | None, doi: str | None, title: str) -> str:
    """The id a paper keeps for ever. arXiv DOIs (10.48550/arXiv.X) map to arxiv:X."""
    if arxiv_id:
        return f"arxiv:{arxiv_id}"
    if doi:
        doi = normalize_doi(doi)
        m = re.fullmatch(r"10\.48550/arxiv\.(.+)", doi)
        if m:
            return f"arxiv:{m.group(1)}"
        return f"doi:{doi}"
    digest = hashlib.sha1(normalize_title(title).encode("utf-8")).hexdigest()[:12]
    return f"title:{digest}"
