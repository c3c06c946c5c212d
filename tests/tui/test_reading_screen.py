"""The reading screen: open from the cache, outline jump, search, the note beside the
text, adding a cited paper, the place remembered, the offer to mark `reading`."""

from __future__ import annotations

from typing import Any

from reading_fixtures import READ_ID, reading_library
from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_fixtures import main_screen, running, settle, wait_until

from reader.drafts import read_draft
from reader.fulltext.cache import FulltextCache
from reader.model import Status
from reader.store import Library
from reader.tui.screens.reading import ReadingScreen
from reader.tui.widgets.outline import Outline
from reader.tui.widgets.paper_text import PaperText


async def open_reading(pilot: Pilot[Any]) -> ReadingScreen:
    await pilot.press("R")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReadingScreen)
    return screen


def shown(screen: ReadingScreen) -> str:
    """The text on the cursor line."""
    text = screen.query_one(PaperText)
    line = text.cursor_line
    assert line is not None
    flow = text.flows[line.flow]
    return flow.text[line.start:line.end] or line.text


def section_title(screen: ReadingScreen) -> str:
    from reader.fulltext.pieces import section_at

    assert screen.doc is not None
    index = section_at(screen.starts, screen.query_one(PaperText).cursor_flow)
    return screen.doc.sections[index].heading


async def test_opens_from_the_cache_with_outline_and_text() -> None:
    async with running(reading_library(), size=(160, 45)) as pilot:
        screen = await open_reading(pilot)
        text = screen.query_one(PaperText)
        assert text.lines and text.has_focus
        outline = screen.query_one(Outline)
        assert [str(outline.get_option_at_index(i).prompt) for i in range(3)] == [
            "1 Introduction", "2 Method", "  2.1 Attention"]
        assert shown(screen) == "Sparse Bottlenecks for Readable Models"
        assert text.measure() <= 100  # a readable measure on a wide terminal


async def test_outline_enter_jumps_to_the_section() -> None:
    async with running(reading_library(), size=(160, 45)) as pilot:
        screen = await open_reading(pilot)
        screen.query_one(Outline).focus()
        await pilot.press("down", "down", "down", "down", "enter")  # 1, 2, 2.1, 3
        await pilot.pause()
        assert shown(screen) == "3 Results"
        assert screen.query_one(PaperText).has_focus
        await pilot.press("right_square_bracket")
        assert section_title(screen) == "A Proofs in Full"
        await pilot.press("left_square_bracket")
        assert shown(screen) == "3 Results"


async def test_search_highlights_hits_and_n_moves_between_them() -> None:
    async with running(reading_library(), size=(160, 45)) as pilot:
        screen = await open_reading(pilot)
        await pilot.press("slash", *"bottleneck", "enter")
        await pilot.pause()
        text = screen.query_one(PaperText)
        assert len(text.hits) >= 4 and text.current_hit == 0
        first = text.cursor
        await pilot.press("n", "n")
        assert text.current_hit == 2
        await pilot.press("N")
        assert text.current_hit == 1 and text.cursor >= first
        svg = pilot.app.export_screenshot()
        assert "hit 2 of" in svg.replace("&#160;", " ")


async def test_note_beside_the_text_is_saved() -> None:
    lib = reading_library()
    async with running(lib, size=(160, 45)) as pilot:
        screen = await open_reading(pilot)
        await pilot.press("e", *"good [bold] idea", "escape")
        await settle(pilot)
        assert screen.query_one(PaperText).has_focus or screen.focused is not None
        assert lib.entry(READ_ID).state.note == "good [bold] idea"


