"""Links found in abstracts and notes: code, project and paper pages, cleaned.

Abstracts copy URLs out of LaTeX and prose, so what follows a URL is often not
part of it. The seed listing shows every trap handled here:

- sentence punctuation: `https://github.com/x/y.`, `...AIRS/).`, `... ;`
- a LaTeX `\\href` residue repeating the URL: `https://a/b{https://a/b}`
- a LaTeX residue naming the link: `https://github.com/x/gated_attention{codes}`
- brackets that belong to the prose, not the URL: `(https://x.io)`, while
  balanced ones stay (`https://en.wikipedia.org/wiki/Foo_(bar)`).

Pure functions, no I/O.
"""

from __future__ import annotations

import re

# A URL runs until whitespace, a quote, an angle bracket, a backslash (LaTeX),
# or CJK punctuation. `{` is kept here and cut in `clean_url`.
_URL_CHARS = r"""[^\s<>"\\\u3000-\u303f\uff01-\uff0f]+"""
_URL_RE = re.compile(r"https?://" + _URL_CHARS)
"""Lower-case scheme: a literal prefix the regex engine finds fast."""
_URL_ANY_CASE_RE = re.compile(r"https?://" + _URL_CHARS, re.IGNORECASE)
_TRAILING = ".,;:!?'*`…"
_PAIRS = {")": "(", "]": "[", "}": "{", ">": "<"}
_HOST_RE = re.compile(r"https?://[\w\-]+(?:\.[\w\-]+)*(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)


def clean_url(url: str) -> str | None:
    """Trim what prose and LaTeX glued to a URL; None when nothing valid remains."""
    brace = url.find("{")
    if brace != -1:
        url = url[:brace]
    while url:
        last = url[-1]
        unbalanced = last in _PAIRS and url.count(last) > url.count(_PAIRS[last])
        if last in _TRAILING or unbalanced:
            url = url[:-1]
        else:
            break
    if not _HOST_RE.match(url):
        return None
    host = url.split("/", 3)[2]
    if "." not in host and not host.lower().startswith("localhost"):
        return None
    return url


def _key(url: str) -> str:
    """Two spellings of one link (`x`, `x/`, scheme or host case) share a key."""
    _scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{host.lower()}{slash}{path}".rstrip("/")


def extract_urls(text: str) -> list[str]:
    """Every http(s) URL in `text`, cleaned, de-duplicated, in order of appearance."""
    if "://" not in text:  # one fast scan rejects most abstracts
        return []
    start, pattern = text.find("http"), _URL_RE
    if "HTTP" in text or "Http" in text:  # rare: a scheme in capitals
        start, pattern = 0, _URL_ANY_CASE_RE
    elif start == -1:
        return []
    seen: set[str] = set()
    found: list[str] = []
    for match in pattern.finditer(text, start):
        url = clean_url(match.group(0))
        if url is None:
            continue
        key = _key(url)
        if key not in seen:
            seen.add(key)
            found.append(url)
    return found


def merge_urls(*groups: list[str]) -> list[str]:
    """Concatenate URL lists, dropping later duplicates (same rule as `extract_urls`)."""
    seen: set[str] = set()
    merged: list[str] = []
    for group in groups:
        for url in group:
            key = _key(url)
            if key not in seen:
                seen.add(key)
                merged.append(url)
    return merged


__all__ = ["clean_url", "extract_urls", "merge_urls"]
