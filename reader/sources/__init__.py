"""Where papers come from over the network: the arXiv API (ids, title search,
listings), the Hugging Face daily papers and DOIs. Responses are read with the
parsers of reader/parsing (the same safe XML and JSON code as imports) and merged
through the store's import path. Every fault is a reader.net.NetError.

    feeds.py      a response read by an import parser (a parse error is a NetError)
    arxiv.py      requests to the arXiv API
    hf.py, doi.py the other two sources
    matching.py   does an arXiv record have this paper's title? (pure)
    adding.py     `reader add`: ids and links to papers in the library
    resolving.py  `reader resolve`: title-only papers to their arXiv records, batch by batch
    listing.py    `reader fetch`: today's papers into the Inbox
"""
