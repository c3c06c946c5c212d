"""The Hugging Face Papers page copied as text ("hf-text"), our primary input.

A copy of the search or daily page is a title line followed by its abstract
(one line, or several when hard-wrapped), repeated, with page chrome around
it. Lines are classified first (see `classify.py`: chrome, counts, metadata,
text), then each run of consecutive text lines is cut into title/abstract
pairs by their shape, never by fixed positions:

- a line can start a paper when it is title-shaped (short, no URL, no final
  full stop) and the line after it is abstract-shaped (longer, or a sentence);
- in a hard-wrapped run (most lines under ~110 columns) a title can only
  follow a finished sentence, on a line shorter than the wrap width unless
  the candidate reads like a title (Most Words Capitalised).

Blank lines, CRLF, a byte-order mark, trailing spaces and tabs do not matter.

Metadata lines after an abstract ("5 authors · Mar 8, 2024", an organisation
and a date) give the paper its date; the page leaves out the current year
("May 30"), so such a date is taken as this year's, or last year's when it
would otherwise lie in the future. An author count is not author names, so it
is not kept. Chrome glued to the first title ("SubscribePrincipled ...")
is cut off.
"""

from __future__ import annotations

import hashlib
import re

from reader.ids import paper_id
from reader.model import Paper
from reader.parsing.base import ParseResult, register
from reader.parsing.classify import COUNT, META, TEXT, Line, classify_lines, looks_like_listing
from reader.parsing.links import extract_urls

TITLE_MAX = 300
"""Longer lines are abstract paragraphs, never titles."""
WRAPPED_MAX = 110
"""A run whose lines are mostly this short is a hard-wrapped copy."""


# ASCII letters and digits stay, every other byte becomes a space.
_ALNUM_ONLY = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))


def title_id(title: str) -> str:
    """`reader.ids.paper_id(None, None, title)`, with a fast path for ASCII titles
    (where folding is just lower-casing); the tests hold the two equal."""
    if not title.isascii():
        return paper_id(None, None, title)
    normal = b" ".join(title.lower().encode("ascii").translate(_ALNUM_ONLY).split())
    return f"title:{hashlib.sha1(normal).hexdigest()[:12]}"


_LETTER = re.compile(r"[^\W\d_]")


def _title_like(text: str) -> bool:
    return (len(text) <= TITLE_MAX and not text.endswith(".") and "://" not in text
            and _LETTER.search(text) is not None)


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\"')]*").endswith((".", "!", "?")) or " http" in text[-120:]


def _split_run(run: list[Line]) -> list[tuple[Line, list[Line]]]:
    """Cut consecutive text lines into (title, abstract lines) pairs."""
    lengths = [len(ln.text) for ln in run]
    short = sum(1 for n in lengths if n <= WRAPPED_MAX)
    wrapped = len(run) >= 3 and short >= 0.8 * len(run)
    width = max(lengths) if lengths else 0
    pairs: list[tuple[Line, list[Line]]] = []
    i = 0
    while i < len(run):
        title, body = run[i], list[Line]()
        i += 1
        while i < len(run):
            if body and i + 1 < len(run) and _starts_paper(body[-1].text, run[i].text,
                                                           run[i + 1].text, wrapped, width):
                break
            body.append(run[i])
            i += 1
        pairs.append((title, body))
    return pairs


def _starts_paper(prev: str, line: str, nxt: str, wrapped: bool, width: int) -> bool:
    if not _title_like(line):
        return False
    if wrapped:
        # Inside a wrapped paragraph lines fill the width; a title follows a short last
        # line, or a full one when it reads like a title (Most Words Capitalised).
        return _ends_sentence(prev) and (len(prev) < 0.8 * width or _title_case(line))
    return len(nxt) > len(line) and (len(nxt) >= 200 or _ends_sentence(nxt))


def _join(lines: list[Line]) -> str:
    out = ""
    for ln in lines:
        if not out:
            out = ln.text
        elif out.endswith("-") and not out.endswith(" -") and ln.text[:1].islower():
            out += ln.text  # a word hyphenated by the hard wrap: keep the hyphen
        else:
            out += " " + ln.text
    return out


class PlainTextParser:
    name = "hf-text"

    def sniff(self, head: str) -> bool:
        return looks_like_listing(head)

    def parse(self, text: str, source_name: str) -> ParseResult:
        result = ParseResult(papers=[])
        papers: list[Paper] = []
        lone: dict[int, int] = {}
        """Papers with a title only and no page structure around them yet: line number."""
        run: list[Line] = []
        after_count = False
        for ln in classify_lines(text):
            kind = ln.kind
            if kind == TEXT:
                run.append(ln)
                continue
            if run:
                _take_run(run, papers, lone, result, source_name, after_count)
                run = []
            after_count = kind == COUNT
            if kind == META and papers:
                lone.pop(len(papers) - 1, None)
                paper = papers[-1]
                if paper.published is None and ln.published:
                    paper.published = ln.published
                if paper.year is None and ln.year:
                    paper.year = ln.year
            # Chrome lines (and the user name after "Submitted by") carry nothing.
        if run:
            _take_run(run, papers, lone, result, source_name, after_count)
        for index, paper in enumerate(papers):
            if index in lone:
                if result.papers:  # unknown chrome before the first paper is not worth a word
                    result.warnings.append(f"{source_name}:{lone[index]}: skipped a lone line "
                                           f"with no abstract: {paper.title[:60]!r}")
                continue
            paper.id = title_id(paper.title)
            paper.urls = extract_urls(paper.abstract)
            result.papers.append(paper)
        return result


def _take_run(run: list[Line], papers: list[Paper], lone: dict[int, int], result: ParseResult,
              source_name: str, after_count: bool) -> None:
    """Turn one run of consecutive text lines into papers (appended to `papers`)."""
    if len(run) == 2 and _title_like(run[0].text):  # the common case: title, abstract
        papers.append(Paper(id="", title=run[0].text, abstract=run[1].text))
        return
    if not _title_like(run[0].text):
        # An abstract separated from its title by a metadata line.
        if papers and not papers[-1].abstract:
            papers[-1].abstract = _join(run)
            lone.pop(len(papers) - 1, None)
            return
        result.warnings.append(f"{source_name}:{run[0].number}: skipped text with no "
                               f"title: {run[0].text[:60]!r}")
        return
    for index, (title, body) in enumerate(_split_run(run)):
        if not body and not (after_count and index == 0):
            lone[len(papers)] = title.number
        papers.append(Paper(id="", title=title.text, abstract=_join(body)))


__all__ = ["PlainTextParser", "title_id"]

register(PlainTextParser())
