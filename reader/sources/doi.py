"""A DOI's record from the resolver, as CSL-JSON (content negotiation), read by
reader.parsing.csljson."""

from __future__ import annotations

from dataclasses import replace

from reader.ids import paper_id
from reader.model import Paper
from reader.net import Client, NetError, endpoints
from reader.parsing.csljson import CslJsonParser
from reader.sources.feeds import parse_response

__all__ = ["CSL_JSON", "lookup"]

CSL_JSON = "application/vnd.citationstyles.csl+json"
MAX_BYTES = 5_000_000


def lookup(http: Client, doi: str) -> Paper | None:
    """The paper of `doi` (lower-case, bare); None when the resolver does not know it."""
    label = f"DOI {doi}"
    try:
        body = http.get_bytes(endpoints.doi_url(doi, http.settings), accept=CSL_JSON,
                              expect="json", label=label, max_bytes=MAX_BYTES)
    except NetError as exc:
        if exc.kind == "not-found":
            return None
        raise
    result = parse_response(CslJsonParser(), body, label, "csl-json:DOI resolver")
    if not result.papers:
        raise NetError(f"{label}: the resolver's record has no title", kind="malformed")
    paper = result.papers[0]
    if paper.doi:
        return paper
    return replace(paper, doi=doi, id=paper_id(paper.arxiv_id, doi, paper.title))
