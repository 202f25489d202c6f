"""Choosing, page by page, where a PDF page's text comes from: its layer, the layer repaired, or OCR.

`TextRecovery` wraps the reader's own page function (`text_layer.read_text_layer`), fed by pdfium
(`pdfium_source.PageSource`):

1. the page's text layer is measured (`quality`); a good layer is used as it is ("text");
2. undecoded glyph codes or legacy-font text are repaired on the characters, before words are grouped,
   and the page is measured again ("repaired"). pdfium says which characters its fonts cannot map
   to Unicode but not their codes, nor the fonts' ToUnicode and CIDToGID maps; so for such a page,
   and only then, pdfplumber (pdfminer) reads the page's characters with their codes, and the
   document's font dictionaries, for the glyph decoders (`glyphs`);
3. a page still without trustworthy text (a scan, a signature stamp on a scan, an OCR layer without
   diacritics, codes no table knows) waits for OCR, which `finish` runs for all such pages at once in
   a thread pool ("ocr");
4. a page no path could read keeps `readable=False` (the pipeline reports TEXT_LAYER_UNREADABLE);
   an OCR page whose text fails the doubt check (`ocr_doubts`) keeps its reason in `doubt` (the
   pipeline reports OCR_TEXT_DOUBTFUL).

The glyph table is passed in (`RecoverySettings.glyphs`, a table or a loader called on the first
garbled page), since readers read no reference files.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kehoach.extractors.errors import MissingDependencyError
from kehoach.extractors.readers.pdf.glyphs import (
    FontDecoder,
    GlyphTable,
    RepairStats,
    document_decoders,
    repair_chars,
)
from kehoach.extractors.readers.pdf.ocr import OcrSettings, ocr_pages
from kehoach.extractors.readers.pdf.ocr_doubts import page_doubt
from kehoach.extractors.readers.pdf.page import PageContent
from kehoach.extractors.readers.pdf.quality import (
    QualitySettings,
    TextQuality,
    acceptable,
    image_cover,
    measure_words,
)
from kehoach.extractors.vntext_legacy import legacy_font_converter

if TYPE_CHECKING:
    from kehoach.extractors.readers.pdf.pdfium_source import PageSource

log = logging.getLogger(__name__)

# A layer this bad is not kept even as a fallback when OCR is impossible.
DEFAULT_MIN_FALLBACK_SHARE = 0.5

GlyphSource = GlyphTable | Callable[[], GlyphTable] | None
PageFn = Callable[["PageSource", Any], PageContent]


@dataclass
class RecoveryReport:
    """What the recovery did, for timing and debugging: per page, path and seconds."""

    paths: dict[int, str] = field(default_factory=dict)
    seconds: dict[int, float] = field(default_factory=dict)
    repair: dict[int, RepairStats] = field(default_factory=dict)
    ocr_error: str | None = None


@dataclass(frozen=True)
class RecoverySettings:
    """`glyphs`: the glyph table (or its loader); `ocr=None` turns OCR off."""

    glyphs: GlyphSource = None
    quality: QualitySettings = field(default_factory=QualitySettings)
    ocr: OcrSettings | None = field(default_factory=OcrSettings)
    min_fallback_share: float = DEFAULT_MIN_FALLBACK_SHARE
    report: RecoveryReport | None = None  # filled in when given: per-page paths and timings


class TextRecovery:
    """Per-document state: the font decoders (built on the first page that needs them), pages for OCR."""

    def __init__(self, data: bytes, settings: RecoverySettings | None = None, sha256: str | None = None):
        self._data = data
        self._plumber: Any = None  # pdfplumber's PDF, opened for the first page with unmapped chars
        self.settings = settings or RecoverySettings()
        self._sha256 = sha256
        self._decoders: dict[str, FontDecoder] | None = None
        self._pending: list[int] = []
        self.report = self.settings.report if self.settings.report is not None else RecoveryReport()

    def _font_decoders(self) -> dict[str, FontDecoder]:
        if self._decoders is None:
            glyphs = self.settings.glyphs
            table = glyphs() if callable(glyphs) else glyphs
            self._decoders = document_decoders((p.page_obj for p in self._coded().pages), table)
        return self._decoders

    def _coded(self) -> Any:
        """The document through pdfminer, which gives glyph codes as "(cid:N)" and reads font maps."""
        if self._plumber is None:
            from io import BytesIO

            import pdfplumber

            self._plumber = pdfplumber.open(BytesIO(self._data))
        return self._plumber

    def _coded_chars(self, number: int) -> list[dict[str, Any]]:
        page = self._coded().pages[number - 1]
        try:
            return list(page.chars)
        finally:
            page.close()

    def close(self) -> None:
        if self._plumber is not None:
            try:
                self._plumber.close()
            except Exception:  # closing a corrupt file may raise; nothing is left to free
                log.debug("closing pdfplumber failed", exc_info=True)
            self._plumber = None

    def page_content(self, page: PageSource, pdf_settings: Any, base: PageFn) -> PageContent:
        """The page's content from its text layer, repaired if needed; marks it for OCR otherwise."""
        start = time.perf_counter()
        content = base(page, pdf_settings)
        quality = measure_words(content.words, content.height)
        images = image_cover(page.images, content.width, content.height)
        path = "text"
        if quality.glyph_codes or page.unmapped or _has_legacy_fonts(page):
            stats = RepairStats()
            chars = self._coded_chars(page.number) if page.unmapped else page.chars
            page = page.with_chars(repair_chars(chars, self._font_decoders() if page.unmapped else {}, stats))
            content = base(page, pdf_settings)
            quality = measure_words(content.words, content.height)
            self.report.repair[content.number] = stats
            if stats.decoded:
                path = "repaired"
        s = self.settings.quality
        if acceptable(quality, images, s) or (not quality.judged and not quality.neutral and images < s.scan_image_cover):
            content = _with_quality(content, path, quality, readable=True)
        else:
            self._pending.append(content.number)
            keep = quality.share >= self.settings.min_fallback_share and not quality.glyph_codes
            content = _with_quality(content, path, quality, readable=False, keep_words=keep)
            path = "ocr"
        self.report.paths[content.number] = path
        self.report.seconds[content.number] = time.perf_counter() - start
        return content

    def finish(self, contents: list[PageContent]) -> list[PageContent]:
        """Run OCR on the pages that wait for it (all at once, in a pool) and put the results in."""
        if not self._pending or self.settings.ocr is None:
            return contents
        try:
            results = ocr_pages(self._data, self._pending, self.settings.ocr, sha256=self._sha256)
        except MissingDependencyError as exc:
            self.report.ocr_error = str(exc)
            log.warning("pages %s need OCR: %s", self._pending, exc)
            return contents
        out: list[PageContent] = []
        for content in contents:
            result = results.get(content.number)
            if result is None:
                out.append(content)
            elif isinstance(result, Exception):
                log.warning("OCR of page %d failed: %s", content.number, result)
                self.report.ocr_error = f"page {content.number}: {result}"
                content.doubt = f"OCR failed: {result}"
                out.append(content)
            else:
                self.report.seconds[content.number] = self.report.seconds.get(content.number, 0.0) + result.seconds
                ocr = PageContent(
                    number=content.number, width=content.width, height=content.height,
                    words=_scaled(result.words, content, result.width, result.height),
                    rules=_scaled(result.rules, content, result.width, result.height),
                )
                quality = measure_words(ocr.words, ocr.height)
                readable = quality.judged < self.settings.quality.min_judged or (
                    quality.share >= self.settings.min_fallback_share
                )
                checked = _with_quality(ocr, "ocr", quality, readable=readable)
                if readable:
                    checked.doubt = page_doubt(ocr.words, quality.share if quality.judged else None)
                else:
                    checked.doubt = f"OCR read it, but only {quality.share:.0%} of its words are Vietnamese"
                out.append(checked)
        return out


def _has_legacy_fonts(page: PageSource) -> bool:
    return any(legacy_font_converter(name) is not None for name in page.fonts)


def _with_quality(
    content: PageContent, origin: str, quality: TextQuality, *, readable: bool, keep_words: bool = True
) -> PageContent:
    return replace(
        content,
        origin=origin,  # type: ignore[arg-type]
        quality=round(quality.share, 4) if quality.judged else None,
        readable=readable,
        words=content.words if keep_words else [],
        rules=content.rules if keep_words else [],
    )


def _scaled(items: list[Any], content: PageContent, width: float, height: float) -> list[Any]:
    """OCR boxes from the rendered page's size to the page's size (they rarely differ)."""
    if not width or not height or (abs(width - content.width) < 0.5 and abs(height - content.height) < 0.5):
        return items
    sx, sy = content.width / width, content.height / height
    return [replace(i, x0=i.x0 * sx, x1=i.x1 * sx, top=i.top * sy, bottom=i.bottom * sy) for i in items]
