"""BibTeX (Zotero, JabRef, Paperpile, INSPIRE, Google Scholar, BibDesk/ADS exports).

bibtexparser (v2) splits the file into blocks and reports the line of each;
everything after that is ours: values are evaluated here (`{...}`, `"..."`,
bare numbers, `@string` macros, `#` concatenation), LaTeX goes through
`latex.latex_to_text`, names through `names.bibtex_authors`, arXiv ids through
`arxiv.in_fields` (which knows that `archivePrefix = {ascl}` is not arXiv).

Decisions:
- A broken entry (truncated, unbalanced braces) is skipped with one warning
  line, "FILE: entry KEY (line N): what is wrong"; the other entries import.
- A repeated citation key is not an error: both entries are read, and entries
  naming the same paper (same id) are merged into one Paper, the first entry
  winning and later ones filling missing fields. So a file of 135 entries with
  7 repeated keys gives 128 papers.
- Undefined journal macros (`{\\mnras}`, ADS style) become the usual
  abbreviation ("MNRAS") when known, else the venue is left empty.
- A preprint's pseudo-venue (`journal = {arXiv preprint arXiv:X}`, `{ArXiv}`,
  `{arXiv e-prints}`, DBLP's `{CoRR}`) is no venue: it stays empty, so that a
  later import of the published version can fill it in (the arXiv id is kept).
"""

from __future__ import annotations

import logging
import re

from bibtexparser.entrypoint import parse_string
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

from reader.errors import ParseError
from reader.model import Paper
from reader.parsing import arxiv
from reader.parsing.base import ParseResult, register
from reader.parsing.names import bibtex_authors
from reader.parsing.record import (
    clean_abstract,
    clean_text,
    make_paper,
    merge_duplicates,
    source_label,
    unescape_url,
    year_in,
)

# bibtexparser logs every failed block through the root "last resort" handler,
# which would print multi-line messages on the user's terminal. We report them.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_SNIFF = re.compile(r"(?m)^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]")
_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]*)")
_MONTHS = {m: str(i) for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_ARXIV_VENUE = re.compile(
    r"^\s*arxiv(?:\s+(?:preprint|e-?prints?))?(?:\s+arxiv:\s*\S+)?\s*(?:\[[^\]]*\])?\s*$",
    re.IGNORECASE)
# AAS/ADS journal macros (defined by aastex, never in the .bib itself).
JOURNAL_MACROS = {
    "aj": "AJ", "actaa": "Acta Astron.", "araa": "ARA&A", "apj": "ApJ", "apjl": "ApJL",
    "apjs": "ApJS", "ao": "Appl. Opt.", "apss": "Ap&SS", "aap": "A&A", "aapr": "A&A Rev.",
    "aaps": "A&AS", "baas": "BAAS", "mnras": "MNRAS", "pasp": "PASP", "pasj": "PASJ",
    "pasa": "PASA", "nat": "Nature", "icarus": "Icarus", "jcap": "JCAP", "prd": "Phys. Rev. D",
    "pra": "Phys. Rev. A", "prb": "Phys. Rev. B", "prc": "Phys. Rev. C", "pre": "Phys. Rev. E",
    "prl": "Phys. Rev. Lett.", "physrep": "Phys. Rep.", "procspie": "Proc. SPIE",
    "ssr": "Space Sci. Rev.", "solphys": "Sol. Phys.", "qjras": "QJRAS", "memras": "MmRAS",
    "jgr": "J. Geophys. Res.", "grl": "Geophys. Res. Lett.", "planss": "Planet. Space Sci.",
    "aplett": "Astrophys. Lett.", "iaucirc": "IAU Circ.", "zap": "ZAp", "nphysa": "Nucl. Phys. A",
}


def _split_concat(raw: str) -> list[str]:
    """Split a raw value on `#` outside braces and quotes."""
    if "#" not in raw:
        return [raw]
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
    for pos, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:pos])
            start = pos + 1
    parts.append(raw[start:])
    return parts


def evaluate(raw: str, strings: dict[str, str]) -> str:
    """The text of a raw field value: delimiters removed, macros and `#` resolved."""
    out: list[str] = []
    for part in _split_concat(raw):
        part = part.strip()
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        else:
            out.append(strings.get(part.lower(), part))
    return "".join(out)


