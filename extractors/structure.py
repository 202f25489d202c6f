"""The structure of an official document (Decree 30/2020/NĐ-CP), read from a normalized Layout.

    ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM      header (issuer, motto, number, date)
    TỈNH CAO BẰNG   | Độc lập - Tự do - Hạnh phúc
    Số: 129/KH-UBND | Cao Bằng, ngày 23 tháng 7 năm 2019
                 KẾ HOẠCH                                      type line
    Triển khai Đề án ...                                       title
    Căn cứ Quyết định số 996/QĐ-TTg ...                        preamble (legal bases, introduction)
    I. MỤC TIÊU / 1. ... / a) ... / - ... / + ...              the numbered outline, with tables
    Nơi nhận: ...   | KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name       closing (recipients, signature)
    PHỤ LỤC ...                                                appendices, with their own outline

The outline's markers and their ranks are the outline grammar's (extractors.outline). Markers are read
from the block's text, so Word's automatic numbering must already be rendered into the text by the reader.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.outline import BASIS_OPENER, CLOSING_OPENER, RANKS, Marker, paren_value, parse_marker
from kehoach.extractors.vntext import collapse_spaces

_APPENDIX = re.compile(r"^\s*PH[ỤU]\s*L[ỤU]C\b", re.I)
_ANNEX_HEADING_WORDS = 5  # a caps line this long after the signature is a heading, not a name
_NUMBER_LINE = re.compile(r"\bSố\s*:", re.I)


@dataclass
class Table:
    index: int
    rows: list[Block]  # body rows in order, furniture (repeated headers) excluded

    @property
    def header(self) -> Block | None:
        for row in self.rows[:3]:
            if any(c.header for c in row.cells):
                return row
        return self.rows[0] if self.rows else None


@dataclass(init=False)
class Section:
    """A node of the outline. It holds its parent by a weak reference: a tree without reference
    cycles is freed as soon as the document is done with, not by the cycle collector, which would
    otherwise keep every block under it alive and walk it again and again."""

    block: Block | None  # the block that opens it (None for the virtual root)
    marker: Marker | None
    children: list[Section]
    blocks: list[Block]  # unmarked paragraphs directly under it
    tables: list[Table]

    def __init__(
        self, block: Block | None, marker: Marker | None, children: list[Section] | None = None,
        blocks: list[Block] | None = None, tables: list[Table] | None = None, parent: Section | None = None,
    ) -> None:
        self.block = block
        self.marker = marker
        self.children = [] if children is None else children
        self.blocks = [] if blocks is None else blocks
        self.tables = [] if tables is None else tables
        self._parent = None if parent is None else weakref.ref(parent)
        # walk()'s answer, kept once asked: the outline is complete when build_structure returns it.
        self._descendants: list[Section] | None = None

    @property
    def parent(self) -> Section | None:
        return None if self._parent is None else self._parent()

    @property
    def title(self) -> str:
        if self.marker is not None:
            return self.marker.rest
        return self.block.text if self.block is not None else ""

    @property
    def number(self) -> str | None:
        return self.marker.number if self.marker else None

    def walk(self) -> list[Section]:
        """Every section below this one, in document order."""
        if self._descendants is None:
            out: list[Section] = []
            stack = self.children[::-1]
            while stack:
                section = stack.pop()
                out.append(section)
                stack += section.children[::-1]
            self._descendants = out
        return list(self._descendants)

    def text(self) -> str:
        """The section's own heading and every paragraph below it, as one string."""
        parts = [self.block.text] if self.block is not None else []
        parts += [b.text for b in self.blocks]
        for child in self.children:
            parts.append(child.text())
        return "\n".join(parts)


@dataclass
class StructuredDocument:
    layout: Layout
    header: list[Block]
    type_line: Block | None
    title: list[Block]
    preamble: list[Block]
    body: Section  # virtual root of the numbered outline
    closing: list[Block]
    appendices: list[Section]
    tables: list[Table]

    def sections(self) -> list[Section]:
        out = self.body.walk()
        for appendix in self.appendices:
            out.append(appendix)
            out.extend(appendix.walk())
        return out


def _is_type_line(block: Block, type_names: set[str]) -> bool:
    """"KẾ HOẠCH" alone on its line, or alone in a row of the header's layout table."""
    if block.kind == "row":
        if block.style != "layout":
            return False
        filled = [c.text for c in block.cells if c.text.strip() and not c.continued]
        if len(filled) != 1:
            return False
        text = filled[0]
    else:
        text = block.text
    line = collapse_spaces(text).upper().rstrip(".:")
    # "THÔNG BÁO KẾT LUẬN": a notice of conclusions, two type names on one line, the first its type.
    return line in type_names or any(
        line.startswith(name + " ") and line[len(name) + 1 :] in type_names for name in type_names
    )


