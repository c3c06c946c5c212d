"""LaTeX in titles, names and abstracts -> readable Unicode.

BibTeX values and arXiv abstracts carry LaTeX: accents (`G{\\"u}{\\c{c}}l{\\"u}`,
`Timoth\\'ee`, `{\\L}ukasz`), math (`$\\sqrt{s} = 13$ TeV`, `\\(pp\\)`), text macros
(`\\textrightarrow{}`, `\\ensuremath{\\gamma}`) and protective braces
(`{Robust} {Fact}`, `{{...}}`). pylatexenc does most of the work; this module
fixes what it gets wrong or cannot know:

- an unescaped `&` is prose, not a table column ("Plug & play"), and an
  unescaped `%` is a percent sign, not a comment that eats the rest of the line;
- URLs are protected (a `~` or `%` inside a URL stays as it is);
- `\\url{X}` -> X, `\\href{X}{Y}` -> Y (pylatexenc crashes on `\\href`),
  `\\cite{...}`/`\\ref{...}` are dropped, `\\TeX`/`\\LaTeX` keep their names;
- Paperpile's double escaping (`\\textbackslashemph\\{sets\\}`) is undone;
- simple super/subscripts in math become Unicode (`$^{3}$He` -> `³He`);
- any exception (malformed input, deep nesting) falls back to a regex cleanup.

The result never contains a LaTeX command; whitespace is not collapsed here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

_NEEDS_WORK = re.compile(r"[\\{}$~&%`]|--|''")
_URL = re.compile(r"https?://[^\s{}\\\"<>]+")
_URL_MACRO = re.compile(r"\\url\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}")
_DROP = re.compile(r"\s*\\(?:cite[tp]?|citep?\*|ref|eqref|label)\s*\{[^{}]*\}")
_UNESCAPED = re.compile(r"(?<!\\)([&%#])")
_SIMPLE_ESCAPE = re.compile(r"\\[%&_#$]")
# A tie (`M.~N.`, `e.g.~new`, `13~\\text{TeV}`) is a space; "~50%" after a space
# means "about" and stays.
_TIE = re.compile(r"(?<!\\)~(?!(?<=[\s(]~)\d)(?!(?<=^~)\d)")
_MATH = re.compile(r"\$[^$]*\$|\\\([^\\]*(?:\\(?!\))[^\\]*)*\\\)")
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}\\]*)\}|([0-9A-Za-z+\-]))")
_ARROWS = re.compile(r"\s*([→←↔⇒⇐⇔⟶])\s*")
_LEFTOVER_MACRO = re.compile(r"\\[A-Za-z@]+\*?|\\")

# Accents and special letters, done without pylatexenc (most names and titles need
# nothing else): `\\'e`, `{\\"u}`, `\\v{c}`, `{\\v c}`, `\\'{\\i}`, `{\\L}ukasz`, `\\ss`.
_COMBINING = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
              "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
              "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331"}
_BASE = r"(\\[ij](?![A-Za-z])|[A-Za-z])"
_SYMBOL_ACCENT = re.compile(rf"""\\(['`^"~=.])\s*(?:\{{\s*{_BASE}\s*\}}|{_BASE})""")
_LETTER_ACCENT = re.compile(rf"\\([uvHckrdb])(?:\s*\{{\s*{_BASE}\s*\}}|\s+{_BASE}(?![A-Za-z]))")
_LETTERS = {"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
            "L": "Ł", "l": "ł", "O": "Ø", "o": "ø", "i": "ı", "j": "ȷ"}
_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|[LlOoij])(?![A-Za-z])(?:\{\}| ?)")


def _accent(match: re.Match[str]) -> str:
    base = match.group(2) or match.group(3)
    if base.startswith("\\"):
        base = base[1]  # dotless i/j take the accent as plain i/j
    return unicodedata.normalize("NFC", base + _COMBINING[match.group(1)])


def _accents(text: str) -> str:
    text = _SYMBOL_ACCENT.sub(_accent, text)
    text = _LETTER_ACCENT.sub(_accent, text)
    return _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)


_SUPER = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", strict=True))
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
                strict=True))

_CONVERTER: Any = None
_CONTEXT: Any = None


def _pylatexenc(text: str) -> str:
    """pylatexenc's conversion, with its context database built once, not per call
    (building it is most of the cost of a short string)."""
    global _CONVERTER, _CONTEXT
    if _CONVERTER is None:
        _CONVERTER = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
        _CONTEXT = get_default_latex_context_db()
    nodes = LatexWalker(text, latex_context=_CONTEXT, tolerant_parsing=True).get_latex_nodes()[0]
    return str(_CONVERTER.nodelist_to_text(nodes))


def _script(match: re.Match[str]) -> str:
    """`^{3}` -> `³` and `_{ij}` -> `ᵢⱼ` when every character has a Unicode form."""
    kind, body = match.group(1), match.group(2) if match.group(2) is not None else match.group(3)
    table = _SUPER if kind == "^" else _SUB
    if body and all(c in table for c in body):
        return "".join(table[c] for c in body)
    return match.group(0)


