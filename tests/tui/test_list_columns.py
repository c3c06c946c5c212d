"""The paper list gives its cells to titles: the stars column appears only once
some paper of the list is rated, and then on every row so they stay aligned."""

from __future__ import annotations

from tui_fixtures import fixture_library, paper_list, running, settle

from reader.tui.render import stars


def _rows(pilot: object) -> list[str]:
    papers = paper_list(pilot.app)  # type: ignore[attr-defined]
    return [papers.row(i).plain for i in range(papers.row_count)]


async def test_unrated_list_has_no_stars_and_rating_one_adds_the_column_to_every_row() -> None:
    lib = fixture_library()
    async with running(lib, size=(160, 40)) as pilot:
        rows = _rows(pilot)
        assert rows and not any("☆" in row or "★" in row for row in rows)
        title_start = rows[0].index("Concept")
        await pilot.press("4")
        await settle(pilot)
        assert lib.state("arxiv:2403.00001").rating == 4
        rows = _rows(pilot)
        assert stars(4) in rows[0]
        assert all(stars(None) in row for row in rows[1:])
        # every title moved right by the same amount: the columns still line up
        starts = {row.index(title[:8]) for row, title in zip(rows, [
            "Concept Bottleneck", "Label-Free", "The Information"], strict=False)}
        assert starts == {title_start + 6}