_PROSE_CHARS = 200


def _is_prose(text: str) -> bool:
    """A long paragraph ending a sentence ("Ngày 15 tháng 11 năm 2025, tại ... kết luận như sau:") opens
    the text under the title; a title ends with no full stop or colon."""
    text = text.rstrip()
    return len(text) > _PROSE_CHARS and text.endswith((".", ":", ";"))


def _is_title_like(block: Block, title: list[Block]) -> bool:
    """A "Thực hiện Nghị quyết ..." line right under the type line is the title, not a basis, unless it
    reads as the introduction ("..., với các nội dung sau:") or a list of bases ("...;")."""
    text = block.text.rstrip()
    if title or block.text.lstrip().lower().startswith("căn cứ"):
        return False
    return block.bold or (len(text) < 400 and not text.endswith((":", ";", ",")))


_BASIS_LEAD = re.compile(r"^\s*Căn cứ\b")
_ADDRESSEES = re.compile(r"^[\s*_]*Kính\s+gửi\b", re.I)


def _preamble_limit(blocks: list[Block]) -> int:
    """The first "Căn cứ ..." paragraph: the type line and the header come before the preamble, so a
    type name below it is the enacting formula ("QUYẾT ĐỊNH:") of a document whose type line also
    holds its title ("GIẤY PHÉP SỬ DỤNG ..."), and a date below it belongs to a cited document."""
    return next((i for i, b in enumerate(blocks) if b.kind != "row" and _BASIS_LEAD.match(b.text)), len(blocks))


def _find_type_line(blocks: list[Block], type_names: set[str]) -> int | None:
    for i, block in enumerate(blocks[: _preamble_limit(blocks[:80])]):
        if _is_type_line(block, type_names):
            return i
    return None


def _header_end(blocks: list[Block]) -> int:
    """Without a type line: the header ends after the last header-looking block near the top, before
    a letter's addressees ("Kính gửi") and the closing of a short document."""
    end = 0
    for i, block in enumerate(blocks[: _preamble_limit(blocks[:30])]):
        texts = [c.text for c in block.cells] if block.kind == "row" else [block.text]
        if any(CLOSING_OPENER.match(t) for t in texts):
            break
        if block.style == "layout" or _NUMBER_LINE.search(block.text) or re.search(r",\s*ngày\b", block.text):
            end = i + 1
        if any(_ADDRESSEES.match(t) for t in texts):
            break  # in a cell of the header's last row, or below it
    return end


def is_letter(doc: StructuredDocument) -> bool:
    """A letter (công văn, Decree 30/2020/NĐ-CP) has no type line; it names its addressees ("Kính gửi:
    ...") before its body, alone or in a cell of the header or of a table of its own."""
    if doc.type_line is not None:
        return False
    for block in doc.layout.body():
        if block.kind != "row" and parse_marker(block.text) is not None:
            return False
        texts = [cell.text for cell in block.cells] if block.kind == "row" else [block.text]
        if any(_ADDRESSEES.match(text) for text in texts):
            return True
    return False


# What CLOSING_OPENER's text can begin with, its spaces aside ("K" is the Kelvin sign, which the
# case-insensitive "k" matches).
_CLOSING_HEADS = "NnKkKTtQq"


def _closing_start(blocks: list[Block], start: int) -> int:
    opens = CLOSING_OPENER.match
    heads = _CLOSING_HEADS
    for i in range(start, len(blocks)):
        block = blocks[i]
        if block.kind != "row":
            text = block.text
            if text[:1] in heads and opens(text) or text[:1].isspace() and opens(text):
                return i
        else:
            for cell in block.cells:
                text = cell.text
                if text[:1] in heads and opens(text) or text[:1].isspace() and opens(text):
                    return i
    return len(blocks)


def _is_caps_heading(block: Block) -> bool:
    return block.kind != "row" and block.text.isupper() and len(block.text.split()) >= _ANNEX_HEADING_WORDS


def _closing_end(blocks: list[Block], closing_at: int, limit: int) -> int:
    """Where an annex printed after the signature without a "PHỤ LỤC" heading begins: a data table
    or a heading in capitals after the recipients and signature (with the caption lines above it)."""
    signature_table = blocks[closing_at].table if closing_at < limit else None
    for i in range(closing_at + 1, limit):
        block = blocks[i]
        is_table = (
            block.kind == "row" and block.table is not None and block.style != "layout"
            and block.table != signature_table
        )
        if is_table or (_is_caps_heading(block) and not CLOSING_OPENER.match(block.text)):
            start = i
            while start - 1 > closing_at and blocks[start - 1].kind != "row" and (
                _is_caps_heading(blocks[start - 1]) or blocks[start - 1].text.startswith("(")
            ):
                start -= 1
            return start
    return limit


