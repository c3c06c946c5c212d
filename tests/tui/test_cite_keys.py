"""`y` copies the citation key, `Y` the citation in the config's format (OSC 52,
through Textual's clipboard: the text the app holds is what the terminal received)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_fixtures import current_id, fixture_library, main_screen, running, settle, wait_until

from reader.config import Config


def _notices(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


async def test_y_copies_the_key_of_the_current_paper_and_shows_it() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        assert current_id(pilot.app) == "arxiv:2403.00001"
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.clipboard == "lovelace2020concept"
        assert "Copied: lovelace2020concept" in _notices(pilot.app)
        await pilot.press("j", "y")
        await pilot.pause()
        assert pilot.app.clipboard == lib.paper("arxiv:2403.00002").key == "lovelace2021label"


async def test_y_copies_a_renamed_key() -> None:
    lib = fixture_library()
    lib.set_key("arxiv:2403.00001", "cbm-revisited")
    async with running(lib) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.clipboard == "cbm-revisited"


@pytest.mark.parametrize(("fmt", "expected"), [
    (None, "\\cite{lovelace2020concept}"),  # the default: LaTeX
    ("pandoc", "[@lovelace2020concept]"),
    ("typst", "@lovelace2020concept"),
    ("org", "[cite:@lovelace2020concept]"),
])
async def test_capital_y_copies_the_citation_in_the_configured_format(
        fmt: str | None, expected: str) -> None:
    if fmt is not None:
        Config(cite_format=fmt).save()
    async with running(fixture_library()) as pilot:
        await pilot.press("Y")
        await pilot.pause()
        assert pilot.app.clipboard == expected
        assert f"Copied: {expected}" in _notices(pilot.app)


async def test_y_with_no_paper_copies_nothing() -> None:
    async with running(fixture_library([])) as pilot:  # an empty library: no paper
        main_screen(pilot.app).action_copy_keys()
        await pilot.pause()
        assert pilot.app.clipboard == ""
        assert "No paper selected." in _notices(pilot.app)


async def test_the_configured_bib_is_kept_in_sync_by_the_app(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bibtexparser

    from reader.tui.widgets import bib_export

    monkeypatch.setattr(bib_export, "DELAY", 0.01)
    target = tmp_path / "refs.bib"
    Config(bib_export=str(target)).save()
    lib = fixture_library()
    async with running(lib) as pilot:
        await wait_until(pilot, lambda: target.exists(), "the file written")
        keys = {e.key for e in bibtexparser.parse_string(target.read_text()).entries}
        assert keys == {p.key for p in lib.papers()} and len(keys) == 12
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press(*"cited", "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "keywords = {cited}" in target.read_text(),
                         "the file written again")


async def test_a_bib_that_cannot_be_written_is_one_error_notice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.tui.widgets import bib_export

    monkeypatch.setattr(bib_export, "DELAY", 0.01)
    Config(bib_export=str(tmp_path / "missing" / "refs.bib")).save()
    async with running(fixture_library()) as pilot:
        app = pilot.app
        await wait_until(pilot, lambda: any(n.startswith("bib_export:") for n in _notices(app)),
                         "the notice that the file cannot be written")
        failed = [n for n in app._notifications  # type: ignore[attr-defined]
                  if n.message.startswith("bib_export:")]
        assert len(failed) == 1 and failed[0].severity == "error"
        assert failed[0].message.startswith("bib_export: cannot write")
        assert app.is_running  # the app goes on
    assert not (tmp_path / "missing").exists()


async def test_y_and_capital_y_cite_every_selected_paper() -> None:
    lib = fixture_library()
    async with running(lib) as pilot:
        await pilot.press("v", "j", "v")  # the 1st and the 3rd paper (v moves on)
        await pilot.pause()
        first, third = (lib.paper(f"arxiv:2403.0000{i}").key for i in (1, 3))
        await pilot.press("y")
        await pilot.pause()
        assert pilot.app.clipboard == f"{first},{third}"
        assert f"Copied (2 papers): {first},{third}" in _notices(pilot.app)
        await pilot.press("Y")
        await pilot.pause()
        assert pilot.app.clipboard == f"\\cite{{{first},{third}}}"


async def test_the_detail_pane_shows_the_citation_key() -> None:
    from textual.widgets import Static

    from reader.tui.widgets import DetailPane

    async with running(fixture_library()) as pilot:
        meta = str(main_screen(pilot.app).query_one(DetailPane)
                   .query_one("#detail-meta", Static).render())
        assert "key:lovelace2020concept" in meta.splitlines()
        await pilot.press("j")
        await settle(pilot)
        meta = str(main_screen(pilot.app).query_one(DetailPane)
                   .query_one("#detail-meta", Static).render())
        assert "key:lovelace2020concept" not in meta
        assert "key:lovelace2021label" in meta.splitlines()  # the next paper's
