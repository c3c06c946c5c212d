"""A generated 40-page paper in arXiv's LaTeXML HTML shape, for the full-text bench.

About 150 KB of text in ~250 paragraphs over 8 sections of 3 subsections, 60
numbered display equations, 10 tables, 12 figures, ~400 inline formulas, 40
footnotes and 80 references, with the MathML trees, table of contents, banner,
scripts and footer a real page carries (so the parser skips what it must skip).
"""

from __future__ import annotations

import random

_TEXT = ("model bottleneck concept sparse attention layer representation training data "
         "accuracy readable network feature signal gradient loss robust we show that the "
         "of a in to is for with on by as an are this from which our these results method "
         "approach baseline evaluate benchmark")
WORDS = tuple(_TEXT.split(" "))


def _mathml(latex: str, rnd: random.Random) -> str:
    leaves = "".join(f"<mi>{rnd.choice('xyzabkn')}</mi><mo>+</mo>" for _ in range(6))
    return (f'<math alttext="{latex}" class="ltx_Math" display="inline"><semantics>'
            f"<mrow>{leaves}<msub><mi>h</mi><mi>t</mi></msub></mrow>"
            '<annotation-xml encoding="MathML-Content"><apply><plus/><ci>x</ci><ci>y</ci>'
            f'</apply></annotation-xml><annotation encoding="application/x-tex">{latex}'
            "</annotation></semantics></math>")


def _sentence(rnd: random.Random) -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(10, 22))]
    return " ".join(words).capitalize() + "."


INLINE = ["h_{t}", "x", "k", r"\alpha", r"d_{k}", r"W^{Q}_{i}", r"\mathcal{O}(n^{2}\cdot d)",
          r"\mathbb{R}^{d\times n}", r"\sum_{i=1}^{n}x_{i}", "n"]


