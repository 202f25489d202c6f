"""Born-digital PDF reader: pdfplumber words and ruling lines in, a Layout out.

Two stages with a fixed seam between them (`pdf_page.PageContent`):

1. `_page_content(page)` turns one pdfplumber page into positioned words (`PageWord`) and ruling line
   segments (`PageRule`), parsing the page once and closing it afterwards. Garbled-font repair and OCR
   produce the same `PageContent` (see `words_from_chars` and `rules_from_objects`).
2. `layout_pages(pages, builder)` lays the pages out from `PageContent` only:
   words -> lines -> paragraphs; ruling lines -> grid lines -> cells -> rows; unruled two-column
   regions (header block, recipients and signature) -> layout rows; page numbers -> furniture.

What the blocks look like:

- A paragraph joins its hard-wrapped lines with one space. A new paragraph starts on an outline marker
  at line start (`I.`, `1.`, `1.1.`, `a)`, `-`, `+`, `*`, `Căn cứ`, `Nơi nhận`) after a line that ends a
  sentence or stops short, on a first-line indent, on a vertical gap clearly wider than the document's
  line pitch, or on a change of font size or of boldness. `bold=True` when every word is bold.
- Ruled tables become rows (`add_row`), one `table` index per table. A table that ends a page and one
  that opens the next page with the same grid columns keep the same index (a table cut by a page
  break); rows cut by the break are not stitched (normalization does that). Cells carry their grid
  column and colspan/rowspan. **Cell text joins its hard-wrapped lines with one space; a line that
  starts a new paragraph inside the cell (by the paragraph rules above) follows a "\\n".**
  The first row of a table on a page is `header=True` when all its words are bold or when it repeats
  the first row of the same table on the previous page.
- An unruled two-column region (lines with a wide gap whose halves sit either side of one column
  boundary, and the one-sided lines between them) becomes rows with `style="layout"` and two cells,
  left (column 0) and right (column 1). Layout cells keep each visual line, separated by "\\n"; a row
  ends at a vertical gap. A region that ends a page continues on the next page while the lines there
  still fit its columns, with the same `table` index.
- Page numbers (a lone number, `- 3 -`, `Trang 3`, `3/10`) on the first or last line of a page, in the
  top or bottom margin, become paragraphs with `layer="furniture"`.
"""

from __future__ import annotations

import contextlib

import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from io import BytesIO
from typing import TYPE_CHECKING, Any, Literal

from extractors.errors import DocumentLoadError
from extractors.layout import CellSpec, Layout, LayoutBuilder, PageInfo, TextOrigin, sha256_of
from extractors.readers.pdf_page import PageContent, PageRule, PageWord
from extractors.readers.pdf_recover import RecoverySettings, TextRecovery

if TYPE_CHECKING:
    from pdfplumber.page import Page

EXTENSIONS: tuple[str, ...] = (".pdf",)

# Word extraction (pdfplumber's defaults).
DEFAULT_X_TOLERANCE = 3.0
DEFAULT_Y_TOLERANCE = 3.0
# A word joins a line when it overlaps the line's band by this share of the smaller height.
DEFAULT_LINE_OVERLAP = 0.5
# A smaller word touching a line's band is a sub- or superscript of that line.
DEFAULT_SCRIPT_RATIO = 0.85
# Words closer than this share of the font size are glued without a space (a font change mid-word).
DEFAULT_GLUE_GAP = 0.12
# Ruling lines.
DEFAULT_RULE_THICKNESS = 3.0
DEFAULT_SNAP_TOLERANCE = 3.0
DEFAULT_JOIN_TOLERANCE = 3.0
DEFAULT_INTERSECTION_TOLERANCE = 3.0
# Paragraphs.
DEFAULT_INDENT = 8.0
DEFAULT_PARAGRAPH_GAP_RATIO = 1.15
DEFAULT_SHORT_LINE_RATIO = 0.12
DEFAULT_PAGE_END_RATIO = 0.8  # a paragraph that goes on over the page runs below this share of it
DEFAULT_CENTER_TOLERANCE = 12.0
DEFAULT_SIZE_TOLERANCE = 0.6
# Two-column layout regions.
DEFAULT_MIN_COLUMN_GAP = 18.0
DEFAULT_COLUMN_GAP_RATIO = 1.5
DEFAULT_MIN_REGION_LINES = 2
DEFAULT_MIN_COLUMN_BAND = 4.0
DEFAULT_INNER_GAP_RATIO = 1.0
DEFAULT_LAYOUT_ROW_GAP_RATIO = 0.5
DEFAULT_ALIGN_TOLERANCE = 8.0
# Page furniture: share of the page height counted as top or bottom margin.
DEFAULT_FURNITURE_MARGIN = 0.12


