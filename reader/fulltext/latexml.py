"""arXiv's HTML full text (LaTeXML output) -> a `Document`.

Only the `article.ltx_document` is read: the page around it (arXiv's header,
the table of contents, the conversion-warning banner, which also carries the
`ltx_document` class, the footer) is left out. Sections come from
`section.ltx_section`/`ltx_subsection`/... with their printed numbers; blocks
from `ltx_para`, equations (`ltx_equation`, `ltx_equationgroup`), figures and
tables (`figure.ltx_figure`, `figure.ltx_table`, `table.ltx_tabular`), lists,
theorems and proofs; references from `ltx_bibliography`.
"""

from __future__ import annotations

from reader.fulltext.document import (
    Block,
    Document,
    Figure,
    ListBlock,
    Paragraph,
    Section,
    SectionKind,
    Span,
    Theorem,
)
from reader.fulltext.errors import HtmlUnavailable
from reader.fulltext.htmltree import Node, parse_html
from reader.fulltext.inline import Notes, plain, plain_label, spans
from reader.fulltext.latexml_blocks import code, equation, table
from reader.fulltext.references import read_bibliography
from reader.text import clean_line

UNAVAILABLE = ("HTML is not available for the source", "No HTML for")
FATAL = "Conversion to HTML had a Fatal error"
FATAL_WARNING = ("arXiv's conversion of this paper to HTML stopped with a fatal error: "
                 "the text may be truncated or damaged (O opens the PDF).")

_LEVELS: dict[str, tuple[int, SectionKind]] = {
    "ltx_chapter": (1, "section"), "ltx_section": (1, "section"),
    "ltx_subsection": (2, "section"), "ltx_subsubsection": (3, "section"),
    "ltx_paragraph": (4, "section"), "ltx_subparagraph": (4, "section"),
    "ltx_appendix": (1, "appendix"), "ltx_bibliography": (1, "references"),
    "ltx_acknowledgements": (1, "acknowledgements"),
}
_BLOCKISH = frozenset({"p", "div", "section", "figure", "table", "ul", "ol", "dl", "pre",
                       "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt"})


def read_latexml(html: str) -> Document:
    """The document of a LaTeXML page; HtmlUnavailable for arXiv's "no HTML" page or a
    page without a LaTeXML document."""
    root, page_title = parse_html(html)
    article = _article(root)
    if article is None:
        if any(marker in html for marker in UNAVAILABLE):
            raise HtmlUnavailable("arXiv has no HTML for this paper")
        raise HtmlUnavailable("the page holds no LaTeXML document")
    return _Reader().document(article, page_title, fatal=FATAL in html)


def _article(root: Node) -> Node | None:
    fallback: Node | None = None
    for node in root.iter():
        if "ltx_document" in node.classes and "package-alerts" not in node.classes:
            if node.tag == "article":
                return node
            fallback = fallback or node
    return fallback


def _section_kind(node: Node) -> tuple[int, SectionKind] | None:
    for cls in node.classes:
        if cls in _LEVELS:
            return _LEVELS[cls]
    return None


