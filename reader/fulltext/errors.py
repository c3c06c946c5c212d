"""Errors of the full-text layer: one line each, saying what to try."""

from __future__ import annotations

from reader.errors import ReaderError


class FulltextError(ReaderError):
    """The paper's text could not be had (network, a corrupt file, nothing to read)."""


class HtmlUnavailable(FulltextError):
    """arXiv has no HTML for the paper (its "HTML is not available" page, a 404)."""


class NoFulltext(FulltextError):
    """Neither HTML nor a PDF could be found for the paper."""
