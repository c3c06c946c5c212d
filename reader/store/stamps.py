"""Sync stamps: a hybrid logical clock (HLC) per machine, and the machine's name.

A stamp says when a field was set and by which machine, as a string whose
plain string order is the order of events:

    2026-12-06T06:40:38.123Z#000000@laptop-3f2a
    wall time (ms, UTC)     counter  device

The wall-clock part makes "later wins" mean what a user expects; the counter
keeps stamps increasing when the clock stands still or goes back (a machine
whose clock runs ahead, a fixed test clock): each new stamp is greater than
every stamp the writer has seen for the paper it changes. The device breaks
ties between machines.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import socket
from datetime import UTC, datetime
from pathlib import Path

from reader.atomicfile import replace_file
from reader.paths import config_dir

_COUNTER_MAX = 0xFFFFFF
_DEVICE_BAD = re.compile(r"[^A-Za-z0-9._-]+")
EPOCH = "1970-01-01T00:00:00.000Z"


def format_stamp(ms: int, counter: int, device: str) -> str:
    when = datetime.fromtimestamp(ms / 1000, UTC)
    return f"{when:%Y-%m-%dT%H:%M:%S}.{ms % 1000:03d}Z#{counter:06x}@{device}"


def parse_stamp(stamp: str) -> tuple[int, int]:
    """(milliseconds since the epoch, counter) of a stamp; (0, 0) when unreadable."""
    try:
        when = datetime.fromisoformat(stamp[:23]).replace(tzinfo=UTC)
        counter = int(stamp[25:31], 16)
    except ValueError:
        return 0, 0
    return int(when.timestamp() * 1000), counter


def stamp_device(stamp: str) -> str:
    return stamp.partition("@")[2]


def stamp_from_iso(iso: str | None, counter: int, device: str) -> str:
    """A stamp for an ISO time written before stamps existed (the migration)."""
    try:
        when = datetime.fromisoformat(iso or "")
    except ValueError:
        return f"{EPOCH}#{counter:06x}@{device}"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return format_stamp(int(when.timestamp() * 1000), counter, device)


class Hlc:
    """One machine's hybrid logical clock (one per open library)."""

    def __init__(self, device: str) -> None:
        self.device = device
        self._last = ""

    def tick(self, now: datetime, after: str = "") -> str:
        """A stamp later than `after`, than every stamp this clock gave, and (when
        the clock is right) not before `now`."""
        last = max(self._last, after)
        wall = int(now.timestamp() * 1000)
        if last:
            ms, counter = parse_stamp(last)
            if wall > ms:
                ms, counter = wall, 0
            else:
                counter += 1
                if counter > _COUNTER_MAX:
                    ms, counter = ms + 1, 0
        else:
            ms, counter = wall, 0
        stamp = format_stamp(ms, counter, self.device)
        self._last = stamp
        return stamp


# --- the machine's name ------------------------------------------------------------

def clean_device(name: str) -> str:
    """A device name as stamps hold it: letters, digits, `.`, `_`, `-`; at most 32."""
    return _DEVICE_BAD.sub("-", name).strip("-.")[:32] or "device"


def device_file() -> Path:
    return config_dir() / "device"


def device_id() -> str:
    """This machine's name in stamps: READER_DEVICE, else the one saved in the config
    folder, else a new one (host name + 4 random hex digits) saved there.

    It lives in the config folder, not beside the library, because the library
    folder is the one that is synced between machines."""
    env = os.environ.get("READER_DEVICE")
    if env:
        return clean_device(env)
    path = device_file()
    with contextlib.suppress(OSError, UnicodeDecodeError):
        saved = path.read_text(encoding="utf-8").strip()
        if saved:
            return clean_device(saved)
    host = clean_device(socket.gethostname().split(".")[0] or "device")[:20]
    name = f"{host}-{secrets.token_hex(2)}"
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            replace_file(path, (name + "\n").encode(), overwrite=False)
        except FileExistsError:  # another process named this machine first
            saved = path.read_text(encoding="utf-8").strip()
            if saved:
                return clean_device(saved)
    return name
