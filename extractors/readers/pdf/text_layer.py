"""A page's text layer (`pdfium_source.PageSource`) -> PageContent: positioned words and ruling segments.

Chars become words as pdfplumber's word extractor makes them (same tolerances, same splits), without
pdfplumber: runs of chars of one font and size are cut into lines by their tops, sorted left to right,
and split at blanks, at gaps wider than `x_tolerance` and where a char steps back or off the line.
Garbled-font repair (`recovery`) re-runs `read_text_layer` on repaired characters; OCR builds the same
`PageContent` from an image (`ocr`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from kehoach.extractors.readers.pdf.page import PageContent, PageWord
from kehoach.extractors.readers.pdf.pdfium_source import PageSource
from kehoach.extractors.readers.pdf.settings import PdfSettings

PageContentFn = Callable[[PageSource, PdfSettings], PageContent]

_X0 = itemgetter("x0")
_RUN = itemgetter("upright", "fontname", "size")
_BOLD_FONT = re.compile(r"bold|black|heavy", re.IGNORECASE)
_LIGATURES = {"\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb01": "fi", "\ufb02": "fl", "\ufb06": "st", "\ufb05": "st"}


@lru_cache(maxsize=256)
def is_bold_font(fontname: str) -> bool:
    return bool(_BOLD_FONT.search(fontname))


def _line_clusters(chars: list[dict[str, Any]], tolerance: float) -> list[list[dict[str, Any]]]:
    """Chars grouped by their tops, runs of distinct tops at most `tolerance` apart, top to bottom."""
    tops = sorted({c["top"] for c in chars})
    if tops[-1] - tops[0] <= tolerance:
        return [chars]
    cluster_of: dict[float, int] = {}
    k, last = -1, None
    for top in tops:
        if last is None or top > last + tolerance:
            k += 1
        cluster_of[top] = k
        last = top
    ordered = sorted(chars, key=lambda c: cluster_of[c["top"]])
    return [list(g) for _, g in groupby(ordered, key=lambda c: cluster_of[c["top"]])]


def _word(chars: list[dict[str, Any]]) -> PageWord:
    """Chars sorted by x0 -> one word with their joint box and the first char's font."""
    first = chars[0]
    x1, top, bottom = first["x1"], first["top"], first["bottom"]
    for c in chars:
        if c["x1"] > x1:
            x1 = c["x1"]
        if c["top"] < top:
            top = c["top"]
        if c["bottom"] > bottom:
            bottom = c["bottom"]
    fontname = str(first.get("fontname", ""))
    text = "".join(c["text"] for c in chars)
    if not text.isascii():
        text = "".join(_LIGATURES.get(c["text"], c["text"]) for c in chars)
    return PageWord(
        text=text, x0=float(first["x0"]), x1=float(x1), top=float(top), bottom=float(bottom),
        fontname=fontname, size=float(first.get("size", 0.0)), bold=is_bold_font(fontname),
    )


def words_from_chars(
    chars: Sequence[dict[str, Any]], settings: PdfSettings | None = None
) -> list[PageWord]:
    """Char records (pdfplumber's keys, possibly repaired) -> words, split where the font or size
    changes too."""
    s = PdfSettings.resolve(settings)
    if not s.keep_rotated:
        chars = [c for c in chars if c["upright"]]
    xt, yt = s.x_tolerance, s.y_tolerance
    words: list[PageWord] = []
    for _, run in groupby(chars, key=_RUN):
        for line in _line_clusters(list(run), yt):
            current: list[dict[str, Any]] = []
            prev: dict[str, Any] | None = None
            for c in sorted(line, key=_X0):
                if c["text"].isspace():
                    if current:
                        words.append(_word(current))
                    current, prev = [], None
                    continue
                if prev is not None and (
                    c["x0"] < prev["x0"] or c["x0"] > prev["x1"] + xt or abs(c["top"] - prev["top"]) > yt
                ):
                    words.append(_word(current))
                    current = []
                current.append(c)
                prev = c
            if current:
                words.append(_word(current))
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


def read_text_layer(source: PageSource, settings: PdfSettings) -> PageContent:
    """The seam: one page's chars and rulings -> PageContent. Repair or OCR modules may replace it."""
    chars = source.chars
    if settings.dedupe_chars:
        chars = dedupe_overprinted(chars)
    width, height = source.width, source.height
    words = [
        w for w in words_from_chars(chars, settings)
        if 0 <= (w.x0 + w.x1) / 2 <= width and 0 <= (w.top + w.bottom) / 2 <= height
    ]
    return PageContent(
        number=source.number, width=width, height=height, words=words, rules=list(source.rules),
        origin="text", quality=None, readable=bool(words),
    )

