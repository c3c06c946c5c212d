"""What the detail pane says about a paper, as Content (no widgets): the facts
under the title and the search terms' places in the abstract."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from reader.model import Entry
from reader.tui.render import STATUS_LABEL, STATUS_STYLE, naive_spans, paper_links, safe, stars

if TYPE_CHECKING:
    from reader.search import Query


def abstract_spans(text: str, query: Query | None) -> list[tuple[int, int]]:
    """Where the search terms are in `text` (reader.search's highlighter)."""
    if query is None or not text:
        return []
    try:
        from reader.search import highlight_spans

        return [(int(a), int(b)) for a, b in highlight_spans(text, query)]
    except Exception:  # a highlighter bug must not take the pane down
        return naive_spans(text, query.highlight_terms)


def paper_facts(entry: Entry) -> Content:
    """Authors, year, venue, ids, citation key, categories, reading state, tags and
    links."""
    paper, state = entry.paper, entry.state
    lines: list[Content] = []
    if paper.authors:
        names = ", ".join(safe(a) for a in paper.authors[:12])
        if len(paper.authors) > 12:
            names += f" and {len(paper.authors) - 12} more"
        lines.append(Content(names))
    facts = [str(paper.year) if paper.year else "", safe(paper.venue or "")]
    ids = [f"arXiv:{safe(paper.arxiv_id)}" if paper.arxiv_id else "",
           f"doi:{safe(paper.doi)}" if paper.doi else ""]
    line = "  ·  ".join(x for x in facts + ids if x)
    if line:
        lines.append(Content.styled(line, "$text-muted"))
    if paper.key:  # what `y` copies; `key:` finds it in a search
        lines.append(Content.styled(f"key:{safe(paper.key)}", "$text-muted"))
    if paper.categories:  # plain text, never markup (it came from the network)
        lines.append(Content.styled(" ".join(safe(c) for c in paper.categories[:12]),
                                    "$text-muted"))
    status = Content.assemble(
        (STATUS_LABEL[state.status], STATUS_STYLE[state.status]),
        "  ", (stars(state.rating).strip() or "unrated", "$rating-star"),
    )
    if state.tags:
        status = status.append("  ").append(
            Content.styled(" ".join("#" + safe(t) for t in state.tags), "$tag-foreground"))
    lines.append(status)
    for url in paper_links(entry)[:6]:
        lines.append(Content.styled(safe(url), "underline $text-primary"))
    return Content("\n").join(lines)
