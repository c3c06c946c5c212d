"""User settings (theme, daily goal, citations), a small JSON file in the config dir."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from reader.atomicfile import replace_file
from reader.paths import config_dir


@dataclass(slots=True)
class Config:
    theme: str | None = None
    """Name of the last theme picked (file name in themes/ or a built-in)."""
    daily_goal: int = 0
    """Papers to finish per day; 0 = off (the default)."""
    cite_format: str = "latex"
    """What `Y` copies and `reader cite` prints: latex, pandoc, typst or org."""
    bib_export: str | None = None
    """A .bib file kept in sync with the whole library (by the app while it runs,
    and by the CLI commands that change the library); None = off."""

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "config.json"

    @classmethod
    def load(cls) -> Config:
        """Never fails: a missing or broken file gives the defaults."""
        try:
            data: Any = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        cfg = cls()
        for key, value in data.items():
            if key in known:
                setattr(cfg, key, value)
        goal: Any = cfg.daily_goal
        theme: Any = cfg.theme
        if not isinstance(goal, int) or goal < 0:
            cfg.daily_goal = 0
        if not isinstance(theme, str):
            cfg.theme = None
        cite_format: Any = cfg.cite_format
        if cite_format not in ("latex", "pandoc", "typst", "org"):
            cfg.cite_format = "latex"
        bib: Any = cfg.bib_export
        if not isinstance(bib, str) or not bib.strip():
            cfg.bib_export = None
        return cfg

    def save(self) -> None:
        """Atomic write; errors are swallowed (a setting is not worth a crash)."""
        path = self.path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(path, json.dumps(asdict(self), indent=2).encode("utf-8"))
        except OSError:
            pass
