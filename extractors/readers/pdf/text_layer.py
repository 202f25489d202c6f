"""A pdfplumber page's text layer -> PageContent: positioned words and ruling line segments.

Garbled-font repair (`recovery`) re-runs `read_text_layer` on repaired characters; OCR builds the same
`PageContent` from an image (`ocr`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kehoach.extractors.readers.pdf.page import PageContent, PageRule, PageWord
from kehoach.extractors.readers.pdf.settings import PdfSettings

if TYPE_CHECKING:
    from pdfplumber.page import Page

PageContentFn = Callable[["Page", PdfSettings], PageContent]

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


def read_text_layer(page: Page, settings: PdfSettings) -> PageContent:
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
