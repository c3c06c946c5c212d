"""Reading the catalogue's derived index (its layout: derived.py), a section at a time.

The file stays open while the library uses it, and a section is read (and its
CRC-32 checked) the first time a command asks for it: `reader mark ID` reads the
sorted ids and two numbers, never the titles. Anything wrong found late (a damaged
section, a file cut short) raises Stale, on which the library loads the catalogue
instead: the answer is the full load's either way.
"""

from __future__ import annotations

import os
import weakref
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from reader.paths import touch
from reader.store.names import SortedNames
from reader.store.packed import any_at_least

MAGIC = b"reader-catalogue-index\n"
VERSION = 5
"""Bump when the layout or the meaning of a section changes."""


class Stale(Exception):
    """The index does not describe the catalogue file (read it whole instead)."""


def column_bytes(values: Sequence[Any]) -> bytes:
    """One JSON value per line (a row taken out is a line taken out).

    Made from one dump of the whole list: between two JSON strings the bytes `","`
    can only be the separator (a quote inside a string is escaped, so it is never
    followed by a comma and another quote), and numbers and null hold no comma."""
    if not values:
        return b""
    data = orjson.dumps(values)[1:-1]
    kinds = set(map(type, values))
    if kinds == {str}:
        return data.replace(b'","', b'"\n"') + b"\n"
    if kinds <= {int, float, bool, type(None)}:
        return data.replace(b",", b"\n") + b"\n"
    return b"\n".join(map(orjson.dumps, values)) + b"\n"


def column_values(data: bytes) -> list[Any]:
    if not data:
        return []
    values: list[Any] = orjson.loads(b"[" + data[:-1].replace(b"\n", b",") + b"]")
    return values