class _Reader:
    def __init__(self) -> None:
        self.notes = Notes()
        self.sections: list[Section] = []

    def document(self, article: Node, page_title: str, *, fatal: bool) -> Document:
        title_node = article.find("ltx_title_document")
        title = plain(title_node) if title_node is not None else clean_line(page_title)
        authors = _authors(article)
        abstract_node = article.find("ltx_abstract")
        abstract = self.blocks(abstract_node) if abstract_node is not None else []
        references = []
        loose: list[Block] = []
        for child in article.elements():
            if child is title_node or child is abstract_node or child.has("ltx_authors") \
                    or child.has("ltx_dates") or child.has("ltx_ERROR"):
                continue
            if _section_kind(child) is not None:
                if child.has("ltx_bibliography"):
                    references = read_bibliography(child)
                self.section(child)
            elif child.has("ltx_pagination") or child.tag in ("h1", "h2"):
                continue
            else:
                loose.extend(self.blocks_of(child))
        if loose:
            self.sections.insert(0, Section("", "Beginning", 1, blocks=loose))
        doc = Document(title=title or "(untitled)", authors=authors, abstract=abstract,
                       sections=self.sections, footnotes=self.notes.footnotes,
                       references=references, source="html")
        if fatal:
            doc.warnings.append(FATAL_WARNING)
        return doc

    # sections --------------------------------------------------------------------
    def section(self, node: Node) -> None:
        level, kind = _section_kind(node) or (1, "section")
        heading = next((c for c in node.elements() if c.has("ltx_title")), None)
        number, title = _heading(heading)
        if kind == "references":
            title = title or "References"
        section = Section(number, title or "(untitled)", level, node.attrs.get("id", ""), kind)
        self.sections.append(section)
        if kind == "references":
            return
        self._fill(section, node, heading)

    def _fill(self, section: Section, node: Node, heading: Node | None) -> None:
        """The section's blocks; a subsection becomes the next section of the list, and
        text after it goes to the latest one (the reading order is kept)."""
        target = section
        pending: list[Node | str] = []
        for child in node.children:
            if child is heading:
                continue
            if isinstance(child, str) or (child.tag not in _BLOCKISH
                                          and not child.has("ltx_para")):
                pending.append(child)
                continue
            self._flush(pending, target.blocks)
            if _section_kind(child) is not None:
                self.section(child)
                target = self.sections[-1]
            else:
                target.blocks.extend(self.blocks_of(child))
        self._flush(pending, target.blocks)

    # blocks --------------------------------------------------------------------------
    def blocks(self, node: Node) -> list[Block]:
        out: list[Block] = []
        pending: list[Node | str] = []
        for child in node.children:
            if isinstance(child, Node) and child.has("ltx_tag"):
                continue  # a list item's or a theorem's printed label
            if isinstance(child, str) or (child.tag not in _BLOCKISH
                                          and not child.has("ltx_para")):
                pending.append(child)
                continue
            self._flush(pending, out)
            out.extend(self.blocks_of(child))
        self._flush(pending, out)
        return out

    def _flush(self, pending: list[Node | str], out: list[Block]) -> None:
        if pending:
            holder = Node("span", {})
            holder.children = list(pending)
            pending.clear()
            found = spans(holder, self.notes)
            if found:
                out.append(Paragraph(found))

    def blocks_of(self, node: Node) -> list[Block]:
        """The blocks one element makes (none for page furniture)."""
        tag, classes = node.tag, node.classes
        if "ltx_ERROR" in classes or "ltx_title" in classes or "ltx_tag" in classes:
            return []
        if tag == "p":
            found = spans(node, self.notes)
            return [Paragraph(found)] if found else []
        if tag == "table" and ({"ltx_equation", "ltx_equationgroup", "ltx_eqn_table"}
                               & classes):
            return [equation(node)]
        if tag == "figure":
            return self._figure(node)
        if tag == "table" or "ltx_tabular" in classes:
            return [table(node, "", [])]
        if tag in ("ul", "ol", "dl"):
            return [self._list(node)]
        if {"ltx_theorem", "ltx_proof"} & classes:
            title = next((c for c in node.elements() if c.has("ltx_title")), None)
            label = plain(title) if title is not None else ""
            return [Theorem(label, self.blocks(node))]
        if tag == "pre" or "ltx_listing" in classes or "ltx_verbatim" in classes:
            return code(node)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            found = spans(node, self.notes)
            return [Paragraph(found)] if found else []
        return self.blocks(node)

    def _figure(self, node: Node) -> list[Block]:
        caption_node = next((c for c in node.elements() if c.tag == "figcaption"), None)
        label, caption = self._caption(caption_node)
        tabulars = [t for t in node.iter() if t.has("ltx_tabular")]
        if tabulars:
            first = table(tabulars[0], label, caption)
            return [first, *(table(t, "", []) for t in tabulars[1:])]
        listing = next((n for n in node.iter() if n.has("ltx_listing")), None)  # algorithms
        return [Figure(label, caption), *(code(listing) if listing is not None else [])]

    def _caption(self, node: Node | None) -> tuple[str, list[Span]]:
        if node is None:
            return "", []
        tag = node.find("ltx_tag")
        label = plain_label(tag).rstrip(": ").strip() if tag is not None else ""
        without = Node("figcaption", {})
        without.children = [c for c in node.children if c is not tag]
        return label, spans(without, self.notes)

    def _list(self, node: Node) -> ListBlock:
        ordered = node.tag == "ol"
        items: list[tuple[str, list[Block]]] = []
        for number, item in enumerate((c for c in node.elements() if c.tag in ("li", "dt",
                                                                              "dd")), 1):
            tag = next((c for c in item.elements() if c.has("ltx_tag")), None)
            marker = plain_label(tag) if tag is not None else ""
            if not marker:
                marker = f"{number}." if ordered else "•"
            items.append((marker, self.blocks(item)))
        return ListBlock(ordered, items)


def _heading(node: Node | None) -> tuple[str, str]:
    if node is None:
        return "", ""
    tag = node.find("ltx_tag")
    number = plain_label(tag) if tag is not None else ""
    for prefix in ("Appendix ", "Chapter "):
        number = number.removeprefix(prefix)
    rest = Node("h", {})
    rest.children = [c for c in node.children if c is not tag]
    return number.rstrip("."), plain(rest).rstrip(".").strip()


def _authors(article: Node) -> list[str]:
    box = article.find("ltx_authors")
    if box is None:
        return []
    names: list[str] = []
    for creator in box.iter():
        if not creator.has("ltx_creator"):
            continue
        person = creator.find("ltx_personname") or creator
        first: list[Node | str] = []
        for child in person.children:  # the name is the first line; affiliations follow
            if isinstance(child, Node) and (child.tag == "br" or child.has("ltx_note")):
                break
            first.append(child)
        holder = Node("span", {})
        holder.children = first
        line = plain(holder).strip(" ,")
        names.extend(n.strip() for n in line.replace(" and ", ",").split(",") if n.strip())
    return names
