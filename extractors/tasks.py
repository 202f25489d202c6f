"""Tasks and the units that lead and coordinate them, from every way plans write them.

How plans write tasks:

1. A task table, in the body or an appendix, its columns known by their header text:
   "TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện"
   "1.1 | Định kỳ rà soát các văn bản ... | Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC) |
   Văn phòng Sở KH&CN; Phòng Kế hoạch - Tài chính | Hàng năm 2021-2030".
   A row with a number and text but no unit or period ("1 | Áp dụng cơ chế, chính sách ...") is a
   group when the rows under it continue it ("1.1", or unnumbered rows); a column-number row
   ("(1) (2) (3)") and a repeated header row are not tasks; a table whose rows are all empty is a
   reporting template, not a task list. A table with a start and an end column ("Thời gian bắt
   đầu | Thời gian hoàn thành") gives each task the period from the one to the other.
2. Numbered prose under the task section ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "Nhiệm vụ trọng tâm",
   "Phân công nhiệm vụ"): "1. Áp dụng cơ chế ..." / "a) Xây dựng kế hoạch ..." / "- ...".
3. Assignment lines under a group: "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp:
   Phòng Quản lý Năng lượng, Văn phòng Sở." ("Lãnh đạo phụ trách: ..." names persons, not units).
4. Sentences: "giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính tổ chức ...".
5. Duties by unit, under "Tổ chức thực hiện": "2. Sở Nông nghiệp và Môi trường" followed by
   "- Chủ trì, phối hợp với Thuế tỉnh, Sở Công Thương ...", or "1. Sở Khoa học và Công nghệ chủ trì
   xây dựng kế hoạch hàng năm ...".

Ids follow the contract: the number as printed ("2.3"); where that number alone repeats in the plan,
it is prefixed by the parent task's id, or for a top-level task by the number of the outline
section holding it ("II.1", "II.1.a") or "PL<n>" for an appendix ("PL.3"); an unnumbered item is
"<parent id>#<position>" ("4#1"). Numbers that still repeat after that are real duplicates, left for
the DUPLICATE_TASK_ID validator.

This module emits UNDEFINED_ABBREVIATION (only it knows what the plan defined) and
AMOUNT_UNPARSEABLE for a budget cell it cannot read.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from extractors.grounding import span
from extractors.layout import Block, Cell
from extractors.reference import per_reference
from extractors.structure import Section, StructuredDocument, Table
from extractors.units import (
    DEFAULT_AGENCY_HEADS,
    UnitMention,
    UnitTable,
    find_abbreviation_definitions,
    find_unit_mentions,
    split_unit_list,
    starts_unit,
)
from extractors.vntext import collapse_spaces, comparison_key
from schemas import Finding, Period, Task, Unit
from schemas.findings import finding

if TYPE_CHECKING:
    from extractors.reference import ReferenceData

logger = logging.getLogger(__name__)

# Column roles by header text (comparison keys), tried in this order.
DEFAULT_COLUMN_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^(?:s?tt|số tt|số thứ tự)\.?$")),
    ("period_start", re.compile(r"bắt đầu")),
    ("period", re.compile(r"thời gian|tiến độ|thời hạn|hoàn thành|kết thúc")),
    ("coordinating", re.compile(r"phối hợp")),
    ("person", re.compile(r"người (?:thực hiện|phụ trách)|cán bộ (?:thực hiện|phụ trách)")),
    ("lead", re.compile(r"chủ trì|(?:cơ quan|đơn vị|bộ phận) (?:thực hiện|phụ trách|thường trực)|phụ trách")),
    ("budget", re.compile(r"kinh phí|dự toán|tổng mức|nguồn vốn")),
    ("product", re.compile(r"sản phẩm|kết quả")),
    ("notes", re.compile(r"ghi chú")),
    ("content", re.compile(r"nội dung|nhiệm vụ|công việc|hoạt động|giải pháp")),
)
_UNIT_COLUMNS = ("lead", "person", "coordinating")

_TASK_HEADING = re.compile(
    r"\bnhiệm vụ\b|^nội dung (?:thực hiện|chủ yếu|trọng tâm|cụ thể|nhiệm vụ|kế hoạch|công việc)|^phân công"
)
_NOT_TASK_HEADING = re.compile(r"^(?:mục tiêu|mục đích|yêu cầu|kinh phí|chế độ báo cáo|phạm vi|đối tượng)")
_ORG_HEADING = re.compile(r"^tổ chức thực hiện|trách nhiệm (?:của|thực hiện)|^phân công trách nhiệm")
_OUTLINE_APPENDIX = re.compile(r"đề cương|\bmẫu\b|\bbiểu\b")
_APPENDIX_LABEL = re.compile(r"ph[ụu]\s*l[ụu]c\s*(?:số\s*)?(?P<num>[0-9]+|[IVXLC]+\b)?", re.I)

_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[(;.\-–]\s)|(?<=[(;.]))\s*"
    r"(?P<label>(?:đơn vị|cơ quan|bộ phận)\s+(?:chủ trì|phối hợp|thực hiện|thường trực|phụ trách)"
    r"|chủ trì|phối hợp|lãnh đạo phụ trách|người (?:thực hiện|phụ trách)|phụ trách)\s*:\s*",
    re.I,
)
_LEAD_VERB = re.compile(
    r"[\s,]*(?:chủ trì|có trách nhiệm|chịu trách nhiệm|là đầu mối|là cơ quan (?:thường trực|đầu mối|chủ trì))",
    re.I,
)
_GIVE = re.compile(r"\b(?:giao|đề nghị|yêu cầu)\s+$", re.I)
_WITH = re.compile(r"phối hợp\s+(?:chặt chẽ\s+)?(?:với|cùng)\s+$", re.I)
_VERB_WINDOW = 60
_DIGIT = re.compile(r"\d")
_RUN_GAP = re.compile(r"^\s*(?:[,;]|và|cùng|,\s*và)?\s*$")
_PERSON_WORDS = re.compile(
    r"\b(?:giám đốc|phó giám đốc|thủ trưởng|chủ tịch|phó chủ tịch|trưởng|người đứng đầu|lãnh đạo)\b", re.I
)
_PERIOD_IN_TEXT = (
    re.compile(r"thời (?:gian|hạn)(?: thực hiện| hoàn thành)?\s*:\s*(?P<p>[^;.]+)", re.I),
    re.compile(
        r"(?P<p>(?:hoàn thành\s+)?(?:trước|chậm nhất|trong)\s+(?:ngày\s+\d{1,2}/\d{1,2}/\d{4}"
        r"|tháng\s+\d{1,2}/\d{4}|quý\s+[IVX]+/\d{4}|năm\s+\d{4}))",
        re.I,
    ),
    re.compile(r"(?P<p>(?:hàng|hằng)\s+năm\s+(?:giai đoạn\s+)?\d{4}\s*[-–]\s*\d{4})", re.I),
    re.compile(r"(?P<p>từ\s+năm\s+\d{4}\s+đến\s+(?:năm\s+)?\d{4})", re.I),
    re.compile(r"(?P<p>quý\s+[IVX]+/\d{4})", re.I),
)
_NUMBER_CELL = re.compile(r"^\s*(?P<num>[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[.)]?\s*$")
_ROMAN = re.compile(r"^[IVXLC]+$")


# --- drafts -------------------------------------------------------------------------------------

@dataclass
class _Draft:
    number: str | None
    kind: str
    title: str
    start: int  # where it sits in the layout text, for ordering and its span
    end: int
    parent: _Draft | None = None
    context: list[str] = field(default_factory=list)  # outline numbers above it (for id prefixes)
    leads: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    period: Period | None = None
    budget_vnd: int | None = None
    id: str = ""

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1


@dataclass
class _Context:
    doc: StructuredDocument
    units: UnitTable
    parse_period: Any
    findings: list[Finding] = field(default_factory=list)
    drafts: list[_Draft] = field(default_factory=list)
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


def _add_unique(names: list[str], name: str) -> None:
    if name and name not in names:
        names.append(name)


def _period(ctx: _Context, text: str) -> Period | None:
    text = collapse_spaces(text)
    if not text:
        return None
    result: Period | None = ctx.parse_period(text)
    return result


def _period_between(ctx: _Context, start: str, end: str) -> Period | None:
    """The period of a row with a start and an end column ("Thời gian bắt đầu | Thời gian hoàn
    thành"): from the one to the other, read as "từ <start> đến <end>"; its text is both cells."""
    start, end = collapse_spaces(start), collapse_spaces(end)
    period = _period(ctx, " ".join(p for p in (start and f"từ {start}", end and f"đến {end}") if p))
    return period.model_copy(update={"text": " - ".join(p for p in (start, end) if p)}) if period else None


def _period_in_text(ctx: _Context, text: str) -> Period | None:
    if not _DIGIT.search(text) and "thời" not in text.lower():
        return None  # every pattern wants a year or "thời gian/hạn"
    for pattern in _PERIOD_IN_TEXT:
        match = pattern.search(text)
        if match:
            found = _period(ctx, match.group("p").strip(" ,"))
            if found is not None:
                return found
    return None


# --- tables -------------------------------------------------------------------------------------

def _column_roles(row: Block) -> dict[str, int]:
    roles: dict[str, int] = {}
    for cell in row.cells:
        key = comparison_key(cell.text)
        if not key:
            continue
        for role, pattern in DEFAULT_COLUMN_RULES:
            if pattern.search(key):
                roles.setdefault(role, cell.column)
                break
    if "period_start" in roles and "period" not in roles:
        roles["period"] = roles.pop("period_start")  # a start column alone is the period column
    return roles


def _is_task_header(roles: Mapping[str, int]) -> bool:
    return "content" in roles and any(r in roles for r in ("lead", "person", "coordinating", "period"))


def _cell(row: Block, column: int | None) -> Cell | None:
    if column is None:
        return None
    for cell in row.cells:
        if cell.column == column:
            return cell
    return None


def _cell_text(row: Block, column: int | None) -> str:
    cell = _cell(row, column)
    return cell.text.strip() if cell is not None else ""


def _number_of(text: str) -> str | None:
    match = _NUMBER_CELL.match(text)
    return match.group("num") if match else None


def _number_rank(number: str) -> float:
    if _ROMAN.match(number):
        return 1
    if number[0].isdigit():
        return 2 + number.count(".") * 0.1
    return 4


def _extends(child: str | None, parent: str) -> bool:
    return child is not None and child.startswith(parent + ".")


def _table_context(doc: StructuredDocument, table: Table) -> list[str]:
    for root, label in [(doc.body, None)] + [(a, _appendix_label(a)) for a in doc.appendices]:
        for section in [root] + root.walk():
            if table in section.tables:
                chain = _section_chain(section)
                return ([label] if label else []) + chain
    return []


def _section_chain(section: Section | None) -> list[str]:
    chain: list[str] = []
    while section is not None:
        if section.marker is not None:
            chain.append(section.marker.number)
        section = section.parent
    return list(reversed(chain))


def _appendix_label(appendix: Section) -> str:
    match = _APPENDIX_LABEL.search(appendix.block.text if appendix.block else "")
    return "PL" + (match.group("num") or "" if match else "")


def _data_rows(table: Table) -> tuple[dict[str, int], Block, list[Block]] | None:
    for i, row in enumerate(table.rows[:3]):
        roles = _column_roles(row)
        if _is_task_header(roles):
            return roles, row, table.rows[i + 1 :]
    return None


def _extract_table(ctx: _Context, table: Table) -> None:
    found = _data_rows(table)
    if found is None:
        logger.debug("table %d has no task header (content and unit or period columns)", table.index)
        return
    roles, header, rows = found
    context = _table_context(ctx.doc, table)
    budget_unit = _cell_text(header, roles.get("budget")) or None
    # Rows cut by page breaks, repeated header rows and column-number rows were seen to by normalization.
    kept = [
        row for row in rows
        if row.style != "layout" and any(c.text.strip() for c in row.cells)
    ]
    numbers = [_number_of(_cell_text(r, roles.get("number"))) for r in kept]
    groups: list[_Draft] = []
    for index, row in enumerate(kept):
        content_cell = _cell(row, roles["content"])
        if content_cell is None or not content_cell.text.strip():
            continue
        number = numbers[index]
        texts = {role: _cell_text(row, roles.get(role)).strip() for role in roles}
        title = collapse_spaces(texts["content"])
        others = [
            texts[r] for r in ("lead", "person", "coordinating", "period_start", "period", "budget", "product")
            if r in roles
        ]
        next_number = numbers[index + 1] if index + 1 < len(numbers) else None
        spans_row = content_cell.colspan > 1 or len([c for c in row.cells if c.text.strip()]) == 1 and len(row.cells) <= 2
        is_group = number is not None and not any(others) and (
            _ROMAN.match(number) is not None or _extends(next_number, number) or spans_row
            or (index + 1 < len(kept) and next_number is None)
        )
        while groups and number is not None and is_group and _number_rank(groups[-1].number or "") >= _number_rank(number):
            groups.pop()
        if not is_group and number is not None:
            while groups and not (_extends(number, groups[-1].number or "") or _number_rank(groups[-1].number or "") < _number_rank(number)):
                groups.pop()
        parent = groups[-1] if groups else None
        draft = _Draft(
            number=number, kind="group" if is_group else "task", title=title,
            start=content_cell.start, end=content_cell.end, parent=parent, context=context,
        )
        for role, target in (("lead", draft.leads), ("person", draft.leads), ("coordinating", draft.coordinating)):
            column = roles.get(role)
            cells = [c for c in [_cell(row, column)] if c is not None]
            if role == "lead" and any(":" in c.text and _LABEL.search(c.text) for c in cells):
                for c in cells:  # "Chủ trì: X. Phối hợp: Y; Z" in one cell
                    _apply_labels(ctx, draft, c.text, c.start)
                continue
            for text, start, end in _cell_units(ctx, cells, persons=role == "person"):
                name = collapse_spaces(text) if role == "person" else ctx.unit(text, start, end)
                _add_unique(target, name)
        if "period_start" in roles:
            draft.period = _period_between(ctx, texts["period_start"], texts["period"])
        elif "period" in roles:
            draft.period = _period(ctx, texts["period"])
        if "budget" in roles and texts["budget"]:
            draft.budget_vnd = _budget(ctx, texts["budget"], budget_unit, content_cell)
        ctx.drafts.append(draft)
        if is_group:
            groups.append(draft)


def _cell_units(ctx: _Context, cells: list[Cell], *, persons: bool) -> list[tuple[str, int, int]]:
    """The units (or persons) of a lead or partner cell, with their offsets; a row cut by a page
    break continues its last unit in the next part unless a new unit begins there."""
    found: list[tuple[str, int, int]] = []
    for index, cell in enumerate(cells):
        pieces = split_unit_list(
            cell.text, ctx.units.heads, ctx.units.abbreviations, hard_newlines=persons
        )
        for n, (s, e) in enumerate(pieces):
            text = cell.text[s:e]
            if index and n == 0 and found and not starts_unit(text, ctx.units.heads, ctx.units.abbreviations):
                previous, p_start, p_end = found[-1]
                found[-1] = (f"{previous} {text}", p_start, p_end)
                continue
            found.append((text, cell.start + s, cell.start + e))
    return found


def _budget(ctx: _Context, text: str, unit: str | None, cell: Cell) -> int | None:
    from extractors.vnnumbers import parse_amount, unit_multiplier

    try:
        default = unit if unit and unit_multiplier(unit) else None
        return parse_amount(text, default_unit=default).vnd
    except (ValueError, ArithmeticError) as exc:
        ctx.findings.append(finding(
            "AMOUNT_UNPARSEABLE", f"the budget cell {text!r} could not be read as an amount ({exc})",
            span(ctx.doc.layout, cell.start, cell.end),
        ))
        return None


# --- prose --------------------------------------------------------------------------------------

def _heading_key(section: Section) -> str:
    return comparison_key(section.title).strip(" :.")


def _is_task_section(section: Section) -> bool:
    key = _heading_key(section)
    return bool(_TASK_HEADING.search(key)) and not _NOT_TASK_HEADING.match(key) and not _ORG_HEADING.search(key)


def _is_org_section(section: Section) -> bool:
    return bool(_ORG_HEADING.search(_heading_key(section)))


def _labelled_segments(text: str) -> list[tuple[str, int, int]]:
    """("lead"|"coordinating"|"ignore", start, end) for each "Label: units" segment of a line."""
    if ":" not in text:
        return []  # every label ends in a colon
    matches = list(_LABEL.finditer(text))
    out = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        label = match.group("label").lower()
        if "phối hợp" in label:
            role = "coordinating"
        elif label.startswith(("lãnh đạo", "người")):
            role = "ignore"
        else:
            role = "lead"
        out.append((role, match.end(), end))
    return out


def _is_assignment_line(text: str) -> bool:
    match = _LABEL.match(text) if ":" in text else None
    return match is not None and match.start() == 0


def _apply_labels(ctx: _Context, draft: _Draft, text: str, offset: int) -> bool:
    found = False
    for role, start, end in _labelled_segments(text):
        found = True
        if role == "ignore":
            continue
        target = draft.leads if role == "lead" else draft.coordinating
        for s, e in split_unit_list(text[start:end], ctx.units.heads, ctx.units.abbreviations):
            _add_unique(target, ctx.unit(text[start + s : start + e], offset + start + s, offset + start + e))
    return found


def _runs(text: str, mentions: list[UnitMention]) -> list[list[UnitMention]]:
    """Mentions grouped into lists joined only by separators ("X, Y và Z")."""
    runs: list[list[UnitMention]] = []
    for mention in mentions:
        if runs and _RUN_GAP.match(text[runs[-1][-1].end : mention.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


def _apply_sentence(
    ctx: _Context, draft: _Draft, text: str, offset: int, *, subject_leads: bool, leads: bool = True
) -> None:
    """Leads and partners named in a sentence: "giao X chủ trì, phối hợp với Y và Z ...",
    "X chủ trì ...", "X có trách nhiệm ..."; with `subject_leads` a unit opening the text leads."""
    mentions = find_unit_mentions(text, ctx.units.heads)
    if not mentions:
        return
    for run in _runs(text, mentions):
        start = run[0].start
        window = max(0, start - _VERB_WINDOW)  # the verbs sit just before the units they govern
        if _WITH.search(text, window, start):
            target = draft.coordinating
        elif leads and (
            _GIVE.search(text, window, start) or _LEAD_VERB.match(text, run[-1].end)
            or (subject_leads and not text[:start].strip())
        ):
            target = draft.leads
        else:
            continue
        for m in run:
            _add_unique(target, ctx.unit(m.text, offset + m.start, offset + m.end))


def _unit_heading(text: str, heads: tuple[str, ...]) -> tuple[str, list[UnitMention]] | None:
    """A heading that names units only ("Sở Công Thương", "Phòng Quản lý Công nghiệp: ..."):
    the part before ":" and its mentions."""
    head = text.split(":", 1)[0] if ":" in text else text
    if len(head) > 200 or (":" not in text and head.rstrip().endswith(".")):
        return None
    mentions = find_unit_mentions(head, heads)
    if not mentions or mentions[0].start > 40:
        return None
    rest = head
    for m in reversed(mentions):
        rest = rest[: m.start] + " " + rest[m.end :]
    rest = _PERSON_WORDS.sub(" ", rest)
    leftover = [w for w in re.split(r"[\s,;.]+", rest) if w and w.lower() not in {"và", "các", "tỉnh"}]
    return (head, mentions) if not leftover else None


def _prose_items(
    ctx: _Context, section: Section, parent: _Draft | None, context: list[str], *, org: bool,
    under_unit: bool = False,
) -> None:
    """The items under a task or organisation section (or under a group) as groups and tasks."""
    heads = ctx.units.heads
    items = [c for c in section.children if not _is_assignment_line(c.title)]
    level_groups = any(
        [c for c in child.children if not _is_assignment_line(c.title)] for child in items
    ) and not org
    for child in items:
        block = child.block
        assert block is not None
        text = child.title
        offset = block.start + block.text.find(text) if text in block.text else block.start
        sub_items = [c for c in child.children if not _is_assignment_line(c.title)]
        heading = _unit_heading(text, heads) if (org or parent is None or parent.leads == []) else None
        paragraphs = [b for b in child.blocks if b.kind != "row" and not _is_assignment_line(b.text)]
        is_unit_heading = heading is not None and bool(sub_items or paragraphs or ":" in text)
        if org and not is_unit_heading:
            # In "Tổ chức thực hiện", only items that assign work to a unit are tasks.
            probe = _Draft(child.number, "task", "", 0, 0)
            _apply_sentence(_probe_context(ctx), probe, text, 0, subject_leads=True)
            if not probe.leads and not sub_items:
                continue
        is_group = bool(sub_items) or (level_groups and parent is None and bool(paragraphs)) or bool(
            is_unit_heading and paragraphs
        )
        draft = _Draft(
            number=child.number if child.marker and child.marker.style not in ("dash", "plus", "star") else None,
            kind="group" if is_group else "task", title=collapse_spaces(text),
            start=block.start, end=block.end, parent=parent, context=context,
        )
        if is_unit_heading and heading is not None:
            for m in heading[1]:
                _add_unique(draft.leads, ctx.unit(m.text, offset + m.start, offset + m.end))
            if ":" in text:
                colon = text.index(":") + 1
                _apply_sentence(ctx, draft, text[colon:], offset + colon, subject_leads=False)
        elif not _apply_labels(ctx, draft, text, offset):
            # Under a unit heading the heading's unit leads; the duty's text can only add partners.
            _apply_sentence(ctx, draft, text, offset, subject_leads=True, leads=not under_unit)
        lines = [b for b in child.blocks if _is_assignment_line(b.text)]
        lines += [c.block for c in child.children if c.block is not None and _is_assignment_line(c.title)]
        owner = draft
        if lines and not sub_items and parent is not None and child is items[-1] and not any(
            _is_assignment_line(b.text) for other in items[:-1] for b in other.blocks
        ):
            owner = parent  # lines closing the last item, and only it, close the whole group
        for line in lines:
            _apply_labels(ctx, owner, line.text, line.start)
        draft.period = _period_in_text(ctx, text)
        ctx.drafts.append(draft)
        if is_group:
            _prose_items(ctx, child, draft, context, org=False, under_unit=bool(is_unit_heading))
            if not sub_items:
                for paragraph in paragraphs:
                    task = _Draft(
                        number=None, kind="task", title=collapse_spaces(paragraph.text),
                        start=paragraph.start, end=paragraph.end, parent=draft, context=context,
                    )
                    _apply_sentence(
                        ctx, task, paragraph.text, paragraph.start, subject_leads=True, leads=not is_unit_heading
                    )
                    task.period = _period_in_text(ctx, paragraph.text)
                    ctx.drafts.append(task)


def _probe_context(ctx: _Context) -> _Context:
    """A context whose unit table records nothing: for testing whether a text assigns work."""
    probe = UnitTable(heads=ctx.units.heads)
    probe.defined, probe.known = ctx.units.defined, ctx.units.known
    return _Context(doc=ctx.doc, units=probe, parse_period=ctx.parse_period)


def _walk(ctx: _Context, section: Section, context: list[str]) -> None:
    for child in section.children:
        if child.marker is None or child.marker.style in ("dash", "plus", "star"):
            continue
        inner = context + [child.marker.number]
        if _is_task_section(child):
            _prose_items(ctx, child, None, inner, org=False)
        elif _is_org_section(child):
            _prose_items(ctx, child, None, inner, org=True)
        elif not _NOT_TASK_HEADING.match(_heading_key(child)):
            _walk(ctx, child, inner)


def _is_outline_appendix(appendix: Section) -> bool:
    texts = [appendix.block.text if appendix.block else ""] + [b.text for b in appendix.blocks[:2]]
    return any(_OUTLINE_APPENDIX.search(comparison_key(t)) for t in texts)


# --- ids ----------------------------------------------------------------------------------------

def _siblings_key(draft: _Draft) -> tuple[int, str]:
    return (id(draft.parent), "/".join(draft.context)) if draft.parent is None else (id(draft.parent), "")


def _assign_ids(drafts: list[_Draft]) -> None:
    """Numbers as printed; where a number repeats in the plan, it and its siblings are prefixed
    (so one level reads alike: "II.1" ... "II.7"); unnumbered items are "<parent>#<n>"."""
    counts = Counter(d.number for d in drafts if d.number is not None)
    clashing = {_siblings_key(d) for d in drafts if d.number is not None and counts[d.number] > 1}
    unnumbered: Counter[str] = Counter()
    for draft in sorted(drafts, key=lambda d: (d.depth, d.start)):
        parent = draft.parent
        prefix = parent.id if parent is not None else ".".join(draft.context[-1:])
        if draft.number is None:
            unnumbered[prefix] += 1
            draft.id = f"{prefix}#{unnumbered[prefix]}"
        elif _siblings_key(draft) not in clashing or not prefix:
            draft.id = draft.number
        elif parent is not None and parent.number and _extends(draft.number, parent.number):
            stem = parent.id[: len(parent.id) - len(parent.number)]
            draft.id = stem + draft.number if stem else (
                f"{draft.context[-1]}.{draft.number}" if draft.context else draft.number
            )
        else:
            draft.id = f"{prefix}.{draft.number}"


def _inherit(drafts: list[_Draft]) -> None:
    """A group's units stand for its tasks that name none of their own."""
    for draft in sorted(drafts, key=lambda d: d.depth):
        parent = draft.parent
        if parent is None:
            continue
        if not draft.leads and parent.leads:
            draft.leads = list(parent.leads)
            if not draft.coordinating:
                draft.coordinating = list(parent.coordinating)


# --- entry point --------------------------------------------------------------------------------

@per_reference
def _known_abbreviations(reference: ReferenceData | Any) -> dict[str, str]:
    """Common official abbreviations from the reference bundle: abbreviation (and its variants) ->
    expansion; "" for an ambiguous one (known, so not flagged, but not spelled out)."""
    known: dict[str, str] = {}
    for item in getattr(reference, "abbreviations", None) or []:
        if isinstance(item, str):
            continue
        expansions = list(getattr(item, "expansions", None) or [])
        full = expansions[0] if len(expansions) == 1 else ""
        for short in [item.abbreviation, *getattr(item, "variants", [])]:
            known.setdefault(str(short), full)
    return known


def _agency_heads(reference: Any) -> tuple[str, ...]:
    heads = getattr(reference, "agency_heads", None)
    return tuple(heads) if heads else DEFAULT_AGENCY_HEADS


def extract_tasks(
    doc: StructuredDocument, reference: ReferenceData
) -> tuple[list[Task], list[Unit], list[Finding]]:
    """Tasks (groups and tasks) with their units and periods, the plan's units, and findings."""
    from extractors.periods import parse_period

    layout = doc.layout
    heads = _agency_heads(reference)
    definitions = []
    for block in layout.body():
        texts = [(c.text, c.start) for c in block.cells] if block.kind == "row" else [(block.text, block.start)]
        for text, offset in texts:
            for d in find_abbreviation_definitions(text, heads):
                d.start += offset
                d.end += offset
                definitions.append(d)
    units = UnitTable(definitions, _known_abbreviations(reference), heads)
    ctx = _Context(doc=doc, units=units, parse_period=parse_period)

    for table in doc.tables:
        _extract_table(ctx, table)
    _walk(ctx, doc.body, [])
    for appendix in doc.appendices:
        if not _is_outline_appendix(appendix):
            _walk(ctx, appendix, [_appendix_label(appendix)])

    drafts = sorted(ctx.drafts, key=lambda d: d.start)
    _inherit(drafts)
    _assign_ids(drafts)
    for d in definitions:
        units.define(d)
    tasks = [
        Task(
            id=d.id, number=d.number, parent_id=d.parent.id if d.parent else None, kind=d.kind,  # type: ignore[arg-type]
            title=d.title, lead_units=d.leads, coordinating_units=d.coordinating, period=d.period,
            budget_vnd=d.budget_vnd, source=span(layout, d.start, d.end),
        )
        for d in drafts
    ]
    unit_list = [
        Unit(
            name=e.name, abbreviations=e.abbreviations, mentions=e.mentions,
            source=span(layout, *e.first) if e.first else None,
        )
        for e in (units.entries[k] for k in units.order)
    ]
    return tasks, unit_list, ctx.findings
