"""Small hand-made libraries for the search tests."""

from __future__ import annotations

from reader.model import Entry, Paper, ReadingState, Status


def entry(pid: str, title: str, abstract: str = "", *, authors: list[str] | None = None,
          year: int | None = None, status: Status = Status.NEW, rating: int | None = None,
          tags: list[str] | None = None, note: str = "", urls: list[str] | None = None,
          added: str = "", venue: str | None = None, doi: str | None = None) -> Entry:
    paper = Paper(id=pid, title=title, abstract=abstract, authors=authors or [], year=year,
                  urls=urls or [], added_at=added, venue=venue, doi=doi)
    state = ReadingState(pid, status=status, rating=rating, tags=tags or [], note=note)
    return Entry(paper, state)


def library() -> list[Entry]:
    """Ten papers with a bit of everything; ids p0..p9 in import order."""
    return [
        entry("p0", "Concept Bottleneck Models", "Interpretable models predict concepts first.",
              authors=["Pang Wei Koh", "Percy Liang"], year=2020, status=Status.READ,
              rating=5, tags=["interpretability"], added="2025-01-01T00:00:00+00:00",
              urls=["https://github.com/yewsiang/ConceptBottleneck"]),
        entry("p1", "Deep learning and the information bottleneck principle",
              "We analyse deep networks with the information bottleneck.",
              authors=["Naftali Tishby", "Noga Zaslavsky"], year=2015, status=Status.TO_READ,
              rating=4, added="2025-01-02T00:00:00+00:00"),
        entry("p2", "Efficient KV cache compression",
              "The KV-cache is a memory bottleneck; we compress keys. Code: "
              "https://example.org/kv", authors=["José Müller"], year=2024,
              status=Status.TO_READ, tags=["systems", "to-cite"],
              note="Compare with **quantization** papers.", added="2025-01-03T00:00:00+00:00",
              urls=["https://example.org/kv"]),
        entry("p3", "Scaling laws for neural language models",
              "Loss scales as a power law with compute; bottleneck free.",
              authors=["Jared Kaplan"], year=2020, rating=3,
              added="2025-01-04T00:00:00+00:00"),
        entry("p4", "Schrödinger bridges for generative modelling",
              "A diffusion view of the Schrödinger problem.", authors=["Valentin De Bortoli"],
              year=2021, status=Status.SKIPPED, rating=1, added="2025-01-05T00:00:00+00:00"),
        entry("p5", "A survey of bottleneck layers", "Bottlenecks everywhere: a survey.",
              authors=["Ann Survey"], year=2023, tags=["survey"],
              added="2025-01-06T00:00:00+00:00"),
        entry("p6", "Untitled preprint", "", year=None, added="2025-01-07T00:00:00+00:00"),
        entry("p7", "Information theory of deep learning",
              "An information bottleneck view of deep nets.", authors=["Naftali Tishby"],
              year=2017, status=Status.READING, rating=4, note="bottleneck paper #2",
              added="2025-01-08T00:00:00+00:00"),
        entry("p8", "Attention is all you need", "Transformers replace recurrence.",
              authors=["Ashish Vaswani", "Noam Shazeer"], year=2017, rating=5,
              urls=["https://huggingface.co/spaces/demo/attention"],
              added="2025-01-09T00:00:00+00:00"),
        entry("p9", "Bottleneck", "A one-word title.", authors=["Zoë Émile"], year=2022,
              added=""),
    ]
