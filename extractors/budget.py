"""The budget tree of a plan, as printed: total, total in words, sources and their sub-sources.

How plans write it, in a section of its own ("IV. KINH PHÍ THỰC HIỆN", "Kinh phí", "Nguồn kinh phí",
"Dự toán kinh phí"):

    IV. KINH PHÍ THỰC HIỆN
    1. Tổng kinh phí thực hiện Kế hoạch
    Dự kiến khoảng: 12.425.000.000 đồng (Bằng chữ: Mười hai tỷ bốn trăm hai mươi năm triệu đồng).
    2. Nguồn kinh phí thực hiện Kế hoạch
    a) Ngân sách nhà nước: 9.025.000.000 đồng
    - Nguồn kinh phí sự nghiệp khoa học (...): 4.000.000.000 đồng.
    - Nguồn kinh phí chi đầu tư phát triển (...): 5.025.000.000 đồng.
    b) Huy động từ các doanh nghiệp và các nguồn hợp pháp khác: 3.400.000.000 đồng.

Rules:
- The budget section is the shallowest outline section whose title starts with a budget word
  (``_BUDGET_HEADING``); the first in document order wins. None without one.
- The total is the first amount in a part that says "Tổng kinh phí / Tổng cộng / Tổng dự toán ..."
  (its heading and the paragraphs directly under it); failing that, an amount in the budget heading
  or the paragraphs directly under it. Amounts count only with a written unit (``find_amounts``).
- A total printed as what the economy is forecast to invest ("Tổng vốn đầu tư toàn xã hội", GRDP)
  is not the plan's. With no total in a budget section (or no such section), a sentence anywhere,
  a footnote or an appendix included, that gives what the whole plan costs ("Tổng nguồn lực của ...
  Kế hoạch hành động này ước tính khoảng 140.000 tỷ đồng") is the total.
- ``total_in_words`` is the text after "Bằng chữ" up to its closing parenthesis (or the end of the
  paragraph, or the next paragraph when a parenthesis opened before it is still open), whitespace
  collapsed; ``total_in_words_vnd`` is ``words_to_number`` of it, or None with AMOUNT_UNPARSEABLE
  naming the words that could not be read.
- Items are the outline items under the part naming the sources ("Nguồn kinh phí ...", "Cơ cấu
  nguồn vốn"), each with the amount written on its own line and its sub-items nested, as printed;
  a sources part with no figures gives its items with null amounts. Without a sources part, the
  items under the total, or else the other parts of the budget section that carry amounts, are the
  items; failing those, a breakdown in running text after "trong đó" ("..., trong đó: ngân sách
  tỉnh 300 triệu đồng; xã hội hóa 200 triệu đồng") gives one item per clause with an amount.
- A label is the item's text before its amount, without the joining words ("là", "khoảng", ":");
  an item with no amount keeps its whole text. Where one line names several amounts, the first is
  the item's own.
- A table of sources by year (``budget_tables``) in the budget section or an appendix gives the total
  and the items the text does not print: "(chi tiết tại Phụ lục kèm theo)".
- Amounts in another currency ("150 nghìn USD", "2 triệu EUR") are never read into đồng: an item or
  clause that states one keeps it in its label, with no amount, and a total stated in one is no total
  (unless the đồng it is "tương đương" to follows).
- A figure followed by a money unit that cannot be read ("12.425.00.000 đồng") is AMOUNT_UNPARSEABLE
  and its amount stays null. Per-task budgets are the tasks' ``budget_vnd``; the validators compare
  them with the total. The extractor never checks sums.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import NamedTuple

from kehoach.extractors.budget_tables import BudgetTable, read_budget_table
from kehoach.extractors.grounding import block_span, span
from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.structure import Section, StructuredDocument
from kehoach.extractors.vnnumbers import AmountReading, find_amounts, find_foreign_amounts
from kehoach.extractors.vnwords import words_to_number
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas import Budget, BudgetItem, Finding, Span, Task
from kehoach.schemas.findings import finding

log = logging.getLogger(__name__)

_BUDGET_HEADING = re.compile(
    r"^\W*(?:tổng\s+)?(?:kinh\s+phí|nguồn\s+kinh\s+phí|nguồn\s+vốn|nguồn\s+lực|dự\s+toán|vốn)\b", re.I
)
_SOURCES_HEADING = re.compile(
    r"^\s*(?:các\s+)?(?:nguồn\s+(?:kinh\s+phí|vốn)|cơ\s+cấu\s+(?:nguồn|kinh\s+phí|vốn)|phân\s+bổ)", re.I
)
_TOTAL = re.compile(r"\btổng\s+(?:kinh\s+phí|cộng|dự\s+toán|vốn|số|nhu\s+cầu|nguồn\s+lực)", re.I)
# What the economy is forecast to invest is no plan's budget: "Tổng vốn đầu tư toàn xã hội ...".
_FORECAST = re.compile(r"toàn\s+xã\s+hội|\bGRDP\b|\bGDP\b", re.I)
# A sentence anywhere (a footnote, an appendix) giving what the whole plan will cost: "Tổng nguồn lực
# của ... Kế hoạch hành động này ước tính khoảng 140.000 tỷ đồng".
_PLAN_TOTAL = re.compile(
    r"\btổng\s+(?:kinh\s+phí|nguồn\s+lực|nhu\s+cầu\s+(?:kinh\s+phí|vốn)|dự\s+toán|vốn)\b(?:[^.;]|\.(?=\d)){0,200}?"
    r"\b(?:kế\s+hoạch|chương\s+trình|đề\s+án)\b(?:[^.;]|\.(?=\d)){0,120}",
    re.I,
)
_ONG = re.compile("[ổỔ][nN][gG]")  # a class first (no IGNORECASE): a search skips other letters at once
_EQUIVALENT = re.compile(r"tương\s+đương|quy\s+đổi|khoảng", re.I)
_IN_WORDS = re.compile(r"bằng\s+chữ\s*[:：]?\s*", re.I)
_BREAKDOWN = re.compile(r"\btrong\s+đó\s*[:：,]?\s*", re.I)
_CLAUSE_SPLIT = re.compile(r"[;]|,(?=\s*[^\d\s])")
# A figure followed by a money unit, for spotting the ones find_amounts could not read.
_MONEY_FIGURE = re.compile(
    r"(?<![\w.,])\d[\d.,]*\d\s*(?:đồng|vnđ|vnd|triệu|tỷ|tỉ|nghìn|ngàn|đ)(?!\w)", re.I
)
# The leading lookahead (what the tail can begin with) lets a search pass over other letters at once.
_LABEL_TAIL = re.compile(
    r"(?=[\s:：\-–—=(lkdưtsvg])"
    r"(?:\s|[:：\-–—=(]|\b(?:là|khoảng|dự\s+kiến|ước\s+tính|ước|tổng\s+cộng|tổng\s+số|số\s+tiền|"
    r"kinh\s+phí|với|gồm|trị\s+giá)\b)+$",
    re.I,
)
# What a _LABEL_TAIL match can end with, in either case ("i" matches "İ", "ı"): else no search is tried.
_LABEL_TAIL_ENDS = frozenset(":：-–—=(àÀgGnNhHcCốỐíÍiIİımMáÁ")
_TRAILING_PUNCT = " \t\n;.,:"

DEFAULT_MAX_WORDS_BLOCKS = 2  # paragraphs "Bằng chữ" may run over before its parenthesis closes


class _Line(NamedTuple):
    """A block's text as an item reads it: after its outline marker, with its offset in the layout."""

    block: Block
    start: int  # layout offset of text[0]
    text: str


