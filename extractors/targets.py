"""Numeric targets: how much of what, by when, from the objectives and from the tasks' text.

How plans write them, under "Mục tiêu cụ thể" with the milestone year in the heading above:

    2. Mục tiêu cụ thể
    a) Đến năm 2025:
    - Bồi dưỡng, nâng cao chuyên môn nghiệp vụ về đo lường ít nhất 300 lượt người tham gia hoạt
      động đo lường, dự kiến 60 lượt người/năm;

and inside tasks: "thành lập 03 chi nhánh", "đạt trên 80% nhu cầu", "ít nhất 01 phòng thí nghiệm",
"tăng 12%/năm", "≥ 80", "không quá 10 ngày".

Rules:
- Where: every outline section titled "Mục tiêu ..." or "Chỉ tiêu ..." (headings and paragraphs, not
  table rows), then each task's own text (its source span; in a table row only the cells its title
  came from). A number found in an objective is the plan's (task_id None) even if a task span
  covers it; among tasks the narrowest span wins.
- A target is a number (leading zeros and decimal commas read by ``parse_number``: 05 -> 5,
  99,86 -> 99.86) with a comparator before it or a unit after it. Comparators: "ít nhất",
  "tối thiểu", "không dưới", "không ít hơn", "≥" -> at_least; "trên", "hơn", "vượt", ">" -> over;
  "không quá", "tối đa", "dưới", "≤", "<" -> at_most; "... trở lên" after it -> at_least; else
  exactly.
- The unit is what is written after the number: "%", a known measure phrase (``DEFAULT_UNITS``,
  longest first: "lượt người", "phòng thí nghiệm", "chuẩn đo lường", ...), else up to
  ``DEFAULT_MAX_UNIT_WORDS`` lowercase words before a stop word or punctuation.
- ``per_year``: "/năm", "mỗi năm", "hàng năm", "hằng năm", "một năm" right after the unit, or
  "mỗi năm" / "hàng năm" right before the number.
- ``year``: "năm 2025" in the same clause before the number, else the nearest enclosing heading or
  preceding paragraph of the objectives that names a year ("a) Đến năm 2025:"); task targets take
  only their clause's year.
- ``text``: the clause holding the number (split at ";" and at sentence ends), whitespace collapsed.
- Not targets: years, dates ("20/1", "10/8/2018"), document numbers ("996/QĐ-TTg"), amounts of
  money (``find_amounts``), numbers after a name word ("Chương trình 712", "Quyết định 82",
  "Điều 3", "giai đoạn 2"), numbers in parentheses alone ("(1)"), and bare durations with no
  comparator ("sơ kết 5 năm").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from extractors.grounding import span
from extractors.layout import Block, Layout
from extractors.outline import RANKS
from extractors.structure import Section, StructuredDocument
from extractors.vnnumbers import NumberFormatError, find_amounts, parse_number
from extractors.vntext import collapse_spaces
from schemas import MAX_YEAR, MIN_YEAR, Finding, Target, Task
from schemas.plan import Comparator

log = logging.getLogger(__name__)

_NUMBER = re.compile(
    r"(?<![\w./,\-–])(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/]|[.,]\d|\s*/\s*\d)"
)
_COMPARATOR_BEFORE: list[tuple[re.Pattern[str], Comparator]] = [
    (re.compile(r"(?:không\s+(?:dưới|ít\s+hơn|thấp\s+hơn)|ít\s+nhất|tối\s+thiểu|≥|>=)\s*(?:là\s+|mức\s+)?$", re.I), "at_least"),
    (re.compile(r"(?:không\s+(?:vượt\s+)?quá|tối\s+đa|dưới|ít\s+hơn|thấp\s+hơn|≤|<=|<)\s*(?:là\s+|mức\s+)?$", re.I), "at_most"),
    (re.compile(r"(?:trên|hơn|vượt(?:\s+quá)?|cao\s+hơn|nhiều\s+hơn|>)\s*(?:là\s+|mức\s+)?$", re.I), "over"),
]
_AT_LEAST_AFTER = re.compile(r"\s*trở\s+lên\b", re.I)
_PER_YEAR_AFTER = re.compile(r"\s*(?:/\s*năm\b|(?:mỗi|hàng|hằng|một|trên)\s+năm\b)", re.I)
_PER_YEAR_BEFORE = re.compile(r"(?:mỗi|hàng|hằng)\s+năm\s*(?:đạt\s+|có\s+|khoảng\s+|là\s+)?$", re.I)
_NAME_BEFORE = re.compile(
    r"(?:\b(?:năm|tháng|ngày|quý|số|giai\s+đoạn|điều|khoản|điểm|mục|phụ\s+lục|lần\s+thứ|khóa|"
    r"chương\s+trình|quyết\s+định|nghị\s+định|thông\s+tư|kế\s+hoạch|đề\s+án|nghị\s+quyết|chỉ\s+thị|"
    r"luật|công\s+văn|văn\s+bản|tiêu\s+chuẩn|tcvn|iso|phiên\s+bản|tầng|phòng|đợt|nhóm|bước))"
    r"\s*(?:thứ\s+)?$",
    re.I,
)
_ACRONYM_BEFORE = re.compile(r"\b[A-ZĐ]{2,}\s*$")  # "ISO 9001", "TCVN 6165"
_LAST_WORD = re.compile(r"(?P<before>.*?)(?P<word>[^\W\d_]+)\s+$", re.S)
_PER_YEAR_IN_CLAUSE = re.compile(r"\b(?:mỗi|hàng|hằng)\s+năm\b", re.I)
_YEAR_IN_CLAUSE = re.compile(r"(?:đến|tới|trong|vào|hết|cuối)?\s*năm\s+(?P<year>(?:19|20|21)\d{2})(?!\d)", re.I)
_YEAR_HEADING = re.compile(
    r"^\W*(?:(?:đến|tới|trong|vào|cuối|giai\s+đoạn\s+đến)\s+)?năm\s+(?P<year>(?:19|20|21)\d{2})\b", re.I
)
_OBJECTIVE_HEADING = re.compile(r"^\s*(?:các\s+)?(?:mục\s+tiêu|chỉ\s+tiêu)", re.I)
_CLAUSE_END = re.compile(r";|\.(?=\s+[A-ZÀ-ỸĐ\-–+])|\.\s*$|\n")
_WORD = re.compile(r"[^\W\d_]+", re.U)
_PERCENT = re.compile(r"^\s*%")
# Measurement symbols, written in their own case: "2.989,5 MW", "50 kWh", "12 km2".
_SYMBOL_UNIT = re.compile(r"^\s*(?P<unit>[kMGT]?W[hp]?|km2?|m[23²³]?|ha|kg|MVA|kV)(?![\w])")

DEFAULT_UNITS: tuple[str, ...] = (
    "lượt người", "lượt doanh nghiệp", "lượt cán bộ", "lượt", "người", "cán bộ", "học viên",
    "phòng thí nghiệm", "chuẩn đo lường", "phương tiện đo", "chi nhánh", "tổ chức", "doanh nghiệp",
    "hợp tác xã", "cơ sở", "loại", "sản phẩm", "hội nghị", "hội thảo", "lớp", "khóa", "đơn vị",
    "nhiệm vụ", "đề tài", "dự án", "mô hình", "chương trình", "sáng kiến", "xã", "huyện", "hộ",
    "cuộc", "lần", "bài", "tin", "phóng sự", "điểm", "trạm", "trung tâm", "thủ tục", "hồ sơ",
    "văn bản", "tiêu chuẩn", "quy chuẩn", "mẫu", "ngày", "tháng", "năm", "giờ", "tuần", "quý",
    "ha", "km", "tấn", "triệu lượt", "nghìn lượt", "nhà đầu tư", "nhà máy", "cụm công nghiệp",
    "khu công nghiệp", "làng nghề", "mỏ",
)
DEFAULT_TIME_UNITS = frozenset({"ngày", "tháng", "năm", "giờ", "tuần", "quý"})
DEFAULT_STOP_WORDS = frozenset({
    "được", "đã", "sẽ", "tham", "cho", "tại", "trên", "đáp", "nhằm", "của", "để", "và", "trong",
    "thuộc", "có", "đạt", "về", "với", "theo", "từ", "đến", "là", "các", "những", "cung", "thực",
    "hoạt", "triển", "tổ", "nâng", "hỗ", "tăng", "giảm", "trở", "so", "bảo", "đảm", "phục", "gồm",
    "bao", "như", "mỗi", "hàng", "hằng", "một", "đủ", "dự", "khoảng", "năm", "nhu", "vào", "ra",
    "chưa", "không", "còn", "mới", "đang",
})
DEFAULT_MAX_UNIT_WORDS = 2
DEFAULT_MAX_YEAR_HEADING = 80  # a paragraph naming a year is a heading when this short
_UNITS_LONGEST_FIRST = sorted(DEFAULT_UNITS, key=len, reverse=True)


@dataclass(frozen=True)
class _Piece:
    """Text to scan and where it lies in the layout (None when it cannot be located)."""

    text: str
    start: int | None
    year: int | None  # the year of the enclosing heading, for objectives


# --- small pure helpers ---------------------------------------------------------------------------
def _comparator_before(prefix: str) -> tuple[Comparator | None, int]:
    """The comparator written just before a number, and where it starts in `prefix`."""
    for pattern, comparator in _COMPARATOR_BEFORE:
        match = pattern.search(prefix)
        if match and (match.start() == 0 or not prefix[match.start() - 1].isalnum()):
            return comparator, match.start()
    return None, len(prefix)


_UNIT_WINDOW = 120  # characters after a number where its unit is looked for (units are short)


def _unit_after(text: str) -> str | None:
    """The unit as written right after a number: "%", a known phrase, or a few plain words."""
    if _PERCENT.match(text):
        return "%"
    symbol = _SYMBOL_UNIT.match(text)
    if symbol:
        return symbol["unit"]
    stripped = text.lstrip()
    if not stripped or not stripped[0].isalpha() or not stripped[0].islower():
        return None
    lowered = stripped.casefold()
    for unit in _UNITS_LONGEST_FIRST:
        if lowered.startswith(unit) and (len(lowered) == len(unit) or not lowered[len(unit)].isalnum()):
            return stripped[: len(unit)]
    words: list[str] = []
    pos = 0
    for match in _WORD.finditer(stripped):
        gap = stripped[pos : match.start()]
        if (words and gap.strip()) or match.group().casefold() in DEFAULT_STOP_WORDS:
            break
        if not match.group()[0].islower() or len(words) >= DEFAULT_MAX_UNIT_WORDS:
            break
        words.append(match.group())
        pos = match.end()
    return " ".join(words) if words else None


def _after_a_name(before: str) -> bool:
    """True when the word just before is capitalized inside a sentence ("Việt Nam 20", "Chương trình 712")."""
    match = _LAST_WORD.match(before[-60:])
    if match is None or not match["word"][0].isupper():
        return False
    rest = match["before"].rstrip()
    return bool(rest) and rest[-1] not in ".;:!?-–+*•\n\t"


def _clause_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for match in _CLAUSE_END.finditer(text):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            return start, match.start()
    return start, len(text)


def _year_in(text: str) -> int | None:
    years = [int(m["year"]) for m in _YEAR_IN_CLAUSE.finditer(text)]
    return years[-1] if years else None


def _to_quantity(number: str) -> float | None:
    try:
        return float(parse_number(number))
    except NumberFormatError:
        return None


def _is_year_like(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and MIN_YEAR <= int(number) <= MAX_YEAR


@dataclass(frozen=True)
class _Reading:
    quantity: float
    comparator: Comparator
    unit: str | None
    per_year: bool
    clause: str
    year: int | None
    start: int  # offsets in the scanned text of the words the target came from
    end: int


def _read_targets(text: str) -> list[_Reading]:
    """Every target in a piece of text, with offsets into it."""
    money = [(a.start, a.end) for a in find_amounts(text)]
    readings: list[_Reading] = []
    for match in _NUMBER.finditer(text):
        start, end = match.span("num")
        number = match.group("num")
        if any(s < end and start < e for s, e in money):
            continue
        prefix = text[max(0, start - 40) : start]
        if prefix.rstrip().endswith("(") and text[end:].lstrip().startswith(")"):
            continue
        comparator, comp_at = _comparator_before(prefix)
        if comparator is None and (
            _NAME_BEFORE.search(prefix) or _ACRONYM_BEFORE.search(prefix)
            or _after_a_name(text[max(0, start - 60) : start])
        ):
            continue
        if comparator is None and _is_year_like(number):
            continue
        after = text[end : end + _UNIT_WINDOW]
        unit = _unit_after(after)
        if unit is None and comparator is None:
            continue
        if comparator is None and unit is not None and unit.casefold() in DEFAULT_TIME_UNITS:
            continue
        quantity = _to_quantity(number)
        if quantity is None:
            continue
        unit_end = end
        if unit is not None:
            unit_end = end + after.find(unit) + len(unit) if unit != "%" else end + after.find("%") + 1
        if comparator is None and _AT_LEAST_AFTER.match(text, unit_end):
            comparator = "at_least"
        per_match = _PER_YEAR_AFTER.match(text, unit_end)
        end_at = per_match.end() if per_match else unit_end
        begin_at = start - (len(prefix) - comp_at) if comparator is not None and comp_at < len(prefix) else start
        c_start, c_end = _clause_bounds(text, start)
        per_year = bool(per_match) or bool(_PER_YEAR_BEFORE.search(prefix[:comp_at])) or bool(
            _PER_YEAR_IN_CLAUSE.search(text[c_start:start])
        )
        clause = collapse_spaces(text[c_start:c_end]).strip(" ,;.:")
        year = _year_in(text[c_start:start])
        readings.append(
            _Reading(quantity, comparator or "exactly", unit, per_year, clause, year, begin_at, end_at)
        )
    return readings


# --- where to look ---------------------------------------------------------------------------------
def _after_marker(section: Section) -> tuple[str, int] | None:
    block = section.block
    if block is None:
        return None
    index = section.marker.rest_start if section.marker and section.marker.rest else 0
    return block.text[index:], block.start + index


def _heading_year(section: Section | None) -> int | None:
    while section is not None and section.block is not None:
        match = _YEAR_HEADING.match(section.title)
        if match:
            return int(match["year"])
        section = section.parent
    return None


def _objective_pieces(section: Section) -> list[_Piece]:
    """Heading lines and paragraphs of an objective section in document order, each with its year.

    A year comes from the nearest enclosing heading ("a) Đến năm 2025:"), else from the latest short
    unmarked paragraph naming one ("Đến năm 2030:"), which holds for the rest of the list it sits in.
    """
    items: list[tuple[int, Section, Block | None]] = []

    def collect(node: Section) -> None:
        if node.block is not None:
            items.append((node.block.start, node, None))
        for block in node.blocks:
            if block.kind != "row":
                items.append((block.start, node, block))
        for child in node.children:
            collect(child)

    collect(section)
    items.sort(key=lambda item: item[0])
    pieces: list[_Piece] = []
    loose: tuple[int, Section] | None = None  # (year, the list it holds for)
    for _pos, node, block in items:
        heading_year = _heading_year(node)
        if block is None:
            head = _after_marker(node)
            if head is None:
                continue
            text, start = head
        else:
            text, start = block.text, block.start
            match = _YEAR_HEADING.match(text)
            if match and len(text) < DEFAULT_MAX_YEAR_HEADING:
                bullet = node.marker is not None and node.marker.rank >= RANKS["dash"]
                anchor = node.parent if bullet and node.parent is not None else node
                loose = (int(match["year"]), anchor)
        year = heading_year
        if year is None and loose is not None and _within(node, loose[1]):
            year = loose[0]
        pieces.append(_Piece(text, start, year))
    return pieces


def _within(node: Section | None, ancestor: Section) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def _objective_sections(doc: StructuredDocument) -> list[Section]:
    found: list[Section] = []
    for section in doc.sections():
        if section.marker is None or not _OBJECTIVE_HEADING.match(section.title):
            continue
        ancestor = section.parent
        if any(a is ancestor for a in found) or _inside(section, found):
            continue
        found.append(section)
    return found


def _inside(section: Section, others: list[Section]) -> bool:
    node = section.parent
    while node is not None:
        if any(node is other for other in others):
            return True
        node = node.parent
    return False


def _task_pieces(task: Task, layout: Layout) -> list[_Piece]:
    """The parts of the layout a task's text came from (cells of its row that hold its title)."""
    source = task.source
    title = collapse_spaces(task.title)
    if source is None or source.start is None or source.end is None:
        return [_Piece(task.title, None, None)]
    text = layout.text[source.start : source.end]
    if "\t" not in text:
        return [_Piece(text, source.start, None)]
    pieces: list[_Piece] = []
    offset = 0
    for cell in text.split("\t"):
        flat = collapse_spaces(cell)
        if flat and len(flat) > 3 and (flat in title or title in flat):
            pieces.append(_Piece(cell, source.start + offset, None))
        offset += len(cell) + 1
    return pieces or [_Piece(task.title, None, None)]


