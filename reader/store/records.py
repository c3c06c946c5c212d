"""Pure helpers of the store: documents <-> objects, metadata merge, tag cleaning."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from reader.citekeys import assign_missing, clean_key, fold_key, unique_key
from reader.model import HistoryEntry, Paper, ReadingState
from reader.store import schema, validate
from reader.text import any_needs_line_cleaning, clean_line, has_controls, sanitize

PAPER_FIELDS = ("id", "title", "abstract", "authors", "year", "published", "arxiv_id",
                "doi", "urls", "venue", "source", "added_at", "key", "categories")
_FILLABLE = ("title", "abstract", "authors", "year", "published", "arxiv_id", "doi",
             "urls", "venue", "categories")


def paper_doc(paper: Paper) -> dict[str, Any]:
    """The stored document of a paper (faster than dataclasses.asdict)."""
    return {
        "id": paper.id, "title": paper.title, "abstract": paper.abstract,
        "authors": list(paper.authors), "year": paper.year, "published": paper.published,
        "arxiv_id": paper.arxiv_id, "doi": paper.doi, "urls": list(paper.urls),
        "venue": paper.venue, "source": paper.source, "added_at": paper.added_at,
        "key": paper.key, "categories": list(paper.categories),
    }


LIMITS = {"id": 300, "title": 2_000, "abstract": 100_000, "author": 500, "authors": 2_000,
          "url": 2_000, "urls": 200, "venue": 1_000, "published": 100, "source": 1_000,
          "arxiv_id": 100, "doi": 300, "note": 200_000, "tag": 100, "tags": 200,
          "category": 40, "categories": 50}
"""The longest value each field keeps (characters; list fields: items), applied when
papers and reading states come in. A 10 MB title from a broken BibTeX entry would
otherwise cost every screen that shows it; a title of 2,000 characters is already absurd."""


def cut(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, the last one an ellipsis when it was longer."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _opt_cut(text: str | None, limit: int) -> str | None:
    return cut(text, limit) if text else text


def cap_paper(paper: Paper) -> Paper:
    """`paper` with every field within LIMITS (the same object when it already is)."""
    lim = LIMITS
    if (len(paper.title) <= lim["title"] and len(paper.abstract) <= lim["abstract"]
            and len(paper.id) <= lim["id"] and len(paper.authors) <= lim["authors"]
            and len(paper.urls) <= lim["urls"] and len(paper.source) <= lim["source"]
            and len(paper.venue or "") <= lim["venue"] and len(paper.doi or "") <= lim["doi"]
            and len(paper.published or "") <= lim["published"]
            and len(paper.arxiv_id or "") <= lim["arxiv_id"]
            and len(paper.categories) <= lim["categories"]
            and max(map(len, paper.categories), default=0) <= lim["category"]
            and max(map(len, paper.authors), default=0) <= lim["author"]
            and max(map(len, paper.urls), default=0) <= lim["url"]):
        return paper
    return replace(
        paper, id=paper.id[:lim["id"]], title=cut(paper.title, lim["title"]),
        abstract=cut(paper.abstract, lim["abstract"]),
        authors=[cut(a, lim["author"]) for a in paper.authors[:lim["authors"]]],
        urls=[u for u in paper.urls[:lim["urls"]] if len(u) <= lim["url"]],
        source=cut(paper.source, lim["source"]), venue=_opt_cut(paper.venue, lim["venue"]),
        doi=_opt_cut(paper.doi, lim["doi"]), published=_opt_cut(paper.published,
                                                               lim["published"]),
        arxiv_id=_opt_cut(paper.arxiv_id, lim["arxiv_id"]),
        categories=[c for c in paper.categories[:lim["categories"]]
                    if len(c) <= lim["category"]])


def clean_paper(paper: Paper, *, checked: bool = False) -> Paper:
    """`paper` with control characters and escape sequences removed from its text
    fields (the store is the last gate: parsers sanitize, but not every caller
    of add_papers is a parser), and its fields cut to LIMITS. The same object when
    already clean (one scan; none when `checked`: clean_papers found it clean)."""
    paper = cap_paper(paper)
    if paper.key and clean_key(paper.key) != paper.key:
        paper = replace(paper, key=clean_key(paper.key))
    if checked:
        return paper
    single = _single_lines(paper)
    if not any_needs_line_cleaning(single) and not has_controls(paper.abstract):
        return paper
    return replace(
        paper, title=clean_line(paper.title), abstract=sanitize(paper.abstract).strip(),
        authors=[a for a in map(clean_line, paper.authors) if a],
        urls=[u for u in map(clean_line, paper.urls) if u],
        categories=[c for c in map(clean_line, paper.categories) if c],
        venue=clean_line(paper.venue) or None if paper.venue else paper.venue,
        published=clean_line(paper.published) or None if paper.published else paper.published,
        source=clean_line(paper.source))


def _single_lines(paper: Paper) -> tuple[str, ...]:
    return (paper.title, paper.venue or "", paper.published or "", paper.source,
            *paper.authors, *paper.urls, *paper.categories)


_BATCH = 256


def clean_papers(papers: list[Paper]) -> list[Paper]:
    """`[clean_paper(p) for p in papers]`, the text of a batch of papers checked in
    one pass over it joined (clean text stays clean when cut to LIMITS: the cut
    keeps a prefix and adds an ellipsis), each paper of a batch with something
    to clean checked alone."""
    out: list[Paper] = []
    for start in range(0, len(papers), _BATCH):
        batch = papers[start:start + _BATCH]
        single = [text for paper in batch for text in _single_lines(paper)]
        checked = not (any_needs_line_cleaning(single)
                       or has_controls("".join([p.abstract for p in batch])))
        out.extend(clean_paper(paper, checked=checked) for paper in batch)
    return out


def fill_missing(old: Paper, new: Paper) -> dict[str, Any]:
    """Fields of `old` that are empty and that `new` knows, and links `old` lacks: the
    merge of an import (nothing `old` has is ever replaced)."""
    fields: dict[str, Any] = {}
    for name in _FILLABLE:
        have = getattr(old, name)
        got = getattr(new, name)
        if not have and got:
            fields[name] = list(got) if isinstance(got, list) else got
    if old.urls and new.urls:  # links are a set: the ones `old` lacks are added
        known = {u.rstrip("/") for u in old.urls}
        extra = [u for u in new.urls if u.rstrip("/") not in known]
        if extra:
            fields["urls"] = [*old.urls, *dict.fromkeys(extra)]
    return fields


def aliases(papers: dict[str, Paper]) -> dict[str, str]:
    """`arxiv:X` / `doi:Y` -> id of the paper holding that arXiv id or DOI, for papers
    whose own id is another (ids never change, so these are their other names)."""
    out: dict[str, str] = {}
    for pid, paper in papers.items():
        for alias in (f"arxiv:{paper.arxiv_id}" if paper.arxiv_id else "",
                      f"doi:{paper.doi}" if paper.doi else ""):
            if alias and alias != pid and alias not in papers:
                out.setdefault(alias, pid)
    return out


def copy_state(state: ReadingState) -> ReadingState:
    """A deep copy (results are shared with callers and must never be mutated)."""
    return ReadingState(
        paper_id=state.paper_id, status=state.status, rating=state.rating,
        tags=list(state.tags), note=state.note,
        history=[HistoryEntry(h.at, h.status, h.previous) for h in state.history],
        updated_at=state.updated_at, queue_pos=state.queue_pos,
    )


def clean_tags(tags: Iterable[str]) -> list[str]:
    """User tags -> stored tags: sanitized, `#` and commas split off, spaces to dashes,
    lower-case, no empties, no duplicates, order kept."""
    out: list[str] = []
    for raw in tags:
        for part in str(raw).split(","):
            tag = clean_line(part[:LIMITS["tag"] * 4]).lstrip("#").strip().lower().replace(
                " ", "-")[:LIMITS["tag"]]
            if tag and tag not in out:
                out.append(tag)
    return out


@dataclass(slots=True)
class LoadedPapers:
    papers: dict[str, Paper] = field(default_factory=dict)
    """The valid papers by id, in file order."""
    skipped: list[str] = field(default_factory=list)
    """One line per invalid record: which record and what is wrong with it."""
    invalid: dict[str, Any] = field(default_factory=dict)
    """The invalid records as they are in the file (kept as they are when it is rewritten)."""


def _paper(doc: dict[str, Any]) -> Paper:
    return Paper(**{k: v for k, v in doc.items() if k in validate.PAPER_FIELDS})


def papers_from_table(raw: dict[str, Any], path: Path | None) -> LoadedPapers:
    """The `papers` table as Paper objects by id, in file order; invalid records
    (validate.paper_problems) skipped and listed, never raised."""
    try:  # our own documents: exactly the fields, already typed (the fast path)
        built: list[Paper] | None = [Paper(**doc) for doc in raw.values()]
    except TypeError:  # documents from elsewhere (a hand edit): field by field
        built = None
    if built is not None and all(map(str.isdigit, raw)) and validate.valid_columns(
            lambda name: list(map(attrgetter(name), built)), validate.PAPER_FIELDS):
        return LoadedPapers({paper.id: paper for paper in built})
    out = LoadedPapers()
    for doc_id, doc in raw.items():
        wrong = validate.paper_problems(doc)
        id_problem = validate.doc_id_problem(doc_id)
        if id_problem:
            wrong.insert(0, id_problem)
        if wrong:
            out.skipped.append(f"paper record {doc_id[:20]!r}: {'; '.join(wrong)}")
            out.invalid[doc_id] = doc
            continue
        paper = _paper(doc)
        out.papers[paper.id] = paper
    return out


def give_keys(papers: dict[str, Paper]) -> bool:
    """Make every paper's citation key present and unique, in place; True when one was
    given or changed (the caller stores them). A library from before keys has none;
    two papers holding one key come from merged copies of a library (each machine
    gave it to a paper it imported): the one added first keeps it, the other gets a
    suffix, the same on every machine (the rule looks at the papers, not at the order
    of the file)."""
    keys = [p.key for p in papers.values()]
    if all(keys) and len(set(map(str.casefold, keys))) == len(keys):  # usual: C loops only
        return False
    holders: dict[str, list[str]] = {}
    for pid, paper in papers.items():
        if paper.key:
            holders.setdefault(fold_key(paper.key), []).append(pid)
    taken = set(holders)
    tried: dict[str, int] = {}
    for folded in sorted(k for k, ids in holders.items() if len(ids) > 1):
        ids = sorted(holders[folded], key=lambda i: (papers[i].added_at, i))
        for pid in ids[1:]:
            key = unique_key(papers[pid].key, taken, tried)
            taken.add(fold_key(key))
            papers[pid] = replace(papers[pid], key=key)
    for pid, key in assign_missing(papers, taken).items():
        papers[pid] = replace(papers[pid], key=key)
    return True


@dataclass(slots=True)
class LoadedState:
    states: dict[str, ReadingState] = field(default_factory=dict)
    state_ids: dict[str, int] = field(default_factory=dict)
    searches: dict[str, str] = field(default_factory=dict)
    search_ids: dict[str, int] = field(default_factory=dict)
    """Every name's document id, a deleted search's (its tombstone) included."""
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The stored document of each state, `sync` stamps included (read-only)."""
    skipped: list[str] = field(default_factory=list)
    """One line per invalid record (left in the file as it is)."""


