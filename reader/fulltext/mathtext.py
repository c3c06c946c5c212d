"""A formula's LaTeX as readable Unicode, only where the reading is unambiguous.

`h_{t}` -> `hₜ`, `\\alpha\\in\\mathbb{R}` -> `α∈ℝ`, `\\frac{a}{\\sqrt{d}}` -> `a/√d`.
What pylatexenc would flatten into something misleading stays LaTeX (the caller
shows it as `$...$`): environments (matrices, aligned rows), scripts longer than
one character that have no Unicode form (`\\sum_{i=1}^{n}` would read `∑_i=1^n`),
and anything left with a backslash.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_SUPER = dict(zip("0123456789+-=()nijkT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏᵀ", strict=True))
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
                strict=True))
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}\\]*)\}|([0-9A-Za-z]))")
_REFUSE = re.compile(r"\\begin|\\\\|&|\\over\b|\\left|\\right|\\cases|\\substack")
_MACRO_SCRIPT = re.compile(r"(\\[A-Za-z]+)(?=[_^])")
_SPACE_SCRIPT = re.compile("\\s+(?=[" + "".join(_SUPER.values()) + "".join(_SUB.values()) + "])")
_SIMPLE = re.compile(r"[A-Za-z0-9 .,;:()\[\]+\-=<>/|!']*")
MAX_LATEX = 400
"""Longer formulas stay LaTeX (a reader can follow it; a flattened one is a guess)."""

_CONVERTER: Any = None


def _scripts(latex: str) -> str | None:
    """Sub- and superscripts in Unicode; None when one has no Unicode form and is
    longer than one character (the flat reading would be ambiguous)."""
    failed = False

    def one(match: re.Match[str]) -> str:
        nonlocal failed
        body = match.group(2) if match.group(2) is not None else match.group(3)
        table = _SUPER if match.group(1) == "^" else _SUB
        body = body.strip()
        if body and all(c in table for c in body):
            return "".join(table[c] for c in body)
        if len(body) == 1:
            return match.group(1) + body
        failed = True
        return match.group(0)

    out = _SCRIPT.sub(one, latex)
    if failed or "_{" in out or "^{" in out:
        return None
    return out


@lru_cache(maxsize=4096)
def math_to_unicode(latex: str) -> str:
    """The readable form of `latex`, or "" when LaTeX is the clearer reading."""
    latex = latex.strip()
    if not latex or len(latex) > MAX_LATEX or _REFUSE.search(latex):
        return ""
    scripted = _scripts(_MACRO_SCRIPT.sub(r"\1 ", latex))
    if scripted is None:
        return ""
    if _SIMPLE.fullmatch(scripted):
        return scripted
    global _CONVERTER
    try:
        if _CONVERTER is None:
            from pylatexenc.latex2text import LatexNodes2Text

            _CONVERTER = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)
        text = str(_CONVERTER.latex_to_text(scripted)).strip()
    except Exception:  # pylatexenc on malformed input: LaTeX is the honest reading
        return ""
    if not text or "\\" in text or "{" in text or "}" in text:
        return ""
    return _SPACE_SCRIPT.sub("", " ".join(text.split()))