@dataclass
class PdfSettings:
    """Tolerances in PDF points unless named a ratio; see the DEFAULT_* constants."""

    x_tolerance: float = DEFAULT_X_TOLERANCE
    y_tolerance: float = DEFAULT_Y_TOLERANCE
    line_overlap: float = DEFAULT_LINE_OVERLAP
    script_ratio: float = DEFAULT_SCRIPT_RATIO
    glue_gap: float = DEFAULT_GLUE_GAP
    rule_thickness: float = DEFAULT_RULE_THICKNESS
    snap_tolerance: float = DEFAULT_SNAP_TOLERANCE
    join_tolerance: float = DEFAULT_JOIN_TOLERANCE
    intersection_tolerance: float = DEFAULT_INTERSECTION_TOLERANCE
    indent: float = DEFAULT_INDENT
    paragraph_gap_ratio: float = DEFAULT_PARAGRAPH_GAP_RATIO
    short_line_ratio: float = DEFAULT_SHORT_LINE_RATIO
    page_end_ratio: float = DEFAULT_PAGE_END_RATIO
    center_tolerance: float = DEFAULT_CENTER_TOLERANCE
    size_tolerance: float = DEFAULT_SIZE_TOLERANCE
    min_column_gap: float = DEFAULT_MIN_COLUMN_GAP
    column_gap_ratio: float = DEFAULT_COLUMN_GAP_RATIO
    min_region_lines: int = DEFAULT_MIN_REGION_LINES
    min_column_band: float = DEFAULT_MIN_COLUMN_BAND
    inner_gap_ratio: float = DEFAULT_INNER_GAP_RATIO
    layout_row_gap_ratio: float = DEFAULT_LAYOUT_ROW_GAP_RATIO
    align_tolerance: float = DEFAULT_ALIGN_TOLERANCE
    furniture_margin: float = DEFAULT_FURNITURE_MARGIN
    dedupe_chars: bool = True
    keep_rotated: bool = False
    # Per page: use the text layer, repair it, or OCR the page (pdf_recover); None reads the layer as is.
    recovery: RecoverySettings | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float | int) and not isinstance(value, bool) and value < 0:
                raise ValueError(f"PdfSettings.{f.name} must be >= 0, got {value!r}")

    @classmethod
    def resolve(cls, settings: PdfSettings | dict[str, Any] | None) -> PdfSettings:
        if settings is None:
            return cls()
        if isinstance(settings, cls):
            return settings
        if isinstance(settings, dict):
            return cls(**settings)
        raise ValueError(f"cannot resolve PdfSettings from {settings!r}")


PageContentFn = Callable[["Page", PdfSettings], PageContent]

# ---------------------------------------------------------------------------------------------
# Stage 1: a pdfplumber page -> PageContent
# ---------------------------------------------------------------------------------------------

_BOLD_FONT = re.compile(r"bold|black|heavy", re.IGNORECASE)


@lru_cache(maxsize=256)
def is_bold_font(fontname: str) -> bool:
    return bool(_BOLD_FONT.search(fontname))


def words_from_chars(
    chars: Sequence[dict[str, Any]], settings: PdfSettings | None = None
) -> list[PageWord]:
    """pdfplumber char dicts (possibly repaired) -> words, split where the font changes too."""
    from pdfplumber.utils.text import WordExtractor

    s = PdfSettings.resolve(settings)
    if not s.keep_rotated:
        chars = [c for c in chars if c.get("upright", True)]
    extractor = WordExtractor(
        x_tolerance=s.x_tolerance, y_tolerance=s.y_tolerance, keep_blank_chars=False,
        use_text_flow=False, extra_attrs=["fontname", "size"],
    )
    words: list[PageWord] = []
    for w in extractor.extract_words(list(chars)):
        fontname = str(w.get("fontname", ""))
        words.append(
            PageWord(
                text=w["text"], x0=float(w["x0"]), x1=float(w["x1"]), top=float(w["top"]),
                bottom=float(w["bottom"]), fontname=fontname, size=float(w.get("size", 0.0)),
                bold=is_bold_font(fontname),
            )
        )
    return words


def dedupe_overprinted(chars: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a char drawn again on itself (simulated bold); linear, unlike pdfplumber's dedupe_chars."""
    seen: set[tuple[str, int, int]] = set()
    kept: list[dict[str, Any]] = []
    for c in chars:
        key = (c["text"], round(float(c["x0"])), round(float(c["top"])))
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return kept


def rules_from_objects(
    lines: Iterable[dict[str, Any]], rects: Iterable[dict[str, Any]],
    settings: PdfSettings | None = None,
) -> list[PageRule]:
    """pdfplumber line and rect objects -> ruling segments.

    A thin rect (filled or stroked) is a line; a stroked box gives its four edges; a filled box that
    is not stroked is shading behind text, not a ruling.
    """
    s = PdfSettings.resolve(settings)
    rules: list[PageRule] = []
    for ln in lines:
        rules.append(PageRule(float(ln["x0"]), float(ln["top"]), float(ln["x1"]), float(ln["bottom"])))
    for r in rects:
        x0, top, x1, bottom = float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])
        if bottom - top <= s.rule_thickness or x1 - x0 <= s.rule_thickness:
            rules.append(PageRule(x0, top, x1, bottom))
        elif r.get("stroke", True):
            rules.extend(
                [
                    PageRule(x0, top, x1, top), PageRule(x0, bottom, x1, bottom),
                    PageRule(x0, top, x0, bottom), PageRule(x1, top, x1, bottom),
                ]
            )
    return rules


