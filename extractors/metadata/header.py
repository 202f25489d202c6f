"""The header block: issuer lines, number, place and date, subject line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kehoach.extractors.layout import Block
from kehoach.extractors.metadata.lines import Line, block_to_lines
from kehoach.extractors.metadata.lookup import Lookup
from kehoach.extractors.metadata.number import normalize_number
from kehoach.extractors.metadata.spelling import is_caps
from kehoach.extractors.vndates import parse_place_date, read_date

MAX_HEADER_ISSUER_LINES = 4
# A Party document prints "Số 221-KL/TW", no colon, its type code before the issuer's.
_NUMBER_LABEL = re.compile(r"\bSố\s*:\s*|^\s*(?-i:Số\s+(?=\d+\s*-\s*[A-ZĐ]))", re.I)
# "129/KH-UBND", "82/QĐ- BKHCN", "11-CT/TU", "/KH-UBND" (blank draft sequence).
_PRINTED_NUMBER = re.compile(
    r"(?P<seq>\d+[a-zđ]?)?(?P<tail>(?:\s*[/\-–]\s*[^\W_][\w&]*(?:\.[^\W_][\w&]*)*)+)"
)
_UNREAD_SEQUENCE_TAIL = re.compile(r"\S{0,4}?\s*(?P<tail>/\s*[A-ZĐ][\w&]*(?:\s*[/\-–]\s*[^\W_][\w&]*)*)")
_RULE = re.compile(r"^[\s\-–—_=.*|~]*$")
# "ngày" then a day, a blank or "tháng": not "Ngày sinh: 08/12/1994" (a person's birth date).
_PLACE_DATE_START = re.compile(r"(?:^|,)\s*ngày(?=[\s.…_/]*(?:\d|tháng\b|$))", re.I)
_YEAR = re.compile(r"\b\d{4}\b")
# The rest of a place wrapped in a narrow cell: "Tho, ngày ..." under "Mỹ".
_WRAPPED_PLACE_REST = re.compile(r"^[^\W\d_][^\W\d_]*(?: [^\W\d_]+){0,2},\s*ngày\b", re.I)
_SUBJECT = re.compile(r"^\s*V/v\s*", re.I)
_NUMBER_ONLY = re.compile(r"^\s*\d+\s*[/-]\s*\S*$")
_ADDRESSEE = re.compile(r"^\s*Kính\s+gửi\b", re.I)


# The receiving office's incoming-mail stamp on a scan: "CÔNG VĂN ĐẾN" / "ĐẾN Số: 123 Ngày: ... Chuyển: ...".
_STAMP_HEAD = re.compile(r"^(?:CÔNG\s+VĂN\s+)?ĐẾN\s*(?:$|:|Số\b)", re.I)
_STAMP_FIELD = re.compile(r"^(?:Số|Ngày|Giờ|Chuyển|Lưu\s+hồ\s+sơ\s+số)\b\s*:?", re.I)
MAX_STAMP_LINES = 5


def _without_stamp(lines: list[Line]) -> list[Line]:
    """The header's lines without an incoming-mail stamp: its heading and the fields under it (so its
    "Số:" is never the document's number)."""
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if not _STAMP_HEAD.match(line.text):
            continue
        drop.add(i)
        for j in range(i + 1, min(len(lines), i + MAX_STAMP_LINES)):
            if not _STAMP_FIELD.match(lines[j].text):
                break
            drop.add(j)
    return [line for i, line in enumerate(lines) if i not in drop]


@dataclass
class Header:
    number_line: Line | None = None
    number: str | None = None
    number_tail: str | None = None
    issuer_lines: list[str] = field(default_factory=list)
    issuer_at: list[Line] = field(default_factory=list)  # the lines they are printed on
    place_at: tuple[int, int] | None = None  # where the place and the date are printed
    date_lines: list[Line] = field(default_factory=list)
    date_offset: int = 0  # where the date begins on the first of `date_lines`
    subject_line: Line | None = None
    place: str | None = None
    issued: date | None = None
    year: int | None = None
    month: int | None = None
    subject: str | None = None

    def date_range(self) -> tuple[date, ...] | None:
        """The day the document is dated, or the first and last day its printed month or year allows."""
        if self.issued is not None:
            return (self.issued,)
        if self.year is None:
            return None
        if self.month is not None:
            first = date(self.year, self.month, 1)
            last = date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return (first, date.fromordinal(last.toordinal() - 1))
        return (date(self.year, 1, 1), date(self.year, 12, 31))


def _place_date_text(lines: list[Line], i: int) -> str:
    """The place-and-date line at `i`, joined with the next lines while its year is missing."""
    text = lines[i].text
    j = i
    while not _YEAR.search(text) and j + 1 < len(lines) and j < i + 2:
        j += 1
        text = f"{text} {lines[j].text}"
    if _opens_place(lines, i):
        text = f"{lines[i - 1].text} {text}"
    return text


