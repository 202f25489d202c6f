"""One PDF page read through pdfium: characters with their boxes, ruling segments and image boxes.

This is the reader's only contact with pypdfium2. It fills plain records (`PageSource`); words,
lines, tables and regions are built from them elsewhere. Coordinates are turned from pdfium's
bottom-left origin into PDF points from the page's top-left corner (`top` < `bottom`), the page's
/Rotate applied, as the page is seen.

A character's box spans its advance horizontally and, vertically, one font size up from its
baseline shifted by the font's descent: the box pdfminer gives, so every line of a font has one
height whatever its glyphs. pdfium cannot give the character codes of a font without a usable
ToUnicode map (it says which characters have none: `unmapped`); the glyph repair reads those
codes from the font dictionaries itself (`recovery`).
"""

from __future__ import annotations

import ctypes
import math
import threading
from collections.abc import Iterator
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from kehoach.extractors.readers.pdf.page import PageRule


class PdfSettings(Protocol):
    """What this module reads of `settings.PdfSettings` (which imports the recovery that uses it)."""

    keep_rotated: bool
    rule_thickness: float

Char = dict[str, Any]
Box = tuple[float, float, float, float]

# pdfium's page object types and path segment types (fpdf_edit.h).
_OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 2, 3, 5
_SEG_LINETO, _SEG_MOVETO = 0, 2
# A descent outside this share of the font size is a font's odd metric, not a descender.
_MAX_DESCENT_SHARE = 0.3
_BREAKS = frozenset(" \r\n")
_OBJ_TEXT = 1
# A text object whose bounds are no larger than this draws nothing: a space (or spaces) on its own.
_BLANK = 0.01
# Font sizes from pdfium are single precision: rounded so that chars of one size compare equal.
_SIZE_DIGITS = 3
_BOX_DIGITS = 4
# Two char origins this close vertically (points) sit on one baseline.
_SAME_BASELINE = 0.01
# Nested form XObjects deeper than this are not walked for rulings (a malicious file).
_MAX_FORM_DEPTH = 16


@dataclass(slots=True)
class PageSource:
    """What pdfium gives of one page: chars (pdfplumber's keys), rulings, image boxes, size."""

    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rules: list[PageRule] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)
    unmapped: int = 0  # characters whose font gives pdfium no Unicode for them
    fonts: frozenset[str] = frozenset()  # the names of the fonts its characters are drawn in

    @property
    def page_number(self) -> int:
        return self.number

    def with_chars(self, chars: Iterable[Char]) -> PageSource:
        """The same page with other (repaired) characters."""
        return replace(self, chars=list(chars))