class DerivedIndex:
    """An index file opened for the catalogue file of signature `sig` (see `open`)."""

    def __init__(self, fd: int, base: int, header: dict[str, Any],
                 known: dict[str, bytes] | None = None) -> None:
        self._fd = fd
        self._known = known or {}
        self._finalizer = weakref.finalize(self, os.close, fd)
        self._base = base
        self.count: int = header["count"]
        self.sections: dict[str, list[int]] = header["sections"]
        self._cache: dict[str, Any] = {}

    @classmethod
    def open(cls, path: Path, sig: tuple[int, ...], fields: Sequence[str],
             known: dict[str, bytes] | None = None) -> DerivedIndex | None:
        """The index in `path` if it was made for the catalogue file `sig`; else None.
        `known`: its sections as the caller just wrote them (served from memory)."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        try:
            head = os.pread(fd, len(MAGIC) + 8, 0)
            length = int.from_bytes(head[len(MAGIC):], "little")
            if head[:len(MAGIC)] != MAGIC or length > os.fstat(fd).st_size:
                raise ValueError("not an index")
            header = orjson.loads(os.pread(fd, length, len(MAGIC) + 8))
            if (header["version"] != VERSION or tuple(header["signature"]) != tuple(sig)
                    or tuple(header["fields"]) != tuple(fields)
                    or not isinstance(header["count"], int)):
                raise ValueError("another catalogue")
            index = cls(fd, len(MAGIC) + 8 + length, header, known)
        except (OSError, ValueError, KeyError, TypeError, MemoryError):
            os.close(fd)
            return None
        touch(path)  # in use: prune_cache keeps it
        return index

    def close(self) -> None:
        self._finalizer()

    def section(self, name: str) -> bytes:
        """The bytes of section `name`, checked; Stale when missing or damaged."""
        if name in self._known and name in self.sections:
            return self._known[name]
        try:
            offset, length, crc = self.sections[name]
            body = os.pread(self._fd, length, self._base + offset)
        except (KeyError, TypeError, ValueError, OSError) as exc:
            raise Stale(name) from exc
        if len(body) != length or zlib.crc32(body) != crc:
            raise Stale(name)
        return body

    def _array(self, name: str, code: str) -> array[Any]:
        got = self._cache.get(name)
        if got is None:
            got = array(code)
            body = self.section(name)
            if len(body) % got.itemsize:
                raise Stale(name)
            got.frombytes(body)
            self._cache[name] = got
        return got

    def names(self, name: str) -> SortedNames:
        got = self._cache.get(name)
        if got is None:
            try:
                got = SortedNames(self.section(f"{name}.names"),
                                  self._array(f"{name}.starts", "I"),
                                  self._array(f"{name}.rows", "I"))
            except ValueError as exc:
                raise Stale(name) from exc
            if any_at_least(got.values, self.count):  # (no loop over 100k numbers)
                raise Stale(name)
            self._cache[name] = got
        return got

    def check(self) -> None:
        """Read and check what resolving an id and reading a paper need (a few MB, no
        decoding), so that only the columns and the full id list can raise Stale later."""
        for name in ("by_id", "keys", "aliases"):
            self.names(name)
        starts, blob = self._array("ids.starts", "I"), self._ids_blob()
        if len(starts) != self.count + 1 or starts[-1] != len(blob):
            raise Stale("ids")
        if self.count:
            self.place(0)
        self._cache["skipped"] = self.skipped
        self._cache["simple"] = self.section("simple") == b"1"

    def _ids_blob(self) -> bytes:
        blob = self._cache.get("ids.blob")
        if blob is None:
            blob = self._cache["ids.blob"] = self.section("ids")
        return blob

    # what commands ask ------------------------------------------------------------
    def id_at(self, row: int) -> str:
        got = self._cache.get("ids")
        if got is not None:
            return str(got[row])
        starts = self._array("ids.starts", "I")
        return self._ids_blob()[starts[row]:starts[row + 1] - 1].decode("utf-8")

    @property
    def ids(self) -> list[str]:
        """Every paper id, in catalogue order."""
        got = self._cache.get("ids")
        if got is None:
            got = self._ids_blob().decode("utf-8").split("\n")[:-1]
            if len(got) != self.count:
                raise Stale("ids")
            self._cache["ids"] = got
        return got

    def row_of(self, paper_id: str) -> int | None:
        return self.names("by_id").get(paper_id)

    def place(self, row: int) -> tuple[int, int]:
        """(offset, length) of the document of the paper at `row`; length 0: unknown."""
        start, length = self.places()
        return start[row], length[row]

    def places(self) -> tuple[array[int], array[int]]:
        """The offsets and lengths of every paper's document, by row (`place`)."""
        start, length = self._array("start", "Q"), self._array("length", "I")
        if len(start) != self.count or len(length) != self.count:
            raise Stale("places")
        return start, length

    @property
    def skipped(self) -> list[str]:
        got = self._cache.get("skipped")
        if got is None:
            try:
                got = orjson.loads(self.section("skipped"))
            except orjson.JSONDecodeError as exc:
                raise Stale("skipped") from exc
            if not isinstance(got, list):
                raise Stale("skipped")
        return list(got)

    @property
    def simple(self) -> bool:
        """No alias or citation key of one paper hides another's (derived.py)."""
        return self.section("simple") == b"1"

    def columns(self, fields: Sequence[str]) -> dict[str, list[Any]]:
        out = {}
        for field in fields:
            try:
                values = column_values(self.section(f"field:{field}"))
            except orjson.JSONDecodeError as exc:
                raise Stale(field) from exc
            if len(values) != self.count:
                raise Stale(field)
            out[field] = values
        return out


class NamesMap(Mapping[str, str]):
    """A SortedNames of the index (keys or aliases) as name -> paper id."""

    def __init__(self, index: DerivedIndex, name: str) -> None:
        self._index, self._name = index, name

    def __getitem__(self, name: str) -> str:
        row = self._index.names(self._name).get(name)
        if row is None:
            raise KeyError(name)
        return self._index.id_at(row)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._index.names(self._name).get(name) is not None

    def __iter__(self) -> Iterator[str]:
        return iter([name for name, _ in self._index.names(self._name).items()])

    def __len__(self) -> int:
        return len(self._index.names(self._name))

    def prefixed(self, prefix: str) -> list[str]:
        """Paper ids of the names starting with `prefix`, in name order."""
        at = self._index.id_at
        return [at(row) for _, row in self._index.names(self._name).prefixed(prefix)]