# --- small pure helpers ---------------------------------------------------------------------------
def _line_of(section: Section) -> _Line | None:
    block = section.block
    if block is None:
        return None
    index = section.marker.rest_start if section.marker else 0
    return _Line(block, block.start + index, block.text[index:])


def _own_lines(section: Section) -> list[_Line]:
    """The section's heading line and the unmarked paragraphs directly under it."""
    lines: list[_Line] = []
    head = _line_of(section)
    if head is not None:
        lines.append(head)
    lines += [_Line(b, b.start, b.text) for b in section.blocks if b.kind != "row"]
    return lines


def _amounts(text: str) -> list[AmountReading]:
    return find_amounts(text)


def _unreadable_figures(text: str, readings: list[AmountReading]) -> list[tuple[int, int]]:
    """Figures followed by a money unit that no reading covers."""
    out: list[tuple[int, int]] = []
    foreign = find_foreign_amounts(text)
    for match in _MONEY_FIGURE.finditer(text):
        covered = [*((r.start, r.end) for r in readings), *((f.start, f.end) for f in foreign)]
        if not any(start < match.end() and match.start() < end for start, end in covered):
            out.append(match.span())
    return out


def _label_before(text: str, end: int) -> str:
    label = collapse_spaces(text[:end])
    tail = label[-1:] in _LABEL_TAIL_ENDS or label[-1:].isspace()
    return (_LABEL_TAIL.sub("", label) if tail else label).strip(_TRAILING_PUNCT)


