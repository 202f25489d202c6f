"""Tasks as they are read, before ids: drafts, the reading context, and periods found in a task's text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kehoach.extractors.grounding import span
from kehoach.extractors.period_finder import find_period_at
from kehoach.extractors.periods import lowered
from kehoach.extractors.structure import StructuredDocument
from kehoach.extractors.units import UnitTable
from kehoach.extractors.unvalidated import replaced
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas import Finding, Period, Span
from kehoach.schemas.findings import finding

_UNIT_COLUMNS = ("lead", "person", "coordinating")
_DIGIT = re.compile(r"\d")
_TIME_WORD_LIST = ("thời", "hàng", "hằng", "mỗi", "thường xuyên", "định kỳ")
_TIME_WORDS = re.compile("|".join(_TIME_WORD_LIST), re.IGNORECASE)
_PERIOD_EDGES = " \t\n.;,:()"


@dataclass(slots=True)
class Draft:
    number: str | None
    kind: str
    title: str
    start: int  # where it sits in the layout text, for ordering and its span
    end: int
    parent: Draft | None = None
    context: list[str] = field(default_factory=list)  # outline numbers above it (for id prefixes)
    leads: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    period: Period | None = None
    budget_vnd: int | None = None
    product: str | None = None
    id: str = ""
    unit_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> where it is printed

    def keep_unit(self, target: list[str], name: str, start: int, end: int) -> None:
        """Add a unit to its leads or partners (`target`), remembering where it is printed."""
        add_unique(target, name)
        if name:
            self.unit_spans.setdefault(name, (start, end))

    def take_units(self, other: Draft, *, coordinating: bool) -> None:
        """Lead (and, with `coordinating`, partner) units of `other`, with where they are printed."""
        self.leads = list(other.leads)
        if coordinating:
            self.coordinating = list(other.coordinating)
        for name in self.leads + self.coordinating:
            if name in other.unit_spans:
                self.unit_spans.setdefault(name, other.unit_spans[name])

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1


@dataclass(slots=True)
class Context:
    doc: StructuredDocument
    units: UnitTable
    parse_period: Any
    findings: list[Finding] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    flagged: set[str] = field(default_factory=set)
    checked: set[str] = field(default_factory=set)  # printed units whose abbreviations were checked
    periods: dict[str, Period | None] = field(default_factory=dict)  # period texts read in this plan
    probe: Context | None = None  # see prose._probe_context
    table_contexts: dict[int, list[str]] | None = None  # see tables._table_context
    cell_pieces: dict[tuple[str, bool], tuple[tuple[int, int, int], ...]] = field(default_factory=dict)

    def read(self, text: str) -> Period | None:
        """`parse_period(text)`, read once per plan (cells repeat "Hàng năm", "Năm 2025" ...); the
        Period is shared, so it is only ever copied, never changed."""
        if text in self.periods:
            return self.periods[text]
        period = self.periods[text] = self.parse_period(text)
        return period

    def unit(self, printed: str, start: int, end: int) -> str:
        if printed not in self.checked:  # a unit printed again can flag no new abbreviation
            self.checked.add(printed)
            self._flag_abbreviations(printed, start, end)
        return self.units.add(printed, start, end)

    def _flag_abbreviations(self, printed: str, start: int, end: int) -> None:
        for token in self.units.undefined_abbreviations(printed):
            if token not in self.flagged:
                self.flagged.add(token)
                self.findings.append(finding(
                    "UNDEFINED_ABBREVIATION",
                    f"the unit abbreviation {token!r} (in {printed!r}) is not defined in the plan and is not a known one",
                    span(self.doc.layout, start, end),
                ))

    def assign(self, draft: Draft, target: list[str], printed: str, start: int, end: int) -> None:
        """Record a unit printed at [start, end) as one of `draft`'s leads or partners (`target`)."""
        draft.keep_unit(target, self.unit(printed, start, end), start, end)

    def period_at(self, start: int, end: int) -> Span | None:
        """The Span of a period printed at [start, end), its edges trimmed of spaces and punctuation."""
        text = self.doc.layout.text
        while start < end and text[start] in _PERIOD_EDGES:
            start += 1
        while end > start and text[end - 1] in _PERIOD_EDGES:
            end -= 1
        return span(self.doc.layout, start, end) if end > start else None


def add_unique(names: list[str], name: str) -> None:
    if name and name not in names:
        names.append(name)


def read_period(ctx: Context, text: str, at: tuple[int, int] | None = None) -> Period | None:
    """The period `text` states; `at`: where it is printed in the layout text (None: not located)."""
    text = collapse_spaces(text)
    if not text:
        return None
    result: Period | None = ctx.read(text)
    if result is not None and at is not None:
        located = ctx.period_at(*at)
        if located is not None and collapse_spaces(located.text) == text.strip(_PERIOD_EDGES):
            result = replaced(result, source=located)
    return result


def period_between(
    ctx: Context, start: str, end: str, at: tuple[int, int] | None = None
) -> Period | None:
    """The period of a row with a start and an end column ("Thời gian bắt đầu | Thời gian hoàn
    thành"): from the one to the other, read as "từ <start> đến <end>"; its text is both cells."""
    start, end = collapse_spaces(start), collapse_spaces(end)
    period = read_period(ctx, " ".join(p for p in (start and f"từ {start}", end and f"đến {end}") if p))
    if period is None:
        return None
    located = ctx.period_at(*at) if at is not None else None
    return replaced(period, text=" - ".join(p for p in (start, end) if p), source=located)


def _has_time_words(text: str, low: str | None) -> bool:
    """Whether `text` holds a word of time (`low`: periods.lowered(text))."""
    return any(w in low for w in _TIME_WORD_LIST) if low is not None else bool(_TIME_WORDS.search(text))


def period_in_text(ctx: Context, text: str, offset: int | None = None) -> Period | None:
    """The period a task's running text states (a label, or its time phrases read together);
    `offset`: where `text` begins in the layout text, to locate it."""
    low = lowered(text)
    if not _DIGIT.search(text) and not _has_time_words(text, low):
        return None  # every time phrase wants a digit, "thời gian/hạn", a recurrence or "thường xuyên"
    found = find_period_at(text, low)
    if found is None:
        return None
    period, (start, end) = found
    # Text assembled from several places (not the layout's own stretch) leaves the period unlocated.
    if offset is not None and ctx.doc.layout.text[offset : offset + len(text)] == text:
        located = ctx.period_at(offset + start, offset + end)
        if located is not None:
            period = replaced(period, source=located)
    return period
