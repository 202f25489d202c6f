"""DOCX reader: paragraphs and tables in body order, merged cells read once, Word numbering shown.

What a Word plan hides from a naive reader, and what this module does about it:

- Body order: python-docx lists paragraphs and tables apart; we walk `w:body` children (and the
  content of `w:sdt` / `w:customXml` wrappers) so that a table stays between the paragraphs around it.
- Merged cells: python-docx's `row.cells` repeats a merged cell once per grid column. We walk the `w:tc`
  elements: `w:gridSpan` gives one cell with `colspan`; a `w:vMerge` run gives its text to the first
  cell (with `rowspan`) and an empty cell in each continuation row.
- Automatic numbering: "1.", "a)", "-", "I." shown by Word are not in the paragraph's text. We compute
  them from `word/numbering.xml` (direct or style-linked `w:numPr`) and prefix them. A TT column whose
  cells are auto-numbered reads "1.", "2.", ... as Word displays it (the level text decides the dot).
- Fields: instruction text (`PAGE`, `TOC \\o`, ...) never reaches the text; cached results do.
- Headers, footers, footnotes, comments, text boxes and deleted revisions are not body text: skipped.
- Layout tables: the header block (issuer, motto, number, date) and the signature block ("Nơi nhận",
  "KT. CHỦ TỊCH") are borderless tables. Rule: a table that draws no vertical line (no visible left,
  right or inside-vertical border in its direct properties, its table style or any cell) is a layout
  table; its rows get `style="layout"`. Grids draw column lines; layout tables do not. Short
  horizontal rules under the motto do not make a table a grid.
- Cell text: the cell's non-empty paragraphs joined with "\\n"; a nested table is flattened into the
  cell, one line per nested row with its cells joined by a space.

Safety: the ZIP directory is checked before python-docx inflates anything (entry count, total size,
compression ratio); python-docx parses XML with `resolve_entities=False` and lxml's default
`no_network=True`, so an external entity is neither fetched nor read.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from typing import TYPE_CHECKING

from extractors.errors import DocumentLoadError
from extractors.layout import CellSpec, Layout, LayoutBuilder, sha256_of
from extractors.vntext import clean_text

if TYPE_CHECKING:
    from lxml.etree import _Element

EXTENSIONS: tuple[str, ...] = (".docx",)

DEFAULT_MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_COMPRESSION_RATIO = 200.0
DEFAULT_MAX_ENTRIES = 5000
# Entries smaller than this are never called bombs, whatever their ratio (tiny XML compresses well).
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_STYLE_CHAIN = 32

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"


@lru_cache(maxsize=None)
def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_P, _TBL, _TR, _TC, _R, _T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
_PPR, _RPR, _TCPR, _TRPR, _TBLPR = _w("pPr"), _w("rPr"), _w("tcPr"), _w("trPr"), _w("tblPr")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
_VAL = _w("val")
_FALSE_VALUES = frozenset({"0", "false", "off", "none"})
_INVISIBLE_BORDERS = frozenset({"nil", "none"})
_VERTICAL_EDGES = frozenset({"left", "right", "start", "end", "insideV"})
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_BULLET_KEEP = frozenset({"-", "+"})

# Inline elements whose content is never shown as body text.
_SKIPPED_INLINE = frozenset(
    {
        _w("pPr"), _w("rPr"), _w("del"), _w("moveFrom"), _w("sdtPr"), _w("sdtEndPr"),
        _w("instrText"), _w("delText"), _w("delInstrText"), _w("footnoteReference"),
        _w("endnoteReference"), _w("commentReference"), _w("annotationRef"), _w("drawing"),
        _w("pict"), _w("object"), _w("lastRenderedPageBreak"), _w("softHyphen"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
    }
)
_LINE_BREAKS = frozenset({_w("br"), _w("cr")})
_FLD_CHAR, _FLD_CHAR_TYPE = _w("fldChar"), _w("fldCharType")
_NO_BREAK_HYPHEN, _SYM, _MATH_TEXT = _w("noBreakHyphen"), _w("sym"), f"{{{M_NS}}}t"
_TABS = frozenset({_w("tab"), _w("ptab")})


@dataclass(frozen=True)
class DocxSettings:
    """Limits checked on the ZIP directory before anything is inflated."""

    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO
    max_entries: int = DEFAULT_MAX_ENTRIES

    def __post_init__(self) -> None:
        for name in ("max_uncompressed_bytes", "max_compression_ratio", "max_entries"):
            if getattr(self, name) <= 0:
                raise ValueError(f"DocxSettings.{name} must be positive, got {getattr(self, name)!r}")


def read_docx(data: bytes, path: str, settings: DocxSettings | None = None) -> Layout:
    """Read a DOCX file's bytes into a Layout (no pages: DOCX has none until rendered)."""
    return read_docx_as(data, path, fmt="docx", sha256=sha256_of(data), settings=settings)