def _whole_label(text: str) -> str:
    return collapse_spaces(text).strip(_TRAILING_PUNCT)


def _has_amount(section: Section) -> bool:
    if any(_amounts(line.text) for line in _own_lines(section)):
        return True
    return any(_has_amount(child) for child in section.children)


def _contains(section: Section, other: Section) -> bool:
    return section is other or any(_contains(child, other) for child in section.children)


# --- finding the parts ---------------------------------------------------------------------------
def _depth(section: Section) -> int:
    depth = 0
    node = section.parent
    while node is not None:
        depth += 1
        node = node.parent
    return depth


def _budget_section(doc: StructuredDocument) -> Section | None:
    for sections in (doc.body.walk(), [s for a in doc.appendices for s in a.walk()]):
        matches = [s for s in sections if s.marker is not None and _BUDGET_HEADING.match(s.title)]
        if matches:
            shallowest = min(_depth(s) for s in matches)
            return next(s for s in matches if _depth(s) == shallowest)
    return None


def _total_part(budget: Section) -> tuple[Section, _Line, AmountReading] | None:
    """The part stating the total, the line it is on and the amount."""
    for section in [budget, *budget.walk()]:
        lines = _own_lines(section)
        heading_says_total = (
            bool(lines) and section.block is not None and bool(_TOTAL.search(lines[0].text))
            and not _FORECAST.search(lines[0].text)
        )
        for line in lines:
            readings = _amounts(line.text)
            if not readings:
                continue
            if heading_says_total:
                return None if _foreign_first(line.text, 0, readings[0]) else (section, line, readings[0])
            match = _TOTAL.search(line.text)
            if match:
                after = [
                    r for r in readings
                    if r.start >= match.start() and not _FORECAST.search(line.text, match.start(), r.start)
                ]
                if after:
                    if _foreign_first(line.text, match.start(), after[0]):
                        return None
                    return section, line, after[0]
    for line in _own_lines(budget):
        readings = _amounts(line.text)
        if readings:
            return budget, line, readings[0]
    return None


def _foreign_first(text: str, start: int, reading: AmountReading) -> bool:
    """The total is stated in another currency ("Tổng kinh phí: 500.000 USD, trong đó ... đồng"): no
    amount in đồng after it is the total, unless it gives the same sum ("tương đương 11 tỷ đồng")."""
    return any(
        start <= f.start < reading.start and not _EQUIVALENT.search(text, f.end, reading.start)
        for f in find_foreign_amounts(text)
    )


def _sources_part(budget: Section, total: Section | None) -> Section | None:
    candidates = [budget, *budget.walk()]
    for section in candidates:
        if section is total or section.marker is None:
            continue
        if _SOURCES_HEADING.match(section.title) and section.children:
            return section
    return None


# --- reading the parts ---------------------------------------------------------------------------
def _item_of(section: Section, layout: Layout, findings: list[Finding]) -> BudgetItem:
    line = _line_of(section)
    assert line is not None
    readings = _amounts(line.text)
    amount: int | None = None
    if readings:
        amount = readings[0].vnd
        label = _label_before(line.text, readings[0].start)
    else:
        label = _whole_label(line.text)
        carried = _amount_carried_over(section)
        if carried is not None:
            amount = carried.vnd
    for start, end in _unreadable_figures(line.text, readings):
        findings.append(
            finding(
                "AMOUNT_UNPARSEABLE",
                f"budget item {label!r}: the amount {line.text[start:end]!r} cannot be read",
                span(layout, line.start + start, line.start + end),
            )
        )
    if not label:
        label = _whole_label(line.text)
    children = [_item_of(child, layout, findings) for child in section.children]
    return BudgetItem(label=label, amount_vnd=amount, items=children, source=block_span(layout, line.block))


