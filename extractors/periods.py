"""When a task runs, as plans write it in the "Thời gian thực hiện" column or after a task.

Real cells: "Hàng năm 2021-2030", "2021- 2030", "Các năm 2021, 2025, 2030", "Năm 2025",
"Quý II/2026", "Tháng 10/2025", "03/2025", "Hoàn thành trước ngày 01/01/2030", "Thường xuyên",
"Hàng năm, sơ kết 5 năm và tổng kết", "Giai đoạn 1: Từ năm 2019 đến 2025",
"đến năm 2025, định hướng đến năm 2030".

Rules (each one keeps to what is written; a year is inferred only from the plan's own year,
passed by the caller, for a text that prints none):

- A year is a 4-digit number in ``MIN_YEAR``..``MAX_YEAR`` standing alone or after "/" (not part of
  a larger number, not a document number such as "2021/KH-UBND"). "5 năm" and "Giai đoạn 1" hold
  no year. The numbers and dates of cited documents ("theo Quyết định số 1441/QĐ-UBND ngày
  25/9/2025", "Luật ... năm 2019") are blanked before reading.
- "Y1-Y2", "Y1 – Y2", "từ năm Y1 đến (năm) Y2", "Quý I/Y1 - Quý IV/Y2" are ranges.
- A year after "trước", "chậm nhất", "đến", "tới" (dates and quarters in between allowed) is a
  deadline: it sets ``end_year`` only ("trước ngày 01/01/2030" -> end_year 2030; "trước năm 2030"
  -> end_year 2029). After "từ" or "sau" it sets ``start_year`` only, and a start at or after
  every end leaves the end open ("2026 - 2027 ... từ năm 2027").
- Years after "định hướng" or "tầm nhìn" are a vision, not the period: "đến năm 2025, định hướng
  đến năm 2030" ends in 2025.
- "Năm 2025 và các năm tiếp theo" starts in 2025, has no end and goes on ("ongoing"), as does "từ
  tháng 11/2025 đến khi kết thúc ..." (until an event); "2026 trở đi" starts in 2026 with no end.
- Two or more plain years ("Các năm 2021, 2025, 2030") are listed in ``years``; start and end are
  their minimum and maximum.
- ``recurrence``: "ongoing" for "thường xuyên", "liên tục"; "monthly" for "hằng tháng", "tháng liền
  kề"; "quarterly" for "hằng quý"; "semiannual" for "6 tháng một lần", "định kỳ 6 tháng" (not "6
  tháng đầu năm", a part of a year); "annual" for "hằng năm", "năm liền kề". The most frequent wins
  ("Định kỳ hằng quý, hằng năm" is quarterly). Without one: "once" for a single year, a range
  within one year ("Quý II/2026") or a one-off deadline ("trước", "chậm nhất"); otherwise null.
- 1.1 dates and granularity come from ``extractors.period_dates`` and are kept only where their
  year agrees with the period's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from kehoach.extractors.period_dates import date_bounds, granularity_without_year, with_year
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas.plan import MAX_YEAR, MIN_YEAR, Granularity, Period, Recurrence

__all__ = ["blank_citations", "blank_lowered", "case_blind", "lowered", "parse_period", "parse_year_range", "years_in_title"]


# The digits first, then what stands before them (the lookbehind spans them): the search then jumps to
# a "1" or "2" instead of trying every position.
_YEAR = r"(?:19|20|21)(?<![0-9.,]..)[0-9]{2}(?![0-9]|[.,][0-9]|\s*/\s*[^\s0-9])"
_YEAR_RE = re.compile(_YEAR)
_RANGE_BETWEEN = (
    r"\s*(?:[-–—÷]|đến|tới)\s*"
    r"(?:năm\s+|ngày\s+)?"
    r"(?:quý\s+[ivx1-4]+\s*/\s*|tháng\s+[0-9]{1,2}\s*/\s*|(?:[0-9]{1,2}\s*/\s*){1,2})?"
)
_RANGE_RE = re.compile(rf"(?P<a>{_YEAR}){_RANGE_BETWEEN}(?P<b>{_YEAR})")
_EVERY = r"(?:hàng|hằng|mỗi)"
# From the most frequent to the least: "Định kỳ hằng quý, hằng năm" is quarterly, and work done
# "thường xuyên" stays ongoing whatever it reports periodically.
# Each with the words one of its matches holds: where a text holds none, the pattern is not run.
_RECURRENCES: tuple[tuple[Recurrence, tuple[str, ...], re.Pattern[str]], ...] = (
    ("ongoing", ("thường", "liên"), re.compile(r"\b(?:thường\s+xuyên|liên\s+tục)\b")),
    ("monthly", ("tháng",), re.compile(rf"\b(?:{_EVERY}\s+tháng|tháng\s+liền\s+kề)\b")),
    ("quarterly", ("quý",), re.compile(rf"\b(?:{_EVERY}\s+quý|quý\s+liền\s+kề)\b")),
    ("semiannual", ("tháng",), re.compile(
        rf"\b(?:(?:0?6|sáu)\s+tháng\s*(?:/|một|1)\s*lần|(?:{_EVERY}|định\s+kỳ)\s+(?:0?6|sáu)\s+tháng\b(?!\s+(?:đầu|cuối)))"
    )),
    ("annual", ("năm",), re.compile(rf"\b(?:{_EVERY}\s+năm|năm\s+liền\s+kề)\b")),
)
# "Năm 2025 và các năm tiếp theo": work that goes on from that year; "2026 trở đi": from that year.
_OPEN_END = re.compile(rf"{_YEAR}\s*(?:,|và)?\s*(?:các|những)\s+năm\s+(?:tiếp\s+theo|sau\s+đó|sau)")
# "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê": from then until an event, with no end date.
_UNTIL_EVENT = re.compile(r"\bđến\s+khi\b")
_FROM_ON = re.compile(rf"{_YEAR}\s*trở\s+đi")
# Dates of other documents cited in the text ("theo Quyết định số 1441/QĐ-UBND ngày 25/9/2025",
# "Nghị quyết số 57-NQ/TW ngày 22/12/2024", "Luật Bảo vệ môi trường năm 2020") are not the period.
# Matched on lower-cased text; blank_citations also takes text as printed.
_DOC_NUMBER = r"\b[0-9]+(?:/[0-9]{4})?[/-][a-zđ][a-zđ0-9]*(?:[-/][a-zđ0-9]+)*"
_ANY_DATE = r"(?:ngày\s+[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s+năm\s+[0-9]{4}|(?:ngày\s+)?[0-9]{1,2}\s*[/.-]\s*[0-9]{1,2}\s*[/.-]\s*[0-9]{4})"
_CITED = re.compile(
    rf"{_DOC_NUMBER}(?:\s*,?\s*(?:của|do)\s+[^,;.()]{{0,60}}?)?\s*,?\s*{_ANY_DATE}"
    rf"|{_DOC_NUMBER}"
    rf"|\b(?:bộ\s+)?luật\b[^,;()]{{0,80}}?(?:\bnăm\s+[0-9]{{4}}|{_ANY_DATE})",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"[0-9]")
_VISION = re.compile(r"\b(?:định\s+hướng|tầm\s+nhìn)\b")
# What may stand between a marker word and its year: dates, months, quarters, "năm".
_DATE_BITS_SUFFIX = re.compile(r"(?:\s|[0-9/.\-]|\b(?:ngày|tháng|quý|năm|là|trong|hết|giờ|phút|[ivx]+)\b)+$")
_ONE_OFF_DEADLINE = re.compile(r"\b(?:trước|chậm\s+nhất)$")
_BEFORE_YEAR = re.compile(r"\btrước\s*(?:năm)?\s*$")
_HORIZON = re.compile(r"\b(?:đến|tới)(?:\s+hết)?$")
_FROM = re.compile(r"\b(?:từ|sau)$")
_MARKER_WINDOW = 40
_MARKER_ENDS = ("trước", "nhất", "đến", "tới", "hết", "từ", "sau")  # what the words before a year end in, for a marker


@dataclass
class _Years:
    """Years found in a period text, by role."""

    ranges: list[tuple[int, int]] = field(default_factory=list)
    plain: list[int] = field(default_factory=list)
    one_off_ends: list[int] = field(default_factory=list)
    horizon_ends: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)


def _is_year(value: int) -> bool:
    return MIN_YEAR <= value <= MAX_YEAR


def _marker_before(key: str, position: int) -> str | None:
    """"before" (a bare year: "trước năm 2030"), "deadline", "horizon", "from" or None for the
    words just before a year."""
    window = key[max(0, position - _MARKER_WINDOW) : position]
    # Each pattern is run only where the words it ends with are printed.
    if "trước" in window and _BEFORE_YEAR.search(window):
        return "before"
    if not any(w in window for w in _MARKER_ENDS):
        return None  # the words before the date bits can end in none of them (that pattern is slow)
    prefix = _DATE_BITS_SUFFIX.sub("", window).rstrip()
    if prefix.endswith(("trước", "nhất")) and _ONE_OFF_DEADLINE.search(prefix):
        return "deadline"
    if prefix.endswith(("đến", "tới", "hết")) and _HORIZON.search(prefix):
        return "horizon"
    if prefix.endswith(("từ", "sau")) and _FROM.search(prefix):
        return "from"
    return None


def _text_to_years(key: str) -> _Years:
    years = _Years()
    if not _DIGIT.search(key):
        return years  # no year is printed
    found = list(_YEAR_RE.finditer(key))
    taken: list[tuple[int, int]] = []
    # Both ends of a range are years the year pattern finds: a range wants two (that pattern is slow).
    for match in _RANGE_RE.finditer(key) if len(found) > 1 else ():
        a, b = int(match["a"]), int(match["b"])
        if _is_year(a) and _is_year(b):
            years.ranges.append((a, b))
            taken.append(match.span())
    for match in found:
        if any(start <= match.start() < end for start, end in taken):
            continue
        year = int(match.group())
        if not _is_year(year):
            continue
        marker = _marker_before(key, match.start())
        if marker == "before":
            years.one_off_ends.append(year - 1)
        elif marker == "deadline":
            years.one_off_ends.append(year)
        elif marker == "horizon":
            years.horizon_ends.append(year)
        elif marker == "from":
            years.starts.append(year)
        else:
            years.plain.append(year)
    return years


def _unique(values: list[int]) -> list[int]:
    return list(dict.fromkeys(values))


def _recurrence(key: str) -> Recurrence | None:
    for recurrence, words, pattern in _RECURRENCES:
        if any(w in key for w in words) and pattern.search(key):
            return recurrence
    return None


def _years_to_period(
    printed: str, years: _Years, recurrence: Recurrence | None, open_end: bool, from_on: bool
) -> dict[str, Any]:
    """The Period's fields read from its years (its dates are added by `_with_dates`)."""
    if (open_end or from_on) and not years.ranges:
        years.starts += years.plain
        years.plain = []
    plain = _unique(years.plain)
    starts = [a for a, _ in years.ranges] + years.starts + plain
    ends = [b for _, b in years.ranges] + plain
    listed: list[int] = []
    if len(plain) >= 2 and not years.ranges:
        listed = plain
    deadlines = years.one_off_ends + years.horizon_ends
    start_year = min(starts) if starts else None
    end_year = max(ends + deadlines) if ends or deadlines else None
    if open_end or (years.starts and (end_year is None or max(years.starts) >= end_year)):
        # "từ năm 2027" after a range: from then on, with no end; "giai đoạn 2026-2030 và những năm tiếp theo"
        end_year = None
    if recurrence is None and open_end:
        recurrence = "ongoing"
    elif recurrence is None and len(set(starts + ends)) == 1 and not (years.starts or deadlines):
        recurrence = "once"
    elif recurrence is None and years.one_off_ends and not (years.ranges or years.starts or plain):
        recurrence = "once"
    return {"text": printed, "start_year": start_year, "end_year": end_year, "recurrence": recurrence, "years": listed}