def read_docx_as(
    data: bytes, path: str, *, fmt: str, sha256: str, settings: DocxSettings | None = None
) -> Layout:
    """Read DOCX bytes, recording another format and hash as the source (the DOC reader converts first)."""
    settings = settings or DocxSettings()
    check_zip_limits(data, path, settings)
    document = _open_document(data, path)
    walker = _BodyWalker(document, LayoutBuilder(path, fmt, sha256), path)
    return walker.run()


def check_zip_limits(data: bytes, path: str, settings: DocxSettings) -> None:
    """Refuse a ZIP whose directory promises too much: too many entries, too many bytes, bomb ratios."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentLoadError(path, f"not a valid DOCX: corrupt ZIP container ({exc})") from exc
    if len(infos) > settings.max_entries:
        raise DocumentLoadError(
            path, f"refused: {len(infos)} ZIP entries (limit {settings.max_entries}), not a Word document"
        )
    total = sum(info.file_size for info in infos)
    if total > settings.max_uncompressed_bytes:
        raise DocumentLoadError(
            path,
            f"refused: the DOCX would inflate to {total:,} bytes (limit "
            f"{settings.max_uncompressed_bytes:,}); possible zip bomb",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_CHECK_MIN_BYTES and ratio > settings.max_compression_ratio:
            raise DocumentLoadError(
                path,
                f"refused: ZIP entry {info.filename!r} inflates {ratio:,.0f} times (limit "
                f"{settings.max_compression_ratio:,.0f}); possible zip bomb",
            )


def _open_document(data: bytes, path: str) -> _Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(BytesIO(data))
        styles_root = document.styles.element
        numbering_root = _numbering_root(document)
        body = document.element.body
    except (
        PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError,
        etree.LxmlError, OSError, EOFError, zlib.error, NotImplementedError,
    ) as exc:
        raise DocumentLoadError(path, f"cannot open the Word document ({type(exc).__name__}: {exc})") from exc
    return _Document(body=body, styles_root=styles_root, numbering_root=numbering_root)


def _numbering_root(document: object) -> _Element | None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part  # type: ignore[attr-defined]
    try:
        numbering_part = part.part_related_by(RT.NUMBERING)
    except KeyError:
        return None
    element: _Element = numbering_part.element
    return element


@dataclass(frozen=True)
class _Document:
    body: _Element
    styles_root: _Element
    numbering_root: _Element | None


# ---------------------------------------------------------------------------------------------------
# Small element helpers


def _child(element: _Element | None, tag: str) -> _Element | None:
    if element is None:
        return None
    return element.find(tag)


def _val(element: _Element | None) -> str | None:
    return None if element is None else element.get(_VAL)


def _on_off(element: _Element | None) -> bool | None:
    """A Word on/off property: absent → None, `<w:b/>` → True, `w:val="0"` → False."""
    if element is None:
        return None
    value = element.get(_VAL)
    return value is None or value.lower() not in _FALSE_VALUES


def _int_or(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _block_children(container: _Element) -> Iterator[_Element]:
    """Paragraphs and tables of a body or cell, in order, looking through sdt and customXml wrappers."""
    for child in container:
        tag = child.tag
        if tag == _P or tag == _TBL:
            yield child
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _block_children(content)
        elif tag == _CUSTOM_XML:
            yield from _block_children(child)


def _wrapped_children(container: _Element, wanted: str) -> Iterator[_Element]:
    """Rows of a table or cells of a row, looking through sdt and customXml wrappers."""
    for child in container:
        if child.tag == wanted:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _wrapped_children(content, wanted)
        elif child.tag == _CUSTOM_XML:
            yield from _wrapped_children(child, wanted)


# ---------------------------------------------------------------------------------------------------
# Styles


@dataclass(frozen=True)
class _Style:
    style_id: str
    name: str
    based_on: str | None
    num_id: str | None
    num_level: int | None
    outline_level: int | None
    bold: bool | None
    borders: dict[str, bool]


def _borders_of(properties: _Element | None, tag: str) -> dict[str, bool]:
    """Edge name → visible, for a tblBorders or tcBorders element under `properties`."""
    borders = _child(properties, tag)
    if borders is None:
        return {}
    edges: dict[str, bool] = {}
    for edge in borders:
        if not isinstance(edge.tag, str):
            continue
        value = (edge.get(_VAL) or "nil").lower()
        edges[edge.tag.rpartition("}")[2]] = value not in _INVISIBLE_BORDERS
    return edges


def _style_from_element(element: _Element) -> _Style:
    ppr = element.find(_PPR)
    num_pr = _child(ppr, _w("numPr"))
    outline = _val(_child(ppr, _w("outlineLvl")))
    ilvl = _val(_child(num_pr, _w("ilvl")))
    return _Style(
        style_id=element.get(_w("styleId")) or "",
        name=_val(element.find(_w("name"))) or "",
        based_on=_val(element.find(_w("basedOn"))),
        num_id=_val(_child(num_pr, _w("numId"))),
        num_level=_int_or(ilvl, 0) if ilvl is not None else None,
        outline_level=_int_or(outline, 9) if outline is not None else None,
        bold=_on_off(_child(element.find(_RPR), _w("b"))),
        borders=_borders_of(element.find(_TBLPR), _w("tblBorders")),
    )


class _Styles:
    """The style sheet: names, inheritance, numbering, outline levels, bold, table borders. A style is
    read when a paragraph or table first uses it (sheets hold hundreds that no paragraph uses)."""

    def __init__(self, root: _Element) -> None:
        self._elements: dict[str, _Element] = {}
        self._parsed: dict[str, _Style | None] = {}
        self._chains: dict[str | None, list[_Style]] = {}
        self._names: dict[str | None, str | None] = {}
        self.default_paragraph: str | None = None
        self.default_table: str | None = None
        for element in root.iterchildren(_w("style")):
            style_id = element.get(_w("styleId")) or ""
            self._elements[style_id] = element
            if (element.get(_w("default")) or "").lower() in ("1", "true", "on"):
                kind = element.get(_w("type"))
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "table":
                    self.default_table = style_id
        run_defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_RPR}")
        self.default_bold = bool(_on_off(_child(run_defaults, _w("b"))))

    def _style(self, style_id: str) -> _Style | None:
        if style_id not in self._parsed:
            element = self._elements.get(style_id)
            self._parsed[style_id] = _style_from_element(element) if element is not None else None
        return self._parsed[style_id]

    def chain(self, style_id: str | None) -> list[_Style]:
        """The style and the styles it is based on, nearest first (cycles and runaway chains cut)."""
        if style_id in self._chains:
            return self._chains[style_id]
        chain: list[_Style] = []
        seen: set[str] = set()
        current = style_id
        while current and current not in seen and len(chain) < MAX_STYLE_CHAIN:
            seen.add(current)
            style = self._style(current)
            if style is None:
                break
            chain.append(style)
            current = style.based_on
        self._chains[style_id] = chain
        return chain

    def name(self, style_id: str | None) -> str | None:
        """The name Word shows ("Heading 4"), not the stored built-in name ("heading 4")."""
        if style_id not in self._names:
            style = self._style(style_id or "")
            if style is None or not style.name:
                self._names[style_id] = None
            else:
                from docx.styles import BabelFish

                self._names[style_id] = str(BabelFish.internal2ui(style.name))
        return self._names[style_id]

    def heading_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            match = _HEADING_NAME.match(style.name.strip())
            if match:
                return int(match.group(1))
            if style.outline_level is not None:
                return style.outline_level + 1 if style.outline_level < 9 else None
        return None

    def bold(self, style_id: str | None) -> bool | None:
        for style in self.chain(style_id):
            if style.bold is not None:
                return style.bold
        return None

    def numbering(self, style_id: str | None) -> tuple[str, int | None] | None:
        for style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.num_level
        return None

    def borders(self, style_id: str | None) -> dict[str, bool]:
        merged: dict[str, bool] = {}
        for style in reversed(self.chain(style_id)):
            merged.update(style.borders)
        return merged


# ---------------------------------------------------------------------------------------------------
# Numbering


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False
    suffix: str = "tab"
    style_id: str | None = None


def _level_from_element(element: _Element, base: _Level | None = None) -> _Level:
    base = base or _Level(text="")
    start = _val(element.find(_w("start")))
    fmt = _val(element.find(_w("numFmt")))
    text = element.find(_w("lvlText"))
    return _Level(
        fmt=fmt if fmt is not None else base.fmt,
        text=(text.get(_VAL) or "") if text is not None else base.text,
        start=_int_or(start, base.start),
        legal=bool(_on_off(element.find(_w("isLgl")))),
        suffix=_val(element.find(_w("suff"))) or "tab",
        style_id=_val(element.find(_w("pStyle"))),
    )


def _levels_of(abstract: _Element) -> dict[int, _Level]:
    return {
        _int_or(lvl.get(_w("ilvl")), 0): _level_from_element(lvl) for lvl in abstract.findall(_w("lvl"))
    }


def _to_roman(number: int) -> str:
    if number <= 0:
        return str(number)
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
        (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )
    out: list[str] = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _to_letters(number: int) -> str:
    """Word's letter numbering: a..z, then aa, bb, ... (the letter repeated, not base 26)."""
    if number <= 0:
        return str(number)
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def format_number(number: int, fmt: str) -> str:
    """One level's counter as Word shows it for a `w:numFmt` value (unknown formats as decimal)."""
    if fmt in ("lowerLetter",):
        return _to_letters(number)
    if fmt == "upperLetter":
        return _to_letters(number).upper()
    if fmt == "lowerRoman":
        return _to_roman(number).lower()
    if fmt == "upperRoman":
        return _to_roman(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)


