"""The Layout: what every reader produces, whatever the format.

A Layout is the document's full text plus an ordered list of blocks (headings, paragraphs, table rows),
each remembering where it came from: page (1-based, None where the format has no pages), line, and
[start, end) offsets into `Layout.text`. Invariant, for every block: text[block.start:block.end] ==
block.text, and for every cell with a location: text[cell.start:cell.end] == cell.text.

This module knows no format and no plan. Readers build a Layout with LayoutBuilder, which writes the
text and the offsets together so that they cannot disagree.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from kehoach.extractors.errors import DocumentLoadError
# `construct`'s steps are inlined where the builder makes a model for every block, cell and location.
from kehoach.extractors.unvalidated import construct, new_model as _new, set_dict as _set_dict
from kehoach.extractors.unvalidated import set_extra as _set_extra, set_fields_set as _set_fields_set
from kehoach.extractors.unvalidated import set_private as _set_private

BlockKind = Literal["heading", "paragraph", "row"]
Layer = Literal["body", "furniture"]
TextOrigin = Literal["text", "repaired", "ocr"]

CELL_SEPARATOR = "\t"
BLOCK_SEPARATOR = "\n"
# Far beyond any plan (a 300-page plan holds about a million characters), so that a file that is
# text but not a plan (a log, a dump, a book) is refused in seconds instead of filling the memory.
MAX_TEXT_CHARS = 5_000_000


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


_M = TypeVar("_M", bound=BaseModel)


class Location(_Model):
    page: int | None = None
    line: int | None = None
    start: int
    end: int


class Cell(_Model):
    text: str
    column: int = Field(description="0-based grid column where the cell starts")
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    location: Location | None = None
    continued: bool = Field(
        False,
        description="a vertically merged cell repeated in a row it covers below its first row: same text "
        "and location as the first",
    )

    @property
    def start(self) -> int:
        return self.location.start if self.location else -1

    @property
    def end(self) -> int:
        return self.location.end if self.location else -1


class Block(_Model):
    kind: BlockKind
    text: str
    cells: list[Cell] = Field(default_factory=list)
    layer: Layer = "body"
    locations: list[Location] = Field(default_factory=list)
    table: int | None = Field(None, description="index of the table a row belongs to")
    level: int | None = Field(None, description="heading level where the source says it")
    bold: bool = False
    style: str | None = Field(None, description="the source's style name, where it has one")
    origin: TextOrigin = "text"

    @property
    def start(self) -> int:
        locations = self.locations
        return locations[0].start if len(locations) == 1 else min(loc.start for loc in locations)

    @property
    def end(self) -> int:
        locations = self.locations
        return locations[0].end if len(locations) == 1 else max(loc.end for loc in locations)

    def page_at(self, offset: int) -> int | None:
        """The page of the line or cell holding `offset`, else the block's first page."""
        for loc in self.locations:
            if loc.start <= offset < loc.end:
                return loc.page
        for cell in self.cells:
            if cell.location and cell.location.start <= offset < cell.location.end:
                return cell.location.page
        return self.page

    @property
    def page(self) -> int | None:
        return self.locations[0].page if self.locations else None

    @property
    def pages(self) -> list[int]:
        seen: list[int] = []
        for loc in self.locations:
            if loc.page is not None and loc.page not in seen:
                seen.append(loc.page)
        return seen


TextNoteKind = Literal["legacy_converted", "unreadable"]


class TextNote(_Model):
    """What a reader did to the text, or could not do, that a user of the result should be told."""

    kind: TextNoteKind
    encoding: str | None = Field(None, description='"TCVN3", "VNI", ... where the note is about one')
    where: str = Field(description='where in the file, in words: "the whole file", "runs in font .VnTime"')
    chars: int = 0


class PageInfo(_Model):
    number: int
    width: float | None = None
    height: float | None = None
    origin: TextOrigin = "text"
    quality: float | None = Field(None, description="share of valid Vietnamese words, 0..1")
    readable: bool = True
    doubt: str | None = Field(None, description="why the page's OCR text is not to be trusted; None when clean")


class LayoutSource(_Model):
    path: str
    format: str
    sha256: str
    pages: int | None = None