def generate(seed: int = 7) -> str:
    rnd = random.Random(seed)
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>',
           "<title>A Generated Paper | arXiv</title>",
           "<style>.x{color:red}</style>" * 3,
           '<script src="https://example.org/a.js"></script><script>var a=1;</script>',
           "</head><body>",
           '<header class="mob_header"><a href="https://arxiv.org/">arXiv</a></header>',
           '<div class="package-alerts ltx_document" role="status"><p>HTML conversions '
           "sometimes display errors.</p></div>",
           '<nav class="ltx_page_navbar"><nav class="ltx_TOC"><ol class="ltx_toclist">']
    out += [f'<li class="ltx_tocentry"><a class="ltx_ref" href="#S{s}">{s} Section</a></li>'
            for s in range(1, 9)]
    out.append('</ol></nav></nav><div class="ltx_page_main"><div class="ltx_page_content">'
               '<article class="ltx_document">'
               '<h1 class="ltx_title ltx_title_document">A Generated Paper of Forty Pages</h1>'
               '<div class="ltx_authors"><span class="ltx_creator ltx_role_author">'
               '<span class="ltx_personname">Ada Lovelace<br class="ltx_break"/>Somewhere'
               '</span></span></div><div class="ltx_abstract"><h6 class="ltx_title">Abstract'
               f'</h6><p class="ltx_p">{" ".join(_sentence(rnd) for _ in range(8))}</p></div>')
    counters = {"eq": 0, "table": 0, "figure": 0, "note": 0, "inline": 0}
    paragraph = 0
    for s in range(1, 9):
        out.append(f'<section class="ltx_section" id="S{s}"><h2 class="ltx_title '
                   f'ltx_title_section"><span class="ltx_tag ltx_tag_section">{s} </span>'
                   f"Section number {s}</h2>")
        for ss in range(1, 4):
            out.append(f'<section class="ltx_subsection" id="S{s}.SS{ss}"><h3 class="ltx_title'
                       f' ltx_title_subsection"><span class="ltx_tag ltx_tag_subsection">'
                       f"{s}.{ss} </span>Part {ss} of section {s}</h3>")
            for _ in range(10):
                paragraph += 1
                parts = []
                for n in range(5):
                    parts.append(_sentence(rnd))
                    if n % 2 == 0 and counters["inline"] < 400:
                        counters["inline"] += 1
                        parts.append(_mathml(rnd.choice(INLINE), rnd))
                    if n == 3:
                        key = rnd.randint(1, 80)
                        parts.append(f'<cite class="ltx_cite">[<a class="ltx_ref" '
                                     f'href="#bib.bib{key}">{key}</a>]</cite>')
                if paragraph % 6 == 0 and counters["note"] < 40:
                    counters["note"] += 1
                    k = counters["note"]
                    parts.append(f'<span class="ltx_note ltx_role_footnote"><sup class="'
                                 f'ltx_note_mark">{k}</sup><span class="ltx_note_outer"><span '
                                 f'class="ltx_note_content"><sup class="ltx_note_mark">{k}'
                                 f"</sup>{_sentence(rnd)}</span></span></span>")
                out.append(f'<div class="ltx_para"><p class="ltx_p">{" ".join(parts)}</p>')
                if paragraph % 4 == 0 and counters["eq"] < 60:
                    counters["eq"] += 1
                    e = counters["eq"]
                    out.append(f'<table class="ltx_equation ltx_eqn_table" id="E{e}"><tbody>'
                               '<tr class="ltx_equation ltx_eqn_row"><td class="ltx_eqn_cell">'
                               + _mathml(r"\mathcal{L}_{E}=\sum_{i=1}^{n}\frac{x_{i}}{E}"
                                         .replace("E", str(e)), rnd)
                               + '</td><td class="ltx_eqn_cell ltx_eqn_eqno"><span class="'
                               f'ltx_tag ltx_tag_equation">({e})</span></td></tr></tbody>'
                               "</table>")
                out.append("</div>")
                if paragraph % 24 == 0 and counters["table"] < 10:
                    counters["table"] += 1
                    t = counters["table"]
                    rows = "".join(
                        '<tr class="ltx_tr">' + "".join(
                            f'<td class="ltx_td">{rnd.randint(10, 99)}.{rnd.randint(0, 9)}</td>'
                            for _ in range(5)) + "</tr>" for _ in range(8))
                    out.append(f'<figure class="ltx_table" id="T{t}"><figcaption class="'
                               f'ltx_caption"><span class="ltx_tag ltx_tag_table">Table {t}: '
                               f"</span>{_sentence(rnd)}</figcaption><table class=\"ltx_tabular"
                               '"><thead><tr class="ltx_tr">' + "".join(
                                   f'<th class="ltx_td ltx_th">Col {c}</th>' for c in range(5))
                               + f"</tr></thead><tbody>{rows}</tbody></table></figure>")
                if paragraph % 20 == 0 and counters["figure"] < 12:
                    counters["figure"] += 1
                    f = counters["figure"]
                    out.append(f'<figure class="ltx_figure"><img src="x{f}.png" alt="Refer to '
                               'caption"/><figcaption class="ltx_caption"><span class="ltx_tag '
                               f'ltx_tag_figure">Figure {f}: </span>{_sentence(rnd)}'
                               "</figcaption></figure>")
            out.append("</section>")
        out.append("</section>")
    out.append('<section class="ltx_bibliography" id="bib"><h2 class="ltx_title">References'
               '</h2><ul class="ltx_biblist">')
    for r in range(1, 81):
        ident = (f'<a class="ltx_ref" href="https://arxiv.org/abs/2{r:03d}.0{r:04d}">'
                 f"arXiv:2{r:03d}.0{r:04d}</a>" if r % 2 else f"doi:10.1000/ref.{r}")
        out.append(f'<li class="ltx_bibitem" id="bib.bib{r}"><span class="ltx_tag '
                   f'ltx_tag_bibitem">[{r}]</span><span class="ltx_bibblock">Author {r} and '
                   f'Other Author.</span><span class="ltx_bibblock">{_sentence(rnd)}</span>'
                   f'<span class="ltx_bibblock">In <em>Venue</em>, 2023. {ident}</span></li>')
    out.append('</ul></section></article></div><footer class="ltx_page_footer">Generated by '
               "LaTeXML</footer></div></body></html>")
    return "\n".join(out)