class _Numbering:
    """Word list numbering: level definitions and the running counters, advanced in document order.

    Counters are kept per list: a `w:num` with level overrides is its own list; `w:num`s that merely
    point at the same abstract definition continue one list, as Word does.
    """

    def __init__(self, root: _Element | None, styles: _Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._style_links: dict[str, str] = {}
        self._nums: dict[str, tuple[str, dict[int, _Level], bool]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for abstract in root.findall(_w("abstractNum")):
            abstract_id = abstract.get(_w("abstractNumId")) or ""
            self._abstract[abstract_id] = _levels_of(abstract)
            link = _val(abstract.find(_w("numStyleLink")))
            if link:
                self._style_links[abstract_id] = link
        for num in root.findall(_w("num")):
            num_id = num.get(_w("numId")) or ""
            abstract_id = _val(num.find(_w("abstractNumId"))) or ""
            overrides: dict[int, _Level] = {}
            has_override = False
            for override in num.findall(_w("lvlOverride")):
                has_override = True
                ilvl = _int_or(override.get(_w("ilvl")), 0)
                lvl = override.find(_w("lvl"))
                start = _val(override.find(_w("startOverride")))
                level = _level_from_element(lvl) if lvl is not None else None
                if start is not None:
                    base = level or self._abstract_levels(abstract_id).get(ilvl) or _Level()
                    level = _Level(base.fmt, base.text, _int_or(start, 1), base.legal, base.suffix, base.style_id)
                if level is not None:
                    overrides[ilvl] = level
            self._nums[num_id] = (abstract_id, overrides, has_override)

    def _abstract_levels(self, abstract_id: str, depth: int = 0) -> dict[int, _Level]:
        link = self._style_links.get(abstract_id)
        if link and depth < 4:
            linked = self._styles.numbering(link)
            if linked and linked[0] in self._nums:
                return self._abstract_levels(self._nums[linked[0]][0], depth + 1)
        return self._abstract.get(abstract_id, {})

    def levels(self, num_id: str) -> dict[int, _Level]:
        abstract_id, overrides, _ = self._nums[num_id]
        return {**self._abstract_levels(abstract_id), **overrides}

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        if num_id not in self._nums or not style_id:
            return None
        for ilvl, level in self.levels(num_id).items():
            if level.style_id == style_id:
                return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """Advance the list's counter at `ilvl` and return (label, suffix), or None if undefined."""
        if num_id not in self._nums:
            return None
        levels = self.levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return None
        abstract_id, _, has_override = self._nums[num_id]
        key = f"num:{num_id}" if has_override else f"abstract:{abstract_id}"
        counters = self._counters.setdefault(key, [None] * 10)
        ilvl = max(0, min(ilvl, 9))
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        if level.fmt == "bullet":
            text = level.text.strip()
            return (text if text in _BULLET_KEEP else "-"), level.suffix
        return _expand_level_text(level, levels, counters), level.suffix


def _expand_level_text(level: _Level, levels: dict[int, _Level], counters: list[int | None]) -> str:
    """Replace %1..%9 in a level text by the counters of those levels, formatted as each level says."""

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        ref = levels.get(index, _Level())
        value = counters[index] if index < len(counters) and counters[index] is not None else ref.start
        fmt = "decimal" if level.legal and ref.fmt != "none" else ref.fmt
        return format_number(value or 0, fmt)

    return re.sub(r"%([1-9])", replace, level.text)


# ---------------------------------------------------------------------------------------------------
# Walking the body


@dataclass
class _Runs:
    """Text gathered from a paragraph's runs, with whether every visible run is bold."""

    parts: list[str] = field(default_factory=list)
    bold_runs: int = 0
    plain_runs: int = 0


@dataclass(frozen=True)
class _GridCell:
    element: _Element
    column: int
    colspan: int
    merge: str | None  # "restart", "continue" or None


def _row_grid(tr: _Element) -> list[_GridCell]:
    """The row's cells with their grid columns; `w:gridBefore` shifts the first one."""
    column = _int_or(_val(_child(tr.find(_TRPR), _w("gridBefore"))), 0)
    cells: list[_GridCell] = []
    for tc in _wrapped_children(tr, _TC):
        tcpr = tc.find(_TCPR)
        span = max(1, _int_or(_val(_child(tcpr, _w("gridSpan"))), 1))
        vmerge = _child(tcpr, _w("vMerge"))
        merge = None
        if vmerge is not None:
            merge = "restart" if (vmerge.get(_VAL) or "continue") == "restart" else "continue"
        cells.append(_GridCell(tc, column, span, merge))
        column += span
    return cells


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


def _is_header_row(tr: _Element) -> bool:
    return bool(_on_off(_child(tr.find(_TRPR), _w("tblHeader"))))


def _paragraph_join(label: str, suffix: str, text: str) -> str:
    if not label:
        return text
    if not text:
        return label
    return label + ("" if suffix == "nothing" else " ") + text


@dataclass(frozen=True)
class _ParagraphProperties:
    """What a paragraph says directly in its `w:pPr`, read in one pass over it."""

    style_id: str | None = None
    num_id: str | None = None
    ilvl: str | None = None
    outline: str | None = None


_NO_PARAGRAPH_PROPERTIES = _ParagraphProperties()
_PSTYLE, _NUMPR, _OUTLINE_LVL, _NUMID, _ILVL = _w("pStyle"), _w("numPr"), _w("outlineLvl"), _w("numId"), _w("ilvl")


def _paragraph_properties(p: _Element) -> _ParagraphProperties:
    ppr = p.find(_PPR)
    if ppr is None:
        return _NO_PARAGRAPH_PROPERTIES
    style_id = num_id = ilvl = outline = None
    for child in ppr:
        tag = child.tag
        if tag == _PSTYLE:
            style_id = child.get(_VAL)
        elif tag == _NUMPR:
            num_id, ilvl = _val(child.find(_NUMID)), _val(child.find(_ILVL))
        elif tag == _OUTLINE_LVL:
            outline = child.get(_VAL)
    return _ParagraphProperties(style_id, num_id, ilvl, outline)


@dataclass(frozen=True)
class _RunProperties:
    """What a run says directly in its `w:rPr`: hidden, bold, character style."""

    hidden: bool = False
    bold: bool | None = None
    style_id: str | None = None


_NO_RUN_PROPERTIES = _RunProperties()
_VANISH, _BOLD, _RSTYLE = _w("vanish"), _w("b"), _w("rStyle")


def _run_properties(r: _Element) -> _RunProperties:
    rpr = r.find(_RPR)
    if rpr is None:
        return _NO_RUN_PROPERTIES
    hidden, bold, style_id = False, None, None
    for child in rpr:
        tag = child.tag
        if tag == _VANISH:
            hidden = bool(_on_off(child))
        elif tag == _BOLD:
            bold = _on_off(child)
        elif tag == _RSTYLE:
            style_id = child.get(_VAL)
    return _RunProperties(hidden, bold, style_id)


class _BodyWalker:
    def __init__(self, document: _Document, builder: LayoutBuilder, path: str) -> None:
        self._body = document.body
        self._styles = _Styles(document.styles_root)
        self._numbering = _Numbering(document.numbering_root, self._styles)
        self._builder = builder
        self._path = path
        self._fields: list[str] = []  # open complex fields: "instr" until separate, then "result"
        self._tables = 0

    def run(self) -> Layout:
        for element in _block_children(self._body):
            if element.tag == _P:
                self._emit_paragraph(element)
            else:
                self._emit_table(element)
        return self._builder.build()

    # -- paragraphs --------------------------------------------------------------------------------

    def _read_paragraph(self, p: _Element) -> tuple[str, bool, str | None, str | None]:
        """(text with its numbering label, all visible runs bold, style id, direct outline level)."""
        direct = _paragraph_properties(p)
        style_id = direct.style_id or self._styles.default_paragraph
        label, suffix = self._numbering_label(direct, style_id)
        runs = _Runs()
        paragraph_bold = self._styles.bold(style_id)
        self._collect(p, runs, paragraph_bold)
        text = clean_text("".join(runs.parts)).strip()
        bold = runs.bold_runs > 0 and runs.plain_runs == 0
        return _paragraph_join(clean_text(label), suffix, text), bold, style_id, direct.outline

    def _numbering_label(self, direct: _ParagraphProperties, style_id: str | None) -> tuple[str, str]:
        num_id, ilvl_text = direct.num_id, direct.ilvl
        styled = self._styles.numbering(style_id)
        if num_id is None and styled is not None:
            num_id = styled[0]
            if ilvl_text is None and styled[1] is not None:
                ilvl_text = str(styled[1])
        if num_id is None or num_id == "0":
            return "", "tab"
        if ilvl_text is not None:
            ilvl = _int_or(ilvl_text, 0)
        else:
            ilvl = self._numbering.level_for_style(num_id, style_id) or 0
        result = self._numbering.next_label(num_id, ilvl)
        return result if result else ("", "tab")

    def _emitting(self) -> bool:
        return all(state == "result" for state in self._fields)

    def _collect(self, element: _Element, runs: _Runs, paragraph_bold: bool | None) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED_INLINE:
                continue
            if tag == _R:
                self._collect_run(child, runs, paragraph_bold)
            elif tag == _MATH_TEXT:
                if self._emitting():
                    runs.parts.append(child.text or "")
            else:
                # hyperlink, ins, moveTo, fldSimple (its cached result), smartTag, sdtContent, math
                self._collect(child, runs, paragraph_bold)

    def _run_bold(self, direct: _RunProperties, paragraph_bold: bool | None) -> bool:
        if direct.bold is not None:
            return direct.bold
        styled = self._styles.bold(direct.style_id) if direct.style_id else None
        if styled is not None:
            return styled
        if paragraph_bold is not None:
            return paragraph_bold
        return self._styles.default_bold

    def _collect_run(self, r: _Element, runs: _Runs, paragraph_bold: bool | None) -> None:
        direct = _run_properties(r)
        if direct.hidden:
            return
        pieces: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _FLD_CHAR:
                kind = child.get(_FLD_CHAR_TYPE)
                if kind == "begin":
                    self._fields.append("instr")
                elif kind == "separate" and self._fields:
                    self._fields[-1] = "result"
                elif kind == "end" and self._fields:
                    self._fields.pop()
                continue
            if not self._emitting() or tag in _SKIPPED_INLINE:
                continue
            if tag == _T:
                pieces.append(child.text or "")
            elif tag in _TABS:
                pieces.append("\t")
            elif tag in _LINE_BREAKS:
                pieces.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                pieces.append("-")
            elif tag == _SYM:
                pieces.append(_symbol_text(child))
        text = "".join(pieces)
        if not text:
            return
        runs.parts.append(text)
        if text.strip():
            if self._run_bold(direct, paragraph_bold):
                runs.bold_runs += 1
            else:
                runs.plain_runs += 1

    def _emit_paragraph(self, p: _Element) -> None:
        text, bold, style_id, direct_outline = self._read_paragraph(p)
        if not text:
            return
        if direct_outline is not None:
            outline = _int_or(direct_outline, 9)
            level = outline + 1 if outline < 9 else None
        else:
            level = self._styles.heading_level(style_id)
        self._builder.add(
            "heading" if level else "paragraph", text, level=level, bold=bold,
            style=self._styles.name(style_id),
        )

    # -- tables ------------------------------------------------------------------------------------

    def _is_layout_table(self, tbl: _Element) -> bool:
        tblpr = tbl.find(_TBLPR)
        style_id = _val(_child(tblpr, _w("tblStyle"))) or self._styles.default_table
        borders = {**self._styles.borders(style_id), **_borders_of(tblpr, _w("tblBorders"))}
        if any(visible for edge, visible in borders.items() if edge in _VERTICAL_EDGES):
            return False
        for tcpr in tbl.iter(_TCPR):
            edges = _borders_of(tcpr, _w("tcBorders"))
            if any(visible for edge, visible in edges.items() if edge in _VERTICAL_EDGES):
                return False
        return True

    def _cell_text(self, tc: _Element) -> str:
        lines: list[str] = []
        for element in _block_children(tc):
            if element.tag == _P:
                text = self._read_paragraph(element)[0]
                if text:
                    lines.append(text)
            else:
                lines.extend(self._nested_table_lines(element))
        return "\n".join(lines).replace("\t", " ")

    def _nested_table_lines(self, tbl: _Element) -> list[str]:
        lines: list[str] = []
        for tr in _wrapped_children(tbl, _TR):
            texts = [self._cell_text(cell.element) for cell in _row_grid(tr) if cell.merge != "continue"]
            line = " ".join(t.replace("\n", " ") for t in texts if t)
            if line:
                lines.append(line)
        return lines

    def _emit_table(self, tbl: _Element) -> None:
        index = self._tables
        self._tables += 1
        layout = self._is_layout_table(tbl)
        table_style = self._styles.name(_val(_child(tbl.find(_TBLPR), _w("tblStyle"))))
        rows = list(_wrapped_children(tbl, _TR))
        grid = [_row_grid(tr) for tr in rows]
        spans = _rowspans(grid)
        for r, (tr, cells) in enumerate(zip(rows, grid)):
            header = _is_header_row(tr)
            specs: list[CellSpec] = []
            for cell in cells:
                span = spans.get((r, cell.column), 1)
                # A covered cell keeps its place in the grid but not its (ignored) content.
                text = "" if span == 0 else self._cell_text(cell.element)
                specs.append(
                    CellSpec(
                        text=text, column=cell.column, colspan=cell.colspan, rowspan=max(span, 1),
                        header=header,
                    )
                )
            if not specs:
                continue
            self._builder.add_row(
                specs, table=index, style="layout" if layout else table_style,
            )


def _symbol_text(sym: _Element) -> str:
    """A `w:sym` character; symbol-font code points (U+F0xx private use) have no Unicode meaning."""
    code = sym.get(_w("char")) or ""
    try:
        char = chr(int(code, 16))
    except ValueError:
        return ""
    return "" if 0xE000 <= ord(char) <= 0xF8FF else char