def _amount_carried_over(section: Section) -> AmountReading | None:
    """The amount of a label line that wrapped before it ("...khác:" / "1.250.000.000 đồng.")."""
    follower = next((b for b in section.blocks if b.kind != "row"), None)
    if follower is None:
        return None
    readings = _amounts(follower.text)
    if readings and not follower.text[: readings[0].start].strip(" :：-–"):
        return readings[0]
    return None


def _breakdown_items(line: _Line, layout: Layout) -> list[BudgetItem]:
    """Items from running text after "trong đó": one per clause that names an amount."""
    match = _BREAKDOWN.search(line.text)
    if match is None:
        return []
    items: list[BudgetItem] = []
    pos = match.end()
    tail = line.text[pos:]
    cursor = 0
    for part in _CLAUSE_SPLIT.split(tail) + [""]:
        if not part:
            continue
        offset = tail.find(part, cursor)
        cursor = offset + len(part)
        readings = _amounts(part)
        if not readings:
            if find_foreign_amounts(part):  # kept as printed, currency and all, with no amount in đồng
                start = line.start + pos + offset
                lead = len(part) - len(part.lstrip())
                items.append(BudgetItem(
                    label=_whole_label(part), source=span(layout, start + lead, start + len(part.rstrip(_TRAILING_PUNCT))),
                ))
            continue
        label = _label_before(part, readings[0].start)
        if not label:
            continue
        start = line.start + pos + offset
        lead = len(part) - len(part.lstrip())
        end = start + len(part.rstrip(_TRAILING_PUNCT))
        items.append(
            BudgetItem(label=label, amount_vnd=readings[0].vnd, source=span(layout, start + lead, end))
        )
    return items


def _words_after(line: _Line, layout: Layout) -> tuple[str, int, int] | None:
    """The amount in words after "Bằng chữ" on this line (or running into the next paragraph)."""
    match = _IN_WORDS.search(line.text)
    if match is None:
        return None
    start = line.start + match.end()
    opened = line.text.rfind("(", 0, match.start()) > line.text.rfind(")", 0, match.start())
    text = layout.text
    block_end = line.block.end
    close = text.find(")", start, block_end) if opened else -1
    end = close if close >= 0 else block_end
    if opened and close < 0:
        blocks = layout.blocks
        index = next((i for i, b in enumerate(blocks) if b is line.block), None)
        for follower in blocks[index + 1 : index + DEFAULT_MAX_WORDS_BLOCKS] if index is not None else []:
            close = text.find(")", follower.start, follower.end)
            end = close if close >= 0 else follower.end
            if close >= 0:
                break
    raw = text[start:end]
    stripped = raw.rstrip(" \t\n./;,")
    if not stripped.strip():
        return None
    lead = len(stripped) - len(stripped.lstrip())
    return collapse_spaces(stripped), start + lead, start + len(stripped)


def _words_reading(
    budget: Section, total: tuple[Section, _Line, AmountReading] | None, layout: Layout
) -> tuple[str, int, int] | None:
    parts = [total[0]] if total else []
    parts += [s for s in [budget, *budget.walk()] if not parts or s is not parts[0]]
    for section in parts:
        for line in _own_lines(section):
            found = _words_after(line, layout)
            if found:
                return found
    return None


def _plan_total_sentence(layout: Layout) -> tuple[_Line, AmountReading] | None:
    """The first sentence anywhere that states what the whole plan will cost, with its amount."""
    for block in layout.blocks:
        text = block.text  # "tổng" opens every such sentence: looked for in any case before lowering
        if ("ổ" not in text and "Ổ" not in text) or not _ONG.search(text) or "tổng" not in text.lower():
            continue
        for match in _PLAN_TOTAL.finditer(block.text):
            if _FORECAST.search(match.group()):
                continue
            readings = _amounts(match.group())
            if readings:
                line = _Line(block, block.start, block.text)
                first = readings[0]
                moved = replace(first, start=match.start() + first.start, end=match.start() + first.end)
                return line, moved
    return None


def _budget_table(doc: StructuredDocument, budget_section: Section | None) -> BudgetTable | None:
    """The first table of sources by year in the budget section, else in an appendix."""
    places: list[tuple[list[Section], bool]] = []
    if budget_section is not None:
        places.append(([budget_section, *budget_section.walk()], True))
    places += [([appendix, *appendix.walk()], False) for appendix in doc.appendices]
    for sections, in_section in places:
        for section in sections:
            for table in section.tables:
                read = read_budget_table(doc.layout, table, in_budget_section=in_section)
                if read is not None:
                    return read
    return None


