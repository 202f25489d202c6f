"""Page furniture: page numbers on a page's first or last line, in the top or bottom margin."""

from __future__ import annotations

from kehoach.extractors.outline import is_page_number
from kehoach.extractors.readers.pdf.lines import Line, line_text
from kehoach.extractors.readers.pdf.settings import PdfSettings


def is_page_number_line(line: Line, height: float, s: PdfSettings) -> bool:
    in_margin = line.bottom <= s.furniture_margin * height or line.top >= (1 - s.furniture_margin) * height
    return in_margin and is_page_number(line_text(line, s).strip())
