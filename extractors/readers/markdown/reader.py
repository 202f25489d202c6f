"""Building the Layout of a crawled Markdown page: paragraphs, `#` headings, flattened tables and
Markdown pipe tables, in page order."""

from __future__ import annotations

import re

from kehoach.extractors.layout import Layout, LayoutBuilder
from kehoach.extractors.readers.markdown.emphasis import EmphasisState, StyledLine, is_bold, style_line
from kehoach.extractors.readers.markdown.flat_tables import RawCell, is_bar, read_flat_table
from kehoach.extractors.readers.markdown.paragraphs import Paragraph, join_lines, middle_width, wrapped_width
from kehoach.extractors.readers.markdown.pipe_tables import is_pipe_row, read_pipe_table
from kehoach.extractors.readers.markdown.table_rows import TableRow, cells_of_rows
from kehoach.extractors.readers.markdown.headings import atx_heading

_RULE_LINE = re.compile(r"^\s*[-_=—–.]{3,}\s*$")
_BLANK_SEPARATED_SHARE = 0.05
_WRAP_SAMPLE_MIN = 20


def wrap_width(lines: list[str]) -> int | None:
    """The width the page source was wrapped at, or None when it was not."""
    lengths = sorted(len(line) for line in lines if line.strip() and not is_bar(line))
    if len(lengths) < _WRAP_SAMPLE_MIN:
        return None
    p90 = lengths[int(len(lengths) * 0.9)]
    return p90 if 40 <= p90 <= 160 else None


def is_rule(line: str) -> bool:
    return bool(_RULE_LINE.match(line))


def cell_paragraphs(raw: RawCell, wrap: int | None) -> list[Paragraph]:
    state = EmphasisState()
    styled = [style_line(line, state) for line in raw if not is_rule(line)]
    return join_lines(styled, blank_separated=False, wrap=wrap, in_cell=True)


class _Writer:
    def __init__(self, builder: LayoutBuilder, wrap: int | None, blank_separated: bool, middle: int | None) -> None:
        self.builder = builder
        self.wrap = wrap
        self.middle = middle
        self.blank_separated = blank_separated
        self.pending: list[StyledLine] = []
        self.state = EmphasisState()
        self.tables = 0
        self.last_width: int | None = None
        self.text_since_table = True

    def text_line(self, line: str) -> None:
        self.pending.append(style_line(line, self.state))

    def flush(self) -> None:
        if self.pending:
            for paragraph in join_lines(
                self.pending, blank_separated=self.blank_separated, wrap=self.wrap, middle=self.middle
            ):
                self.builder.add("paragraph", paragraph.text, bold=paragraph.bold)
        self.pending = []
        self.state.reset()

    def heading(self, level: int, raw: str) -> None:
        self.flush()
        state = EmphasisState()
        styled = style_line(raw, state)
        text = " ".join(styled.text.split())
        if text:
            self.builder.add("heading", text, level=level, bold=is_bold([styled]))

    def table(self, rows: list[TableRow], width: int) -> None:
        self.flush()
        if not rows:
            return
        style = "layout" if any(row.layout for row in rows) else None
        # A table taken up again after an elision ("…......") without its header is the same table.
        continued = (
            not self.text_since_table and style is None and width == self.last_width
            and not any(cell.header for row in rows for cell in row.cells)
        )
        index = self.tables - 1 if continued else self.tables
        for row in rows:
            self.builder.add_row(row.cells, table=index, style=style)
        self.tables = index + 1
        self.last_width = width if style is None else None
        self.text_since_table = False

    def saw_text(self, line: str) -> None:
        if any(c.isalnum() for c in line):
            self.text_since_table = True


def build_layout(text: str, path: str, fmt: str, sha256: str) -> Layout:
    lines = text.split("\n")
    blank_share = sum(1 for line in lines if not line.strip()) / max(len(lines), 1)
    blank_separated = blank_share >= _BLANK_SEPARATED_SHARE
    wrap = wrapped_width(lines) or wrap_width(lines)
    builder = LayoutBuilder(path, fmt, sha256)
    writer = _Writer(builder, wrap, blank_separated, middle_width(lines))
    i = 0
    while i < len(lines):
        line = lines[i]
        if is_bar(line):
            flat = read_flat_table(lines, i, blank_separated=blank_separated)
            raw_rows = [[cell_paragraphs(cell, wrap) for cell in row] for row in flat.rows]
            writer.table(cells_of_rows(raw_rows), max((len(r) for r in raw_rows), default=0))
            i = max(flat.end, i + 1)
            continue
        if is_pipe_row(line):
            pipe = read_pipe_table(lines, i)
            rows, i = pipe.rows, max(pipe.end, i + 1)
            paragraphs = [[cell_paragraphs(cell.split("\n"), wrap) for cell in row] for row in rows]
            writer.table(cells_of_rows(paragraphs, ruled=True), max((len(r) for r in rows), default=0))
            continue
        heading = atx_heading(line)
        writer.saw_text(line)
        if not line.strip() or is_rule(line):
            writer.flush()
        elif heading:
            if heading[1]:
                writer.heading(*heading)
            else:
                writer.flush()
        else:
            writer.text_line(line)
        i += 1
    writer.flush()
    return builder.build()