def _page_content(page: Page, settings: PdfSettings) -> PageContent:
    """The seam: one pdfplumber page -> PageContent. Repair or OCR modules may replace it."""
    chars = page.chars
    if settings.dedupe_chars:
        chars = dedupe_overprinted(chars)
    x0, top, x1, bottom = (float(v) for v in page.bbox)
    words = [
        w for w in words_from_chars(chars, settings)
        if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom
    ]
    if x0 or top:
        for w in words:
            w.x0, w.x1, w.top, w.bottom = w.x0 - x0, w.x1 - x0, w.top - top, w.bottom - top
    rules = rules_from_objects(page.lines, page.rects, settings)
    if x0 or top:
        rules = [PageRule(r.x0 - x0, r.top - top, r.x1 - x0, r.bottom - top) for r in rules]
    return PageContent(
        number=int(page.page_number), width=float(page.width), height=float(page.height),
        words=words, rules=rules, origin="text", quality=None, readable=bool(words),
    )


def _close_quietly(closable: Any) -> None:
    """Close, ignoring errors: pdfplumber's close walks the page tree again, and on a corrupt file
    that raises over the DocumentLoadError that says what is really wrong."""
    with contextlib.suppress(Exception):
        closable.close()


def read_pdf(
    data: bytes, path: str, *, settings: PdfSettings | dict[str, Any] | None = None,
    page_content: PageContentFn | None = None,
) -> Layout:
    """Read a born-digital PDF into a Layout; corrupt, encrypted or empty files raise DocumentLoadError."""
    import pdfplumber

    s = PdfSettings.resolve(settings)
    to_content = page_content or _page_content
    try:
        pdf = pdfplumber.open(BytesIO(data))
    except Exception as exc:
        raise DocumentLoadError(path, _load_reason(exc)) from exc
    try:
        try:
            page_count = len(pdf.pages)
        except Exception as exc:
            raise DocumentLoadError(path, _load_reason(exc)) from exc
        if page_count == 0:
            raise DocumentLoadError(path, "the PDF has no pages")
        contents: list[PageContent] = []
        recovery = TextRecovery(data, pdf, s.recovery) if s.recovery is not None else None
        for page in pdf.pages:
            try:
                if recovery is not None:
                    contents.append(recovery.page_content(page, s, to_content))
                else:
                    contents.append(to_content(page, s))
            except Exception as exc:
                raise DocumentLoadError(
                    path, f"page {page.page_number}: {_load_reason(exc)}"
                ) from exc
            finally:
                _close_quietly(page)
    finally:
        _close_quietly(pdf)
    if recovery is not None:
        contents = recovery.finish(contents)
    builder = LayoutBuilder(path, "pdf", sha256_of(data), pages=page_count)
    layout_pages(contents, builder, s)
    return builder.build()


def _load_reason(exc: BaseException) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return "encrypted PDF (password required)"
    message = str(inner) or type(inner).__name__
    return f"corrupt or unreadable PDF ({message})"


# ---------------------------------------------------------------------------------------------
# Stage 2: PageContent -> Layout
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    words: list[PageWord]
    top: float
    bottom: float
    x0: float
    x1: float

    @property
    def size(self) -> float:
        sizes = [w.size for w in self.words if w.size] or [self.bottom - self.top]
        return statistics.median(sizes)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def any_bold(self) -> bool:
        return any(w.bold for w in self.words)


def _join_words(words: Sequence[PageWord], glue_ratio: float) -> str:
    parts: list[str] = []
    prev: PageWord | None = None
    for w in words:
        if prev is not None:
            gap = w.x0 - prev.x1
            if gap > glue_ratio * max(w.size or prev.size, 1.0):
                parts.append(" ")
        parts.append(w.text)
        prev = w
    return "".join(parts)


def _line_text(line: _Line, s: PdfSettings) -> str:
    return _join_words(line.words, s.glue_gap)


# A line ending in a hyphen or slash stuck to its word ("2021-", "KH-", "01/") wrapped inside one
# compound ("2021-2030", "129/KH-UBND"): Vietnamese never breaks a syllable at a line's end.
_COMPOUND_BREAK = re.compile(r"\w[-/]$")


def _join_lines(texts: Iterable[str]) -> str:
    out = ""
    for text in texts:
        if out and not _COMPOUND_BREAK.search(out):
            out += " "
        out += text
    return out


def _make_line(words: list[PageWord]) -> _Line:
    words.sort(key=lambda w: w.x0)
    return _Line(
        words=words, top=min(w.top for w in words), bottom=max(w.bottom for w in words),
        x0=words[0].x0, x1=max(w.x1 for w in words),
    )


def _words_to_lines(words: Iterable[PageWord], s: PdfSettings) -> list[_Line]:
    """Cluster words into lines by vertical overlap; lines come out top to bottom."""
    groups: list[list[PageWord]] = []
    bands: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        h = max(w.bottom - w.top, 0.1)
        placed = False
        # Only the last few lines can still overlap a word met in top order.
        for k in range(len(groups) - 1, max(len(groups) - 4, -1), -1):
            top, bottom = bands[k]
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap >= s.line_overlap * min(h, bottom - top) or (
                overlap > 0 and h < s.script_ratio * (bottom - top)
            ):
                groups[k].append(w)
                placed = True
                break
        if not placed:
            groups.append([w])
            bands.append((w.top, w.bottom))
    return sorted((_make_line(g) for g in groups), key=lambda ln: (ln.top, ln.x0))


