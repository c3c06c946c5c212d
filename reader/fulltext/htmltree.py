"""A small, safe HTML tree for reading LaTeXML pages (stdlib `html.parser`).

The parser never fetches anything, knows no DTD (so no entity expansion beyond
HTML's own named characters), and keeps no script or style text. Everything a
reader never sees is dropped while parsing, which also keeps the tree small:
scripts, styles, the page's header, navigation and footer, buttons, forms,
images' bytes, SVG, and the presentation trees inside `<math>` (only the
`alttext` attribute of a formula is kept: its LaTeX).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

# Elements dropped with everything inside them.
_SKIP = frozenset({
    "script", "style", "noscript", "template", "header", "footer", "nav",
    "button", "form", "input", "select", "textarea", "iframe", "object", "embed",
    "svg", "canvas", "audio", "video", "math",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
})
MAX_DEPTH = 200
"""Deeper nesting is flattened (a hostile page must not exhaust the stack)."""


class Node:
    """An element: tag, the attributes we read, classes, children (Nodes or text)."""

    __slots__ = ("attrs", "children", "classes", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.classes: frozenset[str] = frozenset(attrs.get("class", "").split())
        self.children: list[Node | str] = []

    def has(self, cls: str) -> bool:
        return cls in self.classes

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def iter(self) -> Iterator[Node]:
        """This node and every element below it, in document order (lazily)."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            children = node.children
            for index in range(len(children) - 1, -1, -1):
                child = children[index]
                if type(child) is Node:
                    stack.append(child)

    def find(self, cls: str, tag: str | None = None) -> Node | None:
        for node in self.iter():
            if cls in node.classes and (tag is None or node.tag == tag):
                return node
        return None

    def text(self) -> str:
        """All the text below, formulas as their LaTeX (`alttext`)."""
        parts: list[str] = []
        stack: list[Node | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            elif item.tag == "math":
                parts.append(item.attrs.get("alttext", ""))
            else:
                stack.extend(reversed(item.children))
        return "".join(parts)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.title = ""
        self._stack: list[Node] = [self.root]
        self._skip = 0
        self._skip_tag = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag == self._skip_tag and tag not in _VOID:
                self._skip += 1
            return
        if tag == "title":
            self._in_title = True
            return
        if tag in _SKIP:
            if tag == "math":  # keep the formula's LaTeX, drop its MathML
                node = Node("math", {"alttext": _attr(attrs, "alttext"),
                                     "display": _attr(attrs, "display")})
                self._stack[-1].children.append(node)
            if tag not in _VOID:
                self._skip, self._skip_tag = 1, tag
            return
        node = Node(tag, {k: v or "" for k, v in attrs if k in ("class", "id", "href")})
        self._stack[-1].children.append(node)
        if tag not in _VOID and len(self._stack) < MAX_DEPTH:
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if not self._skip and tag not in _VOID and len(self._stack) > 1 \
                and self._stack[-1].tag == tag:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip_tag:
                self._skip -= 1
            return
        if tag == "title":
            self._in_title = False
            return
        for depth in range(len(self._stack) - 1, 0, -1):  # tolerate unclosed elements
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._stack[-1].children.append(data)


def _attr(attrs: list[tuple[str, str | None]], name: str) -> str:
    for key, value in attrs:
        if key == name:
            return value or ""
    return ""


# A formula's MathML is most of a LaTeXML page's markup; the tokenizer never needs
# to see it. Cut it out before parsing (one regex pass in C), keeping the opening
# tag and its alttext; an SVG picture likewise. What the regex misses (a `<math`
# without its end), the parser still skips.
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # a quoted value may hold a `>`
_MATH = re.compile(rf"(<math\b{_TAG_BODY}>).*?</math\s*>", re.DOTALL | re.IGNORECASE)
_SVG = re.compile(rf"<svg\b{_TAG_BODY}>.*?</svg\s*>", re.DOTALL | re.IGNORECASE)


def _lighter(text: str) -> str:
    if "<math" in text or "<MATH" in text:
        text = _MATH.sub(r"\1</math>", text)
    if "<svg" in text or "<SVG" in text:
        text = _SVG.sub("", text)
    return text


def parse_html(text: str) -> tuple[Node, str]:
    """The page as a tree, and its <title>."""
    builder = _Builder()
    builder.feed(_lighter(text))
    builder.close()
    return builder.root, builder.title
