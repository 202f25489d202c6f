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
- How a target is read in a sentence (comparator, range, change, counted noun, per year, what is not
  a target) is ``extractors.target_phrases``.
- ``year``: "năm 2025" in the same clause before the number (or "vào năm 2030" after it), else the
  nearest enclosing heading or preceding short paragraph of the objectives that names a year ("a) Đến
  năm 2025:", "4. Các chỉ tiêu cụ thể đến năm 2030", "Giai đoạn 2028-2030": its end), else the
  document title's year ("Kế hoạch ... năm 2026"); task targets take their clause's year, else the
  milestone of the nearest group above them that names one ("2. Kế hoạch phát triển giai đoạn 2026 -
  2030"), else the year of a one-year plan's title ("... năm 2026", not "đến năm 2030" nor "giai đoạn
  2026-2030"). A full date in the title ("thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024")
  dates the document it cites, not the plan.
- ``text``: the clause holding the number (split at ";" and at sentence ends), whitespace collapsed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from difflib import SequenceMatcher
from typing import NamedTuple

from kehoach.extractors.grounding import span
from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.outline import RANKS
from kehoach.extractors.structure import Section, StructuredDocument
from kehoach.extractors.target_phrases import Reading, read_targets
from kehoach.extractors.unvalidated import construct
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas import Finding, Target, Task

log = logging.getLogger(__name__)

_Y = r"(?:19|20|21)\d{2}"
# The milestone a heading names: "đến năm 2030", "a) Đến năm 2025:", "giai đoạn 2026 - 2030" (its end),
# else any "năm 2026" ("Chỉ tiêu thi đua năm 2026").
_HEADING_YEARS = (
    re.compile(rf"(?:đến|tới|trong|vào|hết|cuối)\s+(?:hết\s+|cuối\s+)?năm\s+(?P<year>{_Y})(?!\d)", re.I),
    re.compile(rf"giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?{_Y}\s*(?:-|–|—|đến)\s*(?:năm\s+)?(?P<year>{_Y})(?!\d)", re.I),
    re.compile(rf"\bnăm\s+(?P<year>{_Y})(?!\d)", re.I),
)
_ANY_YEAR = re.compile(_Y)
_FULL_DATE = re.compile(r"tháng\s+\d{1,2}\s+năm\s+\d{4}", re.I)
_OBJECTIVE_HEADING = re.compile(r"^\W*(?:các\s+)?(?:mục\s+tiêu|chỉ\s+tiêu)", re.I)
_LOOSE_HEADING = re.compile(r"^\W*(?:(?:đến|tới|trong|vào|cuối|hết|giai\s+đoạn)\b|năm\s)", re.I)
_WORDS_ONLY = re.compile(r"[\W_]+")  # a restated clause may differ in bullets, quotes and spacing
DEFAULT_MAX_YEAR_HEADING = 80
DEFAULT_SAME_CLAUSE = 0.95  # two clauses this alike (difflib ratio) state the same target  # a paragraph naming a year is a heading when this short


_TARGET_FIELDS = set(Target.model_fields)  # every field is set: one set serves all (see construct)


class _Piece(NamedTuple):
    """Text to scan and where it lies in the layout (None when it cannot be located)."""

    text: str
    start: int | None
    year: int | None  # the year of the enclosing heading, for objectives


def heading_year(text: str) -> int | None:
    """The milestone year a heading names, or None."""
    if not _ANY_YEAR.search(text):
        return None  # most headings name none
    for pattern in _HEADING_YEARS:
        match = pattern.search(text)
        if match:
            return int(match["year"])
    return None


def single_year(text: str) -> int | None:
    """The year of a one-year plan's title ("Kế hoạch tuyên truyền cải cách hành chính năm 2026")."""
    if not _ANY_YEAR.search(text):
        return None  # every pattern names a year
    if any(pattern.search(text) for pattern in _HEADING_YEARS[:2]):
        return None
    # a full date is a cited document's ("thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024")
    years = {m["year"] for m in _HEADING_YEARS[2].finditer(_FULL_DATE.sub(" ", text))}
    return int(years.pop()) if len(years) == 1 else None


# --- where to look ---------------------------------------------------------------------------------
def _after_marker(section: Section) -> tuple[str, int] | None:
    block = section.block
    if block is None:
        return None
    index = section.marker.rest_start if section.marker and section.marker.rest else 0
    return block.text[index:], block.start + index


def _heading_year(section: Section, years: dict[int, int | None]) -> int | None:
    """The year of the nearest enclosing heading that names one, or None; `years` keeps the answers
    by id of the section (a section's answer is its parent's when its own heading names none)."""
    chain: list[Section] = []
    year = None
    node: Section | None = section
    while node is not None and node.block is not None:
        if id(node) in years:
            year = years[id(node)]
            break
        chain.append(node)
        year = heading_year(node.title)
        if year is not None:
            break
        node = node.parent
    for visited in chain:
        years[id(visited)] = year
    return year


def _objective_pieces(section: Section, title_year: int | None) -> list[_Piece]:
    """Heading lines and paragraphs of an objective section in document order, each with its year.

    A year comes from the nearest enclosing heading ("a) Đến năm 2025:", "2. Mục tiêu cụ thể đến năm
    2030", "Giai đoạn 2026-2030"), else from the latest short unmarked paragraph naming one ("Đến năm
    2030:"), which holds for the rest of the list it sits in, else from the document's title ("Kế
    hoạch cải cách hành chính năm 2026"), the outermost heading.
    """
    items: list[tuple[int, Section, Block | None]] = []
    stack = [section]  # in document order, as a recursion would (a recursive closure is a cycle)
    while stack:
        node = stack.pop()
        if node.block is not None:
            items.append((node.block.start, node, None))
        for block in node.blocks:
            if block.kind != "row":
                items.append((block.start, node, block))
        stack += node.children[::-1]
    items.sort(key=lambda item: item[0])
    pieces: list[_Piece] = []
    loose: tuple[int, Section] | None = None  # (year, the list it holds for)
    years: dict[int, int | None] = {}  # by id of the node: its paragraphs share its heading's year
    for _pos, node, block in items:
        year = _heading_year(node, years)
        if block is None:
            head = _after_marker(node)
            if head is None:
                continue
            text, start = head
        else:
            text, start = block.text, block.start
            named = heading_year(text) if _LOOSE_HEADING.match(text) else None
            if named is not None and len(text) < DEFAULT_MAX_YEAR_HEADING:
                bullet = node.marker is not None and node.marker.rank >= RANKS["dash"]
                anchor = node.parent if bullet and node.parent is not None else node
                loose = (named, anchor)
        if year is None and loose is not None and _within(node, loose[1]):
            year = loose[0]
        if year is None:
            year = title_year
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


def _group_year(task: Task, by_id: dict[str, Task]) -> int | None:
    """The milestone year of the nearest group above a task that names one ("2. Kế hoạch phát triển
    giai đoạn 2026 - 2030"): the year of the targets its tasks print without one."""
    parent = by_id.get(task.parent_id) if task.parent_id else None
    while parent is not None:
        year = heading_year(parent.title)
        if year is not None:
            return year
        parent = by_id.get(parent.parent_id) if parent.parent_id else None
    return None


def _task_pieces(task: Task, layout: Layout, year: int | None) -> list[_Piece]:
    """The parts of the layout a task's text came from: its text, or in a table row the cells of the
    row that hold its title (not its unit, period or budget cells)."""
    source = task.source
    if source is None or source.start is None or source.end is None:
        return [_Piece(task.title, None, year)]
    start, end = source.start, source.end
    block = layout.block_at(start)
    if block is None or not block.cells:
        return [_Piece(layout.text[start:end], start, year)]
    title: str | None = None
    pieces: list[_Piece] = []
    for cell in block.cells:
        location = cell.location
        if location is None or location.start < start or location.end > end:
            continue
        flat = collapse_spaces(cell.text)
        if len(flat) <= 3:
            continue
        if title is None:
            title = collapse_spaces(task.title)
        if flat in title or title in flat:
            pieces.append(_Piece(cell.text, location.start, year))
    return pieces or [_Piece(task.title, None, year)]


def _to_target(reading: Reading, piece: _Piece, layout: Layout | None, task_id: str | None) -> Target:
    """Built without validation: a Reading holds every field in its type (float quantities, int years,
    bool flags, a Comparator), and task ids and spans are the pipeline's own."""
    source = None
    if piece.start is not None and layout is not None:
        source = span(layout, piece.start + reading.start, piece.start + reading.end)
    year = reading.year if reading.year is not None else piece.year
    values = {
        "year": year, "quantity": reading.quantity, "comparator": reading.comparator,
        "quantity_max": reading.quantity_max, "approximate": reading.approximate, "direction": reading.direction,
        "unit": reading.unit, "per_year": reading.per_year, "text": reading.clause, "task_id": task_id,
        "source": source,
    }
    return construct(Target, values, _TARGET_FIELDS)


def targets_in_text(text: str, year: int | None = None) -> list[Target]:
    """Targets in a piece of text alone (no layout, so no spans): for tools and tests."""
    return [_to_target(r, _Piece(text, None, year), None, None) for r in read_targets(text)]


def extract_targets(doc: StructuredDocument, tasks: list[Task]) -> tuple[list[Target], list[Finding]]:
    """The plan's own targets (objectives) in document order, then each task's targets."""
    layout = doc.layout
    found: list[tuple[int | None, str | None, Target]] = []  # (where its piece starts, its task's parent, it)
    claimed: set[int] = set()
    # The first line of the title that names a year decides; later lines may cite another programme.
    title, title_year = next(
        ((block.text, year) for block in doc.title if (year := heading_year(_FULL_DATE.sub(" ", block.text))) is not None),
        ("", None),
    )
    plan_year = single_year(title)
    for section in _objective_sections(doc):
        for piece in _objective_pieces(section, title_year):
            for reading in read_targets(piece.text):
                assert piece.start is not None
                at = piece.start + reading.start
                if at in claimed:
                    continue
                claimed.add(at)
                found.append((piece.start, None, _to_target(reading, piece, layout, None)))

    def width(task: Task) -> int:
        src = task.source
        if src is None or src.start is None or src.end is None:
            return len(layout.text) + 1
        return src.end - src.start

    by_task: list[tuple[int, int, int | None, str | None, Target]] = []
    order = {id(task): i for i, task in enumerate(tasks)}
    by_id = {task.id: task for task in tasks}
    for task in sorted(tasks, key=width):
        for piece in _task_pieces(task, layout, _group_year(task, by_id) or plan_year):
            for reading in read_targets(piece.text):
                at = None
                if piece.start is not None:
                    at = piece.start + reading.start
                    if at in claimed:
                        continue
                    claimed.add(at)
                target = _to_target(reading, piece, layout, task.id)
                by_task.append((order[id(task)], at or 0, piece.start, task.parent_id or "", target))
    by_task.sort(key=lambda item: (item[0], item[1]))
    found += [(piece_start, parent, target) for _i, _at, piece_start, parent, target in by_task]
    targets = _without_repeats(found)
    log.debug("targets: %d", len(targets))
    return targets, []


def _without_repeats(found: list[tuple[int | None, str | None, Target]]) -> list[Target]:
    """Drop a task's target whose clause is printed already in another place (an appendix row
    restating a task, a task restating an objective word for word).

    Within one place every figure counts ("100% TTHC ... và 100% TTHC ..." holds two); another place
    printing the same clause (up to a few words: bullets, "về việc") with the same figure adds nothing.
    Sibling tasks (rows of one table) may print the same clause about different things ("Phấn đấu
    hoàn thành GPMB toàn bộ 75 ha" for two industrial clusters): both count.
    """
    seen: dict[tuple[object, ...], list[tuple[tuple[str | None, int | None], str | None, _Clause]]] = {}
    kept: list[Target] = []
    for piece_start, parent, target in found:
        key = (target.quantity, target.unit, target.comparator)
        clause = _Clause(target.text or "")
        place = (target.task_id, piece_start)
        earlier_ones = seen.setdefault(key, [])
        if target.task_id is not None:  # the plan's own targets are all kept
            earlier = [
                where for where, family, other in earlier_ones
                if (where == place or parent is None or family != parent) and _same_clause(clause, other)
            ]
            index = sum(1 for where in earlier if where == place)
            if any(earlier.count(w) > index for w in set(earlier) if w != place):
                earlier_ones.append((place, parent, clause))
                continue
        earlier_ones.append((place, parent, clause))
        kept.append(target)
    return kept


class _Clause:
    """A clause's words, and their letter counts, once asked (most clauses are never compared)."""

    __slots__ = ("_printed", "_text", "_counts")

    def __init__(self, printed: str) -> None:
        self._printed = printed
        self._text: str | None = None
        self._counts: Counter[str] | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = _WORDS_ONLY.sub(" ", self._printed).strip().casefold()
        return self._text

    @property
    def counts(self) -> Counter[str]:
        if self._counts is None:
            self._counts = Counter(self.text)
        return self._counts


def _same_clause(one: _Clause, other: _Clause) -> bool:
    """difflib's ratio of the two at least DEFAULT_SAME_CLAUSE, after its cheaper upper bounds
    (real_quick_ratio from the lengths, quick_ratio from the letter counts) computed as difflib does."""
    if one.text == other.text:
        return True
    length = len(one.text) + len(other.text)
    if 2.0 * min(len(one.text), len(other.text)) / length < DEFAULT_SAME_CLAUSE:
        return False
    if 2.0 * sum((one.counts & other.counts).values()) / length < DEFAULT_SAME_CLAUSE:
        return False
    return SequenceMatcher(None, one.text, other.text, autojunk=False).ratio() >= DEFAULT_SAME_CLAUSE
