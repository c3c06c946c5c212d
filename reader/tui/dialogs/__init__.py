"""Small modal dialogs: each a `ModalScreen[T]` that answers with `dismiss(value)`."""

from __future__ import annotations

from reader.tui.dialogs.confirm import ConfirmDialog
from reader.tui.dialogs.links import LinkChooser
from reader.tui.dialogs.tags import TagDialog, clean_tags

__all__ = ["ConfirmDialog", "LinkChooser", "TagDialog", "clean_tags"]
