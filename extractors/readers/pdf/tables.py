"""Ruled tables: ruling lines -> segments -> grids -> cells, and words put into the cells."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kehoach.extractors.readers.pdf.page import PageRule, PageWord
from kehoach.extractors.readers.pdf.settings import PdfSettings


@dataclass(slots=True)
class _Segment:
    """A horizontal (pos = y, from/to = x) or vertical (pos = x, from/to = y) ruling segment."""

    pos: float
    start: float
    end: float


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    top: float
    x1: float
    bottom: float
    words: list[PageWord] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    xs: list[float]
    ys: list[float]
    cells: list[GridCell]
    slot_cell: dict[tuple[int, int], int]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _rules_to_segments(
    rules: Iterable[PageRule], s: PdfSettings
) -> tuple[list[_Segment], list[_Segment]]:
    horizontal: list[_Segment] = []
    vertical: list[_Segment] = []
    for r in rules:
        width, height = abs(r.x1 - r.x0), abs(r.bottom - r.top)
        if height <= s.rule_thickness and width > height:
            horizontal.append(_Segment((r.top + r.bottom) / 2, min(r.x0, r.x1), max(r.x0, r.x1)))
        elif width <= s.rule_thickness and height > width:
            vertical.append(_Segment((r.x0 + r.x1) / 2, min(r.top, r.bottom), max(r.top, r.bottom)))
    return _merge_segments(horizontal, s), _merge_segments(vertical, s)


def _merge_segments(segments: list[_Segment], s: PdfSettings) -> list[_Segment]:
    """Snap segments on nearly the same line to one position and join those that touch end to end."""
    merged: list[_Segment] = []
    for group in _cluster(sorted(segments, key=lambda g: g.pos), lambda g: g.pos, s.snap_tolerance):
        pos = statistics.median(g.pos for g in group)
        current: _Segment | None = None
        for g in sorted(group, key=lambda g: g.start):
            if current is not None and g.start <= current.end + s.join_tolerance:
                current.end = max(current.end, g.end)
            else:
                current = _Segment(pos, g.start, g.end)
                merged.append(current)
    return merged


def _cluster(
    items: list[Any], key: Callable[[Any], float], tolerance: float
) -> list[list[Any]]:
    """Items sorted by key -> runs whose consecutive keys differ by at most `tolerance`."""
    groups: list[list[Any]] = []
    last: float | None = None
    for item in items:
        k = key(item)
        if last is None or k - last > tolerance:
            groups.append([])
        groups[-1].append(item)
        last = k
    return groups


def _crosses(h: _Segment, v: _Segment, tol: float) -> bool:
    return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol


def _segments_to_grids(
    horizontal: list[_Segment], vertical: list[_Segment], s: PdfSettings
) -> list[tuple[list[_Segment], list[_Segment]]]:
    """Connected groups of crossing segments, each with at least two of each direction."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    n = len(horizontal)
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _crosses(h, v, s.intersection_tolerance):
                parent[find(i)] = find(n + j)
    groups: dict[int, tuple[list[_Segment], list[_Segment]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(n + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _grid_positions(segments: list[_Segment], tol: float) -> list[float]:
    positions = sorted(g.pos for g in segments)
    return [statistics.median(c) for c in _cluster(positions, lambda p: p, tol)]


def _covers(segments: list[_Segment], pos: float, at: float, tol: float) -> bool:
    return any(abs(g.pos - pos) <= tol and g.start - tol <= at <= g.end + tol for g in segments)


def _grid_to_table(
    horizontal: list[_Segment], vertical: list[_Segment], s: PdfSettings
) -> Table | None:
    """Grid lines -> cells: grid slots joined where no ruling separates them."""
    tol = s.snap_tolerance
    xs, ys = _grid_positions(vertical, tol), _grid_positions(horizontal, tol)
    rows, cols = len(ys) - 1, len(xs) - 1
    if rows < 1 or cols < 1 or rows * cols < 2:
        return None
    parent = {(i, j): (i, j) for i in range(rows) for j in range(cols)}

    def find(a: tuple[int, int]) -> tuple[int, int]:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(rows):
        ymid = (ys[i] + ys[i + 1]) / 2
        for j in range(cols):
            xmid = (xs[j] + xs[j + 1]) / 2
            if j + 1 < cols and not _covers(vertical, xs[j + 1], ymid, tol):
                parent[find((i, j))] = find((i, j + 1))
            if i + 1 < rows and not _covers(horizontal, ys[i + 1], xmid, tol):
                parent[find((i, j))] = find((i + 1, j))
    spans: dict[tuple[int, int], list[int]] = {}
    for (i, j) in parent:
        r = find((i, j))
        box = spans.setdefault(r, [i, j, i, j])
        box[0], box[1] = min(box[0], i), min(box[1], j)
        box[2], box[3] = max(box[2], i), max(box[3], j)
    cells: list[GridCell] = []
    root_cell: dict[tuple[int, int], int] = {}
    for r, (i0, j0, i1, j1) in sorted(spans.items(), key=lambda kv: (kv[1][0], kv[1][1])):
        root_cell[r] = len(cells)
        cells.append(
            GridCell(i0, j0, i1 - i0 + 1, j1 - j0 + 1, xs[j0], ys[i0], xs[j1 + 1], ys[i1 + 1])
        )
    index = {slot: root_cell[find(slot)] for slot in parent}
    return Table(xs=xs, ys=ys, cells=cells, slot_cell=index)


def rules_to_tables(rules: list[PageRule], s: PdfSettings) -> list[Table]:
    horizontal, vertical = _rules_to_segments(rules, s)
    tables = [
        t for h, v in _segments_to_grids(horizontal, vertical, s)
        if (t := _grid_to_table(h, v, s)) is not None
    ]
    return sorted(tables, key=lambda t: t.ys[0])


def _slot_of(positions: list[float], value: float) -> int:
    from bisect import bisect_right

    return min(max(bisect_right(positions, value) - 1, 0), len(positions) - 2)


def assign_words(tables: list[Table], words: list[PageWord]) -> list[PageWord]:
    """Put words into the cells holding their centres; return the words outside every table."""
    free: list[PageWord] = []
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        for t in tables:
            x0, top, x1, bottom = t.bbox
            if x0 <= cx <= x1 and top <= cy <= bottom:
                slot = (_slot_of(t.ys, cy), _slot_of(t.xs, cx))
                t.cells[t.slot_cell[slot]].words.append(w)
                break
        else:
            free.append(w)
    return free