class Layout(_Model):
    source: LayoutSource
    text: str
    blocks: list[Block]
    page_info: list[PageInfo] = Field(default_factory=list)
    notes: list[TextNote] = Field(default_factory=list)

    @cached_property
    def block_starts(self) -> list[int]:
        """Where each block starts, for lookups by offset (a Layout is not changed once built)."""
        return [b.start for b in self.blocks]

    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.layer == "body"]

    def block_at(self, offset: int) -> Block | None:
        """The block whose span holds `offset` (blocks are in text order)."""
        i = bisect_right(self.block_starts, offset) - 1
        if i >= 0:
            block = self.blocks[i]
            start = block.start
            if start <= offset < max(block.end, start + 1):
                return block
        return None

    def page_at(self, offset: int) -> int | None:
        block = self.block_at(offset)
        return None if block is None else block.page_at(offset)


@dataclass(slots=True)
class CellSpec:
    """A cell as a reader sees it, before it has offsets. Plain data, made by the thousand: the builder
    checks its types, and validates the row where one is not what the cell needs."""

    text: str
    column: int
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    page: int | None = None
    repeats: Location | None = None  # a cell already written in a row above (a vertical merge): kept there


# The builder makes its blocks from data of the right types (checked here, cheaply), so it builds the
# models as validation would, without validating: about half the cost. Data of another type (an int
# for a bool, say) goes through validation, which converts or refuses it as before.
_KINDS = frozenset(("heading", "paragraph"))
_LAYERS = frozenset(("body", "furniture"))
_ORIGINS = frozenset(("text", "repaired", "ocr"))
# The fields a validated model would count as set: those the builder used to pass.
_ADD_FIELDS = frozenset(("kind", "text", "layer", "locations", "level", "bold", "style", "origin"))
_ROW_FIELDS = frozenset(("kind", "text", "cells", "layer", "locations", "table", "style", "origin"))
_CELL_FIELDS = frozenset(("text", "column", "colspan", "rowspan", "header", "location"))
_CONTINUED_FIELDS = _CELL_FIELDS | {"continued"}
_LOCATION_FIELDS = frozenset(("page", "line", "start", "end"))
# A Location's fields are all set, so its set of set fields is one shared set: adding a name it holds
# (what assigning a field does) leaves it as it is.
_LOCATION_SET = set(_LOCATION_FIELDS)


def _location(page: int | None, line: int, start: int, end: int) -> Location:
    location = _new(Location)
    _set_dict(location, {"page": page, "line": line, "start": start, "end": end})
    _set_fields_set(location, _LOCATION_SET)
    _set_extra(location, None)
    _set_private(location, None)
    return location


def _copy(model: _M, **values: object) -> _M:
    """`model` with some fields set to `values`, not validated (values of the types the fields hold)."""
    return construct(type(model), {**model.__dict__, **values}, set(model.__pydantic_fields_set__))


def _pages_ok(pages: list[int | None]) -> bool:
    for page in pages:
        if page is not None and type(page) is not int:
            return False
    return True


def _cell_ok(spec: CellSpec) -> bool:
    page, repeats = spec.page, spec.repeats
    return (
        type(spec.text) is str and type(spec.column) is int and type(spec.colspan) is int
        and type(spec.rowspan) is int and type(spec.header) is bool
        and (page is None or type(page) is int)
        and (repeats is None or (
            type(repeats) is Location and (repeats.page is None or type(repeats.page) is int)
            and (repeats.line is None or type(repeats.line) is int)
            and type(repeats.start) is int and type(repeats.end) is int
        ))
    )


