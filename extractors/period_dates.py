"""The dates inside a period text, finer than a year (CONTRACT 1.1 ``start_date``, ``end_date``,
``granularity``).

Forms read, each with the first and last day it covers: a quarter ("Quý III/2026", "quý I năm
2026", "Quý 3/2026"), a month ("Tháng 12/2025", "tháng 6 năm 2026", "03/2025"), a range of months
("Tháng 3-6/2026"), a half of a year ("6 tháng đầu năm 2026"), a day ("ngày 20 tháng 11 năm 2025",
"30/6/2026"). Two of them joined by "-" or "đến" are one range ("Quý IV/2025 - Quý II/2026").

The words just before a date say what it bounds: "trước", "chậm nhất", "đến", "hạn" make it a
deadline (end only; "trước" a month or quarter ends the day before it begins, as "trước năm 2030"
ends in 2029, while "trước ngày 30/6/2026" ends on 30/6/2026 as the contract reads it); "từ", "bắt
đầu", "kể từ" a start (start only); "trong" the whole unit. A day with no such word is a deadline,
as in a "Thời hạn" column ("18/10/2025"). Dates without a year ("ngày 15/12") give no ISO date,
only their granularity. Hours ("trước 10 giờ 00 ngày 03/02/2022", "Từ 20 giờ 15 phút - 20 giờ
45 phút ngày ...") are read as part of the day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from kehoach.schemas.plan import MAX_YEAR, MIN_YEAR, Granularity

__all__ = ["DateBounds", "date_bounds", "granularity_without_year", "with_year"]

_Y = r"(?P<y>(?:19|20|21)[0-9]{2})(?![0-9])"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR_JOIN = r"\s*(?:/|-|,?\s*năm)\s*"
_QUARTER = re.compile(rf"\bquý\s+(?P<q>iv|i{{1,3}}|[1-4])\b{_YEAR_JOIN}{_Y}")
_MONTHS = re.compile(
    rf"\btháng\s+(?P<m1>[0-9]{{1,2}})\s*(?:[-–—]|đến|tới)\s*(?:tháng\s+)?(?P<m2>[0-9]{{1,2}}){_YEAR_JOIN}{_Y}"
)
_MONTH = re.compile(rf"\btháng\s+(?P<m>[0-9]{{1,2}}){_YEAR_JOIN}{_Y}")
_MONTH_SHORT = re.compile(rf"(?<![0-9/.\-])(?P<m>[0-9]{{1,2}})\s*/\s*{_Y}")
_HALF = re.compile(rf"\b0?6\s+tháng\s+(?P<h>đầu|cuối)\s+năm\s*{_Y}")
_DAY_LONG = re.compile(rf"\bngày\s+(?P<d>[0-9]{{1,2}})\s+tháng\s+(?P<m>[0-9]{{1,2}})\s*,?\s*năm\s+{_Y}")
_DAY_SHORT = re.compile(rf"(?<![0-9/.])(?P<d>[0-9]{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>[0-9]{{1,2}})\s*(?P=sep)\s*{_Y}")
_HOURS = re.compile(
    r"(?:\btừ\s+)?\b[0-9]{1,2}\s*(?:giờ|h)\b(?:\s*[0-9]{1,2}(?:\s*(?:phút|['’′]))?)?"
    r"(?:\s*(?:[-–—]|đến)\s*[0-9]{1,2}\s*(?:giờ|h)\b(?:\s*[0-9]{1,2}(?:\s*(?:phút|['’′]))?)?)?"
)
_HOUR_SPAN = re.compile(r"[-–—]|đến")
_JOIN = re.compile(r"^\s*(?:[-–—]|đến|tới)\s*(?:hết\s+)?(?:ngày\s+)?$")
_FILLER = re.compile(r"(?:\s|[,:(]|\b(?:ngày|là|hết|trong|vào|thực\s+hiện|hoàn\s+thành|xong)\b)+$")
_DEADLINE = re.compile(r"\b(?:trước|chậm\s+nhất|đến|tới|hạn)$")
_FROM = re.compile(r"\b(?:từ|bắt\s+đầu|kể\s+từ)$")
_WITHIN = re.compile(r"\btrong$")
_WINDOW = 40
_DIGIT = re.compile(r"[0-9]")
_ORDER: dict[Granularity, int] = {"year": 0, "quarter": 1, "month": 2, "day": 3}
_YEARLESS: tuple[tuple[Granularity, str, re.Pattern[str]], ...] = (  # with the word each match holds
    ("day", "ngày", re.compile(r"\bngày\s+[0-9]{1,2}(?:\s+tháng\s+[0-9]{1,2}|\s*/\s*[0-9]{1,2})")),
    ("month", "tháng", re.compile(r"\btháng\s+[0-9]{1,2}\b")),
    ("quarter", "quý", re.compile(r"\bquý\s+(?:iv|i{1,3}|[1-4])\b")),
)


@dataclass(frozen=True)
class DateSpan:
    """One printed date expression: the days it covers and where it sits in the text."""

    first: date
    last: date
    granularity: Granularity
    start: int
    end: int
    joined: bool = False  # two dates printed as a range ("Quý IV/2025 - Quý II/2026")


@dataclass(frozen=True)
class DateBounds:
    """What the dates of a text say: ``start``/``end`` None when open on that side."""

    start: date | None
    end: date | None
    granularity: Granularity


def _blank_hours(text: str) -> str:
    """``text`` with times of day blanked out (same length), so that the date after them reads alone.
    A span of hours ("Từ 20 giờ 15 phút - 20 giờ 45 phút ngày ...") is work within that day, so it
    is replaced by "trong"."""

    def blank(match: re.Match[str]) -> str:
        within = _HOUR_SPAN.search(match.group()) and len(match.group()) >= len("trong")
        return ("trong" if within else "").ljust(len(match.group()))

    return _HOURS.sub(blank, text)


def _month_last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(match: re.Match[str], year: int) -> tuple[date, date, Granularity] | None:
    try:
        day = date(year, int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return day, day, "day"


def _quarter(match: re.Match[str], year: int) -> tuple[date, date, Granularity] | None:
    quarter = _ROMAN[match["q"]]
    return date(year, 3 * quarter - 2, 1), _month_last(year, 3 * quarter), "quarter"


def _half(match: re.Match[str], year: int) -> tuple[date, date, Granularity] | None:
    first_month = 1 if match["h"] == "đầu" else 7
    return date(year, first_month, 1), _month_last(year, first_month + 5), "month"


def _months(match: re.Match[str], year: int) -> tuple[date, date, Granularity] | None:
    first, last = int(match["m1"]), int(match["m2"])
    if not 1 <= first <= last <= 12:
        return None
    return date(year, first, 1), _month_last(year, last), "month"


def _month(match: re.Match[str], year: int) -> tuple[date, date, Granularity] | None:
    month = int(match["m"])
    if not 1 <= month <= 12:
        return None
    return date(year, month, 1), _month_last(year, month), "month"


# In order of precedence: a day's "01/2026" is not read again as a month. Each with what every one
# of its matches holds: where a text holds none of it, the pattern is not run.
_FORMS = (
    (_DAY_LONG, ("ngày",), _day), (_DAY_SHORT, ("/", ".", "-"), _day), (_QUARTER, ("quý",), _quarter),
    (_HALF, ("tháng",), _half), (_MONTHS, ("tháng",), _months), (_MONTH, ("tháng",), _month),
    (_MONTH_SHORT, ("/",), _month),
)


def _spans_of(key: str) -> list[DateSpan]:
    found: list[DateSpan] = []
    for pattern, words, read in _FORMS:
        if not any(w in key for w in words):
            continue
        for match in pattern.finditer(key):
            year = int(match["y"])
            if not MIN_YEAR <= year <= MAX_YEAR:
                continue
            if any(match.start() < s.end and s.start < match.end() for s in found):
                continue
            days = read(match, year)
            if days is not None:
                found.append(DateSpan(*days, match.start(), match.end()))
    found.sort(key=lambda s: s.start)
    return found


def _joined(key: str, spans: list[DateSpan]) -> list[DateSpan]:
    """Consecutive spans joined by "-" / "đến" become one range."""
    out: list[DateSpan] = []
    for span in spans:
        if out and _JOIN.match(key[out[-1].end : span.start]) and out[-1].first <= span.last:
            left = out.pop()
            finest = max(left.granularity, span.granularity, key=_ORDER.__getitem__)
            out.append(DateSpan(left.first, span.last, finest, left.start, span.end, joined=True))
        else:
            out.append(span)
    return out


def _role(key: str, span: DateSpan) -> str:
    """"range", "deadline", "strict" (a deadline before a month or quarter begins), "from",
    "within" or "plain", from the words just before a date."""
    if span.joined:
        return "range"
    before = key[max(0, span.start - _WINDOW) : span.start]
    prefix = _FILLER.sub("", before).rstrip()
    if _DEADLINE.search(prefix):
        return "strict" if span.granularity != "day" and prefix.endswith("trước") else "deadline"
    if _FROM.search(prefix):
        return "from"
    if _WITHIN.search(before.rstrip().removesuffix("ngày").rstrip()):
        return "within"
    return "plain"


def date_bounds(key: str) -> DateBounds | None:
    """The first and last day a lower-cased period text names, or None when it names no date
    finer than a year. Several dates give the earliest start and the latest end; a date open on
    one side leaves that side open."""
    if not _DIGIT.search(key):
        return None  # every date holds its year
    key = _blank_hours(key)
    spans = _joined(key, _spans_of(key))
    if not spans:
        return None
    starts: list[date | None] = []
    ends: list[date | None] = []
    for span in spans:
        role = _role(key, span)
        whole = role in ("range", "within") or (role == "plain" and span.granularity != "day")
        starts.append(span.first if whole or role == "from" else None)
        if role == "strict":
            ends.append(span.first - timedelta(days=1))
        else:
            ends.append(None if role == "from" else span.last)
    finest = max((s.granularity for s in spans), key=_ORDER.__getitem__)
    start = None if None in starts else min(s for s in starts if s is not None)
    end = None if None in ends else max(e for e in ends if e is not None)
    return DateBounds(start, end, finest)


def granularity_without_year(key: str) -> Granularity | None:
    """The finest unit named without a year ("trước ngày 15/12 hằng năm" -> day), or None."""
    for granularity, word, pattern in _YEARLESS:
        if word in key and pattern.search(key):
            return granularity
    return None


_DAY_NO_YEAR = re.compile(r"\bngày\s+[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\b(?!\s*,?\s*năm\s+[0-9])")
_SHORT_NO_YEAR = re.compile(r"(?<![0-9/.])[0-9]{1,2}\s*/\s*[0-9]{1,2}(?![0-9]|\s*/)")
_MONTH_NO_YEAR = re.compile(r"\btháng\s+[0-9]{1,2}\b(?!\s*(?:/|-|–|,?\s*năm)\s*[0-9])")
_THIS_YEAR = re.compile(r"\btrong\s+năm\b(?!\s*(?:học|[0-9]))")


def with_year(key: str, year: int) -> str:
    """A lower-cased period text with ``year`` written after the dates printed without one
    ("ngày 23 tháng 1", "15/11", "tháng 02") and after "trong năm" (in the plan's own year)."""
    # Each pattern is run only where the word or mark its matches hold is printed.
    if "ngày" in key:
        key = _DAY_NO_YEAR.sub(lambda m: f"{m.group()} năm {year}", key)
    if "/" in key:
        key = _SHORT_NO_YEAR.sub(lambda m: f"{m.group()}/{year}", key)
    if "tháng" in key:
        key = _MONTH_NO_YEAR.sub(lambda m: f"{m.group()} năm {year}", key)
    return _THIS_YEAR.sub(lambda m: f"{m.group()} {year}", key) if "trong" in key else key
