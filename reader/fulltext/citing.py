"""Which references a place of the text is about, and how to say where each stands
in the library (the reading screen's info line)."""

from __future__ import annotations

from reader.fulltext.document import Document
from reader.fulltext.flow import Flow
from reader.fulltext.layout import Line
from reader.fulltext.references import LibraryIndex
from reader.model import Entry
from reader.text import clean_line


def references_at(doc: Document, flow: Flow, line: Line) -> list[int]:
    """Indexes of the references an entry of the list shows, or the citations on the line
    cite (in order, once each)."""
    if flow.reference >= 0:
        return [flow.reference]
    keys: list[str] = []
    for start, end, cited in flow.cites:
        if start < max(line.end, line.start + 1) and end > line.start:
            keys.extend(k for k in cited if k not in keys)
    positions = {ref.key: n for n, ref in enumerate(doc.references)}
    return [positions[k] for k in keys if k in positions]


def matches(doc: Document, index: LibraryIndex) -> dict[int, str]:
    """Reference index -> id of the library's paper it cites."""
    found: dict[int, str] = {}
    for n, ref in enumerate(doc.references):
        pid = index.match(ref)
        if pid is not None:
            found[n] = pid
    return found


def describe(doc: Document, n: int, entry: Entry | None) -> str:
    """One reference for the info line: label, title, and where it stands."""
    ref = doc.references[n]
    title = ref.title or ref.text
    title = title if len(title) <= 60 else title[:59] + "…"
    if entry is not None:
        return f"{ref.label} {title} — in your library: {entry.state.status.value}"
    how = (f"arXiv:{ref.arxiv_id}" if ref.arxiv_id else f"doi:{ref.doi}" if ref.doi
           else "by its title")
    return f"{ref.label} {title} — not in your library (a adds it, {how})"


def info_line(doc: Document, flows: list[Flow], line: Line, refs: list[int],
              entries: list[Entry | None], where: str) -> str:
    """The info line under the text: the references the line is about, with where
    each stands in the library (`entries`, one per ref), else `where` (section, %)."""
    if not refs:
        return where
    parts = [describe(doc, n, entry) for n, entry in zip(refs[:3], entries[:3], strict=False)]
    more = f" (+{len(refs) - 3} more)" if len(refs) > 3 else ""
    tail = "" if flows[line.flow].reference >= 0 else " · enter: go to it"
    return " · ".join(parts) + more + tail


def refusal(refs: list[int], cited: Entry | None) -> str:
    """Why `a` adds nothing at this line ("" when it adds the paper of refs[0];
    `cited` is that paper when it is in the library already)."""
    if not refs:
        return "Move to a reference (or a line citing one) to add it."
    if cited is not None:
        return (f"Already in your library ({cited.state.status.value}): "
                f"{clean_line(cited.paper.title)[:60]}")
    return ""
