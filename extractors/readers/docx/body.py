"""Walking the body: paragraphs (runs, fields, numbering labels) and tables (merged cells, layout tables)
in document order, into blocks on a LayoutBuilder."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from kehoach.extractors.layout import Cell, CellSpec, Layout, LayoutBuilder, TextNote
from kehoach.extractors.readers.docx.elements import (
    W_P,
    W_PPR,
    W_RPR,
    W_TBLPR,
    W_VAL,
    block_children,
    blocks_among,
    child_of,
    first_among,
    first_of_two,
    int_or,
    on_off,
    val_of,
    w,
    wrapped_among,
    wrapped_children,
)
from kehoach.extractors.readers.docx.numbering import Numbering
from kehoach.extractors.readers.docx.package import DocxParts
from kehoach.extractors.readers.docx.styles import Inherited, Styles, borders_of, edges_of, fonts_font
from kehoach.extractors.readers.legacy_text import (
    TCVN3,
    FontConversions,
    converter_for_font,
    document_encoding,
    is_unicode_vietnamese,
    restore_capitals,
    unreadable_text,
)
from kehoach.extractors.vntext import clean_text

if TYPE_CHECKING:
    from lxml.etree import _Element

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

_TR, _TC, _R, _T = w("tr"), w("tc"), w("r"), w("t")
_TCPR, _TRPR = w("tcPr"), w("trPr")
_GRID_BEFORE, _GRID_SPAN, _VMERGE, _TBL_HEADER = w("gridBefore"), w("gridSpan"), w("vMerge"), w("tblHeader")
_TBL_STYLE, _TBL_BORDERS, _TC_BORDERS = w("tblStyle"), w("tblBorders"), w("tcBorders")
_VERTICAL_EDGES = frozenset({"left", "right", "start", "end", "insideV"})

# Inline elements whose content is never shown as body text.
_SKIPPED_INLINE = frozenset(
    {
        w("pPr"), w("rPr"), w("del"), w("moveFrom"), w("sdtPr"), w("sdtEndPr"),
        w("instrText"), w("delText"), w("delInstrText"), w("footnoteReference"),
        w("endnoteReference"), w("commentReference"), w("annotationRef"), w("drawing"),
        w("pict"), w("object"), w("lastRenderedPageBreak"), w("softHyphen"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
    }
)
_LINE_BREAKS = frozenset({w("br"), w("cr")})
_FLD_CHAR, _FLD_CHAR_TYPE = w("fldChar"), w("fldCharType")
_NO_BREAK_HYPHEN, _SYM, _MATH_TEXT = w("noBreakHyphen"), w("sym"), f"{{{M_NS}}}t"
_TABS = frozenset({w("tab"), w("ptab")})


class _GridCell(NamedTuple):
    children: list[_Element]  # the w:tc's
    column: int
    colspan: int
    merge: str | None  # "restart", "continue" or None


def _row_grid(tr: _Element) -> tuple[bool, list[_GridCell]]:
    """Whether the row repeats as a header, and its cells with their grid columns (`w:gridBefore` shifts
    the first one). Each element's children are read once."""
    children = tr.getchildren()
    trpr = first_among(children, _TRPR)
    grid_before, header = (None, None) if trpr is None else first_of_two(trpr, _GRID_BEFORE, _TBL_HEADER)
    column = int_or(val_of(grid_before), 0)
    cells: list[_GridCell] = []
    for tc in wrapped_among(children, _TC):
        tc_children = tc.getchildren()
        tcpr = first_among(tc_children, _TCPR)
        if tcpr is None:
            cells.append(_GridCell(tc_children, column, 1, None))
            column += 1
            continue
        grid_span, vmerge = first_of_two(tcpr, _GRID_SPAN, _VMERGE)
        span = 1 if grid_span is None else max(1, int_or(grid_span.get(W_VAL), 1))
        merge = None
        if vmerge is not None:
            merge = "restart" if (vmerge.get(W_VAL) or "continue") == "restart" else "continue"
        cells.append(_GridCell(tc_children, column, span, merge))
        column += span
    return bool(on_off(header)), cells


def _rowspans(grid: list[list[_GridCell]]) -> dict[tuple[int, int], int]:
    """(row, column) of each vertical-merge start → rows it covers; continuation cells map to 0."""
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(grid):
        for cell in row:
            if cell.merge == "continue" and r > 0 and (r - 1, cell.column) in spans:
                # Continue the merge above; mark this cell as covered.
                origin = r - 1
                while spans.get((origin, cell.column)) == 0:
                    origin -= 1
                spans[(origin, cell.column)] += 1
                spans[(r, cell.column)] = 0
            else:
                spans[(r, cell.column)] = 1
    return spans


