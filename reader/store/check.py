"""`reader check`: verify a library's files; the only change it makes is to the
modes of files others could read (repair.fix_modes).

Each line starts with `error:` (the library cannot be used as is), `warning:`
(usable, but something is off), `fixed:` (a mode it corrected) or `ok:`/`note:`
(information: counts, backups). The CLI exits 1 when any line is an error.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from reader.errors import StoreError
from reader.store import schema, validate
from reader.store.files import LibraryFiles
from reader.store.repair import fix_modes
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


def _invalid(path: Path, what: str, doc_id: str, doc: Any,
             wrong: list[str], out: list[str]) -> None:
    id_problem = validate.doc_id_problem(doc_id)
    if id_problem:
        wrong.insert(0, id_problem)
    for problem in wrong:
        out.append(f"error: {path}: {what} record {doc_id[:20]!r}: {problem} "
                   "(the record is skipped until it is fixed)")


def _unknown(path: Path, what: str, doc_id: str, doc: Any,
             fields: dict[str, validate.Field], out: list[str]) -> None:
    if isinstance(doc, dict):
        unknown = validate.unknown_fields(doc, fields)
        if unknown:
            names = ", ".join(repr(k)[:40] for k in unknown[:3])
            out.append(f"warning: {path}: {what} record {doc_id[:20]!r} has fields this "
                       f"Reader does not know ({names}); they are ignored")


def _check_papers(path: Path, data: dict[str, Any], out: list[str]) -> set[str]:
    ids: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    for doc_id, doc in data[schema.PAPERS_TABLE].items():
        wrong = validate.paper_problems(doc)
        if wrong or validate.doc_id_problem(doc_id):
            _invalid(path, "paper", doc_id, doc, wrong, out)
            continue
        _unknown(path, "paper", doc_id, doc, validate.PAPER_FIELDS, out)
        ids[doc["id"]] += 1
        if doc.get("key"):
            keys[doc["key"].casefold()] += 1
        if not doc.get("title"):
            out.append(f"warning: {path}: paper {doc['id']} has no title")
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
        wrong = validate.state_problems(doc)
        if wrong or validate.doc_id_problem(doc_id):
            _invalid(path, "state", doc_id, doc, wrong, out)
            continue
        _unknown(path, "state", doc_id, doc, validate.STATE_FIELDS, out)
        seen[doc["paper_id"]] += 1
    for doc_id, doc in data[schema.SEARCHES_TABLE].items():
        wrong = validate.search_problems(doc)
        if wrong or validate.doc_id_problem(doc_id):
            _invalid(path, "saved search", doc_id, doc, wrong, out)
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
    files = LibraryFiles.at(catalogue)
    out: list[str] = []
    state_path = files.state
    backups = files.backups()
    restore = (f"restore a backup: reader --db {catalogue} check --restore 1 (the current "
               "file is kept as a backup)" if backups else "no backup exists yet")
    cat, err = _load(catalogue, schema.CATALOGUE, "move it away or restore your own copy")
    if err:
        out.append(f"error: {err}")
    st, st_err = _load(state_path, schema.STATE, restore)
    if st_err:
        out.append(f"error: {st_err}")
    if cat is None and st is None and not err and not st_err:
        return [f"ok: no library at {catalogue} yet (it is created by `reader import`)"]
    out.extend(fix_modes(files))
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
        out.append(f"note: backups of the reading state in {state_path.parent}: {ages}; "
                   "to restore one: reader check --restore N (N = 1 for .bak.1; the current "
                   "state is saved as a backup first)")
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