def _with_dates(fields: dict[str, Any], key: str) -> Period:
    """The period of `fields` with its 1.1 dates and granularity; a date is kept only where its year
    agrees with the period's year on that side ("Quý I/2026, giai đoạn 2026-2030" has no end date)."""
    bounds = date_bounds(key)
    granularity: Granularity | None
    start_year, end_year = fields.get("start_year"), fields.get("end_year")
    if bounds is None:
        granularity = "year" if start_year is not None or end_year is not None else granularity_without_year(key)
        return Period(**fields, granularity=granularity)
    start = bounds.start if bounds.start and bounds.start.year == start_year else None
    end = bounds.end if bounds.end and bounds.end.year == end_year else None
    return Period(
        **fields, start_date=start.isoformat() if start else None, end_date=end.isoformat() if end else None,
        granularity=bounds.granularity,
    )


def lowered(text: str) -> str | None:
    """``text`` in lower case where a case-sensitive pattern of lower-case words matches it just as
    the pattern with IGNORECASE matches ``text`` (one character for one, and none of the letters
    that IGNORECASE also folds to another: dotless "ı", long "ſ"); else None."""
    low = text.lower()
    return low if len(low) == len(text) and "ı" not in low and "ſ" not in low else None


def case_blind(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """An IGNORECASE pattern of lower-case words, for text that `lowered` returned (it runs faster)."""
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


_CITED_LOWER = case_blind(_CITED)
# What every document number (in lower case) holds: "1441/qđ", "57-nq", "12/2021/tt": a quick test
# before the whole pattern, which is slow to scan.
_DOC_NUMBER_HINT = re.compile(r"[0-9](?:/[0-9]{4})?[/-][a-zđ]")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def blank_citations(text: str) -> str:
    """``text`` with the numbers and dates of cited documents blanked out (same length)."""
    if not _DIGIT.search(text):
        return text  # every citation holds a number or a date
    if lowered(text) == text:
        return blank_lowered(text)
    return _CITED.sub(_blank, text)


def blank_lowered(text: str) -> str:
    """`blank_citations` of a text that periods.lowered returned (it is its own lowered form)."""
    if not _DIGIT.search(text):
        return text  # every citation holds a number or a date
    law = text.find("luật")
    if (law < 0 or not _DIGIT.search(text, law)) and not (
        ("/" in text or "-" in text) and _DOC_NUMBER_HINT.search(text)
    ):
        return text  # a document number holds a digit, "/" or "-" and a letter; a law its year
    return _CITED_LOWER.sub(_blank, text)


def parse_period(text: str, year: int | None = None) -> Period | None:
    """Read when a task runs; ``text`` is kept as printed with whitespace collapsed.

    "Hàng năm 2021-2030" -> annual 2021..2030; "Quý II/2026" -> once 2026-04-01..2026-06-30;
    "Các năm 2021, 2025, 2030" -> years [2021, 2025, 2030]; "Thường xuyên" -> ongoing, no years.
    ``year``, the plan's own year, completes a text that prints none ("ngày 23 tháng 1", "Thường
    xuyên trong năm"); without it such a text gives a Period with only its granularity. Returns
    None for text that says nothing about time. Never raises for a string.
    """
    if not isinstance(text, str):
        return None
    printed = collapse_spaces(unicodedata.normalize("NFC", text))
    if not printed:
        return None
    key = blank_citations(printed.lower())
    recurrence = _recurrence(key)
    if year is not None and recurrence in (None, "ongoing") and not _has_years(_text_to_years(key)):
        key = with_year(key, year)
    vision = _VISION.search(key) if "hướng" in key or "nhìn" in key else None
    scope = key[: vision.start()] if vision else key
    years = _text_to_years(scope)
    if not _has_years(years):
        if recurrence is None and granularity_without_year(scope) is None:
            return None
        return _with_dates({"text": printed, "recurrence": recurrence}, scope)
    open_end = ("năm" in scope and bool(_OPEN_END.search(scope))) or ("khi" in scope and bool(_UNTIL_EVENT.search(scope)))
    from_on = "trở" in scope and bool(_FROM_ON.search(scope))
    period = _years_to_period(printed, years, recurrence, open_end, from_on)
    return _with_dates(period, scope)


def _has_years(years: _Years) -> bool:
    return bool(years.ranges or years.plain or years.starts or years.one_off_ends or years.horizon_ends)


def parse_year_range(text: str) -> tuple[int | None, int | None] | None:
    """(start_year, end_year) of a phase heading or horizon, or None when no year is written.

    "Giai đoạn 1: Từ năm 2019 đến 2025" -> (2019, 2025); "Giai đoạn 2 (2026-2030)" ->
    (2026, 2030); "đến năm 2025" -> (None, 2025); "từ năm 2026" -> (2026, None).
    """
    period = parse_period(text)
    if period is None or (period.start_year is None and period.end_year is None):
        return None
    return period.start_year, period.end_year


def years_in_title(title: str) -> list[int]:
    """The years a title names on their own ("... năm 2026" -> [2026]); not a horizon ("đến năm
    2030"), a range ("giai đoạn 2026-2030") nor a cited document's date."""
    if not isinstance(title, str):
        return []
    return _unique(_text_to_years(blank_citations(unicodedata.normalize("NFC", title).lower())).plain)
