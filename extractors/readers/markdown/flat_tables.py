"""Tables flattened by the crawler: each cell a run of lines, a line holding only `|` after each cell.

A row is written "|" + (cell + "|") for each cell, rows one after another, so the source reads

    |            opens the first row
    Số: 12/KH    a cell
    |            closes it
    Hà Nội, ...  the next cell
    |            closes it
    |            opens the next row (two bars in a row: the row ended)

An empty cell is two bars in a row as well. A run of k bars after a cell is therefore k-1 empty cells
and one row boundary; the empty cells go to the end of the row up to the table's width, the rest open
the next row (a leading empty cell). A cell spanning rows is simply missing from the rows below, as in
the HTML the crawler read.

Where a table ends: at a blank line after a bar; in files without blank lines, where the text after a
closing bar cannot be one more cell: the row is already as wide as the table or would grow wider than
it, the first row of a two-column table of long cells (the signature) is complete, the text runs on
far longer than a cell, or a letter's "Kính gửi" line runs on into its body. The addressees' table
("Kính gửi:" | the list of addressees, or the list alone after a "Kính gửi:" line) ends with the list:
the letter's body follows it, out of any table (Decree 30/2020/NĐ-CP).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_CELL_LINES = 60
# A letter's addressees ("Kính gửi: ...") follow its header table (Decree 30/2020/NĐ-CP): alone, or as a
# two-cell table of the label and the list of addressees, which then ends.
_ADDRESSEES = re.compile(r"^[\s*_]*Kính\s+gửi\b", re.IGNORECASE)
_SIGNATURE_CELL_LINES = 4

RawCell = list[str]


def is_bar(line: str) -> bool:
    return line.strip() == "|"


@dataclass
class FlatTable:
    rows: list[list[RawCell]] = field(default_factory=list)
    end: int = 0  # index of the first line after the table

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def _segment_end(lines: list[str], start: int) -> int | None:
    """Index of the bar closing the cell that starts at `start`, or None when no bar closes it."""
    for j in range(start, len(lines)):
        if is_bar(lines[j]):
            return j
        if not lines[j].strip():
            return None
    return None


def _segments_ahead(lines: list[str], start: int) -> list[RawCell]:
    """The runs of lines the row would still get as cells from `start` on, up to the next row boundary."""
    segments: list[RawCell] = []
    j = start
    while j < len(lines) and lines[j].strip() and not is_bar(lines[j]):
        close = _segment_end(lines, j)
        if close is None:
            break
        segments.append(lines[j:close])
        j = close + 1
        if j >= len(lines) or is_bar(lines[j]):
            break
    return segments


def _opens_block(segment: RawCell) -> bool:
    """A run that reads as a heading and its caption, not a cell: several lines under a bold first line."""
    first = segment[0].strip()
    return len(segment) >= 2 and first.startswith("**") and first.endswith("**") and len(first) > 4


def _cells_left(table: FlatTable, row: list[RawCell], lines: list[str], start: int, length: int) -> int | None:
    """How many more cells the row takes before the table ends (None: no end in sight)."""
    if length > MAX_CELL_LINES:
        return 0
    if not table.rows:
        return 0 if len(row) >= 2 and max(len(cell) for cell in row) >= _SIGNATURE_CELL_LINES else None
    room = table.width - len(row)
    if room <= 0:
        return 0
    ahead = _segments_ahead(lines, start)
    if len(ahead) <= room:
        return None
    # Taking all the text as cells would make the row wider than the table: what follows the table (a
    # heading, the next table's header) was read on. The table ends at a heading, or when the row is full.
    return next((k for k in range(room + 1) if _opens_block(ahead[k])), room)


def _close_row(table: FlatTable, row: list[RawCell], empties: int) -> list[RawCell]:
    """Ends `row` after a run of `empties` bars; returns the next row with its leading empty cells."""
    if not row and not table.rows:
        return [[] for _ in range(empties)]
    trailing = min(empties - 1, max(0, table.width - len(row))) if table.rows else 0
    row.extend([] for _ in range(trailing))
    if row:
        table.rows.append(row)
    return [[] for _ in range(empties - 1 - trailing)]


def read_flat_table(lines: list[str], start: int, *, blank_separated: bool) -> FlatTable:
    """The table whose opening bar is `lines[start]`."""
    table = FlatTable()
    row: list[RawCell] = []
    empties = 0  # bars seen since the last cell was closed
    limit: int | None = None  # where the current row must end, once known
    addressed: int | None = None  # cells of the row up to the addressees' list, once known
    j = start + 1
    # A table opened just after a "Kính gửi:" line holds the list of addressees alone.
    after_addressees = start > 0 and _ADDRESSEES.match(lines[start - 1]) is not None
    while j < len(lines):
        line = lines[j]
        if is_bar(line):
            empties += 1
            j += 1
            continue
        if not line.strip():
            break
        close = _segment_end(lines, j)
        if close is None or (addressed is not None and len(row) + empties >= addressed):
            break
        opens_addressees = _ADDRESSEES.match(line) is not None
        if opens_addressees and (close - j > 1 or _ADDRESSEES.sub("", line).strip(" *_:")):
            break  # the letter's body runs on from its addressees: no table holds it
        if empties == 0 and not blank_separated:
            if close - j > MAX_CELL_LINES:
                break
            if limit is None:
                left = _cells_left(table, row, lines, j, close - j)
                limit = None if left is None else len(row) + left
            if limit is not None and len(row) >= limit:
                break
        if empties:
            row = _close_row(table, row, empties)
            empties = 0
            limit = None
        if opens_addressees or (after_addressees and addressed is None):
            addressed = len(row) + (2 if opens_addressees else 1)  # ["Kính gửi:" |] the list, and the table ends
        row.append(lines[j:close])
        j = close + 1
    if row or empties:
        if table.rows and empties > 0:
            row.extend([] for _ in range(min(empties - 1, max(0, table.width - len(row)))))
        if row:
            table.rows.append(row)
    table.end = j
    return table
