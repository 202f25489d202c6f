"""Words -> lines: words clustered by vertical overlap, and a line's text."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kehoach.extractors.readers.pdf.page import PageWord
from kehoach.extractors.readers.pdf.settings import PdfSettings


@dataclass(slots=True)
class Line:
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


def join_words(words: Sequence[PageWord], glue_ratio: float) -> str:
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


def line_text(line: Line, s: PdfSettings) -> str:
    return join_words(line.words, s.glue_gap)


# A line ending in a hyphen or slash stuck to its word ("2021-", "KH-", "01/") wrapped inside one
# compound ("2021-2030", "129/KH-UBND"): Vietnamese never breaks a syllable at a line's end.
_COMPOUND_BREAK = re.compile(r"\w[-/]$")


def join_lines(texts: Iterable[str]) -> str:
    out = ""
    for text in texts:
        if out and not _COMPOUND_BREAK.search(out):
            out += " "
        out += text
    return out


def _make_line(words: list[PageWord]) -> Line:
    words.sort(key=lambda w: w.x0)
    return Line(
        words=words, top=min(w.top for w in words), bottom=max(w.bottom for w in words),
        x0=words[0].x0, x1=max(w.x1 for w in words),
    )


def words_to_lines(words: Iterable[PageWord], s: PdfSettings) -> list[Line]:
    """Cluster words into lines by vertical overlap; lines come out top to bottom.

    Words that carry the OCR engine's line number keep that line (see `engine_lines`).
    """
    words = list(words)
    if any(w.line is not None for w in words):
        return engine_lines(words, s)
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


def engine_lines(words: Sequence[PageWord], s: PdfSettings) -> list[Line]:
    """Lines as the OCR engine segmented them, side by side ones (two columns, table cells) joined.

    An engine line is never split. Two engine lines join into one visual line when their bands
    overlap like words of one line and they do not overlap horizontally: lines of one column that
    overlap in height (a skew, tight spacing) stay apart, so their words cannot interleave.
    """
    groups: dict[tuple[str, int], list[PageWord]] = {}
    for k, w in enumerate(words):
        key = ("line", w.line) if w.line is not None else ("word", k)
        groups.setdefault(key, []).append(w)
    parts = sorted((_make_line(g) for g in groups.values()), key=lambda ln: (ln.top, ln.x0))
    rows: list[list[Line]] = []
    for part in parts:
        for row in rows[-1:-4:-1]:
            top, bottom = min(p.top for p in row), max(p.bottom for p in row)
            overlap = min(bottom, part.bottom) - max(top, part.top)
            if overlap < s.line_overlap * min(part.height, bottom - top):
                continue
            if any(part.x0 < p.x1 and p.x0 < part.x1 for p in row):
                continue
            row.append(part)
            break
        else:
            rows.append([part])
    lines = [_make_line([w for p in row for w in p.words]) for row in rows]
    return sorted(lines, key=lambda ln: (ln.top, ln.x0))
