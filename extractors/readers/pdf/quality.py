"""How good is a page's text layer, and what to do with it: use it, repair it, or OCR the page.

"Has text" is not enough. Real scans carry layers that must not be trusted: a digital-signature stamp
("Ký bởi: ... Thời gian ký: ...", three lines on a full-page image), or an invisible OCR layer without
diacritics ("CVC H6A CHAT", "QUYET DINH"). Fonts without a usable ToUnicode map give "(cid:54)(cid:1250)"
for "SỞ". Two measures decide:

- quality: the share of the letter runs that are Vietnamese syllables (`extractors.vnsyllables`);
  acronyms, units and one-letter list markers are not judged;
- coverage: the share of the page's height that the words span, against how much of the page is
  covered by images (a scan is one image over the whole page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from kehoach.extractors.readers.pdf.page import PageWord
from kehoach.extractors.vnsyllables import classify_word

DEFAULT_MIN_VALID_SHARE = 0.85
DEFAULT_MIN_COVERAGE = 0.15
DEFAULT_SCAN_IMAGE_COVER = 0.5
DEFAULT_MIN_JUDGED = 3
# Words this close (share of the font size) are one word split where the font changes ("đ" + "ườ" + "ng").
DEFAULT_GLUE_GAP = 0.12

Decision = Literal["use", "repair", "ocr", "empty"]

_GLYPH_CODE = re.compile(r"\(cid:\d+\)")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A digit between letters ("H6A", "Kh6ng") is an OCR confusion, not a code such as "1105/KH".
_DIGIT_INSIDE_WORD = re.compile(r"[^\W\d_]\d+[^\W\d_]")


@dataclass(frozen=True, slots=True)
class QualitySettings:
    """Thresholds of the decision; see the module docstring."""

    min_valid_share: float = DEFAULT_MIN_VALID_SHARE
    min_coverage: float = DEFAULT_MIN_COVERAGE
    scan_image_cover: float = DEFAULT_SCAN_IMAGE_COVER
    min_judged: int = DEFAULT_MIN_JUDGED

    def __post_init__(self) -> None:
        for name in ("min_valid_share", "min_coverage", "scan_image_cover"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"QualitySettings.{name} must be within 0..1, got {value!r}")
        if self.min_judged < 0:
            raise ValueError(f"QualitySettings.min_judged must be >= 0, got {self.min_judged!r}")


@dataclass(frozen=True, slots=True)
class TextQuality:
    """What a page's words are made of; `share` is the quality stored on the page."""

    valid: int = 0
    invalid: int = 0
    neutral: int = 0
    glyph_codes: int = 0
    coverage: float = 0.0

    @property
    def judged(self) -> int:
        return self.valid + self.invalid

    @property
    def share(self) -> float:
        return self.valid / self.judged if self.judged else 0.0


def measure_texts(texts: Iterable[str]) -> TextQuality:
    """Count valid, invalid and unjudged letter runs and undecoded glyph codes in some words."""
    valid = invalid = neutral = codes = 0
    for text in texts:
        found = len(_GLYPH_CODE.findall(text))
        if found:
            codes += found
            invalid += 1
            continue
        if _DIGIT_INSIDE_WORD.search(text):
            invalid += 1
            continue
        for part in _LETTER_RUN.findall(text):
            kind = classify_word(part)
            valid += kind == "valid"
            invalid += kind == "invalid"
            neutral += kind == "neutral"
    return TextQuality(valid=valid, invalid=invalid, neutral=neutral, glyph_codes=codes)


def vertical_coverage(spans: Iterable[tuple[float, float]], height: float) -> float:
    """Share of [0, height] covered by the union of (top, bottom) spans."""
    if height <= 0:
        return 0.0
    covered = 0.0
    end = 0.0
    for top, bottom in sorted((max(0.0, t), min(height, b)) for t, b in spans):
        if bottom <= end:
            continue
        covered += bottom - max(top, end)
        end = bottom
    return covered / height


def image_cover(boxes: Iterable[tuple[float, float, float, float]], width: float, height: float) -> float:
    """Share of the page covered by its largest image box (x0, top, x1, bottom), clipped to the page."""
    if width <= 0 or height <= 0:
        return 0.0
    best = 0.0
    for x0, top, x1, bottom in boxes:
        w = min(width, x1) - max(0.0, x0)
        h = min(height, bottom) - max(0.0, top)
        if w > 0 and h > 0:
            best = max(best, w * h / (width * height))
    return best


def glued_texts(words: Sequence[PageWord], glue_gap: float = DEFAULT_GLUE_GAP) -> list[str]:
    """Word texts with the pieces of one word (split where the font changes) joined again."""
    lines: list[list[PageWord]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and word.top < lines[-1][0].top + (lines[-1][0].bottom - lines[-1][0].top) / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    texts: list[str] = []
    for line in lines:
        previous: PageWord | None = None
        for word in sorted(line, key=lambda w: w.x0):
            size = word.size or (word.bottom - word.top)
            if previous is not None and -0.5 < word.x0 - previous.x1 < glue_gap * size:
                texts[-1] += word.text
            else:
                texts.append(word.text)
            previous = word
    return texts


def measure_words(words: Sequence[PageWord], height: float) -> TextQuality:
    """The quality of a page's words, with the share of its height they cover."""
    counts = measure_texts(glued_texts(words))
    coverage = vertical_coverage(((w.top, w.bottom) for w in words), height)
    return TextQuality(
        valid=counts.valid, invalid=counts.invalid, neutral=counts.neutral,
        glyph_codes=counts.glyph_codes, coverage=coverage,
    )


def acceptable(quality: TextQuality, images: float, settings: QualitySettings) -> bool:
    """True when a text layer can be used as it is (after any repair)."""
    if quality.glyph_codes:
        return False
    if quality.judged < settings.min_judged:
        # Too few words to judge: trust them unless the page is a picture (a scan with a stamp).
        return images < settings.scan_image_cover
    if quality.share < settings.min_valid_share:
        return False
    return not (images >= settings.scan_image_cover and quality.coverage < settings.min_coverage)


def decide(quality: TextQuality, images: float, settings: QualitySettings | None = None) -> Decision:
    """What to do with a page whose text layer measured `quality` and whose images cover `images`."""
    settings = settings or QualitySettings()
    if quality.glyph_codes:
        return "repair"
    if quality.judged == 0 and quality.neutral == 0 and images < settings.scan_image_cover:
        return "empty"
    return "use" if acceptable(quality, images, settings) else "ocr"
