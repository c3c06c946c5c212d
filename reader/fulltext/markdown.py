"""A document as Markdown (`reader read --format md`): headings with their numbers,
formulas as `$...$`, citations linked to their reference (`[[12]](#bib.bib12)`),
footnotes as `[^1]`, tables as pipe tables, the reference list with its links."""

from __future__ import annotations

import re

from reader.fulltext.document import (
    Block,
    Cite,
    Document,
    Equation,
    Figure,
    ListBlock,
    Math,
    NoteRef,
    Paragraph,
    Span,
    Table,
    Text,
    Theorem,
)

_MARKS = {"em": "*", "strong": "**"}
_ESCAPE = re.compile(r"([\\`*_{}\[\]<>#|])")


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def inline(spans: list[Span]) -> str:
    out: list[str] = []
    for span in spans:
        if isinstance(span, Text):
            if span.style == "code":
                code = span.text.replace("`", "'")
                out.append(f"`{code}`")
            elif span.style in _MARKS and span.text.strip():
                mark = _MARKS[span.style]
                core = span.text.strip()
                lead = span.text[:len(span.text) - len(span.text.lstrip())]
                tail = span.text[len(span.text.rstrip()):]
                out.append(f"{lead}{mark}{_escape(core)}{mark}{tail}")
            else:
                out.append(_escape(span.text))
        elif isinstance(span, Math):
            out.append(f"${span.latex}$")
        elif isinstance(span, Cite):
            target = f"(#{span.keys[0]})" if span.keys else ""
            out.append(f"[{_escape(span.label)}]{target}" if target else _escape(span.label))
        elif isinstance(span, NoteRef):
            out.append(f"[^{span.number}]")
    return "".join(out)


def _blocks(blocks: list[Block], indent: str = "") -> list[str]:
    out: list[str] = []
    for block in blocks:
        out.extend(indent + line if line else "" for line in _block(block))
    return out


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [inline(block.spans), ""]
    if isinstance(block, ListBlock):
        lines: list[str] = []
        for n, (marker, items) in enumerate(block.items, 1):
            bullet = f"{n}." if block.ordered else "-"
            inner = _blocks(items, "   ")
            first = next((i for i, line in enumerate(inner) if line.strip()), None)
            if first is None:
                lines.append(bullet)
                continue
            shown = "" if marker in ("•", f"{n}.") else _escape(marker) + " "
            lines.append(f"{bullet} {shown}{inner[first].strip()}")
            lines.extend(line for line in inner[first + 1:] if line.strip())
        return [*lines, ""]
    if isinstance(block, Equation):
        tag = f" \\tag{{{block.number.strip('()')}}}" if block.number else ""
        return ["$$", *block.rows[:-1], block.rows[-1] + tag if block.rows else tag, "$$", ""]
    if isinstance(block, Figure):
        label = f"**{_escape(block.label)}:** " if block.label else ""
        return [f"> {label}{inline(block.caption)}", ""]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Theorem):
        body = _blocks(block.blocks)
        if body and body[0]:
            body[0] = f"**{_escape(block.label)}** {body[0]}"
        else:
            body.insert(0, f"**{_escape(block.label)}**")
        return body
    return ["```", block.text.replace("```", "'''"), "```", ""]


def _table(table: Table) -> list[str]:
    out: list[str] = []
    if table.label or table.caption:
        out += [f"**{_escape(table.label)}:** {inline(table.caption)}".strip(), ""]
    rows = [r for r in table.rows if r]
    if not rows:
        return out
    columns = max(len(r) for r in rows)

    def row(cells: list[str]) -> str:
        cells = cells + [""] * (columns - len(cells))
        return "| " + " | ".join(_escape(" ".join(c.split())) for c in cells) + " |"

    head = rows[0] if table.header_rows else [""] * columns
    body = rows[1:] if table.header_rows else rows
    out += [row(head), "|" + "---|" * columns, *(row(r) for r in body), ""]
    return out


def to_markdown(doc: Document, *, section: int | None = None) -> str:
    """The whole document, or only `section` (an index in doc.sections, with the
    subsections that follow it)."""
    lines: list[str] = []
    if section is None:
        lines += [f"# {_escape(doc.title)}", ""]
        if doc.authors:
            lines += [_escape(", ".join(doc.authors)), ""]
        lines += [f"> **Note:** {_escape(w)}" for w in doc.warnings]
        if doc.warnings:
            lines.append("")
        if doc.abstract:
            lines += ["## Abstract", "", *_blocks(doc.abstract)]
    for index in section_range(doc, section):
        sec = doc.sections[index]
        lines += [f"{'#' * min(sec.level + 1, 6)} {_escape(sec.heading)}", ""]
        if sec.kind == "references":
            for ref in doc.references:
                links = [f"arXiv:{ref.arxiv_id}" if ref.arxiv_id else "",
                         f"doi:{ref.doi}" if ref.doi else ""]
                extra = " ".join(x for x in links if x)
                lines += [f"- <a id=\"{ref.key}\"></a>{_escape(ref.label)} {_escape(ref.text)}"
                          + (f" ({extra})" if extra else ""), ""]
            continue
        lines += _blocks(sec.blocks)
    notes = [f"[^{f.number}]: {inline(f.spans)}" for f in doc.footnotes]
    if notes and section is None:
        lines += [*notes, ""]
    return "\n".join(lines).rstrip() + "\n"


def section_range(doc: Document, section: int | None) -> range:
    """The sections printed for `section`: it and its subsections (all when None)."""
    if section is None:
        return range(len(doc.sections))
    level = doc.sections[section].level
    end = section + 1
    while end < len(doc.sections) and doc.sections[end].level > level:
        end += 1
    return range(section, end)
