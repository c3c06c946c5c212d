"""Safe XML for the arXiv Atom and RSS parsers: defusedxml, one-line errors.

Entity-expansion bombs, external entities and DTD tricks are refused
(defusedxml), malformed XML is reported with its line and column. Elements are
found by namespace URI, never by prefix (the 2016 arXiv API declares
`xmlns:arxiv` on every element, the 2026 one once on the root).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types and errors only; parsing uses defusedxml
from collections.abc import Iterator

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from reader.errors import ParseError
from reader.text import clean_line

ATOM = "http://www.w3.org/2005/Atom"
ARXIV = "http://arxiv.org/schemas/atom"
DC = "http://purl.org/dc/elements/1.1/"
RSS1 = "http://purl.org/rss/1.0/"


def parse_xml(text: str, source_name: str) -> ET.Element:
    """The root element, or ParseError (unsafe constructs, malformed XML)."""
    body = text.lstrip("\ufeff \t\r\n")
    skipped = text[:len(text) - len(body)].count("\n")
    try:
        root: ET.Element = SafeET.fromstring(body)
        return root
    except DefusedXmlException as exc:
        raise ParseError(f"unsafe XML refused ({type(exc).__name__}: entity declarations and "
                         "external references are not allowed)", path=source_name) from None
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (None, 0))
        reason = str(exc).split(":")[0]
        raise ParseError(f"malformed XML (column {column + 1}): {reason}", path=source_name,
                         line=line + skipped if line is not None else None) from None
    except (ValueError, RecursionError, UnicodeError) as exc:
        raise ParseError(f"malformed XML ({type(exc).__name__})", path=source_name) from None


def local(tag: object) -> str:
    """`{ns}name` -> `name` (comments and processing instructions give '')."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: object) -> str:
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    return tag[1:].split("}", 1)[0]


def children(elem: ET.Element, ns: str | None, name: str) -> Iterator[ET.Element]:
    """Direct children called `name` in namespace `ns` (None: any namespace)."""
    for child in elem:
        if local(child.tag) == name and (ns is None or namespace(child.tag) == ns):
            yield child


def text_of(elem: ET.Element, ns: str | None, name: str) -> str:
    """The raw text of the first such child ('' if absent)."""
    for child in children(elem, ns, name):
        return "".join(child.itertext())
    return ""


def line_of(elem: ET.Element, ns: str | None, name: str) -> str:
    """The text of the first such child as one clean line."""
    return clean_line(text_of(elem, ns, name))


__all__ = ["ARXIV", "ATOM", "DC", "RSS1", "children", "line_of", "local", "namespace",
           "parse_xml", "text_of"]
