"""A table as lines of text: aligned columns when they fit the width, else one
row per paragraph with its cells separated by ` · `."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from reader.fulltext.document import Table

MAX_CELL = 40


def table_lines(table: Table, width: int) -> list[str]:
    rows = [[" ".join(cell.split()) for cell in row] for row in table.rows if row]
    if not rows:
        return []
    columns = max(len(r) for r in rows)
    rows = [r + [""] * (columns - len(r)) for r in rows]
    widths = [min(MAX_CELL, max(cell_len(r[c]) for r in rows)) for c in range(columns)]
    if sum(widths) + 3 * (columns - 1) <= width:
        out: list[str] = []
        for n, row in enumerate(rows):
            cells = [_cut(cell, w) for cell, w in zip(row, widths, strict=True)]
            out.append(" │ ".join(cells).rstrip())
            if n + 1 == table.header_rows:
                out.append("─┼─".join("─" * w for w in widths))
        return out
    from reader.fulltext.layout import wrap  # the narrow form: each row wrapped

    out = []
    for row in rows:
        text = " · ".join(cell for cell in row if cell)
        out.extend(text[a:b] if i == 0 else "  " + text[a:b]
                   for i, (a, b) in enumerate(wrap(text, width - 2)))
    return out


def _cut(text: str, width: int) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