def _opens_place(lines: list[Line], i: int) -> bool:
    """Whether the line before the place-and-date line at `i` holds its first words: "Hà Nội," over
    "ngày ...", or a place wrapped in a narrow cell ("Mỹ" over "Tho, ngày ...")."""
    if i == 0:
        return False
    before, text = lines[i - 1].text.strip(), lines[i].text
    if text.lower().startswith("ngày"):
        return before.endswith(",")
    words = before.split()
    return (
        0 < len(words) <= 3 and all(w[0].isupper() and w[1:].islower() and w.isalpha() for w in words)
        and bool(_WRAPPED_PLACE_REST.match(text))
    )


def read_header(blocks: list[Block], look: Lookup) -> Header:
    header = Header()
    lines = [line for i, b in enumerate(blocks) for line in block_to_lines(b, i)]
    lines = [line for line in lines if not _RULE.match(line.text)]
    lines = _without_stamp(lines)
    number_at: int | None = None
    for i, line in enumerate(lines):
        label = _NUMBER_LABEL.search(line.text)
        if label and number_at is None:
            number_at = i
            header.number_line = line
            text, at = line.text, label.end()
            if not text[at:].strip() and i + 1 < len(lines) and lines[i + 1].column == line.column:
                text, at = lines[i + 1].text, 0  # "Số:" above the number
            match = _PRINTED_NUMBER.match(text, at)
            if match and re.search(r"[^\W\d_]", match.group("tail")):
                header.number_tail = match.group("tail")
                if match.group("seq"):
                    header.number = normalize_number(match.group(0))
            else:
                # A sequence that could not be read ("Số: 5Ø /KH-BCA", a scan): the codes still count.
                tail = _UNREAD_SEQUENCE_TAIL.match(text, at)
                if tail:
                    header.number_tail = tail.group("tail")
    for i, line in enumerate(lines):
        if _PLACE_DATE_START.search(line.text) or (
            line.text.endswith(",") and i + 1 < len(lines) and lines[i + 1].text.lower().startswith("ngày")
        ):
            joined = _place_date_text(lines, i)
            place, issued = parse_place_date(joined)
            reading = read_date(joined)
            if reading is None:
                continue
            header.place = place.rstrip(",") if place else None
            header.issued, header.year, header.month = issued, reading.year, reading.month
            header.place_at, header.date_lines, header.date_offset = _place_date_at(lines, i, header.place)
            break
    for line in lines:
        if _SUBJECT.match(line.text):
            header.subject = _SUBJECT.sub("", line.text)
            header.subject_line = line
            break
    header.issuer_at = _issuer_lines(lines, number_at, look)
    header.issuer_lines = [line.text for line in header.issuer_at]
    return header


def _place_date_at(lines: list[Line], i: int, place: str | None) -> tuple[tuple[int, int] | None, list[Line], int]:
    """Where the place read from the line at `i` is printed (None when the line does not begin with
    it), the lines the date is read from, and where on the first of them the date begins."""
    first = i - 1 if _opens_place(lines, i) else i
    last = i
    while not _YEAR.search(" ".join(line.text for line in lines[i : last + 1])) and last + 1 < len(lines) and last < i + 2:
        last += 1
    line = lines[first]
    place_at = (line.start, line.start + len(place)) if place and line.text.startswith(place) else None
    opener = _PLACE_DATE_START.search(lines[i].text)
    return place_at, lines[i : last + 1], opener.end() - len("ngày") if opener else 0


def _issuer_lines(lines: list[Line], number_at: int | None, look: Lookup) -> list[Line]:
    """The left column's lines above the number: the issuing body and its parent (each line cut
    before a national motto printed on it)."""
    def named(line: Line) -> bool:  # a line in capitals, not a number ("221-KL/TW" of a site's fields)
        text = look.before_motto(line.text)
        return is_caps(text) and not _NUMBER_ONLY.match(text)

    above = lines[:number_at] if number_at is not None else lines
    candidates: list[Line] = []
    if number_at is not None:
        column, table = lines[number_at].column, lines[number_at].row_table
        candidates = [line for line in above if line.column is None or line.column == column]
        in_table = [line for line in candidates if table is not None and line.row_table == table]
        if any(named(line) for line in in_table):
            candidates = in_table  # the letterhead table's left column, not a cover page above it
        elif not any(named(line) for line in candidates):
            candidates = []  # a crawled row read with empty cells before the number: its column is off
    if not candidates:
        columns = [line.column for line in above if line.column is not None]
        first = min(columns) if columns else None
        candidates = [line for line in above if line.column is None or line.column == first]
    out: list[Line] = []
    for line in candidates:
        text = look.before_motto(line.text)
        if not text or look.is_motto(text) or _SUBJECT.match(text) or _ADDRESSEE.match(text) or _PLACE_DATE_START.search(text):
            continue
        if not named(line):
            continue
        out.append(line._replace(text=text, end=line.start + len(text)))  # the motto cut off its end
    return out[-MAX_HEADER_ISSUER_LINES:]
