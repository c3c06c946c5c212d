"""`reader check`: verify a library's files without changing anything.

Each line starts with `error:` (the library cannot be used as is), `warning:`
(usable, but something is off) or `ok:`/`note:` (information: counts,
backups). The CLI exits 1 when any line is an error.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from reader.errors import StoreError
from reader.model import Paper, ReadingState
from reader.store import schema
from reader.store.files import LibraryFiles
from reader.store.storage import read_file


def _load(path: Path, kind: str, advice: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        got = read_file(path, schema.make_validator(kind, advice), advice)
    except StoreError as exc:
        return None, str(exc)
    if got is None:
        return None, None
    data, fd = got
    os.close(fd)
    return data, None


def _check_papers(path: Path, data: dict[str, Any], out: list[str]) -> set[str]:
    ids: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    bad = 0
    for doc_id, doc in data[schema.PAPERS_TABLE].items():
        try:
            int(doc_id)
            paper = Paper.from_dict(doc)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            bad += 1
            if bad <= 3:
                out.append(f"error: {path}: paper document {doc_id} is invalid "
                           f"({type(exc).__name__}: {exc})")
            continue
        ids[paper.id] += 1
        if paper.key:
            keys[paper.key.casefold()] += 1
        if not paper.title:
            out.append(f"warning: {path}: paper {paper.id} has no title")
    if bad > 3:
        out.append(f"error: {path}: {bad} invalid paper documents in all")
    dupes = [pid for pid, n in ids.items() if n > 1]
    if dupes:
        out.append(f"warning: {path}: {len(dupes)} paper ids stored twice (e.g. {dupes[0]})")
    shared = [key for key, n in keys.items() if n > 1]
    if shared:
        what = "citation key is" if len(shared) == 1 else "citation keys are"
        out.append(f"warning: {path}: {len(shared)} {what} held by two papers or more "
                   f"(e.g. {shared[0]}); the next change suffixes the later papers' keys")
    return set(ids)


def _check_states(path: Path, data: dict[str, Any], papers: set[str] | None,
                  out: list[str]) -> int:
    seen: Counter[str] = Counter()
    for doc_id, doc in data[schema.STATE_TABLE].items():
        try:
            int(doc_id)
            state = ReadingState.from_dict(doc)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            out.append(f"error: {path}: state document {doc_id} is invalid "
                       f"({type(exc).__name__}: {exc})")
            continue
        seen[state.paper_id] += 1
        if state.rating is not None and not 1 <= state.rating <= 5:
            out.append(f"warning: {path}: {state.paper_id} has rating {state.rating} "
                       "(expected 1 to 5)")
    dupes = [pid for pid, n in seen.items() if n > 1]
    if dupes:
        out.append(f"error: {path}: {len(dupes)} papers have two state documents "
                   f"(e.g. {dupes[0]})")
    if papers is not None:
        orphans = [pid for pid in seen if pid not in papers]
        if orphans:
            out.append(f"warning: {path}: reading state for {len(orphans)} papers that are "
                       f"not in the catalogue (e.g. {orphans[0]}); kept, re-import to see them")
    return len(seen)


def check_library(catalogue: Path) -> list[str]:
    files = LibraryFiles(catalogue)
    out: list[str] = []
    state_path = files.state
    backups = files.backups()
    restore = (f"restore a backup: cp {backups[0]} {state_path}" if backups
               else "no backup exists yet")
    cat, err = _load(catalogue, schema.CATALOGUE, "move it away or restore your own copy")
    if err:
        out.append(f"error: {err}")
    st, st_err = _load(state_path, schema.STATE, restore)
    if st_err:
        out.append(f"error: {st_err}")
    if cat is None and st is None and not err and not st_err:
        return [f"ok: no library at {catalogue} yet (it is created by `reader import`)"]
    papers: set[str] | None = None
    if cat is not None:
        papers = _check_papers(catalogue, cat, out)
    elif not err:
        out.append(f"warning: {catalogue} is missing but {state_path} exists")
    with_state = _check_states(state_path, st, papers, out) if st is not None else 0
    if papers is not None and not any(line.startswith("error") for line in out):
        out.append(f"ok: {catalogue}: {len(papers)} papers, {with_state} with reading state")
    for tmp in files.temp_files():
        out.append(f"note: leftover temporary file {tmp} from an interrupted write "
                   "(harmless; removed the next time Reader changes the library)")
    now = time.time()
    if backups:
        ages = ", ".join(f"{p.name} ({_age(now - p.stat().st_mtime)} old"
                         f"{_backup_health(p)})" for p in backups)
        out.append(f"note: backups of the reading state in {files.folder}: {ages}; "
                   f"to restore one, copy it over {state_path.name}")
    else:
        out.append(f"note: no backup of the reading state yet (made beside {state_path.name} "
                   "as you change things)")
    return out


def _backup_health(path: Path) -> str:
    data, err = _load(path, schema.STATE, "")
    if err or data is None:
        return ", unreadable"
    return f", {len(data[schema.STATE_TABLE])} papers with state"


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86400:.0f} days"
