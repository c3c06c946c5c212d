"""The papers selected in a list: an ordered set of ids (the order they were picked)."""

from __future__ import annotations


class Selection:
    def __init__(self) -> None:
        self._ids: dict[str, None] = {}  # a dict: an ordered set

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, pid: object) -> bool:
        return pid in self._ids

    def in_order(self, ids: list[str]) -> list[str]:
        """The selected ones of `ids`, in the order of `ids`."""
        chosen = self._ids
        return [pid for pid in ids if pid in chosen] if chosen else []

    def replace(self, ids: list[str], shown: list[str]) -> None:
        """Exactly `ids`, those in `shown`."""
        visible = set(shown)
        self._ids = dict.fromkeys(pid for pid in ids if pid in visible)

    def clear(self) -> bool:
        """Select none; True when some were."""
        had = bool(self._ids)
        self._ids = {}
        return had

    def toggle(self, pid: str) -> None:
        if pid in self._ids:
            del self._ids[pid]
        else:
            self._ids[pid] = None

    def toggle_all(self, ids: list[str]) -> None:
        """Every one of `ids`; none when they all were."""
        self._ids = {} if ids and len(self._ids) == len(ids) else dict.fromkeys(ids)

    def keep_only(self, shown: list[str]) -> bool:
        """Let go those not in `shown`; True when some were let go."""
        if not self._ids:
            return False
        visible = set(shown)
        kept = {pid: None for pid in self._ids if pid in visible}
        changed = len(kept) != len(self._ids)
        self._ids = kept
        return changed

    def discard(self, pid: str) -> bool:
        """Let `pid` go; True when it was selected."""
        return self._ids.pop(pid, False) is None
