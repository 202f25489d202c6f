"""Page furniture: page numbers on a page's first or last line, in the top or bottom margin."""

from __future__ import annotations

import re

from extractors.readers.pdf.lines import Line, line_text
from extractors.readers.pdf.settings import PdfSettings

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|Trang\s+\d{1,4}(?:\s*/\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})$",
    re.IGNORECASE,
)


def is_page_number(line: Line, height: float, s: PdfSettings) -> bool:
    in_margin = line.bottom <= s.furniture_margin * height or line.top >= (1 - s.furniture_margin) * height
    return in_margin and bool(_PAGE_NUMBER.match(line_text(line, s).strip()))
