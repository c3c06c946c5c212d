"""Stable paper ids: arxiv:<id>, else doi:<doi>, else title:<hash>."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

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


# What a user types or pastes to name a paper: ids, and links to arXiv (or a mirror:
# any host serving /abs/, /pdf/ or /html/), doi.org and Hugging Face paper pages.
_VERSIONED = rf"(?P<id>{ARXIV_NEW}|{ARXIV_OLD})(?:v(?P<v>\d+))?"
_REF_ARXIV = re.compile(rf"(?i:arxiv\s*:\s*)?{_VERSIONED}")
_REF_ARXIV_PATH = re.compile(rf"/(?:abs|pdf|html|papers)/{_VERSIONED}(?:\.pdf)?/?")
_REF_DOI = re.compile(r"(?:(?i:doi)\s*:\s*)?(10\.\d{4,9}/\S+)")
_REF_DOI_URL = re.compile(r"(?i)https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)")
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(.+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PaperRef:
    """A paper named by its arXiv id (`kind` "arxiv", `version` when given) or DOI."""

    kind: str
    value: str
    version: int | None = None

    @property
    def paper_id(self) -> str:
        """The stable id a paper named so gets (`arxiv:X` or `doi:Y`)."""
        return f"{self.kind}:{self.value}"


def parse_ref(text: str) -> PaperRef | None:
    """`2406.01234v2`, `arXiv:cond-mat/0412498`, an arXiv abs/pdf/html link, a DOI,
    `doi:...`, a doi.org link or a Hugging Face `/papers/ID` link -> a PaperRef;
    None when the text names no paper. Query strings and fragments are ignored."""
    given = text.strip().strip("<>\"'")
    if not given:
        return None
    m = _REF_ARXIV.fullmatch(given)
    if m:
        return _arxiv(m)
    m = _REF_DOI_URL.fullmatch(given)
    if m:
        return _doi(re.sub(r"[?#].*$", "", m.group(1)))
    m = _REF_DOI.fullmatch(given)
    if m:
        return _doi(m.group(1))
    if re.match(r"(?i)https?://", given):
        path = re.sub(r"[?#].*$", "", re.sub(r"(?i)^https?://[^/]+", "", given))
        m = _REF_ARXIV_PATH.fullmatch(path)
        if m:
            return _arxiv(m)
    return None


def _arxiv(m: re.Match[str]) -> PaperRef:
    return PaperRef("arxiv", m.group("id"), int(m.group("v")) if m.group("v") else None)


def _doi(raw: str) -> PaperRef:
    doi = normalize_doi(raw)
    m = _ARXIV_DOI.fullmatch(doi)
    if m:
        try:
            arxiv_id, version = split_arxiv_version(m.group(1))
        except ValueError:
            return PaperRef("doi", doi)
        return PaperRef("arxiv", arxiv_id, version)
    return PaperRef("doi", doi)