def _paragraph_join(label: str, suffix: str, text: str) -> str:
    if not label:
        return text
    if not text:
        return label
    return label + ("" if suffix == "nothing" else " ") + text


_PSTYLE, _NUMPR, _OUTLINE_LVL, _NUMID, _ILVL = w("pStyle"), w("numPr"), w("outlineLvl"), w("numId"), w("ilvl")
_NO_PARAGRAPH_PROPERTIES: tuple[None, None, None, None] = (None, None, None, None)


def _paragraph_properties(ppr: _Element) -> tuple[str | None, str | None, str | None, str | None]:
    """What a paragraph says directly in its `w:pPr`, read in one pass over it: (style id, numbering
    id, numbering level, outline level)."""
    style_id = num_id = ilvl = outline = None
    for child in ppr.getchildren():
        tag = child.tag
        if tag == _PSTYLE:
            style_id = child.get(W_VAL)
        elif tag == _NUMPR:
            num_id, ilvl = val_of(child_of(child, _NUMID)), val_of(child_of(child, _ILVL))
        elif tag == _OUTLINE_LVL:
            outline = child.get(W_VAL)
    return style_id, num_id, ilvl, outline


_VANISH, _BOLD, _RSTYLE, _RFONTS = w("vanish"), w("b"), w("rStyle"), w("rFonts")
_BOLD_SEEN, _PLAIN_SEEN = 1, 2


def _run_properties(rpr: _Element) -> tuple[bool, bool | None, str | None, str | None]:
    """What a run says directly in its `w:rPr`: (hidden, bold, character style, font)."""
    hidden, bold, style_id, font, fonts_seen = False, None, None, None, False
    for child in rpr.getchildren():
        tag = child.tag
        if tag == _BOLD:
            bold = on_off(child)
        elif tag == _VANISH:
            hidden = bool(on_off(child))
        elif tag == _RSTYLE:
            style_id = child.get(W_VAL)
        elif tag == _RFONTS and not fonts_seen:  # the first rFonts, as `run_font` reads it
            fonts_seen = True
            font = fonts_font(child)
    return hidden, bold, style_id, font


