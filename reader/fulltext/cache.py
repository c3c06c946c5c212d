"""The full-text cache: each paper's HTML or PDF as fetched, and the reading
positions, in `<cache folder>/fulltext/` (files 0600, written atomically), so a
paper read once reads offline."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from reader.atomicfile import replace_file
from reader.model import Paper
from reader.paths import cache_dir

MAX_POSITIONS = 5000


def cache_key(paper: Paper) -> str:
    """A file-name-safe key: the arXiv id (`cond-mat_0412498`), else a hash of the id."""
    if paper.arxiv_id and re.fullmatch(r"[A-Za-z0-9.\-/]+", paper.arxiv_id):
        return "arxiv-" + paper.arxiv_id.replace("/", "_")
    return "id-" + hashlib.sha1(paper.id.encode("utf-8")).hexdigest()[:16]


class FulltextCache:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_dir() / "fulltext"

    def path(self, paper: Paper, kind: str) -> Path:
        return self.folder / f"{cache_key(paper)}.{kind}"

    def read(self, paper: Paper, kind: str) -> bytes | None:
        try:
            return self.path(paper, kind).read_bytes()
        except OSError:
            return None

    def write(self, paper: Paper, kind: str, data: bytes) -> Path:
        path = self.path(paper, kind)
        self.folder.mkdir(parents=True, exist_ok=True)
        replace_file(path, data, private=True)
        return path

    def drop(self, paper: Paper, kind: str) -> None:
        self.path(paper, kind).unlink(missing_ok=True)

    # reading positions -----------------------------------------------------------
    def _positions_path(self) -> Path:
        return self.folder / "positions.json"

    def positions(self) -> dict[str, int]:
        try:
            data = json.loads(self._positions_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, int) and v >= 0}

    def position(self, paper_id: str) -> int:
        """Where the paper was left (a flow index of the text; 0 when never read)."""
        return self.positions().get(paper_id, 0)

    def save_position(self, paper_id: str, flow: int) -> None:
        """Remember the place; errors are ignored (a place is not worth a crash)."""
        positions = self.positions()
        positions.pop(paper_id, None)
        positions[paper_id] = flow  # the newest last: the oldest go first
        while len(positions) > MAX_POSITIONS:
            positions.pop(next(iter(positions)))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            replace_file(self._positions_path(), json.dumps(positions).encode("utf-8"),
                         private=True)
        except OSError:
            pass
