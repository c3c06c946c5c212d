"""The export dialog: format, selection, file; answers the written Path or None.

    ExportDialog({"To-read list": entries, "Shelf: Read": ...}, default_dir)

The first selection is chosen unless `selected` names another; a line under it
says how many papers will be written, which (`descriptions`), in which order.

The path starts as `<folder>/reading-list-<date>.<suffix>` (folder: the given
one, else ~/Documents when it exists, else the current folder) and its suffix
follows the format. An existing file is only replaced after the user presses
Export a second time on the same path (the button turns into "Overwrite").
The file is written in a worker thread; errors stay inside the dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from reader.errors import ReaderError
from reader.export import (
    EXPORTERS,
    default_export_dir,
    default_filename,
    export_to_file,
    order_entries,
)
from reader.model import Entry
from reader.tui.dismissal import dismiss_once
from reader.tui.render import safe

FORMATS = ["md", "csv", "bib", "json", "org", "html"]
ORDER = "To-read queue first, then by rating, then by date added."
"""The order every selection is written in (reader.export.order_entries)."""


class ExportDialog(ModalScreen[Path | None]):
    """Export one of the app's selections to a file."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
        background: $background 60%;
    }
    ExportDialog > #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        border-title-color: $foreground;
        border-title-style: bold;
        background: $surface;
    }
    ExportDialog #columns, ExportDialog #left, ExportDialog #right { height: auto; }
    ExportDialog #left { width: 32; }
    ExportDialog #right {
        width: 1fr;
        padding-left: 1;
    }
    ExportDialog RadioSet { width: 100%; }
    ExportDialog .caption { color: $text-muted; }
    ExportDialog #summary {
        height: auto;
        max-height: 3;
        margin-top: 1;
        padding: 0 1;
    }
    ExportDialog #order {
        height: auto;
        padding: 0 1;
    }
    ExportDialog #summary.-empty { color: $text-warning; }
    ExportDialog #message {
        height: auto;
        min-height: 1;
        color: $text-muted;
    }
    ExportDialog #message.-error { color: $text-error; }
    ExportDialog #message.-warning { color: $text-warning; }
    ExportDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    ExportDialog #buttons Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.go"),
    ]

    def __init__(self, selections: dict[str, list[Entry]], default_dir: Path | None = None,
                 *, today: date | None = None, fmt: str = "md",
                 selected: str | None = None,
                 descriptions: dict[str, str] | None = None,
                 stems: dict[str, str] | None = None) -> None:
        super().__init__()
        self.choices = selections
        self.descriptions = descriptions or {}
        self.stems = stems or {}
        """The file name of each selection ("all-papers"); else reading-list."""
        """How the summary line names a selection ("the to-read list"); else its label."""
        self.selected = selected if selected in selections else next(iter(selections), None)
        self.folder = default_dir or default_export_dir()
        self.today = today or datetime.now().date()
        self.fmt = fmt if fmt in EXPORTERS else "md"
        self._confirmed: Path | None = None
        """The existing file the user agreed to overwrite (pressed Export twice)."""
        self._busy = False
        self.written = 0
        """How many papers the last export wrote (read it once the dialog answered)."""

    # --- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        options = [(Content(f"{label} ({len(entries)})"), label)
                   for label, entries in self.choices.items()]
        first = self.selected
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Export"
            with Horizontal(id="columns"):
                with Vertical(id="left"):
                    yield Label("Format", classes="caption")
                    with RadioSet(id="format"):
                        for name in FORMATS:
                            yield RadioButton(Content(EXPORTERS[name].label),
                                              value=name == self.fmt, name=name)
                with Vertical(id="right"):
                    yield Label("Papers", classes="caption")
                    yield Select(options, allow_blank=first is None, id="selection",
                                 value=first if first is not None else Select.NULL)
                    yield Static(self._summary(first), id="summary",
                                 classes="" if self.choices.get(first or "") else "-empty")
                    yield Static(Content(ORDER), id="order", classes="caption")
            yield Label("Save to", classes="caption")
            yield Input(str(self.folder / self._file_name(first)), id="path")
            yield Static(Content(""), id="message")
            with Horizontal(id="buttons"):
                yield Button(Content("Export"), variant="primary", id="export")
                yield Button(Content("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#format", RadioSet).focus()

    # --- state --------------------------------------------------------------------------
    def _say(self, text: str, kind: str = "") -> None:
        message = self.query_one("#message", Static)
        message.update(Content(safe(text)))  # may quote a typed path
        message.set_class(kind == "error", "-error")
        message.set_class(kind == "warning", "-warning")

    def _reset_confirmation(self) -> None:
        if self._confirmed is not None:
            self._confirmed = None
            self.query_one("#export", Button).label = Content("Export")
            self.query_one("#export", Button).variant = "primary"
            self._say("")

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = event.pressed.name or "md"
        old_suffix, self.fmt = EXPORTERS[self.fmt].suffix, fmt
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value)
        if path.suffix.lower() in {e.suffix for e in EXPORTERS.values()} | {old_suffix}:
            path_input.value = str(path.with_suffix(EXPORTERS[fmt].suffix))
        self._reset_confirmation()

    def _file_name(self, label: str | None) -> str:
        return default_filename(self.fmt, self.today,
                                self.stems.get(label or "", "reading-list"))

    @on(Select.Changed, "#selection")
    def _selection_changed(self, event: Select.Changed) -> None:
        """The file is named after the selection, until the user names it."""
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value)
        names = {Path(self._file_name(label)).stem for label in self.choices}
        if path.stem in names:
            label = event.value if isinstance(event.value, str) else None
            path_input.value = str(path.with_name(self._file_name(label)).with_suffix(
                path.suffix or EXPORTERS[self.fmt].suffix))

    @on(Input.Changed, "#path")
    @on(Select.Changed, "#selection")
    def _inputs_changed(self) -> None:
        self._reset_confirmation()
        value = self.query_one("#selection", Select).value
        label = value if isinstance(value, str) else None
        summary = self.query_one("#summary", Static)
        summary.update(self._summary(label))
        summary.set_class(not self.choices.get(label or ""), "-empty")

    def _summary(self, label: str | None) -> Content:
        """What Export will write: how many papers, from where, in which order."""
        entries = self.choices.get(label or "", [])
        if label is None or not entries:
            return Content("Nothing to export: this selection is empty.")
        n = len(entries)
        return Content.assemble(
            "Exports ", (f"{n:,} paper{'s' if n != 1 else ''}", "bold"), ": ",
            self.descriptions.get(label, label), ".")

    def chosen_entries(self) -> list[Entry]:
        value = self.query_one("#selection", Select).value
        return list(self.choices.get(value, [])) if isinstance(value, str) else []

    def target_path(self) -> Path | None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.is_absolute() else Path.cwd() / path

    # --- actions ------------------------------------------------------------------------
    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self._busy:
            dismiss_once(self, None)

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#path")
    def action_export(self) -> None:
        if self._busy:
            return
        path = self.target_path()
        if path is None:
            self._say("Type the file to write.", "error")
            return
        entries = self.chosen_entries()
        if not entries:
            self._say("Nothing to export: this selection is empty.", "error")
            return
        if path.is_dir():
            self._say(f"{path} is a folder: add a file name.", "error")
            return
        overwrite = self._confirmed == path
        if path.exists() and not overwrite:
            self._confirmed = path
            button = self.query_one("#export", Button)
            button.label = Content("Overwrite")
            button.variant = "error"
            self._say(f"{path.name} already exists. Press Overwrite to replace it.", "warning")
            return
        self._busy = True
        self._say(f"Writing {len(entries)} papers…")
        self.written = len(entries)
        self._write(entries, self.fmt, path, overwrite)

    class ExportWritten(Message, bubble=False):
        """The file was written."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class ExportFailed(Message, bubble=False):
        """The file could not be written: `error` says why."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    @work(thread=True, exclusive=True, group="export")
    def _write(self, entries: Sequence[Entry], fmt: str, path: Path, overwrite: bool) -> None:
        try:
            export_to_file(order_entries(entries), fmt, path, datetime.now(UTC),
                           overwrite=overwrite)
        except (ReaderError, OSError) as exc:
            self.post_message(self.ExportFailed(str(exc)))
            return
        self.post_message(self.ExportWritten(path))

    @on(ExportWritten)
    def _written(self, event: ExportWritten) -> None:
        dismiss_once(self, event.path)

    @on(ExportFailed)
    def _failed(self, event: ExportFailed) -> None:
        self._busy = False
        self._reset_confirmation()
        self._say(event.error, "error")
