"""Cells of a table read from Markdown: columns, header rows, spans, and whether it lays out the page.

What Word and HTML say with borders, row properties and merges, Markdown only says with content:
- a header row is a row of bold cells that is not a numbered group row ("**I** | **Hoàn thiện thể
  chế**"); the first row of a pipe table is its header;
- a row with fewer cells than the table (a group row "I | Cải cách thể chế") spans the rest of the
  width with its last cell;
- a header one cell short of the rows under it lost its first cell to a cell merged down from above
  (the "STT" of a repeated header): its cells sit one column to the right;
- the letterhead (issuer | motto, number | place and date) and the closing (recipients | signature)
  are layout tables, known by what Decree 30/2020/NĐ-CP puts in them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from kehoach.extractors.layout import CellSpec
from kehoach.extractors.outline import number_cell
from kehoach.extractors.readers.markdown.paragraphs import Paragraph

_LAYOUT_CELL = re.compile(
    r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc|^\s*Nơi\s+nhận\b|^\s*(?:TM|KT|TL|TUQ)\s*\.\s",
    re.IGNORECASE | re.MULTILINE,
)
_MIN_HEADER_CELLS = 2
_PROFILE_ROWS = 8
_LETTER_LABEL = re.compile(r"^[A-ZĐ][.)]?$")


@dataclass
class TableRow:
    cells: list[CellSpec]
    layout: bool = False


def _text(paragraphs: list[Paragraph]) -> str:
    return "\n".join(p.text for p in paragraphs)


def _bold(paragraphs: list[Paragraph]) -> bool:
    return bool(paragraphs) and all(p.bold for p in paragraphs)


def _is_label(text: str) -> bool:
    """A row's number or group label: "1", "1.2", "II", "a)", "B."."""
    return number_cell(text) is not None or bool(_LETTER_LABEL.match(text))


def _is_header(row: list[list[Paragraph]], first: bool, ruled: bool) -> bool:
    filled = [cell for cell in row if _text(cell)]
    if ruled:
        return first
    if len(filled) < _MIN_HEADER_CELLS or not all(_bold(cell) for cell in filled):
        return False
    return not _is_label(_text(filled[0]))


def _header_shift(rows: list[list[list[Paragraph]]], index: int, lengths: Counter[int]) -> int:
    """1 when a header is one cell short of the rows under it (its first cell merged from above)."""
    row = rows[index]
    below = Counter(len(r) for r in rows[index + 1 :] if len(r) > len(row))
    common = below.most_common(1)[0][0] if below else None
    return 1 if common == len(row) + 1 and lengths[common] > lengths[len(row)] else 0


def _features(text: str) -> tuple[float, float, float]:
    alnum = [c for c in text if c.isalnum()]
    digits = sum(c.isdigit() for c in alnum) / len(alnum) if alnum else 0.0
    return math.log1p(len(text)), digits, 1.0 if text.lstrip().startswith(("-", "+")) else 0.0


def _distance(text: str, profile: list[tuple[float, float, float]]) -> float:
    if not profile:
        return 0.0
    length, digits, dash = _features(text)
    n = len(profile)
    return (
        abs(length - sum(p[0] for p in profile) / n)
        + 2 * abs(digits - sum(p[1] for p in profile) / n)
        + 2 * abs(dash - sum(p[2] for p in profile) / n)
    )


def _best_shift(texts: list[str], width: int, profiles: list[list[tuple[float, float, float]]]) -> int:
    """Where a short row's cells sit: the columns whose cells above they resemble most (length, digits,
    a leading dash); the cells merged down from above are the ones missing, left or right."""
    best, best_score = 0, math.inf
    for shift in range(width - len(texts) + 1):
        score = sum(_distance(text, profiles[shift + i]) for i, text in enumerate(texts))
        if score < best_score - 1e-9:
            best, best_score = shift, score
    return best


def _is_group(texts: list[str], width: int) -> bool:
    """A group row: a label and a title, nothing else ("I | Cải cách thể chế", "D. | BỘ Y TẾ | ")."""
    filled = [t for t in texts if t]
    if not filled or len(filled) > 2 or (len(texts) == width and len(filled) == len(texts)):
        return False
    return len(filled) == 1 or _is_label(filled[0])


def _place(
    row: list[list[Paragraph]], width: int, header: bool, shift: int,
    profiles: list[list[tuple[float, float, float]]] | None,
) -> list[CellSpec]:
    """The row's cells in their columns."""
    texts = [_text(cell) for cell in row]
    if not header and _is_group(texts, width):
        last = max(i for i, t in enumerate(texts) if t)
        specs = [CellSpec(text=t, column=i) for i, t in enumerate(texts[: last + 1])]
        specs[-1].colspan = width - last  # a group row across the table
        return specs
    if len(row) < width and not header and profiles and any(profiles) and not _is_label(texts[0]):
        shift = _best_shift(texts, width, profiles)
    return [CellSpec(text=text, column=column + shift, header=header) for column, text in enumerate(texts)]


def cells_of_rows(rows: list[list[list[Paragraph]]], *, ruled: bool = False) -> list[TableRow]:
    """The rows of one table, each cell given as its paragraphs, turned into placed cells. A cell
    missing under a cell of the row above (merged down in the source) becomes an empty cell, and the
    cell above gets the rowspan, as Word and HTML readers give them."""
    width = max((len(r) for r in rows), default=0)
    lengths = Counter(len(r) for r in rows)
    layout = not ruled and any(_LAYOUT_CELL.search(_text(cell)) for row in rows for cell in row)
    out: list[TableRow] = []
    above: dict[int, CellSpec] = {}  # the last cell seen in each column
    profiles: list[list[tuple[float, float, float]]] = [[] for _ in range(width)]
    for index, row in enumerate(rows):
        header = _is_header(row, index == 0, ruled)
        shift = _header_shift(rows, index, lengths) if header and not layout else 0
        specs = _place(row, width, header, shift, None if layout else profiles)
        placeholders: list[CellSpec] = []
        if specs[-1].colspan > 1:
            above.clear()  # a row across the table ends the cells merged down above it
        elif not layout and not header and len(row) < width:
            taken = {spec.column for spec in specs}
            for column in range(width):
                if column not in taken and column in above:
                    above[column].rowspan += 1
                    placeholders.append(CellSpec(text="", column=column))
        for spec in specs if specs[-1].colspan == 1 else []:
            above.pop(spec.column, None)
            if spec.text:
                above[spec.column] = spec
        if len(row) == width and not header:
            for spec in specs:
                profiles[spec.column] = (profiles[spec.column] + [_features(spec.text)])[-_PROFILE_ROWS:]
        out.append(TableRow(sorted(specs + placeholders, key=lambda c: c.column), layout))
    return out