def _to_target(reading: _Reading, piece: _Piece, layout: Layout, task_id: str | None) -> Target:
    source = None
    if piece.start is not None:
        source = span(layout, piece.start + reading.start, piece.start + reading.end)
    year = reading.year if reading.year is not None else piece.year
    return Target(
        year=year, quantity=reading.quantity, comparator=reading.comparator, unit=reading.unit,
        per_year=reading.per_year, text=reading.clause, task_id=task_id, source=source,
    )


def targets_in_text(text: str, year: int | None = None) -> list[Target]:
    """Targets in a piece of text alone (no layout, so no spans): for tools and tests."""
    return [
        Target(
            year=r.year if r.year is not None else year, quantity=r.quantity, comparator=r.comparator,
            unit=r.unit, per_year=r.per_year, text=r.clause,
        )
        for r in _read_targets(text)
    ]


def extract_targets(doc: StructuredDocument, tasks: list[Task]) -> tuple[list[Target], list[Finding]]:
    """The plan's own targets (objectives) in document order, then each task's targets."""
    layout = doc.layout
    targets: list[Target] = []
    claimed: set[int] = set()
    for section in _objective_sections(doc):
        for piece in _objective_pieces(section):
            for reading in _read_targets(piece.text):
                assert piece.start is not None
                at = piece.start + reading.start
                if at in claimed:
                    continue
                claimed.add(at)
                targets.append(_to_target(reading, piece, layout, None))

    def width(task: Task) -> int:
        src = task.source
        if src is None or src.start is None or src.end is None:
            return len(layout.text) + 1
        return src.end - src.start

    by_task: list[tuple[int, Target]] = []
    order = {id(task): i for i, task in enumerate(tasks)}
    for task in sorted(tasks, key=width):
        for piece in _task_pieces(task, layout):
            for reading in _read_targets(piece.text):
                if piece.start is not None:
                    at = piece.start + reading.start
                    if at in claimed:
                        continue
                    claimed.add(at)
                by_task.append((order[id(task)], _to_target(reading, piece, layout, task.id)))
    by_task.sort(key=lambda pair: (pair[0], pair[1].source.start if pair[1].source and pair[1].source.start else 0))
    targets += [target for _i, target in by_task]
    log.debug("targets: %d", len(targets))
    return targets, []