# --- ruled tables: rules -> grid lines -> cells -> rows -----------------------------------------


@dataclass(slots=True)
class _Segment:
    """A horizontal (pos = y, from/to = x) or vertical (pos = x, from/to = y) ruling segment."""

    pos: float
    start: float
    end: float


@dataclass(slots=True)
class _GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    top: float
    x1: float
    bottom: float
    words: list[PageWord] = field(default_factory=list)


@dataclass(slots=True)
class _Table:
    xs: list[float]
    ys: list[float]
    cells: list[_GridCell]
    slot_cell: dict[tuple[int, int], int]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _rules_to_segments(
    rules: Iterable[PageRule], s: PdfSettings
) -> tuple[list[_Segment], list[_Segment]]:
    horizontal: list[_Segment] = []
    vertical: list[_Segment] = []
    for r in rules:
        width, height = abs(r.x1 - r.x0), abs(r.bottom - r.top)
        if height <= s.rule_thickness and width > height:
            horizontal.append(_Segment((r.top + r.bottom) / 2, min(r.x0, r.x1), max(r.x0, r.x1)))
        elif width <= s.rule_thickness and height > width:
            vertical.append(_Segment((r.x0 + r.x1) / 2, min(r.top, r.bottom), max(r.top, r.bottom)))
    return _merge_segments(horizontal, s), _merge_segments(vertical, s)


def _merge_segments(segments: list[_Segment], s: PdfSettings) -> list[_Segment]:
    """Snap segments on nearly the same line to one position and join those that touch end to end."""
    merged: list[_Segment] = []
    for group in _cluster(sorted(segments, key=lambda g: g.pos), lambda g: g.pos, s.snap_tolerance):
        pos = statistics.median(g.pos for g in group)
        current: _Segment | None = None
        for g in sorted(group, key=lambda g: g.start):
            if current is not None and g.start <= current.end + s.join_tolerance:
                current.end = max(current.end, g.end)
            else:
                current = _Segment(pos, g.start, g.end)
                merged.append(current)
    return merged


def _cluster(
    items: list[Any], key: Callable[[Any], float], tolerance: float
) -> list[list[Any]]:
    """Items sorted by key -> runs whose consecutive keys differ by at most `tolerance`."""
    groups: list[list[Any]] = []
    last: float | None = None
    for item in items:
        k = key(item)
        if last is None or k - last > tolerance:
            groups.append([])
        groups[-1].append(item)
        last = k
    return groups


def _crosses(h: _Segment, v: _Segment, tol: float) -> bool:
    return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol


def _segments_to_grids(
    horizontal: list[_Segment], vertical: list[_Segment], s: PdfSettings
) -> list[tuple[list[_Segment], list[_Segment]]]:
    """Connected groups of crossing segments, each with at least two of each direction."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    n = len(horizontal)
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _crosses(h, v, s.intersection_tolerance):
                parent[find(i)] = find(n + j)
    groups: dict[int, tuple[list[_Segment], list[_Segment]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(n + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _grid_positions(segments: list[_Segment], tol: float) -> list[float]:
    positions = sorted(g.pos for g in segments)
    return [statistics.median(c) for c in _cluster(positions, lambda p: p, tol)]


def _covers(segments: list[_Segment], pos: float, at: float, tol: float) -> bool:
    return any(abs(g.pos - pos) <= tol and g.start - tol <= at <= g.end + tol for g in segments)


def _grid_to_table(
    horizontal: list[_Segment], vertical: list[_Segment], s: PdfSettings
) -> _Table | None:
    """Grid lines -> cells: grid slots joined where no ruling separates them."""
    tol = s.snap_tolerance
    xs, ys = _grid_positions(vertical, tol), _grid_positions(horizontal, tol)
    rows, cols = len(ys) - 1, len(xs) - 1
    if rows < 1 or cols < 1 or rows * cols < 2:
        return None
    parent = {(i, j): (i, j) for i in range(rows) for j in range(cols)}

    def find(a: tuple[int, int]) -> tuple[int, int]:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(rows):
        ymid = (ys[i] + ys[i + 1]) / 2
        for j in range(cols):
            xmid = (xs[j] + xs[j + 1]) / 2
            if j + 1 < cols and not _covers(vertical, xs[j + 1], ymid, tol):
                parent[find((i, j))] = find((i, j + 1))
            if i + 1 < rows and not _covers(horizontal, ys[i + 1], xmid, tol):
                parent[find((i, j))] = find((i + 1, j))
    spans: dict[tuple[int, int], list[int]] = {}
    for (i, j) in parent:
        r = find((i, j))
        box = spans.setdefault(r, [i, j, i, j])
        box[0], box[1] = min(box[0], i), min(box[1], j)
        box[2], box[3] = max(box[2], i), max(box[3], j)
    cells: list[_GridCell] = []
    root_cell: dict[tuple[int, int], int] = {}
    for r, (i0, j0, i1, j1) in sorted(spans.items(), key=lambda kv: (kv[1][0], kv[1][1])):
        root_cell[r] = len(cells)
        cells.append(
            _GridCell(i0, j0, i1 - i0 + 1, j1 - j0 + 1, xs[j0], ys[i0], xs[j1 + 1], ys[i1 + 1])
        )
    index = {slot: root_cell[find(slot)] for slot in parent}
    return _Table(xs=xs, ys=ys, cells=cells, slot_cell=index)


def _rules_to_tables(rules: list[PageRule], s: PdfSettings) -> list[_Table]:
    horizontal, vertical = _rules_to_segments(rules, s)
    tables = [
        t for h, v in _segments_to_grids(horizontal, vertical, s)
        if (t := _grid_to_table(h, v, s)) is not None
    ]
    return sorted(tables, key=lambda t: t.ys[0])


def _slot_of(positions: list[float], value: float) -> int:
    from bisect import bisect_right

    return min(max(bisect_right(positions, value) - 1, 0), len(positions) - 2)


def _assign_words(tables: list[_Table], words: list[PageWord]) -> list[PageWord]:
    """Put words into the cells holding their centres; return the words outside every table."""
    free: list[PageWord] = []
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        for t in tables:
            x0, top, x1, bottom = t.bbox
            if x0 <= cx <= x1 and top <= cy <= bottom:
                slot = (_slot_of(t.ys, cy), _slot_of(t.xs, cx))
                t.cells[t.slot_cell[slot]].words.append(w)
                break
        else:
            free.append(w)
    return free


# --- paragraphs ---------------------------------------------------------------------------------

# Outline markers. A strong one (I., II.1., 1., 1.2., a)) opens a paragraph wherever it starts a line;
# a weak one (-, +, *, 1.2 without the final dot, Căn cứ, Nơi nhận) only after a line that ends a
# sentence or stops short, since a wrapped line may begin with "- 3°C" or "1.500 tấn".
# Sub-numbers have one or two digits: "3.425.000.000" is an amount wrapped to a line's start, not 3.425.
_STRONG_MARKER = re.compile(r"^(?:[IVXLC]+\.(?:\d{1,2}\.)*|\d+(?:\.\d{1,2})*\.|[a-zđ]\))\s")
_MARKER = re.compile(r"^(?:\d+(?:\.\d{1,2})+(?![\d.])|[-+*•–—]|Căn cứ|Nơi nhận)")
_SENTENCE_END = re.compile(r"[.;:!?…]['\"”’)]*$")


@dataclass(slots=True)
class _Metrics:
    """Document-wide measures paragraph rules compare against."""

    pitch: float
    left: float
    right: float


def _measure(lines_by_page: list[list[_Line]], width: float) -> _Metrics:
    pitches: list[float] = []
    lefts: list[float] = []
    rights: list[float] = []
    for lines in lines_by_page:
        for a, b in zip(lines, lines[1:]):
            pitch = b.top - a.top
            if 0 < pitch < 2 * max(a.height, 1.0):
                pitches.append(round(pitch, 1))
        for ln in lines:
            lefts.append(round(ln.x0))
            rights.append(ln.x1)
    pitch = statistics.median(pitches) if pitches else 0.0
    left = statistics.mode(lefts) if lefts else 0.0
    right = sorted(rights)[int(0.9 * (len(rights) - 1))] if rights else width
    return _Metrics(pitch=pitch, left=float(left), right=right)


def _is_centered(line: _Line, m: _Metrics, s: PdfSettings) -> bool:
    """Centred on the text column (a full-width line is too)."""
    return abs((line.x0 + line.x1) / 2 - (m.left + m.right) / 2) <= s.center_tolerance


def _starts_paragraph(
    prev: _Line, line: _Line, text: str, m: _Metrics, s: PdfSettings, prev_text: str
) -> bool:
    if m.pitch and line.top - prev.top > m.pitch * s.paragraph_gap_ratio:
        return True
    if line.top - prev.bottom > max(prev.height, line.height):
        return True
    if abs(line.size - prev.size) > s.size_tolerance:
        return True
    if prev.bold != line.bold and (prev.bold or not line.any_bold):
        return True
    short = prev.x1 < m.right - s.short_line_ratio * (m.right - m.left)
    ended = bool(_SENTENCE_END.search(prev_text))
    # A centred title wraps onto centred lines that start further in: not an indent.
    if line.x0 > m.left + s.indent and _is_centered(line, m, s) and _is_centered(prev, m, s):
        return False
    if line.x0 > prev.x0 + s.indent or (line.x0 > m.left + s.indent and (short or ended)):
        return True
    if _STRONG_MARKER.match(text):
        return True
    return bool(_MARKER.match(text)) and (short or ended)


def _paragraphs(lines: list[_Line], m: _Metrics, s: PdfSettings) -> list[list[_Line]]:
    groups: list[list[_Line]] = []
    texts = [_line_text(ln, s) for ln in lines]
    for k, line in enumerate(lines):
        if k == 0 or _starts_paragraph(lines[k - 1], line, texts[k], m, s, texts[k - 1]):
            groups.append([])
        groups[-1].append(line)
    return groups


def _cell_text(words: list[PageWord], s: PdfSettings) -> str:
    if not words:
        return ""
    lines = _words_to_lines(words, s)
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])]
    m = _Metrics(
        pitch=statistics.median(pitches) if pitches else 0.0,
        left=min(ln.x0 for ln in lines), right=max(ln.x1 for ln in lines),
    )
    paragraphs = _paragraphs(lines, m, s)
    return "\n".join(_join_lines(_line_text(ln, s) for ln in p) for p in paragraphs)


# --- two-column layout regions ------------------------------------------------------------------


@dataclass(slots=True)
class _RegionLine:
    line: _Line
    left: list[PageWord]
    right: list[PageWord]


@dataclass(slots=True)
class _Region:
    """Lines either side of a column boundary lying somewhere in (lo, hi).

    `left` and `right` hold the (x0, x1) of the lines met on each side: a one-sided line must line up
    with one of them (same start, end or centre), which tells a signature line from a centred title.
    """

    lo: float
    hi: float
    lines: list[_RegionLine] = field(default_factory=list)
    left: list[tuple[float, float]] = field(default_factory=list)
    right: list[tuple[float, float]] = field(default_factory=list)

    def add(self, line: _RegionLine) -> None:
        self.lines.append(line)
        if line.left:
            self.left.append((line.left[0].x0, max(w.x1 for w in line.left)))
        if line.right:
            self.right.append((line.right[0].x0, max(w.x1 for w in line.right)))

    def carried(self) -> _Region:
        """The same columns, empty, for the next page."""
        return _Region(self.lo, self.hi, [], list(self.left), list(self.right))


def _aligned(anchors: list[tuple[float, float]], x0: float, x1: float, tol: float) -> bool:
    if not anchors:
        return True
    center = (x0 + x1) / 2
    return any(
        abs(a0 - x0) <= tol or abs(a1 - x1) <= tol or abs((a0 + a1) / 2 - center) <= tol
        for a0, a1 in anchors
    )


def _gaps(line: _Line) -> list[tuple[float, float, int]]:
    """Gaps between consecutive words: (x0, x1, index of the first word right of the gap)."""
    return [
        (a.x1, b.x0, k + 1) for k, (a, b) in enumerate(zip(line.words, line.words[1:])) if b.x0 > a.x1
    ]


def _column_gap(line: _Line, s: PdfSettings) -> tuple[float, float, int] | None:
    """The widest gap of a line if it is wide enough to part two columns."""
    gaps = _gaps(line)
    if not gaps:
        return None
    widest = max(gaps, key=lambda g: g[1] - g[0])
    if widest[1] - widest[0] >= max(s.min_column_gap, s.column_gap_ratio * line.size):
        return widest
    return None


def _fit(region: _Region, line: _Line, s: PdfSettings) -> _RegionLine | None:
    """The line split at the region's column boundary, narrowing it; None if the line crosses it."""
    band = s.min_column_band
    left_lo = max(region.lo, line.x1)
    right_hi = min(region.hi, line.x0)
    tol = s.align_tolerance
    as_left = left_lo <= region.hi - band and _aligned(region.left, line.x0, line.x1, tol)
    as_right = right_hi >= region.lo + band and _aligned(region.right, line.x0, line.x1, tol)
    if as_left and as_right:
        as_left = (region.hi - left_lo) >= (right_hi - region.lo)
        as_right = not as_left
    if as_left:
        region.lo = left_lo
        return _RegionLine(line, list(line.words), [])
    if as_right:
        region.hi = right_hi
        return _RegionLine(line, [], list(line.words))
    inner = s.inner_gap_ratio * line.size
    for x0, x1, k in sorted(_gaps(line), key=lambda g: g[0] - g[1]):
        lo, hi = max(region.lo, x0), min(region.hi, x1)
        if x1 - x0 >= inner and hi - lo >= band:
            region.lo, region.hi = lo, hi
            return _RegionLine(line, line.words[:k], line.words[k:])
    return None