def states_from_data(data: dict[str, Any], path: Path | None) -> LoadedState:
    """The state file's tables as objects (with their TinyDB doc ids); invalid records
    (validate.state_problems, search_problems) skipped and listed, never raised."""
    out = LoadedState()
    for doc_id, doc in (data.get(schema.STATE_TABLE) or {}).items():
        wrong = validate.state_problems(doc)
        id_problem = validate.doc_id_problem(doc_id)
        if id_problem:
            wrong.insert(0, id_problem)
        if wrong:
            out.skipped.append(f"state record {doc_id[:20]!r}: {'; '.join(wrong)}")
            continue
        state = ReadingState.from_dict(doc)
        out.states[state.paper_id] = state
        out.state_ids[state.paper_id] = int(doc_id)
        out.docs[state.paper_id] = doc
    for doc_id, doc in (data.get(schema.SEARCHES_TABLE) or {}).items():
        wrong = validate.search_problems(doc)
        id_problem = validate.doc_id_problem(doc_id)
        if id_problem:
            wrong.insert(0, id_problem)
        if wrong:
            out.skipped.append(f"saved search record {doc_id[:20]!r}: {'; '.join(wrong)}")
            continue
        out.search_ids[doc["name"]] = int(doc_id)  # a deleted one's too (its tombstone)
        if "gone" not in doc:
            out.searches[doc["name"]] = doc["query"]
    return out
