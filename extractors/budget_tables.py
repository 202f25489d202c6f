"""Budget tables: the money of a plan by source (rows) and by year (columns).

How plans print them, in the budget section or an appendix ("DỰ TOÁN KINH PHÍ THỰC HIỆN KẾ HOẠCH"),
the unit in a caption line or a header cell:

    Đơn vị tính: triệu đồng
    | TT | Nguồn kinh phí        | Tổng cộng | Năm 2026 | Năm 2027 | Năm 2028 |
    | 1  | Ngân sách trung ương  | 3.000     | 1.000    | 1.000    | 1.000    |
    | 2  | Ngân sách địa phương  | 1.500     | 500      | 500      | 500      |
    |    | Tổng cộng             | 4.500     | 1.500    | 1.500    | 1.500    |

Rules:
- A budget table's header (the rows above the first row holding a figure, cells spanning columns
  read into each column they cover) names at least two years ("Năm 2026", "2026"), or one year and a
  total column ("Tổng", "Tổng cộng", "Tổng kinh phí"). Its money unit is read from the header, else
  from the caption lines just above the table ("Đơn vị tính: triệu đồng", "(ĐVT: triệu đồng)"); a
  table outside the budget section needs one, so that a table of targets by year is never read as
  money. Within the budget section a table with no unit is read in đồng as written.
- A table with a column of units ("Cơ quan chủ trì", "Đơn vị thực hiện") is a task table with its
  costs, not a budget table: its amounts stay on its tasks.
- The label of a row is its first text cell that is not a row number. A row labelled "Tổng cộng",
  "Tổng số", "Tổng" or "Cộng" holds the totals: its total cell is the table's total, and it is no item.
- Every other row with a label is an item: its amount is its total cell (null without a total
  column: never summed here), its parts are its year cells ("Năm 2026": amount) as printed. A row
  whose number lies under the number of the row above ("1.1" under "1", "a)" or "-" under "1") is a
  part of that row; a row with such parts has them as its parts instead of its years. Validators
  check every node against its parts.
- A cell that is empty or a dash has no amount; a figure that cannot be read in the table's unit is
  AMOUNT_UNPARSEABLE and has no amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.extractors.grounding import span
from kehoach.extractors.layout import Block, Cell, Layout
from kehoach.extractors.outline import number_cell, number_rank
from kehoach.extractors.structure import Table
from kehoach.extractors.vnnumbers import NumberFormatError, parse_amount, unit_multiplier
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas import BudgetItem, Finding, Span
from kehoach.schemas.findings import finding

_YEAR = re.compile(r"^\W*(?:năm\s*)?(?P<year>(?:19|20)\d{2})\b", re.I)
_TOTAL_COLUMN = re.compile(
    r"^\W*tổng(?:\s+(?:cộng|số|kinh\s+phí|nhu\s+cầu(?:\s+(?:kinh\s+phí|vốn))?|dự\s+toán|vốn|mức))?\b", re.I
)
_UNITS_COLUMN = re.compile(r"chủ\s+trì|phối\s+hợp|(?:đơn\s+vị|cơ\s+quan)\s+(?:thực\s+hiện|phụ\s+trách)", re.I)
_TOTAL_ROW = re.compile(r"^\W*(?:tổng\s+cộng|tổng\s+số|tổng|cộng)\W*$", re.I)
_FIGURE = re.compile(r"\d")
_NO_AMOUNT = re.compile(r"^\W*$")
_CAPTION_BLOCKS = 3  # paragraphs above a table that may carry its unit


@dataclass
class BudgetTable:
    total_vnd: int | None
    total_source: Span | None
    items: list[BudgetItem]
    findings: list[Finding]


@dataclass
class _Columns:
    label: int | None
    total: int | None
    years: list[tuple[int, str]]  # (column, header text as printed)
    header_rows: int


def _cell_at(row: Block, column: int) -> Cell | None:
    return next((c for c in row.cells if c.column <= column < c.column + c.colspan), None)


def _header_texts(rows: list[Block]) -> dict[int, str]:
    """Each column's header text: the texts of the header cells covering it, top to bottom."""
    texts: dict[int, list[str]] = {}
    for row in rows:
        for cell in row.cells:
            text = collapse_spaces(cell.text)
            for column in range(cell.column, cell.column + cell.colspan):
                if text and text not in texts.setdefault(column, []):
                    texts[column].append(text)
    return {column: " ".join(parts) for column, parts in texts.items()}


def _is_figure_row(row: Block) -> bool:
    """A data row: some cell past the first two is a figure."""
    return any(_FIGURE.search(c.text) and not _YEAR.match(c.text) for c in row.cells if c.column >= 2)


def _columns(table: Table) -> _Columns | None:
    rows = table.rows
    first_data = next((i for i, row in enumerate(rows[:4]) if _is_figure_row(row)), None)
    if not first_data:
        return None
    headers = _header_texts(rows[:first_data])
    last = {column: _header_texts([rows[first_data - 1]]).get(column, "") for column in headers}
    years = [(c, last[c] or text) for c, text in sorted(headers.items()) if _YEAR.match(last[c] or text)]
    totals = [c for c, text in sorted(headers.items()) if _TOTAL_COLUMN.match(last[c] or text)]
    if len(years) < 2 and not (years and totals):
        return None
    if any(_UNITS_COLUMN.search(text) for text in headers.values()):
        return None  # a task table with its costs: the amounts stay on its tasks
    first_amount = min([c for c, _ in years] + totals)
    label = next(
        (c for c in sorted(headers) if c < first_amount and number_cell(headers[c]) is None
         and not re.match(r"^\W*(?:s?tt|số\s+tt|số\s+thứ\s+tự)\W*$", headers[c], re.I)),
        None,
    )
    return _Columns(label=label, total=totals[0] if totals else None, years=years, header_rows=first_data)