def _find_regions(
    lines: list[_Line], s: PdfSettings, carried: _Region | None
) -> list[tuple[_Region, int, int]]:
    """Two-column regions as (region, first line index, end index); `carried` continues one."""
    found: list[tuple[_Region, int, int]] = []
    k = 0
    if carried is not None:
        region = carried.carried()
        end = _extend(region, lines, 0, s)
        if end > 0:
            found.append((region, 0, end))
            k = end
    while k < len(lines):
        gap = _column_gap(lines[k], s)
        if gap is None:
            k += 1
            continue
        x0, x1, split = gap
        region = _Region(x0, x1)
        region.add(_RegionLine(lines[k], lines[k].words[:split], lines[k].words[split:]))
        end = _extend(region, lines, k + 1, s)
        if end - k >= s.min_region_lines:
            found.append((region, k, end))
            k = end
        else:
            k += 1
    return found


def _extend(region: _Region, lines: list[_Line], start: int, s: PdfSettings) -> int:
    k = start
    while k < len(lines):
        fitted = _fit(region, lines[k], s)
        if fitted is None:
            break
        region.add(fitted)
        k += 1
    return k


def _region_rows(region: _Region, s: PdfSettings) -> list[list[_RegionLine]]:
    rows: list[list[_RegionLine]] = []
    prev: _Line | None = None
    for rl in region.lines:
        if prev is None or rl.line.top - prev.bottom > s.layout_row_gap_ratio * rl.line.size:
            rows.append([])
        rows[-1].append(rl)
        prev = rl.line
    return rows


