"""highlight_spans: what the detail pane lights up for a query."""

from __future__ import annotations

from reader.search import highlight_spans, parse_query


def marked(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in highlight_spans(text, query)]


def test_whole_words_light_up_for_a_prefix() -> None:
    text = "Bottlenecks everywhere: the information bottleneck, not bottles."
    assert marked(text, "bottleneck") == ["Bottlenecks", "bottleneck"]
    assert marked(text, "bott") == ["Bottlenecks", "bottleneck", "bottles"]


def test_phrases_light_up_from_first_to_last_word() -> None:
    text = "The KV-cache grows; a kv  cache bottleneck."
    assert marked(text, '"kv cache"') == ["KV-cache", "kv  cache"]
    assert marked(text, "kv-cache") == ["KV-cache", "kv  cache"]


def test_offsets_are_in_the_original_text_despite_accents_and_folding() -> None:
    text = "Straße der Schrödinger-Brücke, ﬁne tuning"
    assert marked(text, "schrodinger brucke") == ["Schrödinger", "Brücke"]
    assert marked(text, "strasse") == ["Straße"]
    assert marked(text, "fine") == ["ﬁne"]
    assert marked(text, '"schrodinger bru') == ["Schrödinger-Brücke"]


def test_excluded_words_and_filters_are_not_highlighted() -> None:
    text = "A survey of bottleneck layers, tagged ml."
    assert marked(text, "bottleneck -survey tag:ml status:read") == ["bottleneck"]
    assert highlight_spans(text, "") == []
    assert highlight_spans("", "bottleneck") == []


def test_spans_are_sorted_and_do_not_overlap() -> None:
    text = "deep deep learning"
    spans = highlight_spans(text, parse_query('deep "deep learning" learn'))
    assert spans == [(0, 4), (5, 18)]
