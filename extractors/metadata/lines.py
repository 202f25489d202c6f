"""Header and closing text as lines that keep their layout offsets."""

from __future__ import annotations

from typing import NamedTuple

from kehoach.extractors.layout import Block

# Emphasis left by a Markdown conversion at a line's edges ("**ỦY BAN NHÂN", "DÂN **", "*Hà Nội, ngày").
_MARKUP_CHARS = " \t\r*_#"
_EDGE_MARKS = "*_#"


def _edge_stripped(text: str) -> str:
    """`text` without the spacing and emphasis marks at its edges (stripped in turn until neither is left)."""
    while True:
        stripped = text.strip().strip(_EDGE_MARKS)
        if len(stripped) == len(text):
            return stripped
        text = stripped


class Line(NamedTuple):
    """One printed line of a block or cell, stripped, with its [start, end) in Layout.text. (A
    NamedTuple: immutable, and several times cheaper to make than a frozen dataclass.)"""

    text: str
    start: int
    end: int
    block: int  # index of the block in the list it came from
    column: int | None  # the cell's column for table rows, None for paragraphs
    row_table: int | None = None


def _text_to_lines(text: str, base: int, block: int, column: int | None, table: int | None) -> list[Line]:
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip(_MARKUP_CHARS))
        stripped = _edge_stripped(raw)
        if stripped:
            start = base + offset + lead
            lines.append(Line(stripped, start, start + len(stripped), block, column, table))
        offset += len(raw) + 1
    return lines


def block_to_lines(block: Block, index: int) -> list[Line]:
    if block.kind != "row":
        return _text_to_lines(block.text, block.start, index, None, None)
    lines: list[Line] = []
    for cell in block.cells:
        if cell.location is not None and not cell.continued:  # a merged cell's lines are read once
            lines += _text_to_lines(cell.text, cell.start, index, cell.column, block.table)
    return lines


def stretch(text: str, lines: list[Line]) -> tuple[int, int] | None:
    """[start, end) in the layout `text` of lines printed as one stretch (nothing but spacing and
    markup between them: one cell, or paragraphs one under another), else None."""
    if not lines:
        return None
    start, end = lines[0].start, lines[-1].end
    printed = _edge_stripped(" ".join(_edge_stripped(part) for part in text[start:end].split("\n")))
    joined = " ".join(line.text for line in lines)
    return (start, end) if " ".join(printed.split()) == " ".join(joined.split()) else None
