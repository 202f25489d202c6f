"""The grid of an HTML table: each row's cells placed in columns, with the places rowspans cover."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
SPAN_COVER_FACTOR = 4


class _PlacedCell(NamedTuple):
    element: HtmlElement | None  # None: covered by a rowspan from above
    column: int
    colspan: int
    rowspan: int
    header: bool


def table_rows(table: HtmlElement) -> list[tuple[HtmlElement, bool]]:
    """The table's own rows in order, with whether they sit in `<thead>` (nested tables excluded)."""
    rows: list[tuple[HtmlElement, bool]] = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "tr":
            rows.append((child, False))
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend((tr, child.tag == "thead") for tr in child if tr.tag == "tr")
    return rows


def _span(value: str | None, limit: int) -> int:
    """A colspan or rowspan attribute's number, 0 to `limit` (1 where it is missing or no number)."""
    if value is None:
        return 1
    try:
        number = int((value or "1").strip())
    except ValueError:
        return 1
    return max(0, min(number, limit))


def _row_cells(tr: HtmlElement) -> list[HtmlElement]:
    return [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]


def place_cells(rows: list[tuple[HtmlElement, bool]]) -> list[list[_PlacedCell]]:
    """The HTML table grid: columns from colspans and from rowspans coming down from rows above.

    Spans are bounded by the table's real size: a rowspan ends at the last row, and rowspans together
    cover at most `SPAN_COVER_FACTOR` times as many places as the table has cells (a page of
    `<td rowspan=65534>` rows would otherwise make a grid that grows with the square of its rows).
    """
    grid = [(_row_cells(tr), in_head) for tr, in_head in rows]
    budget = SPAN_COVER_FACTOR * sum(len(cells) for cells, _ in grid)
    covered: dict[int, dict[int, int]] = {}  # row → {column: colspan of the cell covering it}
    placed: list[list[_PlacedCell]] = []
    for r, (tds, in_head) in enumerate(grid):
        here = covered.pop(r, {})
        cells = [_PlacedCell(None, col, span, 1, in_head) for col, span in here.items()]
        column = 0
        for td in tds:
            while column in here:
                column += here[column]
            get = td.get
            colspan = max(1, _span(get("colspan"), MAX_COLSPAN))
            rowspan = _span(get("rowspan"), MAX_ROWSPAN)
            rowspan = len(grid) - r if rowspan == 0 else min(max(rowspan, 1), len(grid) - r)
            if rowspan - 1 > budget:
                rowspan = 1
            budget -= rowspan - 1
            for below in range(r + 1, r + rowspan):
                covered.setdefault(below, {})[column] = colspan
            cells.append(_PlacedCell(td, column, colspan, rowspan, in_head or td.tag == "th"))
            column += colspan
        # Without places covered from above, the cells are in column order already.
        placed.append(sorted(cells, key=lambda cell: cell.column) if here else cells)
    return placed
