"""Dates as Vietnamese official documents write them.

The place-and-date line under the national motto spells the date out:
"Cao Bằng, ngày 23 tháng 7 năm 2019"; legal bases and tables use the short form:
"Quyết định số 996/QĐ-TTg ngày 10/8/2018", "ngày 02/4/2021", "16/01/2019". Drafts and templates
leave the day (or month) blank to be filled in by hand when signed: "Hà Nội, ngày    tháng 4 năm
2026" or "ngày ..../..../2026". A blank is reported with a reason, never replaced by a guess;
an impossible date ("31/02/2020") is rejected the same way.

Only years in ``MIN_YEAR``..``MAX_YEAR`` and ASCII digits are read. The text is expected in NFC
(the pipeline normalizes before extractors run); spans index the text given.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas import MAX_YEAR, MIN_YEAR

__all__ = ["DateReading", "find_dates", "parse_date", "parse_place_date", "read_date"]

MAX_PLACE_LENGTH = 60

_BLANK = r"[\s.…_]*"
# Each begins with a character class, not case-insensitive, and the lookbehind after it: a search
# then passes over other characters at once.
_LONG_DATE = re.compile(
    rf"[nN](?i:gày{_BLANK}(?P<d>[0-9]{{1,2}})?{_BLANK}tháng{_BLANK}(?P<m>[0-9]{{1,2}})?{_BLANK}"
    r"năm\s*(?P<y>[0-9]{4})(?![0-9]))"
)
_SHORT_DATE = re.compile(
    r"(?P<d>[0-9](?<![0-9./-][0-9])[0-9]?)\s*(?P<sep>[/.-])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*"
    r"(?P<y>[0-9]{4})(?![0-9])"
)
# "ngày   /4/2026", "ngày ..../..../2026": a short date with blanks, only after "ngày".
_SHORT_BLANK_DATE = re.compile(
    r"(?=n)ngày[\s.…_]*(?P<d>[0-9]{1,2})?[\s.…_]*/[\s.…_]*(?P<m>[0-9]{1,2})?[\s.…_]*/\s*"
    r"(?P<y>[0-9]{4})(?![0-9])",
    re.IGNORECASE,
)
_MOTTO_END = re.compile(r"^.*hạnh\s+phúc\s*[-–—_.\s]*", re.IGNORECASE | re.DOTALL)
_PLACE_ABBREVIATIONS = frozenset({"TP.", "TP", "Tp.", "TX.", "TX"})
_PLACE_DATE = re.compile(
    r"^\s*+(?:.*?\bSố\s*:\s*\S+\s+)?(?P<place>[^,\d:;\s][^,\d:;]*?)\s*+,\s*(?=ngày)",
    re.IGNORECASE,
)


class DateReading(NamedTuple):
    """A date found in text. ``date`` is None when a part is blank or the date is impossible;
    ``reason`` then says which. ``text_given[start:end] == text``. (A NamedTuple: immutable, and
    several times cheaper to make than a frozen dataclass; dates are read by the dozen a document.)"""

    date: date | None
    day: int | None
    month: int | None
    year: int | None
    reason: str | None
    start: int
    end: int
    text: str


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _header_to_place(candidate: str) -> str:
    """The place at the end of a flattened header: text up to the motto and a leading run of
    words in capitals ("UBND TỈNH CAO BẰNG Cao Bằng") are dropped; "TP." is kept; a place printed
    all in capitals stays as printed."""
    words = _MOTTO_END.sub("", candidate).split()
    start = len(words)
    while start > 0 and not _is_capitals(words[start - 1]):
        start -= 1
    if start == 0 or start == len(words):
        return " ".join(words)
    if words[start - 1] in _PLACE_ABBREVIATIONS:
        start -= 1
    return " ".join(words[start:])


def _optional_int(value: str | None) -> int | None:
    return int(value) if value else None


def _parts_to_reading(source: str, match: re.Match[str]) -> DateReading:
    day_text, month_text, year_text = match.group("d", "m", "y")
    day, month, year = _optional_int(day_text), _optional_int(month_text), _optional_int(year_text)
    reason: str | None = None
    found: date | None = None
    if day is None and month is None:
        reason = "day and month left blank"
    elif day is None:
        reason = "day left blank"
    elif month is None:
        reason = "month left blank"
    elif year is None or not MIN_YEAR <= year <= MAX_YEAR:
        reason = f"year {year} out of range"
    else:
        try:
            found = date(year, month, day)
        except ValueError:
            reason = f"impossible date {day}/{month}/{year}"
    start, end = match.span()
    return DateReading(found, day, month, year, reason, start, end, source[start:end])


def find_dates(text: str) -> list[DateReading]:
    """Every date in ``text``, in order, blanks and impossible ones included (with a reason)."""
    if not isinstance(text, str):
        return []
    readings: list[DateReading] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_LONG_DATE, _SHORT_BLANK_DATE, _SHORT_DATE):
        if pattern is _SHORT_BLANK_DATE and "/" not in text:
            continue
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            readings.append(_parts_to_reading(text, match))
    readings.sort(key=lambda r: r.start)
    return readings


def read_date(text: str) -> DateReading | None:
    """The first date in ``text`` with its reason when unreadable, or None when there is none."""
    readings = find_dates(text)
    return readings[0] if readings else None


def parse_date(text: str) -> date | None:
    """The first date in ``text``: "ngày 23 tháng 7 năm 2019" -> 2019-07-23, "10/8/2018" ->
    2018-08-10. None when there is none, a part is blank or the date is impossible (``read_date``
    tells which)."""
    reading = read_date(text)
    return reading.date if reading else None


def parse_place_date(line: str) -> tuple[str | None, date | None]:
    """The place and date of the place-and-date line.

    "Cao Bằng, ngày 23 tháng 7 năm 2019" -> ("Cao Bằng", 2019-07-23); "TP. Hồ Chí Minh, ngày ..."
    keeps "TP. Hồ Chí Minh"; a line starting with "ngày" has no place. A number printed on the same
    line ("Số: 129/KH-UBND Cao Bằng, ngày ...") is skipped, and so are the issuer and motto of a
    flattened header ("UBND TỈNH CAO BẰNG ... Hạnh phúc Cao Bằng, ngày ..."). The place is returned as printed
    (spaces collapsed), not resolved to a province.
    """
    if not isinstance(line, str):
        return None, None
    match = _PLACE_DATE.match(line)
    rest_start = 0
    place: str | None = None
    if match:
        candidate = _header_to_place(collapse_spaces(match.group("place")))
        if candidate and len(candidate) <= MAX_PLACE_LENGTH:
            place = candidate
            rest_start = match.end()
    reading = read_date(line[rest_start:])
    if reading is None:
        return None, None
    return place, reading.date
