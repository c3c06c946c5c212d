"""Getting a paper's text: the cache first, then arXiv's HTML, then the PDF.

`load_document` is what `reader read` and the reading screen call (in a worker:
it may wait for the network). The download is injected (`Download`), so tests
and the shared network client plug in the same way.
"""

from __future__ import annotations

from pathlib import Path

from reader.fulltext import stored
from reader.fulltext.cache import FulltextCache
from reader.fulltext.document import Document
from reader.fulltext.download import Download, http_download
from reader.fulltext.errors import FulltextError, HtmlUnavailable, NoFulltext
from reader.fulltext.latexml import read_latexml
from reader.fulltext.pdftext import read_pdf
from reader.model import Paper
from reader.net import endpoints

MAX_HTML = 50 * 2**20
MAX_PDF = 100 * 2**20


def _arxiv_id(paper: Paper) -> str | None:
    if paper.arxiv_id:
        return paper.arxiv_id
    doi = (paper.doi or "").lower()
    return doi.removeprefix("10.48550/arxiv.") if doi.startswith("10.48550/arxiv.") else None


def from_cache(paper: Paper, cache: FulltextCache) -> Document | None:
    """The cached text, parsed (or as parsed last time); None when nothing usable is cached."""
    for kind in ("html", "pdf"):
        source = cache.path(paper, kind)
        if not source.is_file():
            continue
        saved = cache.path(paper, f"{kind}.doc.json")
        doc = stored.load(source, saved)
        if doc is not None:
            return doc
        try:
            data = source.read_bytes()
            doc = (read_latexml(data.decode("utf-8", errors="replace")) if kind == "html"
                   else read_pdf(data, paper.title))
        except FulltextError:  # HtmlUnavailable too: a stale or damaged file
            cache.drop(paper, kind)
            continue
        except OSError:
            continue
        stored.save(doc, source, saved)
        return doc
    return None


def load_document(paper: Paper, *, cache: FulltextCache | None = None,
                  download: Download | None = None) -> Document:
    """The paper's text; FulltextError (one line, with what to try) when there is none."""
    cache = cache or FulltextCache()
    found = from_cache(paper, cache)
    if found is not None:
        return found
    get = download or http_download
    arxiv_id = _arxiv_id(paper)
    if arxiv_id:
        html = get(endpoints.arxiv_html_url(arxiv_id), max_bytes=MAX_HTML, accept="text/html")
        if html is not None:
            try:
                doc = read_latexml(html.decode("utf-8", errors="replace"))
            except HtmlUnavailable:
                pass
            else:
                source = cache.write(paper, "html", html)
                stored.save(doc, source, cache.path(paper, "html.doc.json"))
                return doc
    if arxiv_id or paper.doi:
        pdf = fetch_pdf(paper, cache=cache, download=get)
        doc = read_pdf(pdf.read_bytes(), paper.title)
        stored.save(doc, pdf, cache.path(paper, "pdf.doc.json"))
        return doc
    raise NoFulltext("no arXiv id or DOI: Reader cannot find this paper's text "
                     "(its links may lead to it)")


def fetch_pdf(paper: Paper, *, cache: FulltextCache | None = None,
              download: Download | None = None) -> Path:
    """The PDF in the cache, downloaded once; NoFulltext when there is none."""
    cache = cache or FulltextCache()
    path = cache.path(paper, "pdf")
    if path.is_file():
        return path
    get = download or http_download
    arxiv_id = _arxiv_id(paper)
    if arxiv_id:
        url = endpoints.arxiv_pdf_url(arxiv_id)
        where = f"arXiv has neither HTML nor a PDF for arXiv:{arxiv_id}"
    elif paper.doi:
        url = endpoints.doi_url(paper.doi)
        where = f"no PDF found for doi:{paper.doi} (its page: {url})"
    else:
        raise NoFulltext("no arXiv id or DOI: Reader cannot find this paper's PDF")
    data = get(url, max_bytes=MAX_PDF, accept="application/pdf")
    if data is None or not data.lstrip()[:5].startswith(b"%PDF"):
        raise NoFulltext(where)
    return cache.write(paper, "pdf", data)


def abstract_url(paper: Paper) -> str | None:
    """The paper's page: its arXiv abstract, else its DOI."""
    arxiv_id = _arxiv_id(paper)
    if arxiv_id:
        return endpoints.arxiv_abs_url(arxiv_id)
    return endpoints.doi_url(paper.doi) if paper.doi else None
