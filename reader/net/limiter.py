"""One rate limiter per process, per host: two requests to the same host are at least
its delay apart, whichever client or thread sends them (arXiv's terms: one request
every three seconds). Waiting is cancellable."""

from __future__ import annotations

import threading
import time

from reader.net.errors import FetchCancelled

__all__ = ["RateLimiter", "shared_limiter"]


class RateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str, delay: float, cancel: threading.Event | None = None) -> float:
        """Block until `host` may be asked again, and book the slot; the seconds waited.
        Slots are booked under the lock, so concurrent callers queue one delay apart."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + delay
        pause = start - now
        if pause > 0:
            sleep(pause, cancel)
        return pause

    def push_back(self, host: str, seconds: float) -> None:
        """The host asked us to wait (Retry-After): nobody in this process asks it sooner."""
        with self._lock:
            now = time.monotonic()
            self._next[host] = max(self._next.get(host, now), now + seconds)

    def reset(self) -> None:
        with self._lock:
            self._next.clear()


def sleep(seconds: float, cancel: threading.Event | None) -> None:
    """time.sleep that ends early with FetchCancelled when `cancel` is set."""
    if cancel is None:
        time.sleep(seconds)
    elif cancel.wait(seconds):
        raise FetchCancelled()


_SHARED = RateLimiter()


def shared_limiter() -> RateLimiter:
    return _SHARED
