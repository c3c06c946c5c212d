"""Finding arXiv ids wherever bibliographic records hide them.

Seen in real files (corpus/FORMATS.md): `eprint` with or without
`archivePrefix` (an `ascl` prefix means an ASCL code such as `1906.004`, not
arXiv), `journal={arXiv preprint arXiv:1502.04623}`, DBLP `journal={CoRR},
volume={abs/1409.1556}`, Zotero `number={arXiv:...}` and `note={arXiv:... [cs]}`,
DOIs `10.48550/arXiv.X`, links `.../abs/X`, `.../pdf/X.pdf`, `oai:arXiv.org:X`,
and old-style ids (`astro-ph/0210099`, `cond-mat/0412498v1`). Versions are
stripped. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from reader.ids import ARXIV_NEW, ARXIV_OLD

_ID = rf"(?P<id>{ARXIV_NEW}|{ARXIV_OLD})(?:v(?P<v>\d+))?(?![\d.]*\d)"
_BARE = re.compile(rf"\s*(?:(?i:arxiv)\s*:\s*)?{_ID}\s*$")
_IN_TEXT = re.compile(rf"(?i:arxiv)(?:\s*(?:e-?prints?|preprint))*\s*[:\s]\s*{_ID}")
_IN_URL = re.compile(rf"(?i:arxiv\.org)/(?:abs|pdf|html|format|ps)/{_ID}")
_IN_DOI = re.compile(rf"10\.48550/(?i:arxiv)\.{_ID}", re.IGNORECASE)
_OAI = re.compile(rf"oai:(?i:arxiv\.org):{_ID}")
_CORR = re.compile(rf"^\s*abs/{_ID}\s*$")


def _match(pattern: re.Pattern[str], text: str | None) -> str | None:
    if not text:
        return None
    m = pattern.search(text)
    return m.group("id") if m else None


def bare_id(text: str | None) -> str | None:
    """`1806.01261`, `arXiv:1806.01261v2`, `astro-ph/0210099` -> the id without version."""
    return _match(_BARE, text)


def split_version(text: str) -> tuple[str, int | None] | None:
    """`2401.00001v3` (or a URL/oai ending in it) -> (`2401.00001`, 3); None if no id."""
    for pattern in (_BARE, _IN_URL, _OAI):
        m = pattern.search(text)
        if m:
            return m.group("id"), int(m.group("v")) if m.group("v") else None
    return None


def in_text(text: str | None) -> str | None:
    """An id announced as `arXiv:X` / `arXiv preprint arXiv:X` / `arXiv X` in prose."""
    return _match(_IN_TEXT, text)


def in_url(url: str | None) -> str | None:
    """The id of an arxiv.org abs/pdf link (`/pdf/1502.04623.pdf` included)."""
    return _match(_IN_URL, url)


def in_doi(doi: str | None) -> str | None:
    """The id of an arXiv DOI, `10.48550/arXiv.1809.02922`."""
    return _match(_IN_DOI, doi)


def in_oai(text: str | None) -> str | None:
    """The id of an OAI identifier, `oai:arXiv.org:2609.26811v1`."""
    return _match(_OAI, text)


def in_fields(fields: Mapping[str, str]) -> str | None:
    """The arXiv id of a record given its fields (lower-case names, raw-ish values).

    Trusted in this order: `eprint` (only when `archiveprefix` is absent or
    arXiv), an arXiv DOI, `arXiv:X` in journal/number/note/howpublished/
    eprint, an arxiv.org link, and DBLP's `CoRR` + `volume = abs/X`.
    """
    prefix = fields.get("archiveprefix", "").strip().lower()
    if prefix in ("", "arxiv"):
        found = bare_id(fields.get("eprint"))
        if found:
            return found
    found = in_doi(fields.get("doi"))
    if found:
        return found
    for name in ("journal", "number", "note", "howpublished", "eprint", "booktitle"):
        found = in_text(fields.get(name))
        if found:
            return found
    for name in ("url", "howpublished", "note", "eprint", "pdf", "link"):
        found = in_url(fields.get(name))
        if found:
            return found
    if fields.get("journal", "").strip().lower() == "corr":
        return _match(_CORR, fields.get("volume"))
    return None


_ANNOUNCE = re.compile(r"^\s*arXiv:\S+\s+Announce Type:\s*\S*\s*(?:Abstract:\s*)?", re.IGNORECASE)


def strip_announce(text: str) -> str:
    """Drop the RSS `arXiv:X Announce Type: new \\nAbstract: ` prefix of a description."""
    return _ANNOUNCE.sub("", text, count=1)


CATEGORY = re.compile(r"[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?")
"""An arXiv category (`cs.LG`, `hep-th`, `cond-mat.str-el`); MSC (`05E99`) and ACM
(`I.2.6`) classes, which arXiv lists the same way, are not."""


def is_category(text: str) -> bool:
    return len(text) <= 40 and CATEGORY.fullmatch(text) is not None


def year_of(arxiv_id: str) -> int | None:
    """The submission year an id encodes: `2205.06398` -> 2022, `astro-ph/9901001` -> 1999."""
    m = re.search(r"(?:^|/)(\d\d)(\d\d)", arxiv_id)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    yy = int(m.group(1))
    return 1900 + yy if yy >= 91 else 2000 + yy


def abs_url(arxiv_id: str) -> str:
    """The canonical abstract page of an id (no version)."""
    return f"https://arxiv.org/abs/{arxiv_id}"


__all__ = ["CATEGORY", "abs_url", "bare_id", "in_doi", "in_fields", "in_oai", "in_text",
           "in_url", "is_category", "split_version", "strip_announce", "year_of"]