def extract_budget(doc: StructuredDocument, tasks: list[Task]) -> tuple[Budget | None, list[Finding]]:
    """The budget tree as printed in the plan's budget section and its table of sources by year, or
    None when it has neither. The text's total and items come first; the table gives what they lack.

    `tasks` is accepted for the pipeline's signature; per-task budgets stay on the tasks.
    """
    budget_section = _budget_section(doc)
    budget, findings = _budget_from_text(doc, budget_section)
    findings = findings + _foreign_amounts(doc, budget_section)
    table = _budget_table(doc, budget_section)
    if table is None:
        return budget, findings
    findings = findings + table.findings
    if budget is None:
        return Budget(total_vnd=table.total_vnd, items=table.items, source=table.total_source), findings
    if budget.total_vnd is None and table.total_vnd is not None:
        budget.total_vnd, budget.source = table.total_vnd, table.total_source
    if not budget.items:
        budget.items = table.items
    return budget, findings


def _foreign_amounts(doc: StructuredDocument, section: Section | None) -> list[Finding]:
    """One finding for each amount in another currency that the budget section prints."""
    if section is None:
        return []
    found: list[Finding] = []
    for node in [section, *section.walk()]:
        for line in _own_lines(node):
            for amount in find_foreign_amounts(line.text):
                found.append(finding(
                    "AMOUNT_FOREIGN_CURRENCY",
                    f"{amount.text!r} is in {amount.currency}: kept as printed, not converted or added into đồng",
                    span(doc.layout, line.start + amount.start, line.start + amount.end),
                ))
    return found


def _budget_from_text(
    doc: StructuredDocument, budget_section: Section | None
) -> tuple[Budget | None, list[Finding]]:
    layout = doc.layout
    total = _total_part(budget_section) if budget_section is not None else None
    if total is None:
        stated = _plan_total_sentence(layout)
        if stated is not None and (budget_section is None or not _has_amount(budget_section)):
            line, reading = stated
            return Budget(
                total_vnd=reading.vnd,
                source=span(layout, line.start + reading.start, line.start + reading.end),
            ), []
    if budget_section is None:
        return None, []
    findings: list[Finding] = []
    total_vnd = total[2].vnd if total else None
    if total is None:
        for line in _own_lines(budget_section):
            for start, end in _unreadable_figures(line.text, []):
                findings.append(
                    finding(
                        "AMOUNT_UNPARSEABLE",
                        f"the budget total {line.text[start:end]!r} cannot be read",
                        span(layout, line.start + start, line.start + end),
                    )
                )

    words = _words_reading(budget_section, total, layout)
    words_text: str | None = None
    words_vnd: int | None = None
    if words is not None:
        words_text, w_start, w_end = words
        reading = words_to_number(words_text)
        words_vnd = reading.value
        if reading.value is None:
            why = (
                f"unknown words: {', '.join(reading.unknown_words)}"
                if reading.unknown_words
                else (reading.error or "not a number")
            )
            findings.append(
                finding(
                    "AMOUNT_UNPARSEABLE",
                    f"the total in words {words_text!r} cannot be read ({why})",
                    span(layout, w_start, w_end),
                )
            )

    total_section = total[0] if total else None
    items: list[BudgetItem] = []
    sources = _sources_part(budget_section, total_section)
    if sources is not None:
        items = [_item_of(child, layout, findings) for child in sources.children]
    elif total_section is not None and total_section is not budget_section and any(
        _has_amount(c) for c in total_section.children
    ):
        items = [_item_of(c, layout, findings) for c in total_section.children]
    else:
        items = [
            _item_of(c, layout, findings)
            for c in budget_section.children
            if (total_section is None or not _contains(c, total_section)) and _has_amount(c)
        ]
    if not items and total is not None:
        items = _breakdown_items(total[1], layout)

    source: Span | None
    if total is not None:
        line, reading = total[1], total[2]
        source = span(layout, line.start + reading.start, line.start + reading.end)
    else:
        source = block_span(layout, budget_section.block) if budget_section.block else None
    budget = Budget(
        total_vnd=total_vnd, total_in_words=words_text, total_in_words_vnd=words_vnd, items=items,
        source=source,
    )
    log.debug("budget: total %s, %d items", total_vnd, len(items))
    return budget, findings
