"""arXiv categories from Atom: primary first, then the others in arXiv's order; MSC and
ACM classes and the categories of non-arXiv feeds are not arXiv categories."""

from __future__ import annotations

from pathlib import Path

from reader.parsing import parse_file
from reader.parsing.atom import ArxivAtomParser

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
<entry><id>http://arxiv.org/abs/2401.00001v2</id><title>Cats first</title>
 <published>2024-01-01T00:00:00Z</published>
 <category term="cs.AI" scheme="http://arxiv.org/schemas/atom"/>
 <category term="stat.ML" scheme="http://arxiv.org/schemas/atom"/>
 <category term="05E99 (Primary), 05E05" scheme="http://arxiv.org/schemas/atom"/>
 <category term="I.2.6; I.5.1" scheme="http://arxiv.org/schemas/atom"/>
 <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
 <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
</entry>
<entry><id>http://arxiv.org/abs/hep-th/9901001v1</id><title>New dialect, no scheme</title>
 <category term="hep-th"/><arxiv:primary_category term="hep-th"/>
 <category term="gr-qc"/>
</entry>
<entry><id>http://arxiv.org/abs/2401.00003v1</id><title>No categories at all</title></entry>
</feed>
"""

BLOG = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<entry><id>tag:blog.example,2024:1</id><title>A blog post</title>
 <category term="python"/><category term="ml" scheme="https://blog.example/tags"/>
</entry>
</feed>
"""


def test_primary_first_then_the_others_without_msc_or_acm_classes() -> None:
    papers = {p.title: p for p in ArxivAtomParser().parse(FEED, "feed.atom").papers}
    assert papers["Cats first"].categories == ["cs.LG", "cs.AI", "stat.ML"]
    assert papers["New dialect, no scheme"].categories == ["hep-th", "gr-qc"]
    assert papers["No categories at all"].categories == []


def test_a_feed_that_is_not_arxiv_gives_no_categories() -> None:
    (post,) = ArxivAtomParser().parse(BLOG, "blog.atom").papers
    assert post.categories == []


def test_real_responses_carry_their_categories(corpus: Path) -> None:
    found = {}
    for name in ("arxiv_api_id_list_1111.2011v2.xml",
                 "arxiv_api_new_format_2026_transformer_cs.LG.xml",
                 "arxiv_api_search_au_del_maestro.xml",
                 "arxiv_api_search_deep_dream_page0.atom"):
        papers = parse_file(corpus / "atom" / name).papers
        assert all(p.categories for p in papers), name  # every arXiv entry has some
        found.update({p.arxiv_id: p.categories for p in papers})
    assert found["1111.2011"] == ["cond-mat.str-el", "cond-mat.stat-mech"]  # old dialect
    assert found["2606.13677"] == ["cs.RO", "cs.AI", "cs.CV", "cs.LG"]  # 2026 dialect
    assert found["cond-mat/0412498"][0] == "cond-mat.str-el"
    assert found["0706.3031"] == ["math.CO"]  # its MSC codes (05E99 ...) dropped
