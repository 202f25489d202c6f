"""Lines -> paragraphs: where one starts, in a page's flow, inside a table cell and over a page break."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from kehoach.extractors.outline import may_start_paragraph, starts_paragraph
from kehoach.extractors.readers.pdf.lines import Line, join_lines, line_text, words_to_lines
from kehoach.extractors.readers.pdf.page import PageContent, PageWord
from kehoach.extractors.readers.pdf.settings import PdfSettings
from kehoach.extractors.vnsyllables import classify_word

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.;:!?…]['\"”’)]*$")


@dataclass(slots=True)
class Metrics:
    """Document-wide measures paragraph rules compare against."""

    pitch: float
    left: float
    right: float


def measure(lines_by_page: list[list[Line]], width: float) -> Metrics:
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
    return Metrics(pitch=pitch, left=float(left), right=right)


def _is_centered(line: Line, m: Metrics, s: PdfSettings) -> bool:
    """Centred on the text column (a full-width line is too)."""
    return abs((line.x0 + line.x1) / 2 - (m.left + m.right) / 2) <= s.center_tolerance


def _in_capitals(text: str) -> bool:
    """A line printed in capitals ("KẾ HOẠCH", "MỤC TIÊU, YÊU CẦU")."""
    return text.isupper() and sum(c.isalpha() for c in text) >= 3


def _capital_words(text: str) -> bool:
    """A line of words in capitals, each a Vietnamese syllable ("KẾ HOẠCH", "MỤC TIÊU, YÊU CẦU"), not
    abbreviations ("UBND, MTTQ", "KH&CN;" wrapped in a cell). A paragraph that wraps stays in capitals or
    in sentence case, so a sentence-case line after such a line ("Cải cách hành chính ...", the title
    under the type line) starts another paragraph."""
    words = _WORD.findall(text)
    return _in_capitals(text) and all(classify_word(w) == "valid" for w in words)


def _starts_paragraph(
    prev: Line, line: Line, text: str, m: Metrics, s: PdfSettings, prev_text: str
) -> bool:
    if m.pitch and line.top - prev.top > m.pitch * s.paragraph_gap_ratio:
        return True
    if line.top - prev.bottom > max(prev.height, line.height):
        return True
    if abs(line.size - prev.size) > s.size_tolerance:
        return True
    if prev.bold != line.bold and (prev.bold or not line.any_bold):
        return True
    if _capital_words(prev_text) and not _in_capitals(text):
        return True
    short = prev.x1 < m.right - s.short_line_ratio * (m.right - m.left)
    ended = bool(_SENTENCE_END.search(prev_text))
    # A centred title wraps onto centred lines that start further in: not an indent.
    if line.x0 > m.left + s.indent and _is_centered(line, m, s) and _is_centered(prev, m, s):
        return False
    if line.x0 > prev.x0 + s.indent or (line.x0 > m.left + s.indent and (short or ended)):
        return True
    if starts_paragraph(text):
        return True
    return may_start_paragraph(text) and (short or ended)


def lines_to_paragraphs(lines: list[Line], m: Metrics, s: PdfSettings) -> list[list[Line]]:
    groups: list[list[Line]] = []
    texts = [line_text(ln, s) for ln in lines]
    for k, line in enumerate(lines):
        if k == 0 or _starts_paragraph(lines[k - 1], line, texts[k], m, s, texts[k - 1]):
            groups.append([])
        groups[-1].append(line)
    return groups


def cell_text(words: list[PageWord], s: PdfSettings) -> str:
    if not words:
        return ""
    lines = words_to_lines(words, s)
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])]
    m = Metrics(
        pitch=statistics.median(pitches) if pitches else 0.0,
        left=min(ln.x0 for ln in lines), right=max(ln.x1 for ln in lines),
    )
    paragraphs = lines_to_paragraphs(lines, m, s)
    return "\n".join(join_lines(line_text(ln, s) for ln in p) for p in paragraphs)


def goes_on(lines: list[Line], page: PageContent, m: Metrics, s: PdfSettings) -> bool:
    """A page's last paragraph that fills its last line down at the page's foot with no sentence end."""
    last = lines[-1]
    short = last.x1 < m.right - s.short_line_ratio * (m.right - m.left)
    low = last.bottom >= page.height * s.page_end_ratio
    return low and not short and not _SENTENCE_END.search(line_text(last, s))


def continues(open_lines: list[Line], lines: list[Line], s: PdfSettings) -> bool:
    """The first paragraph of a page carries on the one the page before left open."""
    first, last = lines[0], open_lines[-1]
    text = line_text(first, s)
    if starts_paragraph(text) or may_start_paragraph(text):
        return False
    return abs(first.size - last.size) <= s.size_tolerance and first.bold == last.bold
