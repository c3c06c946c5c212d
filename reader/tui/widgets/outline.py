"""The outline of the paper being read: one row per section, indented by level;
selecting a row (enter, click) posts OptionSelected, which the screen turns into a jump."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.fulltext.document import Section


class Outline(OptionList):
    """Sections of the paper (the option id is the section's index)."""

    DEFAULT_CSS = """
    Outline { border: none; padding: 0; background: $surface-darken-1; }
    Outline.-empty { display: none; }
    """

    def show_sections(self, sections: list[Section]) -> None:
        """One row per section; none (a paper without headings, or no text): the
        outline gives its width to the text."""
        self.set_class(not sections, "-empty")
        self.set_options(
            Option(Content.assemble(("  " * (s.level - 1), ""),
                                    (s.heading, "bold" if s.level == 1 else "")), id=str(n))
            for n, s in enumerate(sections))

    def follow(self, section: int) -> None:
        """Mark the section the text is in (without taking the focus or jumping)."""
        if section >= 0 and section != self.highlighted and section < self.option_count:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = section
