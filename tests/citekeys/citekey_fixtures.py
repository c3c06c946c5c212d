"""Small files with citation keys, in every format that has them, and a CLI runner.

Imported by name (pytest puts this folder on sys.path: tests/ has no __init__)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main

BIB = """% from Zotero with Better BibTeX
@article{vaswani2017attention,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  year = {2017},
  eprint = {1706.03762},
  archivePrefix = {arXiv},
}

@inproceedings{Devlin:2019bert,
  title = {{BERT}: Pre-training of Deep Bidirectional Transformers},
  author = {Devlin, Jacob and Chang, Ming-Wei},
  booktitle = {Proceedings of NAACL},
  year = {2019},
  doi = {10.18653/v1/N19-1423},
}
"""

CSL = [
    {"id": "lecun2015deep", "type": "article-journal", "title": "Deep learning",
     "author": [{"family": "LeCun", "given": "Yann"}], "issued": {"date-parts": [[2015]]},
     "container-title": "Nature", "DOI": "10.1038/nature14539"},
    {"id": 42, "type": "report", "title": "A numbered item",
     "author": [{"literal": "Some Consortium"}], "issued": {"date-parts": [["2020"]]}},
]

RIS = ("TY  - JOUR\r\nID  - hochreiter1997long\r\nTI  - Long Short-Term Memory\r\n"
       "AU  - Hochreiter, Sepp\r\nAU  - Schmidhuber, Jürgen\r\nPY  - 1997\r\n"
       "T2  - Neural Computation\r\nER  - \r\n"
       "TY  - JOUR\r\nTI  - No key in this record\r\nAU  - Łukasiewicz, Jan\r\n"
       "PY  - 1951\r\nER  - \r\n")

PAGE = """Attention Is All You Need
The dominant sequence transduction models are based on complex recurrent or convolutional \
neural networks that include an encoder and a decoder. We propose a new simple network \
architecture, the Transformer, based solely on attention mechanisms.
Schrödinger Bridges for Generative Modelling
We study bridges between two distributions and the stochastic paths that join them, and we \
show that learning such bridges gives generative models that are fast to sample from and \
accurate on image benchmarks, compared with the diffusion models they generalise.
"""


def write(folder: Path, name: str, content: str | list[dict[str, Any]]) -> Path:
    path = folder / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return status, out, err


def listed(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> list[dict[str, Any]]:
    status, out, err = run(capsys, db, "list", "--json", *args)
    assert status == 0, err
    data: list[dict[str, Any]] = json.loads(out)
    return data


def keys_by_title(capsys: pytest.CaptureFixture[str], db: Path) -> dict[str, str]:
    return {p["title"]: p["key"] for p in listed(capsys, db)}
