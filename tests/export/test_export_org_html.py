"""Org headings and the HTML page: structure right, user text inert and intact."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from export_fixtures import HOSTILE_NOTE, HOSTILE_TITLE, NOW, TO_READ_ORDER, entry

from reader.export import EXPORTERS, select_entries
from reader.export.org import ZWSP
from reader.model import Entry, Status

# --- Org ------------------------------------------------------------------------------


def test_org_headings_with_todo_keywords_in_order(entries: list[Entry]) -> None:
    out = EXPORTERS["org"].dump(select_entries(entries, all_=True), NOW)
    assert "#+TODO: NEW TODO READING | DONE SKIPPED" in out
    assert "#+DATE: [2026-11-28 Sat]" in out
    keywords = dict(zip(re.findall(r"^  :ID: (.*)$", out, flags=re.M),
                        re.findall(r"^\* (\w+) ", out, flags=re.M), strict=True))
    expected = {Status.NEW: "NEW", Status.TO_READ: "TODO", Status.READING: "READING",
                Status.READ: "DONE", Status.SKIPPED: "SKIPPED"}
    assert keywords == {e.paper.id: expected[e.state.status] for e in entries}
    queue = EXPORTERS["org"].dump(select_entries(entries), NOW)
    assert re.findall(r"^  :ID: (.*)$", queue, flags=re.M) == TO_READ_ORDER


def test_org_note_cannot_create_headings_or_end_its_block(entries: list[Entry]) -> None:
    out = EXPORTERS["org"].dump(select_entries(entries), NOW)
    assert len(re.findall(r"^\*", out, flags=re.M)) == len(TO_READ_ORDER)
    block = out.split("  #+begin_example\n", 1)[1].split("  #+end_example\n", 1)[0]
    # Org strips one comma before `*` and `#+`: that gives back the note.
    unescaped = [re.sub(r"^,(,*(?:\*|#\+))", r"\1", line[2:]) for line in block.splitlines()]
    assert unescaped == HOSTILE_NOTE.splitlines()


def test_org_title_tags_and_links() -> None:
    e = entry("x", "[[file:/etc/passwd][click]] trick :fake:", status=Status.TO_READ, rating=5,
              tags=["to share", "ml"], urls=["https://example.org/a]b"])
    out = EXPORTERS["org"].dump([e], NOW)
    head = out.splitlines()[5]
    assert "[[" not in head and "]]" not in head
    assert head.replace(ZWSP, "").startswith("* TODO [#A] [[file:/etc/passwd][click]] trick")
    assert head.endswith(":to_share:ml:")
    assert "[[https://example.org/a%5Db][link]]" in out


def test_org_hostile_title_intact_apart_from_zero_width_spaces(entries: list[Entry]) -> None:
    out = EXPORTERS["org"].dump(select_entries(entries), NOW)
    assert HOSTILE_TITLE in out.replace(ZWSP, "")


# --- HTML -----------------------------------------------------------------------------


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "href" and tag == "a":
                self.hrefs.append(value or "")
            elif name in ("src", "href") or name.startswith("on"):
                self.external.append(f"{tag} {name}={value}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_inert(entries: list[Entry]) -> None:
    page = Page()
    page.feed(EXPORTERS["html"].dump(select_entries(entries, all_=True), NOW))
    assert "script" not in page.tags and "b" not in page.tags
    assert not page.external
    assert page.hrefs and all(h.startswith("https://") for h in page.hrefs)
    assert "Content-Security-Policy" in EXPORTERS["html"].dump([], NOW)


def test_html_text_is_intact(entries: list[Entry]) -> None:
    page = Page()
    out = EXPORTERS["html"].dump(select_entries(entries), NOW)
    page.feed(out)
    text = "".join(page.text)
    assert HOSTILE_TITLE in text
    assert "\n".join(HOSTILE_NOTE.splitlines()[:6]) in text
    assert "A. Smith et al. · 2024 ★★★" in text
    assert len(re.findall(r"<li>", out)) == len(TO_READ_ORDER)
    assert "2026-11-28 · 5 papers" in text


def test_html_prints_well() -> None:
    out = EXPORTERS["html"].dump([], NOW)
    assert "@media print" in out and "break-inside: avoid" in out
    assert "http" not in out.split("<style>")[1].split("</style>")[0]  # no remote fonts


def test_one_paper_is_counted_in_the_singular() -> None:
    one = [entry("x", "Only One", status=Status.TO_READ)]
    assert "# 1 paper exported by Reader" in EXPORTERS["org"].dump(one, NOW)
    assert "· 1 paper</p>" in EXPORTERS["html"].dump(one, NOW)
    assert "· 1 paper\n" in EXPORTERS["md"].dump(one, NOW)