def _venue(fields: dict[str, str]) -> str | None:
    raw = (fields.get("journal") or fields.get("booktitle") or fields.get("journaltitle")
           or "").strip()
    macro = re.fullmatch(r"\{?\\([A-Za-z]+)\}?", raw)
    if macro:
        return JOURNAL_MACROS.get(macro.group(1).lower())
    if _ARXIV_VENUE.match(raw) or raw.lower() == "corr":
        return None
    return clean_text(raw) or None


def _published(fields: dict[str, str]) -> str | None:
    m = _ISO.match(fields.get("date", ""))
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return None


def _urls(fields: dict[str, str]) -> list[str]:
    found: list[str] = []
    for name in ("url", "howpublished", "adsurl"):
        value = unescape_url(fields.get(name, ""))
        found += re.findall(r"https?://[^\s{}\"\\]+", value)
    return found


def entry_to_paper(fields: dict[str, str], source: str, key: str = "") -> Paper | None:
    """One entry's evaluated fields (lower-case names) -> a Paper, None without title.
    `key` is the entry's citation key."""
    arxiv_id = arxiv.in_fields(fields)
    published = _published(fields)
    year = year_in(fields.get("year")) or year_in(fields.get("date"))
    raw_abstract = fields.get("abstract", "")
    authors = bibtex_authors(fields.get("author") or fields.get("editor") or "")
    return make_paper(
        title=clean_text(fields.get("title")), source=source,
        abstract=clean_abstract(raw_abstract), raw_abstract=raw_abstract,
        authors=authors, year=year, published=published, arxiv_id=arxiv_id,
        doi=fields.get("doi"), urls=_urls(fields), venue=_venue(fields), key=key,
    )


def _failed_key(raw: str) -> str:
    m = _KEY.search(raw)
    return m.group(1) if m and m.group(1) else "?"


def _reason(block: ParsingFailedBlock) -> str:
    """bibtexparser's abort reason, said plainly."""
    reason = str(getattr(block.error, "abort_reason", "") or block.error).strip()
    closing = re.search(r"closing `(.)`", reason)
    if "end of file" in reason:
        detail = "the file ends inside this entry (truncated?)"
    elif "Unexpected block start" in reason and closing:
        detail = f"a value is never closed (missing {closing.group(1)}) before the next entry"
    else:
        detail = " ".join(reason.split()) or "syntax error"
    return f"cannot be read, skipped: {detail}"


class BibtexParser:
    """The `bibtex` format."""

    name = "bibtex"

    def sniff(self, head: str) -> bool:
        return _SNIFF.search(head) is not None

    def parse(self, text: str, source_name: str) -> ParseResult:
        try:
            library = parse_string(text, parse_stack=[])
        except RecursionError:
            raise ParseError("entries nested too deeply to read", path=source_name) from None
        except Exception as exc:  # bibtexparser has no single error type
            raise ParseError(f"not valid BibTeX ({exc})", path=source_name) from None
        strings = dict(_MONTHS)
        for string in library.strings:
            strings[str(string.key).lower()] = evaluate(str(string.value), strings)
        source = source_label(self.name, source_name)
        papers: list[Paper] = []
        warnings: list[str] = []
        for block in library.blocks:
            if isinstance(block, DuplicateBlockKeyBlock) and block.ignore_error_block:
                block = block.ignore_error_block
            line = (getattr(block, "start_line", None) or 0) + 1
            if isinstance(block, ParsingFailedBlock):
                key = _failed_key(str(block.raw))
                warnings.append(f"{source_name}: entry {key} (line {line}): {_reason(block)}")
                continue
            if not isinstance(block, Entry):
                continue
            try:
                fields = {str(f.key).lower(): evaluate(str(f.value), strings)
                          for f in block.fields}
                paper = entry_to_paper(fields, source, str(block.key or ""))
            except (RecursionError, ValueError, TypeError, IndexError) as exc:
                warnings.append(f"{source_name}: entry {block.key} (line {line}): "
                                f"cannot be read, skipped ({type(exc).__name__})")
                continue
            if paper is None:
                warnings.append(f"{source_name}: entry {block.key} (line {line}): "
                                "no title, skipped")
                continue
            papers.append(paper)
        return ParseResult(papers=merge_duplicates(papers), warnings=warnings, fmt=self.name)


register(BibtexParser())

__all__ = ["JOURNAL_MACROS", "BibtexParser", "entry_to_paper", "evaluate"]