# --- furniture ----------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|Trang\s+\d{1,4}(?:\s*/\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})$",
    re.IGNORECASE,
)


def _is_page_number(line: _Line, height: float, s: PdfSettings) -> bool:
    in_margin = line.bottom <= s.furniture_margin * height or line.top >= (1 - s.furniture_margin) * height
    return in_margin and bool(_PAGE_NUMBER.match(_line_text(line, s).strip()))


# --- putting a page together --------------------------------------------------------------------

ItemKind = Literal["paragraph", "furniture", "table", "region"]


@dataclass(slots=True)
class _Item:
    top: float
    kind: ItemKind
    lines: list[_Line] = field(default_factory=list)
    table: _Table | None = None
    region: _Region | None = None


@dataclass
class _State:
    """What one page hands to the next: an open table or layout region at the page's end."""

    next_table: int = 0
    open_table: tuple[int, int, list[str]] | None = None  # index, grid columns, first row texts
    open_region: tuple[int, _Region] | None = None
    # The page's last paragraph while it may go on at the top of the next page: (pages, lines, origin).
    open_paragraph: tuple[list[int | None], list[_Line], TextOrigin] | None = None


def layout_pages(
    pages: list[PageContent], builder: LayoutBuilder, settings: PdfSettings | None = None
) -> None:
    """Lay out pages (from the text layer, repair or OCR alike) into blocks on `builder`."""
    s = PdfSettings.resolve(settings)
    prepared: list[tuple[PageContent, list[_Table], list[_Line]]] = []
    for page in pages:
        tables = _rules_to_tables(page.rules, s) if page.words else []
        free = _assign_words(tables, page.words)
        prepared.append((page, tables, _words_to_lines(free, s)))
    metrics = _measure([lines for _, _, lines in prepared], pages[0].width if pages else 0.0)
    state = _State()
    for page, tables, lines in prepared:
        builder.add_page(
            PageInfo(
                number=page.number, width=page.width, height=page.height, origin=page.origin,
                quality=page.quality, readable=page.readable,
            )
        )
        items = _page_items(page, tables, lines, metrics, state, s)
        _emit(page, items, builder, state, metrics, s)
    _flush_paragraph(builder, state, s)


def _page_items(
    page: PageContent, tables: list[_Table], lines: list[_Line], m: _Metrics, state: _State,
    s: PdfSettings,
) -> list[_Item]:
    items: list[_Item] = [_Item(t.ys[0], "table", table=t) for t in tables]
    body = list(lines)
    for edge in (0, -1):
        if body and _is_page_number(body[edge], page.height, s):
            items.append(_Item(body[edge].top, "furniture", [body.pop(edge)]))
    carried = None
    if state.open_region is not None and not _table_before_text(tables, body):
        carried = state.open_region[1]
    used: set[int] = set()
    for region, start, end in _find_regions(body, s, carried):
        items.append(_Item(body[start].top, "region", region=region))
        used.update(range(start, end))
    # Paragraphs never run across a table or a region lying between their lines.
    barriers = sorted(it.top for it in items if it.kind in ("table", "region"))
    for run in _flow_runs(body, used, barriers):
        items.extend(_Item(p[0].top, "paragraph", p) for p in _paragraphs(run, m, s))
    items.sort(key=lambda it: it.top)
    return items


def _flow_runs(lines: list[_Line], used: set[int], barriers: list[float]) -> list[list[_Line]]:
    """Runs of free lines not separated by a region's lines or by a table lying between them."""
    runs: list[list[_Line]] = [[]]
    for k, line in enumerate(lines):
        run = runs[-1]
        if k in used:
            if run:
                runs.append([])
            continue
        if run and any(run[-1].top < b < line.top for b in barriers):
            run = []
            runs.append(run)
        run.append(line)
    return [r for r in runs if r]


def _table_before_text(tables: list[_Table], body: list[_Line]) -> bool:
    return bool(tables) and (not body or tables[0].ys[0] < body[0].top)


def _goes_on(lines: list[_Line], page: PageContent, m: _Metrics, s: PdfSettings) -> bool:
    """A page's last paragraph that fills its last line down at the page's foot with no sentence end."""
    last = lines[-1]
    short = last.x1 < m.right - s.short_line_ratio * (m.right - m.left)
    low = last.bottom >= page.height * s.page_end_ratio
    return low and not short and not _SENTENCE_END.search(_line_text(last, s))


