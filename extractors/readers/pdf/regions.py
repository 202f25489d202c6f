"""Unruled two-column regions: the header block (issuer, motto, number, date), recipients and signature."""

from __future__ import annotations

from dataclasses import dataclass, field

from kehoach.extractors.readers.pdf.lines import Line
from kehoach.extractors.readers.pdf.page import PageWord
from kehoach.extractors.readers.pdf.settings import PdfSettings


@dataclass(slots=True)
class RegionLine:
    line: Line
    left: list[PageWord]
    right: list[PageWord]


@dataclass(slots=True)
class Region:
    """Lines either side of a column boundary lying somewhere in (lo, hi).

    `left` and `right` hold the (x0, x1) of the lines met on each side: a one-sided line must line up
    with one of them (same start, end or centre), which tells a signature line from a centred title.
    """

    lo: float
    hi: float
    lines: list[RegionLine] = field(default_factory=list)
    left: list[tuple[float, float]] = field(default_factory=list)
    right: list[tuple[float, float]] = field(default_factory=list)

    def add(self, line: RegionLine) -> None:
        self.lines.append(line)
        if line.left:
            self.left.append((line.left[0].x0, max(w.x1 for w in line.left)))
        if line.right:
            self.right.append((line.right[0].x0, max(w.x1 for w in line.right)))

    def carried(self) -> Region:
        """The same columns, empty, for the next page."""
        return Region(self.lo, self.hi, [], list(self.left), list(self.right))


def _aligned(anchors: list[tuple[float, float]], x0: float, x1: float, tol: float) -> bool:
    if not anchors:
        return True
    center = (x0 + x1) / 2
    return any(
        abs(a0 - x0) <= tol or abs(a1 - x1) <= tol or abs((a0 + a1) / 2 - center) <= tol
        for a0, a1 in anchors
    )


def _gaps(line: Line) -> list[tuple[float, float, int]]:
    """Gaps between consecutive words: (x0, x1, index of the first word right of the gap)."""
    return [
        (a.x1, b.x0, k + 1) for k, (a, b) in enumerate(zip(line.words, line.words[1:])) if b.x0 > a.x1
    ]


def _column_gap(line: Line, s: PdfSettings) -> tuple[float, float, int] | None:
    """The widest gap of a line if it is wide enough to part two columns."""
    gaps = _gaps(line)
    if not gaps:
        return None
    widest = max(gaps, key=lambda g: g[1] - g[0])
    if widest[1] - widest[0] >= max(s.min_column_gap, s.column_gap_ratio * line.size):
        return widest
    return None


def _fit(region: Region, line: Line, s: PdfSettings) -> RegionLine | None:
    """The line split at the region's column boundary, narrowing it; None if the line crosses it."""
    band = s.min_column_band
    left_lo = max(region.lo, line.x1)
    right_hi = min(region.hi, line.x0)
    tol = s.align_tolerance
    as_left = left_lo <= region.hi - band and _aligned(region.left, line.x0, line.x1, tol)
    as_right = right_hi >= region.lo + band and _aligned(region.right, line.x0, line.x1, tol)
    if as_left and as_right:
        as_left = (region.hi - left_lo) >= (right_hi - region.lo)
        as_right = not as_left
    if as_left:
        region.lo = left_lo
        return RegionLine(line, list(line.words), [])
    if as_right:
        region.hi = right_hi
        return RegionLine(line, [], list(line.words))
    inner = s.inner_gap_ratio * line.size
    for x0, x1, k in sorted(_gaps(line), key=lambda g: g[0] - g[1]):
        lo, hi = max(region.lo, x0), min(region.hi, x1)
        if x1 - x0 >= inner and hi - lo >= band:
            region.lo, region.hi = lo, hi
            return RegionLine(line, line.words[:k], line.words[k:])
    return None


def find_regions(
    lines: list[Line], s: PdfSettings, carried: Region | None
) -> list[tuple[Region, int, int]]:
    """Two-column regions as (region, first line index, end index); `carried` continues one."""
    found: list[tuple[Region, int, int]] = []
    k = 0
    if carried is not None:
        region = carried.carried()
        end = _extend(region, lines, 0, s)
        if end > 0:
            found.append((region, 0, end))
            k = end
    while k < len(lines):
        gap = _column_gap(lines[k], s)
        if gap is None:
            k += 1
            continue
        x0, x1, split = gap
        region = Region(x0, x1)
        region.add(RegionLine(lines[k], lines[k].words[:split], lines[k].words[split:]))
        end = _extend(region, lines, k + 1, s)
        if end - k >= s.min_region_lines:
            first = k - 1 if k > (found[-1][2] if found else 0) and _takes_head(region, lines[k - 1], lines[k], s) else k
            found.append((region, first, end))
            k = end
        else:
            k += 1
    return found


def _takes_head(region: Region, head: Line, below: Line, s: PdfSettings) -> bool:
    """Whether the line right above a region opens it: its two columns part at the region's boundary
    by a gap narrower than a region's first gap ("ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI ..." above "TỈNH X
    Độc lập - Tự do - Hạnh phúc", where the long motto leaves little room)."""
    if below.top - head.bottom > below.size:
        return False
    inner = s.inner_gap_ratio * head.size
    for x0, x1, k in _gaps(head):
        lo, hi = max(region.lo, x0), min(region.hi, x1)
        if x1 - x0 >= inner and hi - lo >= s.min_column_band:
            region.lo, region.hi = lo, hi
            region.lines.insert(0, RegionLine(head, head.words[:k], head.words[k:]))
            region.left.append((head.words[0].x0, head.words[k - 1].x1))
            region.right.append((head.words[k].x0, max(w.x1 for w in head.words[k:])))
            return True
    return False


def _extend(region: Region, lines: list[Line], start: int, s: PdfSettings) -> int:
    k = start
    while k < len(lines):
        fitted = _fit(region, lines[k], s)
        if fitted is None:
            break
        region.add(fitted)
        k += 1
    return k


def region_rows(region: Region, s: PdfSettings) -> list[list[RegionLine]]:
    rows: list[list[RegionLine]] = []
    prev: Line | None = None
    for rl in region.lines:
        if prev is None or rl.line.top - prev.bottom > s.layout_row_gap_ratio * rl.line.size:
            rows.append([])
        rows[-1].append(rl)
        prev = rl.line
    return rows
