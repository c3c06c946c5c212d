"""The Textual app (layer 3). Only this package imports Textual."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store import Library


def run_app(db_path: Path, *, theme: str | None = None, demo: bool = False) -> None:
    """Open the app on the library at `db_path` (opened in a worker: the screen
    appears at once). From the welcome screen the user may ask for the demo,
    which then runs on a throwaway copy."""
    from reader.gcutil import end_startup, pause_for_startup

    pause_for_startup()  # the main screen calls end_startup after its first paint
    try:
        from reader.tui.app import make_app

        def open_library() -> Library:
            from reader.store import Library  # in the loading worker, off the UI thread

            return Library.open(db_path)

        app = make_app(open_library, theme=theme, demo=demo, db_path=db_path)
        result = app.run()
    finally:
        end_startup()
    if app.return_code:
        sys.exit(app.return_code)
    if result == "demo" and not demo:
        run_demo(theme=theme)


def run_demo(*, theme: str | None = None) -> None:
    """The demo library in a temporary folder, deleted afterwards."""
    import gc
    import tempfile

    from reader.demo import build_demo_library
    from reader.gcutil import thaw

    thaw()  # after a first app (welcome screen -> demo): its garbage goes now,
    gc.collect()  # before the second start-up freezes what is left
    with tempfile.TemporaryDirectory(prefix="reader-demo-") as tmp:
        path = Path(tmp) / "library.json"
        build_demo_library(path)
        run_app(path, theme=theme, demo=True)
