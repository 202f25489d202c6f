"""One PDF page as positioned words and ruling lines: the seam between getting text and laying it out.

Three producers feed the same layout stage (`layout.layout_pages`): the born-digital text layer
("text"), the same layer after garbled-font repair ("repaired"), and OCR of a page image ("ocr").
Each fills a `PageContent`; the layout stage reads nothing else. Coordinates are PDF points with the
origin at the page's top-left corner, `top` < `bottom`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PageOrigin = Literal["text", "repaired", "ocr"]


@dataclass(slots=True)
class PageWord:
    """A word and its box; `bold` where the font (or the OCR engine) says so.

    `line`: the OCR engine's own text line the word belongs to (None in a text layer). Lines are
    rebuilt from these, never from boxes alone: on a scan boxes of neighbouring lines overlap.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fontname: str = ""
    size: float = 0.0
    bold: bool = False
    line: int | None = None


@dataclass(slots=True)
class PageRule:
    """A ruling line segment, horizontal or vertical; a thin filled rectangle counts as one."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class PageContent:
    """What the layout stage needs of one page; `readable=False` for a page without usable text."""

    number: int
    width: float
    height: float
    words: list[PageWord] = field(default_factory=list)
    rules: list[PageRule] = field(default_factory=list)
    origin: PageOrigin = "text"
    quality: float | None = None
    readable: bool = True
    # Why OCR text is not to be trusted (interleaved lines, non-syllables, garbled numbers); None when clean.
    doubt: str | None = None
