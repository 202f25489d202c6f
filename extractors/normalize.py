"""Normalization: one clean Layout whatever the reader.

- Unicode NFC, non-breaking spaces and control characters (form feeds) handled, spaces collapsed.
- Page furniture (page numbers such as "2", "- 18 -", "Trang 3") marked as furniture, not lost.
- A row that only numbers the columns ("(1) (2) (3)") under a table's header marked furniture.
- Tables continued over pages made one table, as provinces print them: the header row repeated at the
  top of each page is marked furniture, and a row cut by the page break (the first row of the next
  fragment, whose number cell is empty) is stitched onto the row before it, cell by cell.

A table fragment continues the table before it when it has the same number of columns and either
repeats that table's header row, or the two are separated only by furniture and footnotes ("(1) ...")
and the fragment starts on a later page.

The result is a new Layout whose offsets point into its own normalized text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from unicodedata import is_normalized

from kehoach.extractors.layout import Block, CellSpec, Layout, LayoutBuilder, Location
from kehoach.extractors.outline import is_page_number
from kehoach.extractors.vntext import clean_text, collapse_inline_spaces

_FOOTNOTE = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}\s|\*)")
_KEY_DROP = re.compile(r"[^\w]+")
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


def _key(text: str) -> str:
    return _KEY_DROP.sub(" ", text.casefold()).strip()


def _clean(text: str) -> str:
    # A printable text holds no whitespace but the space.
    if (
        text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "
        and is_normalized("NFC", text)
    ):
        return text  # most text is clean already: no odd space or control character, no line break
    if "\n" in text and all(_clean_line(line) for line in text.split("\n")) and is_normalized("NFC", text):
        return text  # clean lines (a cell's), none empty
    lines = [collapse_inline_spaces(line).strip() for line in clean_text(text).split("\n")]
    return "\n".join(line for line in lines if line)


def _clean_line(line: str) -> bool:
    """A line with nothing to clean: not empty, no odd space or control character, spaces single and
    inside (the space is the only whitespace character that is printable)."""
    return line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " " and line != ""


@dataclass
class _Row:
    cells: list[CellSpec]
    pages: list[int | None]
    block: Block
    layer: str = "body"
    key: str | None = None  # `_row_key`, once worked out


@dataclass
class _Fragment:
    table: int
    rows: list[_Row] = field(default_factory=list)

    @cached_property
    def width(self) -> int:
        """Asked once all its rows are in (a row stitched in later keeps its columns)."""
        return max((c.column + c.colspan for r in self.rows for c in r.cells), default=0)

    @property
    def first_page(self) -> int | None:
        return self.rows[0].pages[0] if self.rows else None

    @property
    def last_page(self) -> int | None:
        return self.rows[-1].pages[-1] if self.rows else None


def _row_key(row: _Row) -> str:
    if row.key is None:
        row.key = "|".join([_key(c.text) for c in row.cells])
    return row.key


def _is_header(row: _Row) -> bool:
    return any(c.header for c in row.cells)


def _number_cell_empty(row: _Row) -> bool:
    first = next((c for c in row.cells if c.column == 0), None)
    return first is None or not first.text.strip()


def _is_column_numbers(row: _Row) -> bool:
    """A row such as "(1) (2) (3)" that numbers the columns."""
    texts = [c.text.strip() for c in row.cells if c.text.strip()]
    return len(texts) >= 2 and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)


def _stitch(previous: _Row, continuation: _Row) -> _Row:
    by_column = {c.column: c for c in continuation.cells}
    cells: list[CellSpec] = []
    for cell in previous.cells:
        extra = by_column.get(cell.column)
        text = cell.text
        if extra is not None and extra.text.strip() and extra.repeats is None:
            text = f"{text} {extra.text}".strip() if text else extra.text
        cells.append(replace(cell, text=text))
    pages = previous.pages + [p for p in continuation.pages if p not in previous.pages]
    return _Row(cells=cells, pages=pages, block=previous.block)


def _is_furniture(block: Block) -> bool:
    return block.layer == "furniture" or (block.page is not None and is_page_number(block.text))


def _continues(previous: _Fragment, fragment: _Fragment, between: list[Block]) -> bool:
    if not previous.rows or not fragment.rows or previous.width != fragment.width:
        return False
    header = next((r for r in previous.rows if _is_header(r)), previous.rows[0])
    if _row_key(fragment.rows[0]) == _row_key(header):
        return all(_is_furniture(b) or _FOOTNOTE.match(b.text) for b in between)
    later_page = (
        fragment.first_page is not None
        and previous.last_page is not None
        and fragment.first_page > previous.last_page
    )
    return later_page and all(_is_furniture(b) or _FOOTNOTE.match(b.text) for b in between)


def _merge_tables(
    blocks: list[Block],
) -> tuple[dict[int, int], dict[int, _Row], set[int], set[int], set[tuple[int, int]]]:
    """The table index of every row block, every row's cleaned (or stitched) cells, the blocks to
    drop or to mark, and the spans of the cells that continued cells repeat.

    A table's rows are cut into fragments at each page break (a reader may give all of them one
    index, or one index per page); each fragment is then joined to the one before it or not.
    """
    fragments: dict[int, _Fragment] = {}
    cleaned: dict[int, _Row] = {}
    order: list[int] = []
    positions: dict[int, list[int]] = {}
    current: dict[int, int] = {}  # table index -> its latest fragment
    repeated: set[tuple[int, int]] = set()
    for i, block in enumerate(blocks):
        if block.kind != "row" or block.table is None:
            continue
        pages = block.pages
        page = pages[0] if pages else None
        key = current.get(block.table)
        last_page = fragments[key].last_page if key is not None else None
        if key is None or (page is not None and last_page is not None and page > last_page):
            key = len(order)
            fragments[key] = _Fragment(block.table)
            order.append(key)
            current[block.table] = key
        cells = []
        for c in block.cells:
            location = c.location
            continued = c.continued
            if continued and location is not None:
                repeated.add((location.start, location.end))
            cells.append(CellSpec(
                _clean(c.text), c.column, c.colspan, c.rowspan, c.header,
                location.page if location else None, location if continued else None,
            ))
        row = _Row(cells=cells, pages=pages or [None], block=block)
        fragments[key].rows.append(row)
        cleaned[i] = row
        positions.setdefault(key, []).append(i)

    root: dict[int, int] = {key: key for key in order}
    stitched: dict[int, _Row] = {}
    dropped: set[int] = set()
    furniture: set[int] = set()
    for prev_key, key in zip(order, order[1:]):
        previous, fragment = fragments[prev_key], fragments[key]
        last_index = positions[prev_key][-1]
        first_index = positions[key][0]
        between = blocks[last_index + 1 : first_index]
        if any(b.kind == "row" for b in between) or not _continues(previous, fragment, between):
            continue
        root[key] = root[prev_key]
        rows = list(zip(fragment.rows, positions[key]))
        header = next((r for r in previous.rows if _is_header(r)), previous.rows[0])
        while rows and (_row_key(rows[0][0]) == _row_key(header) or _is_column_numbers(rows[0][0])):
            furniture.add(rows[0][1])
            rows = rows[1:]
        if rows and _number_cell_empty(rows[0][0]) and previous.rows:
            prev_position = positions[prev_key][-1]
            base = stitched.get(prev_position, previous.rows[-1])
            merged = _stitch(base, rows[0][0])
            stitched[prev_position] = merged
            dropped.add(rows[0][1])
            # The stitched row stands for the previous fragment's last row from now on.
            previous.rows[-1] = merged
            rows = rows[1:]
        # Later fragments continue this merged table: its rows follow on from the previous ones.
        fragments[key] = _Fragment(fragments[root[key]].table, previous.rows + [r for r, _ in rows])
        positions[key] = positions[prev_key] + [p for _, p in rows]
    # A row numbering the columns ("(1) (2) (3)") under a table's header is furniture too.
    for key in order:
        if root[key] == key:
            for row, position in list(zip(fragments[key].rows, positions[key]))[:3]:
                if _is_column_numbers(row):
                    furniture.add(position)
    table_of = {
        position: fragments[root[key]].table for key in order for position in positions[key]
    }
    return table_of, cleaned | stitched, dropped, furniture, repeated


def _repeated(cell: CellSpec, moved: dict[tuple[int, int], tuple[Location, str]]) -> CellSpec:
    """A cell repeating one above points at where that cell now is; written again if it was dropped."""
    if cell.repeats is None:
        return cell
    found = moved.get((cell.repeats.start, cell.repeats.end))
    if found is None:
        return replace(cell, repeats=None)
    location, text = found
    return replace(cell, repeats=location, text=text)


def _unchanged_row(
    block: Block, row: _Row, layer: str, table: int, moved: dict[tuple[int, int], tuple[Location, str]]
) -> bool:
    """Whether the row `add_row` would write from `row` is `block` as it is, wherever it is written."""
    if layer != block.layer or table != block.table or len(row.cells) != len(block.cells):
        return False
    if [loc.page for loc in block.locations] != row.pages:
        return False
    for cell, spec in zip(block.cells, row.cells):
        location = cell.location
        if cell.continued:
            found = moved.get((cell.start, cell.end))
            if found is None or location is None or found[1] != cell.text:
                return False
            new = found[0]
            if (new.page, new.line, new.start, new.end) != (
                location.page, location.line, location.start, location.end
            ):
                return False
        elif spec.text != cell.text or spec.repeats is not None or location is None:
            return False
    return True


def normalize_layout(layout: Layout) -> Layout:
    """A new Layout with clean text, furniture marked and tables continued over pages joined."""
    table_of, rows, dropped, furniture, repeated = _merge_tables(layout.blocks)
    builder = LayoutBuilder(layout.source.path, layout.source.format, layout.source.sha256, layout.source.pages)
    for info in layout.page_info:
        builder.add_page(info)
    for note in layout.notes:
        builder.add_note(note)
    moved: dict[tuple[int, int], tuple[Location, str]] = {}  # a written cell's old span -> new place, text
    for i, block in enumerate(layout.blocks):
        if i in dropped:
            continue
        layer = "furniture" if i in furniture else block.layer
        if block.kind == "row" and block.table is not None:
            row = rows[i]
            table = table_of.get(i, block.table)
            written = builder.keep(block) if _unchanged_row(block, row, layer, table, moved) else None
            if written is None:
                written = builder.add_row(
                    [_repeated(cell, moved) for cell in row.cells], table=table,
                    pages=row.pages, layer=layer, style=block.style, origin=block.origin,
                )
            if repeated:  # only the cells that continued cells repeat are looked up
                for old, new in zip(block.cells, written.cells):
                    location = old.location
                    if (
                        not old.continued and location is not None and new.location is not None
                        and (span := (location.start, location.end)) in repeated
                    ):
                        moved[span] = (new.location, new.text)
            continue
        text = _clean(block.text).replace("\n", " ") if block.kind != "row" else block.text
        if not text:
            continue
        if layer == "body" and block.page is not None and is_page_number(text):
            layer = "furniture"
        if text == block.text and layer == block.layer and block.kind != "row" and builder.keep(block) is not None:
            continue
        builder.add(
            block.kind, text, pages=[loc.page for loc in block.locations] or [None], layer=layer,
            level=block.level, bold=block.bold, style=block.style, origin=block.origin,
        )
    return builder.build()