class _View:
    """PDF user space -> the page as seen: top-left origin, /Rotate applied."""

    def __init__(self, left: float, bottom: float, right: float, top: float, rotation: int):
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = rotation % 360
        w, h = right - left, top - bottom
        # pdfium's boxes are single precision: 842.52 comes back as 842.52001953125.
        w, h = round(w, _BOX_DIGITS), round(h, _BOX_DIGITS)
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        u, v = x - self.left, self.top - y
        r = self.rotation
        if r == 0:
            return u, v
        if r == 90:
            return self.top - self.bottom - v, u
        if r == 180:
            return self.right - self.left - u, self.top - self.bottom - v
        return v, self.right - self.left - u

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def upright(self, a: float, b: float, c: float, d: float) -> bool:
        """pdfminer's test on a text matrix, in the page as seen (the rotation turns it clockwise)."""
        for _ in range(self.rotation // 90):
            a, b, c, d = b, -a, d, -c
        return a * d > 0 and b * c <= 0


# pdfium is not thread-safe, even across documents: every call into it from this module holds this
# lock (a process that reads two PDFs in two threads reads them a page at a time).
PDFIUM_LOCK = threading.RLock()


def open_document(data: bytes) -> Any:
    import pypdfium2

    with PDFIUM_LOCK:
        return pypdfium2.PdfDocument(data)


def close_document(document: Any) -> None:
    with PDFIUM_LOCK:
        document.close()


def load_error_reason(exc: BaseException) -> str:
    message = str(exc) or type(exc).__name__
    if "password" in message.lower():
        return "encrypted PDF (password required)"
    return f"corrupt or unreadable PDF ({message})"


def read_page(document: Any, index: int, s: PdfSettings) -> PageSource:
    """Page `index` (from 0) of a pypdfium2 document, its pdfium objects closed before returning."""
    with PDFIUM_LOCK:
        return _read_page(document, index, s)


def _read_page(document: Any, index: int, s: PdfSettings) -> PageSource:
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        view = _View(left, bottom, right, top, page.get_rotation())
        source = PageSource(number=index + 1, width=view.width, height=view.height)
        order: dict[int, int] = {}
        blanks: list[tuple[int, Char]] = []
        for k, (kind, obj, matrix) in enumerate(_objects(page.raw)):
            if kind == _OBJ_PATH:
                source.rules.extend(_path_rules(obj, matrix, view, s))
            elif kind == _OBJ_IMAGE:
                source.images.append(_bounds(obj, view))
            else:
                order[ctypes.cast(obj, ctypes.c_void_p).value or 0] = k
                blank = _blank(obj, matrix, view)
                if blank is not None:
                    blanks.append((k, blank))
        textpage = page.get_textpage()
        try:
            source.chars, source.unmapped, source.fonts = _chars(textpage.raw, view, s, order, blanks)
        finally:
            textpage.close()
        return source
    finally:
        page.close()


# --- characters ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    """What the chars of one text object share; `descent` below the baseline, negative, in points."""

    fontname: str
    size: float
    descent: float
    upright: bool
    skew: float = 0.0  # the text matrix's c / d: how far the glyphs lean per unit of height
    span: float = 0.0  # the font's ascent minus descent as pdfium measures it, in points
    unmapped: bool | None = None  # whether its first char has no Unicode (None: not asked yet)


def _chars(
    textpage: Any, view: _View, s: PdfSettings, order: dict[int, int], blanks: list[tuple[int, Char]]
) -> tuple[list[Char], int, frozenset[str]]:
    """The text page's chars in content order, with the blank text objects pdfium leaves out put back
    where they were drawn: a content space is a word break even where the gap is narrow."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return [], 0, frozenset()
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(textpage, 0, count, buffer)
    texts = _char_texts(buffer, count)
    rect = raw.FS_RECTF()
    get_box, get_object = raw.FPDFText_GetLooseCharBox, _address_function(raw.FPDFText_GetTextObject)
    xs, ys = _origins(textpage, count)
    plain = view.rotation == 0
    page_left, page_top = view.left, view.top
    runs: dict[int, _Run] = {}
    chars: list[Char] = []
    unmapped = 0
    unmapped_fonts: set[str] = set()
    b = 0
    last, run = -1, _Run("", 0.0, 0.0, True)
    for i in range(count):
        text = texts[i]
        if not text:
            continue
        if text in _BREAKS:
            # A space, the content's or one pdfium puts where it sees a word gap, is a word break
            # in the previous char's run; pdfium's line breaks are not chars.
            if text == " " and chars:
                chars.append({**chars[-1], "text": " ", "x0": chars[-1]["x1"]})
            continue
        address = get_object(textpage, i) or 0
        if address != last:
            last = address
            position = order.get(address, -1)
            while b < len(blanks) and blanks[b][0] < position:
                chars.append(blanks[b][1])
                b += 1
            run = runs.get(address)
            if run is None:
                run = runs[address] = _run(textpage, i, address, view)
        if not run.upright and not s.keep_rotated:
            continue
        if not get_box(textpage, i, rect):
            continue
        # A font without a Unicode map for its codes says so on its text objects' first char;
        # only then is every char of the object asked (a ctypes call per char costs 5 % of a page).
        if run.unmapped is None:
            run.unmapped = bool(raw.FPDFText_HasUnicodeMapError(textpage, i))
            if run.unmapped:
                unmapped_fonts.add(run.fontname)
        if (run.unmapped or run.fontname in unmapped_fonts) and raw.FPDFText_HasUnicodeMapError(textpage, i):
            unmapped += 1
            text = "\ufffd"
        x, y = xs[i], ys[i]
        low = y + run.descent
        # A char spans its advance: from its origin to where the next char on its baseline starts.
        # pdfium's loose box also takes in ink beyond the advance (an italic "p" reaching left, the
        # marks of "ỗ" reaching right), which would close the gap between two words.
        left, right = x, rect.right
        if i + 1 < count and abs(ys[i + 1] - y) < _SAME_BASELINE and x < xs[i + 1] < right:
            right = xs[i + 1]
        if run.skew:
            # Slanted text: pdfium's loose box leans over the font's full height, pdfminer's over
            # one font size from the descent; the advance is what both share.
            advance = rect.right - rect.left - abs(run.skew) * run.span
            lean = (run.skew * run.descent, run.skew * (run.descent + run.size))
            left, right = x + min(0.0, *lean), x + advance + max(0.0, *lean)
        if plain:
            x0, x1, top, bottom = left - page_left, right - page_left, page_top - low - run.size, page_top - low
        else:
            x0, top, x1, bottom = view.box(left, low + run.size, right, low)
        chars.append(
            {
                "text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                "size": run.size, "fontname": run.fontname, "upright": run.upright,
            }
        )
    chars.extend(blank for _, blank in blanks[b:])
    return chars, unmapped, frozenset(r.fontname for r in runs.values())


def _blank(obj: Any, matrix: _Matrix, view: _View) -> Char | None:
    """A space for a text object that draws nothing (bounds of no size), at its origin; else None."""
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    if right.value - left.value > _BLANK or top.value - bottom.value > _BLANK:
        return None
    value = ctypes.c_float()
    if not raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(value)):
        return None
    a, b, c, d, e, f = matrix
    size = round(float(value.value) * math.sqrt(abs(a * d - b * c)), _SIZE_DIGITS)
    font = raw.FPDFTextObj_GetFont(obj)
    name = ctypes.create_string_buffer(256)
    fontname = ""
    if font and raw.FPDFFont_GetBaseFontName(font, name, len(name)):
        fontname = name.value.decode("utf-8", errors="replace")
    low = f + _descent(font, size)
    x0, top_, x1, bottom_ = view.box(e, low + size, e, low)
    return {
        "text": " ", "x0": x0, "x1": x1, "top": top_, "bottom": bottom_, "size": size,
        "fontname": fontname, "upright": view.upright(a, b, c, d),
    }


def _descent(font: Any, size: float) -> float:
    """The font's descent at `size` (negative), or 0 where pdfium's value is not a descender's."""
    import pypdfium2.raw as raw

    value = ctypes.c_float()
    if not font or not raw.FPDFFont_GetDescent(font, ctypes.c_float(size), ctypes.byref(value)):
        return 0.0
    descent = float(value.value)
    return descent if -_MAX_DESCENT_SHARE * size <= descent <= 0 else 0.0


def _address_function(function: Any) -> Any:
    """The same pdfium function returning a plain address: a page object's identity without a
    ctypes cast per char."""
    return ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
        ctypes.cast(function, ctypes.c_void_p).value
    )