class BodyWalker:
    def __init__(self, document: DocxParts, builder: LayoutBuilder, path: str) -> None:
        self._body = document.body
        self._styles = Styles(document.styles)
        self._numbering = Numbering(document.numbering_root, self._styles)
        self._builder = builder
        self._path = path
        self._fields: list[str] = []  # open complex fields: "instr" until separate, then "result"
        self._instructions = 0  # how many of them are "instr": while any is, nothing is shown
        self._tables = 0
        self._legacy = FontConversions()
        self._paragraph_font: str | None = None
        self._paragraph_legacy = False  # whether the paragraph's font is a legacy one
        # Paragraph style id -> (what its chain decides, the paragraph's font, whether that is a legacy one).
        self._paragraph_styles: dict[str | None, tuple[Inherited, str | None, bool]] = {}
        # A document all in a legacy encoding whatever its fonts say: the text not in a legacy font.
        self._content_encoding = _content_encoding(self._body)

    def run(self) -> Layout:
        for element in block_children(self._body):
            if element.tag == W_P:
                self._emit_paragraph(element)
            else:
                self._emit_table(element)
        for note in self._legacy.notes("runs"):
            self._builder.add_note(note)
        layout = self._builder.build()
        if unreadable_text(layout.text):
            layout.notes.append(TextNote(kind="unreadable", where="the document's text", chars=len(layout.text)))
        return layout

    # -- paragraphs --------------------------------------------------------------------------------

    def _read_paragraph(self, p: _Element) -> tuple[str, bool, str | None, str | None, Inherited]:
        """(text with its numbering label, all visible runs bold, style id, direct outline level, what
        the style's chain decides)."""
        children = p.getchildren()
        # The paragraph's first pPr, which Word writes first; the walk of the runs starts after it.
        start = 0
        if children and children[0].tag == W_PPR:
            direct = _paragraph_properties(children[0])
            start = 1
        else:
            for ppr in children:
                if ppr.tag == W_PPR:
                    direct = _paragraph_properties(ppr)
                    break
            else:
                direct = _NO_PARAGRAPH_PROPERTIES
        style_id = direct[0] or self._styles.default_paragraph
        found = self._paragraph_styles.get(style_id)
        if found is None:
            styled = self._styles.inherited(style_id)
            font = styled.font or self._styles.default_font
            found = self._paragraph_styles[style_id] = (styled, font, converter_for_font(font) is not None)
        styled, self._paragraph_font, self._paragraph_legacy = found
        if direct[1] is None and styled.numbering is None:
            label, suffix = "", "tab"
        else:
            label, suffix = self._numbering_label(direct[1], direct[2], style_id, styled.numbering)
        parts: list[str] = []
        converted = self._legacy.total
        seen = self._collect(children[start:] if start else children, parts, styled.bold)
        if parts:
            text = "".join(parts)
            if self._legacy.total != converted and self._content_encoding and self._content_encoding[0] == TCVN3:
                text = restore_capitals(text, paragraph=True)  # runs split words: capitals are seen in the whole paragraph
            elif self._legacy.total == converted and self._content_encoding is None:
                # No run in a legacy font, in a document partly Unicode: the paragraph may still be legacy.
                text = self._legacy.convert_by_content(text)
            text = clean_text(text).strip()
        else:
            text = ""
        if label:
            text = _paragraph_join(clean_text(label), suffix, text)
        return text, seen == _BOLD_SEEN, style_id, direct[3], styled

    def _numbering_label(
        self, num_id: str | None, ilvl_text: str | None, style_id: str | None, styled: tuple[str, int | None] | None
    ) -> tuple[str, str]:
        if num_id is None and styled is not None:
            num_id = styled[0]
            if ilvl_text is None and styled[1] is not None:
                ilvl_text = str(styled[1])
        if num_id is None or num_id == "0":
            return "", "tab"
        if ilvl_text is not None:
            ilvl = int_or(ilvl_text, 0)
        else:
            ilvl = self._numbering.level_for_style(num_id, style_id) or 0
        result = self._numbering.next_label(num_id, ilvl)
        return result if result else ("", "tab")

    def _collect(self, children: list[_Element], parts: list[str], paragraph_bold: bool | None) -> int:
        """Append the visible text of `children` (runs and what wraps them) to `parts`; return which of
        bold and plain visible runs were seen (`_BOLD_SEEN`, `_PLAIN_SEEN`)."""
        seen = 0
        for child in children:
            tag = child.tag
            if tag != _R:
                if tag in _SKIPPED_INLINE or not isinstance(tag, str):
                    continue
                if tag == _MATH_TEXT:
                    if not self._instructions:
                        parts.append(child.text or "")
                else:
                    # hyperlink, ins, moveTo, fldSimple (its cached result), smartTag, sdtContent, math
                    seen |= self._collect(child.getchildren(), parts, paragraph_bold)
                continue
            run = child.getchildren()
            if not run:
                continue
            rpr = run[0]
            if rpr.tag == W_RPR:  # the first rPr, which Word writes first
                hidden, bold, style_id, font = _run_properties(rpr)
            else:
                for rpr in run:
                    if rpr.tag == W_RPR:
                        hidden, bold, style_id, font = _run_properties(rpr)
                        break
                else:
                    rpr, hidden, bold, style_id, font = None, False, None, None, None
            if hidden:
                continue
            if len(run) == 2 and rpr is run[0] and run[1].tag == _T:
                # The common run: properties and one text.
                if self._instructions:
                    continue
                text = run[1].text or ""
            else:
                text = self._run_text(run)
            if not text:
                continue
            if font is None and style_id:
                font = self._styles.inherited(style_id).font
            if font is None:
                legacy = self._paragraph_legacy
                font = self._paragraph_font
            else:
                legacy = converter_for_font(font) is not None
            if legacy:
                text = self._legacy.convert(text, font)
            elif self._content_encoding is not None:
                text = self._legacy.convert_as(text, self._content_encoding)
            parts.append(text)
            if not text.isspace():
                if bold is None:
                    bold = self._styles.inherited(style_id).bold if style_id else None
                    if bold is None:
                        bold = paragraph_bold if paragraph_bold is not None else self._styles.default_bold
                seen |= _BOLD_SEEN if bold else _PLAIN_SEEN
        return seen

    def _field_char(self, kind: str | None) -> None:
        """Open, separate or close a complex field; its instruction text, until separate, is not shown."""
        fields = self._fields
        if kind == "begin":
            fields.append("instr")
            self._instructions += 1
        elif kind == "separate" and fields:
            if fields[-1] == "instr":
                self._instructions -= 1
            fields[-1] = "result"
        elif kind == "end" and fields:
            if fields.pop() == "instr":
                self._instructions -= 1

    def _run_text(self, children: list[_Element]) -> str:
        pieces: list[str] = []
        for child in children:
            tag = child.tag
            if tag == _T:
                if not self._instructions:
                    pieces.append(child.text or "")
            elif tag == _FLD_CHAR:
                self._field_char(child.get(_FLD_CHAR_TYPE))
            elif self._instructions or tag in _SKIPPED_INLINE:
                continue
            elif tag in _TABS:
                pieces.append("\t")
            elif tag in _LINE_BREAKS:
                pieces.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                pieces.append("-")
            elif tag == _SYM:
                pieces.append(_symbol_text(child))
        return "".join(pieces)

    def _emit_paragraph(self, p: _Element) -> None:
        text, bold, style_id, direct_outline, styled = self._read_paragraph(p)
        if not text:
            return
        if direct_outline is not None:
            outline = int_or(direct_outline, 9)
            level = outline + 1 if outline < 9 else None
        else:
            level = styled.heading_level
        self._builder.add(
            "heading" if level else "paragraph", text, level=level, bold=bold,
            style=self._styles.name(style_id),
        )

    # -- tables ------------------------------------------------------------------------------------

    def _is_layout_table(self, tbl: _Element, tblpr: _Element | None, style_id: str | None) -> bool:
        style_id = style_id or self._styles.default_table
        borders = {**self._styles.borders(style_id), **borders_of(tblpr, _TBL_BORDERS)}
        if any(visible for edge, visible in borders.items() if edge in _VERTICAL_EDGES):
            return False
        # The cells' own borders: the first tcBorders of each tcPr (few cells have any).
        for cell_borders in tbl.iter(_TC_BORDERS):
            tcpr = cell_borders.getparent()
            if tcpr is None or tcpr.tag != _TCPR or child_of(tcpr, _TC_BORDERS) is not cell_borders:
                continue
            edges = edges_of(cell_borders)
            if any(visible for edge, visible in edges.items() if edge in _VERTICAL_EDGES):
                return False
        return True

    def _cell_text(self, children: list[_Element]) -> str:
        """The text of the cell whose children these are."""
        lines: list[str] = []
        for element in blocks_among(children):
            if element.tag == W_P:
                text = self._read_paragraph(element)[0]
                if text:
                    lines.append(text)
            else:
                lines.extend(self._nested_table_lines(element))
        return "\n".join(lines).replace("\t", " ")

    def _nested_table_lines(self, tbl: _Element) -> list[str]:
        lines: list[str] = []
        for tr in wrapped_children(tbl, _TR):
            texts = [self._cell_text(cell.children) for cell in _row_grid(tr)[1] if cell.merge != "continue"]
            line = " ".join(t.replace("\n", " ") for t in texts if t)
            if line:
                lines.append(line)
        return lines

    def _emit_table(self, tbl: _Element) -> None:
        index = self._tables
        self._tables += 1
        children = tbl.getchildren()
        tblpr = first_among(children, W_TBLPR)
        style_id = val_of(child_of(tblpr, _TBL_STYLE))
        layout = self._is_layout_table(tbl, tblpr, style_id)
        table_style = self._styles.name(style_id)
        rows = [_row_grid(tr) for tr in wrapped_among(children, _TR)]
        spans = _rowspans([cells for _, cells in rows])
        merge_starts: dict[int, Cell] = {}  # grid column -> the cell a vertical merge there started with
        for r, (header, cells) in enumerate(rows):
            specs: list[CellSpec] = []
            for cell in cells:
                span = spans.get((r, cell.column), 1)
                origin = merge_starts.get(cell.column) if span == 0 else None
                if origin is not None:
                    # A covered cell shows the merged cell's text: the same text at the same place.
                    specs.append(CellSpec(
                        text=origin.text, column=cell.column, colspan=cell.colspan, header=header,
                        repeats=origin.location,
                    ))
                    continue
                specs.append(CellSpec(
                    text="" if span == 0 else self._cell_text(cell.children), column=cell.column,
                    colspan=cell.colspan, rowspan=max(span, 1), header=header,
                ))
            if not specs:
                continue
            block = self._builder.add_row(specs, table=index, style="layout" if layout else table_style)
            for written in block.cells:
                if written.rowspan > 1:
                    merge_starts[written.column] = written
                elif not written.continued:
                    merge_starts.pop(written.column, None)


def _content_encoding(body: _Element) -> tuple[str, Callable[[str], str]] | None:
    """`document_encoding` of all the body's text, known at the first text holding a letter only Unicode
    writes (then it is None) without joining the rest."""
    texts: list[str] = []
    for t in body.iter(_T):
        text = t.text
        if text:
            if is_unicode_vietnamese(text):
                return None
            texts.append(text)
    return document_encoding("\n".join(texts))


def _symbol_text(sym: _Element) -> str:
    """A `w:sym` character; symbol-font code points (U+F0xx private use) have no Unicode meaning."""
    code = sym.get(w("char")) or ""
    try:
        char = chr(int(code, 16))
    except ValueError:
        return ""
    return "" if 0xE000 <= ord(char) <= 0xF8FF else char