class LayoutBuilder:
    """Writes blocks and their text together, so offsets always slice back to the block's text."""

    def __init__(
        self, path: str, fmt: str, sha256: str, pages: int | None = None, *, max_chars: int = MAX_TEXT_CHARS
    ) -> None:
        self._source = LayoutSource(path=path, format=fmt, sha256=sha256, pages=pages)
        self._max_chars = max_chars
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._pages: list[PageInfo] = []
        self._notes: list[TextNote] = []
        self._line = 0

    def _write(self, text: str) -> tuple[int, int]:
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length = end = start + len(text)
        self._line += 1
        if end > self._max_chars:
            self._check_length()
        return start, end

    def _check_length(self) -> None:
        if self._length > self._max_chars:
            raise DocumentLoadError(
                self._source.path,
                f"refused: more than {self._max_chars:,} characters of text, too long for one plan",
            )

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        page: int | None = None,
        pages: list[int | None] | None = None,
        layer: Layer = "body",
        level: int | None = None,
        bold: bool = False,
        style: str | None = None,
        origin: TextOrigin = "text",
    ) -> Block:
        """Add a heading or paragraph. `pages` lists every page a block stitched across pages came from."""
        if kind == "row":
            raise ValueError("use add_row for table rows")
        start, end = self._write(text)
        line = self._line
        pages = pages or [page]
        if (
            type(text) is str and type(bold) is bool and kind in _KINDS and layer in _LAYERS
            and origin in _ORIGINS and (level is None or type(level) is int)
            and (style is None or type(style) is str) and _pages_ok(pages)
        ):
            block = construct(Block, {
                "kind": kind, "text": text, "cells": [], "layer": layer,
                "locations": [_location(p, line, start, end) for p in pages],
                "table": None, "level": level, "bold": bold, "style": style, "origin": origin,
            }, set(_ADD_FIELDS))
        else:
            block = Block.model_validate({
                "kind": kind, "text": text, "layer": layer,
                "locations": [{"page": p, "line": line, "start": start, "end": end} for p in pages],
                "level": level, "bold": bold, "style": style, "origin": origin,
            })
        self._blocks.append(block)
        return block

    def add_row(
        self,
        cells: list[CellSpec],
        *,
        table: int,
        page: int | None = None,
        pages: list[int | None] | None = None,
        layer: Layer = "body",
        style: str | None = None,
        origin: TextOrigin = "text",
    ) -> Block:
        """Add a table row; its text is the cells' text joined by tabs. A cell that `repeats` one written
        above adds nothing to the text (an empty place between its tabs) and keeps that cell's location."""
        pages = pages or [page]
        if (
            type(table) is int and layer in _LAYERS and origin in _ORIGINS
            and (style is None or type(style) is str) and (page is None or type(page) is int)
            and _pages_ok(pages)
        ):
            built = self._add_row(cells, table, page, pages, layer, style, origin)
            if built is not None:
                return built
        # Data of other types: validated (converted or refused), then written.
        line = self._line + 1
        row_start = position = self._length + (len(BLOCK_SEPARATOR) if self._parts else 0)
        built: list[dict[str, object]] = []
        for spec in cells:
            cell: dict[str, object] = {
                "text": spec.text, "column": spec.column, "colspan": spec.colspan, "rowspan": spec.rowspan,
                "header": spec.header,
            }
            if (repeats := spec.repeats) is not None:
                cell["location"] = {
                    "page": repeats.page, "line": repeats.line, "start": repeats.start, "end": repeats.end,
                }
                cell["continued"] = True
            else:
                end = position + len(spec.text)
                cell["location"] = {"page": page if spec.page is None else spec.page, "line": line,
                                    "start": position, "end": end}
                position = end
            position += len(CELL_SEPARATOR)
            built.append(cell)
        text = CELL_SEPARATOR.join("" if spec.repeats is not None else spec.text for spec in cells)
        end = row_start + len(text)
        block = Block.model_validate({
            "kind": "row", "text": text, "cells": built, "layer": layer, "table": table, "style": style,
            "origin": origin, "locations": [{"page": p, "line": line, "start": row_start, "end": end} for p in pages],
        })
        self._write(text)
        self._blocks.append(block)
        return block

    def _add_row(
        self, cells: list[CellSpec], table: int, page: int | None, pages: list[int | None], layer: Layer,
        style: str | None, origin: TextOrigin,
    ) -> Block | None:
        """`add_row` for cells of the right types: the models built as validation would build them.
        None, and nothing written, where a cell is not of those types (`_cell_ok`)."""
        length = self._length + (len(BLOCK_SEPARATOR) if self._parts else 0)
        line = self._line + 1
        row_start = length
        built: list[Cell] = []
        written: list[str] = []
        append_cell, append_text = built.append, written.append
        for spec in cells:
            if written:
                length += 1
            text, column, colspan, rowspan, header = spec.text, spec.column, spec.colspan, spec.rowspan, spec.header
            if not (type(text) is str and type(column) is type(colspan) is type(rowspan) is int
                    and type(header) is bool):
                return None
            repeats = spec.repeats
            location = _new(Location)
            if repeats is None:
                end = length + len(text)
                cell_page = spec.page
                if cell_page is None:
                    cell_page = page
                elif type(cell_page) is not int:
                    return None
                _set_dict(location, {"page": cell_page, "line": line, "start": length, "end": end})
                length = end
                append_text(text)
            else:
                if not _cell_ok(spec):
                    return None
                _set_dict(location, {
                    "page": repeats.page, "line": repeats.line, "start": repeats.start, "end": repeats.end,
                })
                append_text("")
            _set_fields_set(location, _LOCATION_SET)
            _set_extra(location, None)
            _set_private(location, None)
            cell = _new(Cell)
            _set_dict(cell, {
                "text": text, "column": column, "colspan": colspan, "rowspan": rowspan,
                "header": header, "location": location, "continued": repeats is not None,
            })
            _set_fields_set(cell, set(_CELL_FIELDS if repeats is None else _CONTINUED_FIELDS))
            _set_extra(cell, None)
            _set_private(cell, None)
            append_cell(cell)
        row_text = CELL_SEPARATOR.join(written)
        self._write(row_text)
        block = _new(Block)
        _set_dict(block, {
            "kind": "row", "text": row_text, "cells": built, "layer": layer,
            "locations": [_location(p, line, row_start, length) for p in pages],
            "table": table, "level": None, "bold": False, "style": style, "origin": origin,
        })
        _set_fields_set(block, set(_ROW_FIELDS))
        _set_extra(block, None)
        _set_private(block, None)
        self._blocks.append(block)
        return block

    def keep(self, block: Block) -> Block | None:
        """Add `block` of another Layout where the builder stands, and return what was added: the block
        itself when it falls where it stands (the line and offsets it would be written at are its own),
        a copy moved there when it does not (its text unchanged, so its cells keep their places in it).
        None, and nothing added, when it cannot be moved: a row with a cell continued from a row above
        (that cell's place is another row's), or locations that are not one line's span."""
        text = block.text
        start = self._length + (len(BLOCK_SEPARATOR) if self._parts else 0)
        line, end = self._line + 1, start + len(text)
        for loc in block.locations:
            if loc.start != start or loc.end != end or loc.line != line:
                moved = self._moved(block, start, line)
                if moved is not None:
                    self._write(text)
                    self._blocks.append(moved)
                return moved
        self._write(text)
        self._blocks.append(block)
        return block

    @staticmethod
    def _moved(block: Block, start: int, line: int) -> Block | None:
        """A copy of `block` written from `start` on `line`, or None where it cannot be moved."""
        first = block.locations[0]
        old_start, old_end, old_line = first.start, first.end, first.line
        if old_line is None or old_end - old_start != len(block.text):
            return None
        for loc in block.locations:
            if loc.start != old_start or loc.end != old_end or loc.line != old_line:
                return None
        for cell in block.cells:
            location = cell.location
            if cell.continued or location is None or location.line != old_line or not (
                old_start <= location.start <= location.end <= old_end
            ):
                return None
        shift = start - old_start
        cells = []
        for cell in block.cells:
            location = cell.location
            cells.append(_copy(cell, location=_location(
                location.page, line, location.start + shift, location.end + shift,  # type: ignore[union-attr]
            )))
        locations = [_location(loc.page, line, start, old_end + shift) for loc in block.locations]
        return _copy(block, cells=cells, locations=locations)

    def add_page(self, info: PageInfo) -> None:
        self._pages.append(info)

    def add_note(self, note: TextNote) -> None:
        self._notes.append(note)

    def build(self) -> Layout:
        return Layout(
            source=self._source, text="".join(self._parts), blocks=self._blocks, page_info=self._pages,
            notes=self._notes,
        )


def sha256_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