def _origins(textpage: Any, count: int) -> tuple[list[float], list[float]]:
    import pypdfium2.raw as raw

    get_origin = raw.FPDFText_GetCharOrigin
    x, y = ctypes.c_double(), ctypes.c_double()
    xs, ys = [0.0] * count, [0.0] * count
    for i in range(count):
        get_origin(textpage, i, x, y)
        xs[i], ys[i] = x.value, y.value
    return xs, ys


def _char_texts(units: Any, count: int) -> list[str]:
    """One text per char index: a character outside the BMP at its first index, "" at its second."""
    texts = [chr(units[i]) for i in range(count)]
    for i in range(count - 1):
        if 0xD800 <= units[i] < 0xDC00 and 0xDC00 <= units[i + 1] < 0xE000:
            texts[i] = chr(0x10000 + ((units[i] - 0xD800) << 10) + (units[i + 1] - 0xDC00))
            texts[i + 1] = ""
    # pdfium writes U+FFFE for a hyphen it takes for a line-end hyphenation: the content has "-".
    return ["\ufffd" if 0xD800 <= ord(t[:1] or "a") < 0xE000 else "-" if t == "\ufffe" else t for t in texts]


def _run(textpage: Any, index: int, address: int, view: _View) -> _Run:
    import pypdfium2.raw as raw

    obj = ctypes.cast(address, raw.FPDF_PAGEOBJECT) if address else None
    size = round(float(raw.FPDFText_GetFontSize(textpage, index)), _SIZE_DIGITS)
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage, index, name, len(name), ctypes.byref(flags))
    fontname = name.value.decode("utf-8", errors="replace")
    matrix = raw.FS_MATRIX()
    upright, skew = True, 0.0
    if raw.FPDFText_GetMatrix(textpage, index, matrix):
        upright = view.upright(matrix.a, matrix.b, matrix.c, matrix.d)
        if matrix.c and matrix.d and not matrix.b:
            skew = matrix.c / matrix.d
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    run = _Run(fontname=fontname, size=size, descent=_descent(font, size), upright=upright)
    if skew and font:
        ascent, descent = ctypes.c_float(), ctypes.c_float()
        if raw.FPDFFont_GetAscent(font, ctypes.c_float(size), ctypes.byref(ascent)) and raw.FPDFFont_GetDescent(
            font, ctypes.c_float(size), ctypes.byref(descent)
        ):
            run.skew, run.span = skew, float(ascent.value - descent.value)
    return run


