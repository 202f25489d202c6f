"""Tasks as they are read, before ids: drafts, the reading context, and periods found in a task's text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kehoach.extractors.grounding import span
from kehoach.extractors.period_finder import find_period
from kehoach.extractors.structure import StructuredDocument
from kehoach.extractors.units import UnitTable
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas import Finding, Period
from kehoach.schemas.findings import finding

_UNIT_COLUMNS = ("lead", "person", "coordinating")
_DIGIT = re.compile(r"\d")
_TIME_WORDS = re.compile(r"thời|hàng|hằng|mỗi|thường xuyên|định kỳ", re.IGNORECASE)


@dataclass
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

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1


@dataclass
class Context:
    doc: StructuredDocument
    units: UnitTable
    parse_period: Any
    findings: list[Finding] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    flagged: set[str] = field(default_factory=set)

    def unit(self, printed: str, start: int, end: int) -> str:
        for token in self.units.undefined_abbreviations(printed):
            if token not in self.flagged:
                self.flagged.add(token)
                self.findings.append(finding(
                    "UNDEFINED_ABBREVIATION",
                    f"the unit abbreviation {token!r} (in {printed!r}) is not defined in the plan and is not a known one",
                    span(self.doc.layout, start, end),
                ))
        return self.units.add(printed, start, end)


def add_unique(names: list[str], name: str) -> None:
    if name and name not in names:
        names.append(name)


def read_period(ctx: Context, text: str) -> Period | None:
    text = collapse_spaces(text)
    if not text:
        return None
    result: Period | None = ctx.parse_period(text)
    return result


def period_between(ctx: Context, start: str, end: str) -> Period | None:
    """The period of a row with a start and an end column ("Thời gian bắt đầu | Thời gian hoàn
    thành"): from the one to the other, read as "từ <start> đến <end>"; its text is both cells."""
    start, end = collapse_spaces(start), collapse_spaces(end)
    period = read_period(ctx, " ".join(p for p in (start and f"từ {start}", end and f"đến {end}") if p))
    return period.model_copy(update={"text": " - ".join(p for p in (start, end) if p)}) if period else None


def period_in_text(ctx: Context, text: str) -> Period | None:
    """The period a task's running text states (a label, or its time phrases read together)."""
    if not _DIGIT.search(text) and not _TIME_WORDS.search(text):
        return None  # every time phrase wants a digit, "thời gian/hạn", a recurrence or "thường xuyên"
    return find_period(text)