async def test_adding_a_cited_paper_and_seeing_one_already_there() -> None:
    lib = reading_library()
    async with running(lib, size=(160, 45)) as pilot:
        screen = await open_reading(pilot)
        text = screen.query_one(PaperText)
        assert text.reference_marks == {2: True}  # [3] is in the library
        refs = next(n for n, f in enumerate(text.flows) if f.reference == 3)
        text.go_to_flow(refs)  # [4] Babbage: no id, added by title
        await pilot.pause()
        info = str(screen.query_one("#reading-info").render())
        assert "not in your library" in info
        await pilot.press("a")
        await settle(pilot)
        added = [e for e in lib.entries() if "economy of machinery" in e.paper.title]
        assert len(added) == 1 and added[0].state.status is Status.NEW
        assert text.reference_marks.get(3) is True
        # a citation line: [3] is already read
        text.go_to_flow(next(n for n, f in enumerate(text.flows)
                             if any("bib.bib3" in c[2] for c in f.cites)))
        await pilot.press("down")
        await pilot.pause()
        assert "in your library: read" in str(screen.query_one("#reading-info").render())


async def test_offer_to_mark_reading_and_place_remembered() -> None:
    lib = reading_library()
    async with running(lib, size=(160, 45)) as pilot:
        screen = await open_reading(pilot)
        assert screen.query_one("#reading-offer").display
        await pilot.press("m")
        await settle(pilot)
        assert lib.entry(READ_ID).state.status is Status.READING
        assert not screen.query_one("#reading-offer").display
        screen.query_one(Outline).focus()
        await pilot.press("down", "down", "down", "down", "enter")
        flow = screen.query_one(PaperText).cursor_flow
        await pilot.press("escape")
        await settle(pilot)
        assert FulltextCache().position(READ_ID) == flow
        main_screen(pilot.app).set_shelf("status:reading")  # it left the Inbox
        await pilot.pause()
        screen = await open_reading(pilot)
        assert shown(screen) == "3 Results"


async def test_a_paper_without_text_says_what_to_try() -> None:
    lib = Library.open(None)
    from reader.model import Paper

    lib.add_papers([Paper(id="title:x", title="No ids at all")])
    async with running(lib, size=(100, 30)) as pilot:
        screen = await open_reading(pilot)
        info = str(screen.query_one("#reading-info").render())
        assert "no arXiv id or DOI" in info
        assert any("O opens the PDF" in n.message for n in pilot.app._notifications)
        assert not screen.query_one(Outline).display  # an empty outline gives its room


async def test_the_offer_to_mark_reading_wraps_rather_than_being_cut() -> None:
    async with running(reading_library(), size=(120, 40)) as pilot:
        screen = await open_reading(pilot)  # outline, text and note side by side
        offer = screen.query_one("#reading-offer")
        text = str(offer.render())
        assert text.endswith("(now new)")
        assert offer.content_size.width < len(text)  # too narrow for one line...
        assert offer.content_size.width * offer.content_size.height >= len(text)  # ...so two


async def test_a_note_typed_while_the_app_closes_is_saved() -> None:
    lib = reading_library()
    async with running(lib, size=(160, 45)) as pilot:
        await open_reading(pilot)
        await pilot.press("e", *"typed as the app closed")
        pilot.app.exit()
        await pilot.pause()
    assert lib.entry(READ_ID).state.note == "typed as the app closed"
    assert read_draft(READ_ID) is None


async def test_a_note_changed_elsewhere_is_merged_once_and_shown() -> None:
    lib = reading_library()
    async with running(lib, size=(160, 45)) as pilot:
        screen = await open_reading(pilot)
        lib.set_note(READ_ID, "written in another terminal")  # after the screen opened
        await pilot.press("e", *"typed here", "escape")
        await settle(pilot)
        editor = screen.query_one("#reading-note", TextArea)
        await wait_until(pilot, lambda: "written in another terminal" in editor.text,
                         "the merged note shown in the editor")
        await pilot.press("e", "ctrl+end", *" and more", "escape")
        await settle(pilot)
    note = lib.entry(READ_ID).state.note
    assert note.count("written in another terminal") == 1
    assert note.count("typed here") == 1 and "and more" in note


async def test_a_note_changed_elsewhere_meanwhile_keeps_both_texts() -> None:
    lib = reading_library()
    async with running(lib, size=(160, 45)) as pilot:
        await open_reading(pilot)
        lib.set_note(READ_ID, "written in another terminal")  # after the screen opened
        await pilot.press("e", *"typed here", "escape")
        await settle(pilot)
    note = lib.entry(READ_ID).state.note
    assert "written in another terminal" in note and "typed here" in note