def _appendix_starts(blocks: list[Block], start: int) -> list[int]:
    return [
        i for i in range(start, len(blocks))
        if blocks[i].kind != "row" and _may_open(blocks[i].text, "Pp") and _APPENDIX.match(blocks[i].text)
        and len(blocks[i].text) < 300
    ]


def _may_open(text: str, heads: str) -> bool:
    """False when `text`, leading spaces aside, begins with none of `heads`: a pattern anchored
    there cannot match."""
    head = text[:1]
    if head.isspace():
        head = text.lstrip()[:1]
    return bool(head) and head in heads


def _build_outline(blocks: list[Block], root: Section, tables: dict[int, Table]) -> None:
    stack: list[Section] = [root]
    ranks: list[float] = [-1.0]  # the rank of each section's marker, kept with the stack
    # "(1)", "(ii)" open items only as a list of two or more; a lone "(1)" under a table is its footnote.
    parens = {
        paren_value(m.number) for b in blocks
        if b.kind != "row" and b.text.lstrip().startswith("(") and (m := parse_marker(b.text)) and m.style == "paren"
    }
    for block in blocks:
        if block.kind == "row":
            if block.table is None or block.style == "layout":
                stack[-1].blocks.append(block)
                continue
            table = tables.get(block.table)
            if table is not None and table not in stack[-1].tables:
                # A table belongs to the deepest open section that is not a bullet item.
                owner = next(s for s in reversed(stack) if s.marker is None or s.marker.rank < RANKS["dash"])
                if table not in owner.tables:
                    owner.tables.append(table)
            continue
        marker = parse_marker(block.text)
        if marker is not None and marker.style == "paren" and not {
            paren_value(marker.number) - 1, paren_value(marker.number) + 1
        } & parens:
            marker = None
        if marker is None:
            stack[-1].blocks.append(block)
            continue
        rank = marker.rank
        while len(stack) > 1 and ranks[-1] >= rank:  # every section above the root has a marker
            stack.pop()
            ranks.pop()
        section = Section(block=block, marker=marker, parent=stack[-1])
        stack[-1].children.append(section)
        stack.append(section)
        ranks.append(rank)


def build_structure(layout: Layout, type_names: set[str] | frozenset[str]) -> StructuredDocument:
    """Split a normalized Layout into header, title, preamble, outline, closing and appendices.

    `type_names` are the document type names in capitals ("KẾ HOẠCH", "QUYẾT ĐỊNH", ...).
    """
    blocks = layout.body()
    names = {n.upper() for n in type_names}
    type_index = _find_type_line(blocks, names)
    if type_index is not None:
        header = blocks[:type_index]
        rest_start = type_index + 1
    else:
        rest_start = _header_end(blocks)
        header = blocks[:rest_start]
    type_line = blocks[type_index] if type_index is not None else None

    # Title: the paragraphs after the type line up to the first legal basis or outline item.
    title: list[Block] = []
    i = rest_start
    while i < len(blocks) and type_line is not None:
        block = blocks[i]
        if block.kind == "row" or parse_marker(block.text) or len(title) >= 3:
            break
        if BASIS_OPENER.match(block.text) and not block.text.isupper() and not _is_title_like(block, title):
            break
        if title and _is_prose(block.text):
            break
        title.append(block)
        i += 1
    preamble: list[Block] = []
    while i < len(blocks) and blocks[i].kind != "row" and parse_marker(blocks[i].text) is None:
        if CLOSING_OPENER.match(blocks[i].text):
            break
        preamble.append(blocks[i])
        i += 1

    appendix_starts = _appendix_starts(blocks, i)
    body_end = appendix_starts[0] if appendix_starts else len(blocks)
    closing_at = _closing_start(blocks, i)
    closing_at = min(closing_at, body_end)
    closing_end = _closing_end(blocks, closing_at, body_end)
    if closing_end < body_end:
        appendix_starts.insert(0, closing_end)
    closing = blocks[closing_at:closing_end]

    tables: dict[int, Table] = {}
    for block in blocks:
        if block.kind == "row" and block.table is not None and block.style != "layout":
            tables.setdefault(block.table, Table(block.table, [])).rows.append(block)

    root = Section(block=None, marker=None)
    _build_outline(blocks[i:closing_at], root, tables)

    appendices: list[Section] = []
    bounds = appendix_starts + [len(blocks)]
    for start, end in zip(bounds, bounds[1:]):
        appendix = Section(block=blocks[start], marker=None)
        _build_outline(blocks[start + 1 : end], appendix, tables)
        appendices.append(appendix)

    return StructuredDocument(
        layout=layout, header=header, type_line=type_line, title=title, preamble=preamble,
        body=root, closing=closing, appendices=appendices, tables=sorted(tables.values(), key=lambda t: t.index),
    )
