"""LaTeX in titles, names and abstracts becomes readable Unicode (reader.parsing.latex)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.parsing.latex import latex_to_text
from reader.text import clean_line


def show(text: str) -> str:
    return clean_line(latex_to_text(text))


@pytest.mark.parametrize(("source", "expected"), [
    # accents: braced, unbraced, dotless i, Polish L, Hungarian umlaut
    (r'G{\"u}{\c{c}}l{\"u}', "Güçlü"),
    (r"Timoth\'ee Pascal", "Timothée Pascal"),
    (r"Be\v{c}irevi\'c", "Bečirević"),
    (r"Brychc{\'\i}n, Tom{\'a}{\v{s}}", "Brychcín, Tomáš"),
    (r"Cano Rodr{\'{\i}}guez", "Cano Rodríguez"),
    (r"{\L}ukasz", "Łukasz"),
    (r"Sip{\H o}cz", "Sipőcz"),
    (r"{\v Z}eljko", "Željko"),
    ("Mané and Kärkkäinen", "Mané and Kärkkäinen"),
    (r"Pe\~na, Stra\ss e, {\o}re, {\aa}ngstr{\"o}m, \c{S}en", "Peña, Straße, øre, ångström, Şen"),
    # accent-like commands that are not accents stay what they are
    (r"as \cite{x} shows $\log n$ and ${a \over b}$", "as shows log n and a b"),
    (r"{\it Vol.} \d{x} and \b{y}", "Vol. x̣ and y̱"),
    # protective braces of every style
    (r"Get {Your} {Vitamin} {C}! {Robust} {Fact}", "Get Your Vitamin C! Robust Fact"),
    (r"{{SciTaiL}}", "SciTaiL"),
    # math from real INSPIRE titles
    (r"Light New Physics in $B\to K^{(*)}\nu\bar\nu$?", "Light New Physics in B → K^(*)νν̅?"),
    (r"Evidence for $B^{+}\to K^{+}\nu\bar{\nu}$ Decays", "Evidence for B⁺ → K⁺νν̅ Decays"),
    (r"at $\sqrt{s} = 13$ TeV", "at √(s) = 13 TeV"),
    (r"in \(\sqrt{s} = 13\,\text{TeV}\) \(pp\) collisions", "in √(s) = 13 TeV pp collisions"),
    (r"Hadronic Mono-$W'$ Probes", "Hadronic Mono-W' Probes"),
    (r"B+\textrightarrow{}K+\ensuremath{\nu}", "B+ → K+ν"),
    (r"$\delta$-function and $^{3}$He", "δ-function and ³He"),
    # prose specials: & and % are text, ties are spaces, escapes resolve
    ("Plug & play generative networks", "Plug & play generative networks"),
    (r"Plug \& play, 10\% better", "Plug & play, 10% better"),
    ("improves 50% of cases", "improves 50% of cases"),
    (r"P.~F.~L. Maxted", "P. F. L. Maxted"),
    (r"e.g.~new images, Fig.~3, 13~\text{TeV}", "e.g. new images, Fig. 3, 13 TeV"),
    ("up to ~50% faster (~3x)", "up to ~50% faster (~3x)"),
    (r"up to ~50% faster with $\alpha$", "up to ~50% faster with α"),
    (r"``hand-engineering'' and infancy--remains", "“hand-engineering” and infancy–remains"),
    # Paperpile double escaping, citations and links
    (r"tasks defined on \textbackslashemph\{sets\}. See \textbackslashcite\{a\}.",
     "tasks defined on sets. See."),
    (r"d\textbackslashtextquotesingle Alch{\'e}-Buc", "d'Alché-Buc"),
    (r"{\textbackslash}textit\{Transformers\} is", "Transformers is"),
    (r"code at \url{https://github.com/a/b_c}.", "code at https://github.com/a/b_c."),
    (r"see \href{https://a.org}{our page}", "see our page"),
    (r"the \LaTeX{} way", "the LaTeX way"),
])
def test_readable_unicode(source: str, expected: str) -> None:
    assert show(source) == expected


def test_urls_inside_text_are_left_alone() -> None:
    text = r"Data at https://x.org/~user/a%20b_c?q=1&r=2 and $\alpha$."
    assert show(text) == "Data at https://x.org/~user/a%20b_c?q=1&r=2 and α."


def test_undefined_macros_vanish_rather_than_leak() -> None:
    assert show(r"\mnras") == ""
    assert show(r"\foo{kept} text") == "kept text"


def test_deep_nesting_and_broken_groups_do_not_crash() -> None:
    assert show("{" * 5000 + "x" + "}" * 5000) == "x"
    assert show(r"unclosed {brace and \href{") == "unclosed brace and"
    assert show("\\") == ""


_PIECES = [*"ab {}\\$^_~&%#'`-", "\\'", '\\"', "\\v ", "\\L", "\\href{", "\\url{", "http://x.y/"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_any_fragment_gives_text_without_latex_commands(text: str) -> None:
    out = latex_to_text(text)
    assert isinstance(out, str)
    assert not re.search(r"\\[A-Za-z]", out)