# --- page objects: rulings and images ----------------------------------------------------------

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _objects(page: Any) -> Iterator[tuple[int, Any, _Matrix]]:
    """Text, path and image objects of a page in drawing order, form XObjects walked, each with its
    matrix to page space."""
    import pypdfium2.raw as raw

    def walk(count: int, get: Any, parent: Any, outer: _Matrix, depth: int) -> Iterator[tuple[int, Any, _Matrix]]:
        for k in range(count):
            obj = get(parent, k)
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind in (_OBJ_PATH, _OBJ_TEXT):
                yield kind, obj, _compose(_matrix(obj), outer)
            elif kind == _OBJ_IMAGE:
                yield kind, obj, outer
            elif kind == _OBJ_FORM and depth < _MAX_FORM_DEPTH:
                inner = _compose(_matrix(obj), outer)
                yield from walk(raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject, obj, inner, depth + 1)

    yield from walk(raw.FPDFPage_CountObjects(page), raw.FPDFPage_GetObject, page, _IDENTITY, 0)


def _matrix(obj: Any) -> _Matrix:
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _bounds(obj: Any, view: _View) -> Box:
    """An image's box on the page (pdfium applies the enclosing forms' matrices itself)."""
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return view.box(left.value, bottom.value, right.value, top.value)


def _path_rules(obj: Any, matrix: _Matrix, view: _View, s: PdfSettings) -> list[PageRule]:
    """A path's straight lines and axis-aligned rectangles, as pdfminer classifies subpaths.

    A thin rectangle (filled or stroked) is a line; a stroked box gives its four edges; a filled
    box that is not stroked is shading behind text, not a ruling. Curves are not rulings.
    """
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return []
    stroked = bool(stroke.value)
    if not stroked and not fill.value:
        return []
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[list[tuple[float, float]], bool, bool]] = []
    for k in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, k)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        px, py = x.value, y.value
        point = view.point(a * px + c * py + e, b * px + d * py + f)
        if kind == _SEG_MOVETO or not subpaths:
            subpaths.append(([point], False, False))
            continue
        points, curved, _ = subpaths[-1]
        points.append(point)
        subpaths[-1] = (points, curved or kind != _SEG_LINETO, bool(raw.FPDFPathSegment_GetClose(segment)))
    rules: list[PageRule] = []
    for points, curved, closed in subpaths:
        if curved:
            continue
        rules.extend(_shape_rules(points, closed, stroked, s))
    return rules


def _shape_rules(points: list[tuple[float, float]], closed: bool, stroked: bool, s: PdfSettings) -> list[PageRule]:
    if closed and len(points) >= 2 and points[-1] != points[0]:
        points = [*points, points[0]]
    if len(points) > 3 and points[-2] == points[0] and points[-1] == points[0]:
        points = points[:-1]
    if len(points) == 2 or (len(points) == 3 and closed and points[2] == points[0]):
        (x0, y0), (x1, y1) = points[0], points[1]
        return [PageRule(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))]
    if len(points) != 5 or points[4] != points[0]:
        return []
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
    if not square:
        return []
    left, right = min(x0, x2), max(x0, x2)
    top, bottom = min(y0, y2), max(y0, y2)
    if bottom - top <= s.rule_thickness or right - left <= s.rule_thickness:
        return [PageRule(left, top, right, bottom)]
    if not stroked:
        return []
    return [
        PageRule(left, top, right, top), PageRule(left, bottom, right, bottom),
        PageRule(left, top, left, bottom), PageRule(right, top, right, bottom),
    ]