def _caption_unit(layout: Layout, table: Table, columns: _Columns, first_row: Block) -> str | None:
    header = [c.text for row in table.rows[: columns.header_rows] for c in row.cells]
    for text in header:
        if unit_multiplier(text) is not None:
            return text
    blocks = layout.blocks
    index = next((i for i, b in enumerate(blocks) if b is first_row), None)
    if index is None:
        return None
    for block in reversed(blocks[max(0, index - _CAPTION_BLOCKS) : index]):
        if block.kind == "row":
            break
        if unit_multiplier(block.text) is not None:
            return block.text
    return None


def _row_label(row: Block, columns: _Columns) -> tuple[str, str | None]:
    """The row's label and its printed number."""
    number: str | None = None
    for cell in sorted(row.cells, key=lambda c: c.column):
        if columns.total is not None and cell.column >= columns.total:
            break
        if any(cell.column == c for c, _ in columns.years):
            break
        text = collapse_spaces(cell.text)
        if not text:
            continue
        if number is None and number_cell(text) is not None and cell.column != columns.label:
            number = number_cell(text)
            continue
        return text, number
    return "", number


class _Reader:
    def __init__(self, layout: Layout, unit: str | None) -> None:
        self.layout = layout
        self.unit = unit
        self.findings: list[Finding] = []

    def amount(self, row: Block, column: int | None, label: str) -> int | None:
        cell = _cell_at(row, column) if column is not None else None
        if cell is None or cell.continued or _NO_AMOUNT.match(cell.text):
            return None
        try:
            return parse_amount(cell.text, self.unit).vnd
        except NumberFormatError:
            self.findings.append(finding(
                "AMOUNT_UNPARSEABLE",
                f"budget table row {label!r}: the amount {cell.text.strip()!r} cannot be read",
                self.cell_span(cell),
            ))
            return None

    def cell_span(self, cell: Cell) -> Span | None:
        if cell.location is None:
            return None
        return span(self.layout, cell.start, cell.location.end)

    def years(self, row: Block, columns: _Columns, label: str) -> list[BudgetItem]:
        out: list[BudgetItem] = []
        for column, text in columns.years:
            cell = _cell_at(row, column)
            if cell is None or _NO_AMOUNT.match(cell.text):
                continue
            out.append(BudgetItem(
                label=text, amount_vnd=self.amount(row, column, label), source=self.cell_span(cell),
            ))
        return out


def read_budget_table(
    layout: Layout, table: Table, *, in_budget_section: bool
) -> BudgetTable | None:
    """The budget tree a table of sources by year gives, or None when the table is no such table."""
    columns = _columns(table)
    if columns is None:
        return None
    data = table.rows[columns.header_rows :]
    unit = _caption_unit(layout, table, columns, table.rows[0])
    if unit is None and not in_budget_section:
        return None
    reader = _Reader(layout, unit)
    total_vnd: int | None = None
    total_source: Span | None = None
    top: list[BudgetItem] = []
    numbers: list[tuple[str | None, BudgetItem, list[BudgetItem]]] = []  # (number, item, its sub-rows)
    for row in data:
        label, number = _row_label(row, columns)
        if not label:
            continue
        if _TOTAL_ROW.match(label):
            total_vnd = reader.amount(row, columns.total, label)
            cell = _cell_at(row, columns.total) if columns.total is not None else None
            total_source = reader.cell_span(cell) if cell is not None else None
            continue
        item = BudgetItem(
            label=label, amount_vnd=reader.amount(row, columns.total, label),
            items=reader.years(row, columns, label), source=reader.cell_span(_first_cell(row)),
        )
        parent = _parent_of(number, numbers)
        if parent is None:
            top.append(item)
        else:
            parent[2].append(item)
        numbers.append((number, item, []))
    for _, item, parts in numbers:
        if parts:
            item.items = parts
    return BudgetTable(total_vnd, total_source, top, reader.findings)


def _first_cell(row: Block) -> Cell:
    return min(row.cells, key=lambda c: c.column)


def _parent_of(
    number: str | None, rows: list[tuple[str | None, BudgetItem, list[BudgetItem]]]
) -> tuple[str | None, BudgetItem, list[BudgetItem]] | None:
    """The row above this one holds it when its number is shallower ("1" over "1.1", "a", "-")."""
    if number is None:
        return None
    for entry in reversed(rows):
        above = entry[0]
        if above is None:
            continue
        if number.startswith(above + ".") or number_rank(number) > number_rank(above):
            return entry
        if number_rank(number) == number_rank(above):
            continue  # a sibling: its parent, if any, is further up
        return None
    return None


def is_budget_table(table: Table) -> bool:
    """A table of amounts by year (a source per row): no task table, whatever its columns say."""
    return _columns(table) is not None
