"""Markdown pipe tables: `| a | b |` rows, with a `|---|---|` rule under the header row.

Crawled pages also hold pipe tables whose rows are broken over lines: a converter wrote each cell's
paragraphs on lines of their own, so one row reads

    | | Luật sửa đổi ... | Ủy ban Thường vụ Quốc hội | Ban soạn thảo do UBTVQH thành lập
    | - Ủy ban Pháp luật chủ trì thẩm tra; - Hội đồng Dân tộc ... tham gia.
    | - Trình UBTVQH tại Phiên họp thứ 42 (tháng 02/2025); ... | - Hồ sơ trình UBTVQH gồm có: ... | |

Read as one stream, a line that does not end with "|" leaves its last cell open: the next line's
text before its first "|" goes on in that cell, and a "|" opening the next line closes it. A line
with no "|" in front goes on in the row. A line ending with "|" and a next one opening with "|" are
two rows, except inside a row already broken over lines, where the newline between them is an empty
cell (a cell holding only a paragraph break) as long as the row stays within the header's width and
the next line does not open with a row number. A line holding only "|" ends the row. Such a
converter also pads a row at its end for each cell merged down from above: in a table with a broken
row, trailing empty cells are padding and are dropped, so the short row is placed under the columns
its cells fit (``table_rows``); rows with no text are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kehoach.extractors.outline import number_cell

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ROW_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]?(?:\s|$)")


def is_pipe_row(line: str) -> bool:
    """A row of at least two cells ("| a | b |"); a lone "|" is a flattened table's bar, not a row."""
    return bool(_PIPE_ROW.match(line)) and line.count("|") >= 3


def is_pipe_rule(line: str) -> bool:
    return "|" in line and bool(_PIPE_RULE.match(line))


def split_pipe_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip()[1:-1].split("|")]


@dataclass
class PipeTable:
    rows: list[list[str]] = field(default_factory=list)  # cells; a cell's paragraphs joined by "\n"
    end: int = 0  # index of the first line after the table


@dataclass
class _Row:
    cells: list[str]
    open: bool  # the last cell goes on in the next line
    broken: bool = False  # the row runs over more than one line


def _pieces(line: str) -> tuple[bool, bool, list[str]]:
    """Whether the line opens and closes with "|", and the texts between its bars."""
    text = line.strip()
    lead, trail = text.startswith("|"), text.endswith("|")
    parts = text.split("|")
    if lead:
        parts = parts[1:]
    if trail and parts:
        parts = parts[:-1]
    return lead, trail, parts


def _opens_numbered_row(parts: list[str]) -> bool:
    first = parts[0].strip() if parts else ""
    return bool(first) and (number_cell(first) is not None or bool(_ROW_NUMBER.match(first)))


def _finish(rows: list[_Row]) -> list[list[str]]:
    broken = any(row.broken for row in rows)
    out: list[list[str]] = []
    for row in rows:
        if not row.cells:
            continue
        cells = [cell.strip() for cell in row.cells]
        if broken:
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
        out.append(cells)
    return out


def read_pipe_table(lines: list[str], start: int) -> PipeTable:
    """The pipe table whose first row is ``lines[start]``, its rows joined back where broken."""
    rows: list[_Row] = []
    width = len(split_pipe_row(lines[start]))
    j = start
    while j < len(lines):
        line = lines[j]
        current = rows[-1] if rows else None
        is_open = current is not None and current.open
        if not line.strip() or ("|" not in line and not is_open):
            break
        if is_pipe_rule(line) and not is_open:
            j += 1
            continue
        lead, trail, parts = _pieces(line)
        if line.strip() == "|":
            if current is not None:
                current.open = False
                if not is_open:
                    rows.append(_Row([], open=False))
            j += 1
            continue
        if current is not None and is_open:
            if not lead and parts:
                current.cells[-1] += "\n" + parts.pop(0)
            current.cells.extend(parts)
            current.broken = True
        elif current is not None and current.cells and (
            (not lead and trail)
            or (current.broken and len(current.cells) + 1 + len(parts) <= width and not _opens_numbered_row(parts))
        ):
            current.cells.extend(([""] if lead else []) + parts)
            current.broken = True
        else:
            rows.append(_Row(list(parts), open=False))
            current = rows[-1]
        current.open = not trail
        j += 1
    return PipeTable(_finish(rows), j)