def _continues(open_lines: list[_Line], lines: list[_Line], s: PdfSettings) -> bool:
    """The first paragraph of a page carries on the one the page before left open."""
    first, last = lines[0], open_lines[-1]
    text = _line_text(first, s)
    if _STRONG_MARKER.match(text) or _MARKER.match(text):
        return False
    return abs(first.size - last.size) <= s.size_tolerance and first.bold == last.bold


def _add_paragraph(
    builder: LayoutBuilder, lines: list[_Line], pages: list[int | None], s: PdfSettings, *,
    furniture: bool = False, origin: TextOrigin = "text",
) -> None:
    builder.add(
        "paragraph", _join_lines(_line_text(ln, s) for ln in lines), page=pages[0],
        pages=pages if len(pages) > 1 else None, layer="furniture" if furniture else "body",
        bold=all(ln.bold for ln in lines), origin=origin,
    )


def _flush_paragraph(builder: LayoutBuilder, state: _State, s: PdfSettings) -> None:
    if state.open_paragraph is not None:
        pages, lines, origin = state.open_paragraph
        _add_paragraph(builder, lines, pages, s, origin=origin)
        state.open_paragraph = None


def _emit(
    page: PageContent, items: list[_Item], builder: LayoutBuilder, state: _State, m: _Metrics,
    s: PdfSettings,
) -> None:
    body_items = [it for it in items if it.kind != "furniture"]
    first_body = body_items[0] if body_items else None
    last_body = body_items[-1] if body_items else None
    open_table, open_region = state.open_table, state.open_region
    state.open_table = state.open_region = None
    carried = state.open_paragraph
    if carried is not None and not (
        first_body is not None and first_body.kind == "paragraph" and _continues(carried[1], first_body.lines, s)
    ):
        _flush_paragraph(builder, state, s)
        carried = None
    state.open_paragraph = None
    for it in items:
        if it.kind == "furniture":
            _add_paragraph(builder, it.lines, [page.number], s, furniture=True, origin=page.origin)
        elif it.kind == "paragraph":
            lines, pages, origin = it.lines, [page.number], page.origin
            if it is first_body and carried is not None:
                lines, pages, origin = carried[1] + lines, [*carried[0], page.number], carried[2]
            if it is last_body and _goes_on(it.lines, page, m, s):
                state.open_paragraph = (pages, lines, origin)
            else:
                _add_paragraph(builder, lines, pages, s, origin=origin)
        elif it.kind == "table" and it.table is not None:
            cols = len(it.table.xs) - 1
            index = state.next_table
            continued = open_table is not None and it is first_body and open_table[1] == cols
            if continued and open_table is not None:
                index = open_table[0]
            else:
                state.next_table += 1
            first = _emit_table(page, it.table, index, builder, s, open_table if continued else None)
            if it is last_body:
                state.open_table = (index, cols, first)
        elif it.kind == "region" and it.region is not None:
            index = state.next_table
            if open_region is not None and it is first_body:
                index = open_region[0]
            else:
                state.next_table += 1
            _emit_region(page, it.region, index, builder, s)
            if it is last_body:
                state.open_region = (index, it.region)


def _emit_table(
    page: PageContent, table: _Table, index: int, builder: LayoutBuilder, s: PdfSettings,
    previous: tuple[int, int, list[str]] | None,
) -> list[str]:
    """Add a table's rows; return the texts of its first row (to spot a repeated header)."""
    rows: dict[int, list[_GridCell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell)
    first_texts: list[str] = []
    first = True
    for r in sorted(rows):
        cells = sorted(rows[r], key=lambda c: c.col)
        texts = [_cell_text(c.words, s) for c in cells]
        if not any(texts):
            continue
        header = False
        if first:
            words = [w for c in cells for w in c.words]
            header = all(w.bold for w in words) or (previous is not None and previous[2] == texts)
            first_texts = texts
        specs = [
            CellSpec(
                text=t, column=c.col, colspan=c.colspan, rowspan=c.rowspan, header=header,
                page=page.number,
            )
            for c, t in zip(cells, texts)
        ]
        builder.add_row(specs, table=index, page=page.number, origin=page.origin)
        if first and header and previous is not None and previous[2] == texts:
            _mark_header(builder, index, texts)
        first = False
    return first_texts


def _mark_header(builder: LayoutBuilder, index: int, texts: list[str]) -> None:
    """A header repeated on the next page is a header on the earlier pages too."""
    for block in builder._blocks:  # noqa: SLF001 - the builder keeps blocks until build()
        if block.table == index and [c.text for c in block.cells] == texts:
            for cell in block.cells:
                cell.header = True


def _emit_region(
    page: PageContent, region: _Region, index: int, builder: LayoutBuilder, s: PdfSettings
) -> None:
    for row in _region_rows(region, s):
        left = "\n".join(_join_words(rl.left, s.glue_gap) for rl in row if rl.left)
        right = "\n".join(_join_words(rl.right, s.glue_gap) for rl in row if rl.right)
        builder.add_row(
            [
                CellSpec(text=left, column=0, page=page.number),
                CellSpec(text=right, column=1, page=page.number),
            ],
            table=index, page=page.number, style="layout", origin=page.origin,
        )