def _math_scripts(math: re.Match[str]) -> str:
    return _SCRIPT.sub(_script, math.group(0))


def _undo_double_escape(text: str) -> str:
    """Paperpile writes `\\emph{x}` as `\\textbackslashemph\\{x\\}`: restore the LaTeX."""
    text = re.sub(r"\{\\textbackslash\}|\\textbackslash(?:\{\}|\s)?", lambda _m: "\\", text)
    return text.replace("\\{", "{").replace("\\}", "}")


def _prepare(text: str) -> str:
    text = _DROP.sub("", text)
    text = text.replace("\\LaTeX", "LaTeX").replace("\\TeX", "TeX")
    text = _UNESCAPED.sub(r"\\\1", text)
    text = _TIE.sub(" ", text).replace("~", "\\textasciitilde{}")
    if "^" in text or "_" in text:
        text = _MATH.sub(_math_scripts, text)
    return text


def _fallback(text: str) -> str:
    """What is left when pylatexenc fails: drop commands, braces and `$`."""
    text = _LEFTOVER_MACRO.sub("", text)
    return re.sub(r"[{}$]", "", text)


def _quick(text: str) -> str | None:
    """The common case without pylatexenc (its parser is the slow path): only braces,
    ties, dashes, quotes and escaped specials. None when the text holds any other LaTeX."""
    if "\\" in text:
        bare = _SIMPLE_ESCAPE.sub("", text)
        if "\\" in bare or "$" in bare:
            return None
    elif "$" in text:
        return None
    text = _TIE.sub(" ", text.replace("{", "").replace("}", ""))
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    text = text.replace("``", "\u201c").replace("''", "\u201d")
    if "\\" in text:
        text = _SIMPLE_ESCAPE.sub(lambda m: m.group(0)[1], text)
    return text


def _slow(text: str) -> str:
    """pylatexenc on what `_quick` cannot do, with our fixes before and after."""
    text = _prepare(text)
    try:
        out = _pylatexenc(text)
    except Exception:  # pylatexenc raises IndexError, RecursionError, ... on odd input
        out = _fallback(text)
    out = out.replace("\xa0", " ")
    if "\\" in out:
        out = _LEFTOVER_MACRO.sub("", out)
    if any(a in out for a in "→←↔⇒⇐⇔⟶"):
        out = _ARROWS.sub(r" \1 ", out)
    return out


@lru_cache(maxsize=8192)
def _convert(text: str) -> str:
    if "\\" in text:
        text = _accents(text)
    quick = _quick(text)
    if quick is not None:
        return quick
    spans = [m.span() for m in _MATH.finditer(text)]
    if not spans or spans == [(0, len(text))]:
        return _slow(text)
    # Text with inline math: only the math (and text pieces that need it) goes
    # through pylatexenc, which is slow on long strings.
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out += [_convert(text[pos:start]) if start > pos else "", _slow(text[start:end])]
        pos = end
    out.append(_convert(text[pos:]) if pos < len(text) else "")
    return "".join(out)


_SENTENCE_END = re.compile(r"((?<=[.!?;:])\s+)")


def _balanced(text: str) -> bool:
    """No brace group, `$...$` or `\\(...\\)` left open."""
    return (text.count("{") - text.count("\\{") == text.count("}") - text.count("\\}")
            and (text.count("$") - text.count("\\$")) % 2 == 0
            and text.count("\\(") == text.count("\\)"))


def _convert_sentences(text: str) -> str:
    """Convert a long text sentence by sentence: pylatexenc then only sees the few
    sentences that hold LaTeX (an abstract with one `$k$` stays fast)."""
    if len(text) < 160:
        return _convert(text)
    parts = _SENTENCE_END.split(text)
    out: list[str] = []
    buffer = ""
    for index in range(0, len(parts), 2):
        buffer += parts[index]
        separator = parts[index + 1] if index + 1 < len(parts) else ""
        if _balanced(buffer):
            out += [_convert(buffer), separator]
            buffer = ""
        else:
            buffer += separator
    if buffer:
        out.append(_convert(buffer))
    return "".join(out)


def latex_to_text(text: str) -> str:
    """Readable Unicode for a LaTeX fragment; URLs inside it are kept verbatim."""
    if not _NEEDS_WORK.search(text):
        return text
    if "\\textbackslash" in text:
        text = _undo_double_escape(text)
    text = _HREF.sub(r"\1", _URL_MACRO.sub(r"\1", text))
    pieces: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        pieces.append(_convert_sentences(text[pos:match.start()]) if match.start() > pos else "")
        pieces.append(match.group(0))
        pos = match.end()
    pieces.append(_convert_sentences(text[pos:]) if pos < len(text) else "")
    return "".join(pieces)


def strip_braces(text: str) -> str:
    """Remove BibTeX protective braces (all levels), keeping what is inside."""
    return text.replace("{", "").replace("}", "")


__all__ = ["latex_to_text", "strip_braces"]
