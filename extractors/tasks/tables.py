"""Tasks from task tables: columns known by their header text, group rows, unit and budget cells."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from kehoach.extractors.budget_tables import is_budget_table
from kehoach.extractors.grounding import span
from kehoach.extractors.layout import Block, Cell
from kehoach.extractors.outline import is_roman, number_cell, number_rank, parse_marker, roman_value
from kehoach.extractors.structure import Section, Table
from kehoach.extractors.tasks.drafts import (
    Context,
    Draft,
    period_between,
    read_period,
)
from kehoach.extractors.tasks.labels import LABEL, apply_labels
from kehoach.extractors.tasks.references import refers_elsewhere
from kehoach.extractors.units import distributed_places, split_unit_list, starts_unit
from kehoach.extractors.vntext import collapse_spaces, comparison_key
from kehoach.schemas.findings import finding

logger = logging.getLogger(__name__)
# Column roles by header text (comparison keys), tried in this order.
DEFAULT_COLUMN_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^(?:s?tt|số tt|số thứ tự)\.?$")),
    ("period_start", re.compile(r"bắt đầu")),
    ("period", re.compile(r"thời gian|tiến độ|thời hạn|hoàn thành|kết thúc")),
    ("coordinating", re.compile(r"phối hợp")),
    ("person", re.compile(r"người (?:thực hiện|phụ trách)|cán bộ (?:thực hiện|phụ trách)")),
    ("lead", re.compile(
        r"chủ trì|(?:cơ quan|đơn vị|bộ phận) (?:thực hiện|phụ trách|thường trực|soạn thảo)|phụ trách"
        r"|trách nhiệm (?:thực hiện|chính)"
    )),
    ("budget", re.compile(r"kinh phí|dự toán|tổng mức|nguồn vốn")),
    ("product", re.compile(r"sản phẩm|kết quả")),
    ("notes", re.compile(r"ghi chú")),
    # "Thuộc nhóm nhiệm vụ, hành động": the group a row's tasks belong to, beside their content.
    ("category", re.compile(r"^(?:thuộc )?nhóm (?:nhiệm vụ|giải pháp|hoạt động)")),
    # A plan of texts to draft lists them by name: "Tên văn bản", "Tên đề án".
    ("content", re.compile(r"nội dung|nhiệm vụ|công việc|hoạt động|giải pháp|^tên (?:văn bản|đề án|dự án)")),
)
# "A. | BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG": a row that opens the part of the table given to one body.
_LETTER_NUMBER = re.compile(r"^\s*(?P<num>[A-ZĐ])\s*[.)]?\s*$")
_TOTAL_ROW = re.compile(r"^\s*(?:tổng cộng|tổng số|tổng|cộng)\s*[:.]?\s*$", re.I)
_LEADERSHIP = re.compile(r"(?:đại diện\s+)?lãnh đạo\s+", re.I)
_CLOCK = re.compile(r"^\s*(?:từ\s+)?\d{1,2}\s*(?:h|giờ|:)\s*\d{0,2}", re.I)
_DATE_WORDS = re.compile(r"\d{1,2}/\d{1,2}|ngày|tháng|năm|quý", re.I)
APPENDIX_PREFIX = "PL"
_APPENDIX_LABEL = re.compile(r"ph[ụu]\s*l[ụu]c\s*(?:số\s*)?(?P<num>[0-9]+|[IVXLC]+\b)?", re.I)


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


def _columns(row: Block) -> dict[int, Cell]:
    """The row's cells by the column they start in (the first one where two start in the same)."""
    out: dict[int, Cell] = {}
    for cell in row.cells:
        out.setdefault(cell.column, cell)
    return out


def _text(columns: Mapping[int, Cell], column: int | None) -> str:
    cell = columns.get(column) if column is not None else None
    return cell.text.strip() if cell is not None else ""


def _cells_at(columns: Mapping[int, Cell], roles: dict[str, int], names: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the cells of `names` are printed, from the first to the last (None: a cell is missing or
    continues from the row before a page break)."""
    cells = [columns.get(roles[name]) if name in roles else None for name in names]
    if any(c is None or c.continued for c in cells):
        return None
    located = [c for c in cells if c is not None]
    return min(c.start for c in located), max(c.end for c in located)


def _group_across(row: Block, column: int) -> Cell | None:
    """A cell across the table from a column before the content one, opening with a Roman number:
    a group row whose number cell was merged into its title ("I. Văn bản thuộc thẩm quyền ...")."""
    cell = next((c for c in row.cells if c.column < column < c.column + c.colspan), None)
    marker = parse_marker(cell.text) if cell is not None else None
    return cell if marker is not None and marker.style == "roman" else None


def _cell_text(row: Block, column: int | None) -> str:
    cell = _cell(row, column)
    return cell.text.strip() if cell is not None else ""


def extends(child: str | None, parent: str) -> bool:
    return child is not None and child.startswith(parent + ".")


def _table_context(ctx: Context, table: Table) -> list[str]:
    """The outline numbers above a table (its appendix's label first), from the first section holding it."""
    if ctx.table_contexts is None:
        doc = ctx.doc
        ctx.table_contexts = {}
        for root, label in [(doc.body, None)] + [(a, appendix_label(a)) for a in doc.appendices]:
            for section in [root] + root.walk():
                for held in section.tables:
                    if held.index not in ctx.table_contexts:
                        ctx.table_contexts[held.index] = ([label] if label else []) + _section_chain(section)
    return list(ctx.table_contexts.get(table.index, []))


def _section_chain(section: Section | None) -> list[str]:
    chain: list[str] = []
    while section is not None:
        if section.marker is not None:
            chain.append(section.marker.number)
        section = section.parent
    return list(reversed(chain))


def appendix_label(appendix: Section) -> str:
    """"PL", "PL2" ...; "" for the plan a decision issues, printed after the decision's signature
    under its own title and outline ("KẾ HOẠCH / Triển khai ... / I. MỤC TIÊU ..."), not as a
    "PHỤ LỤC": its items are numbered as a body's."""
    match = _APPENDIX_LABEL.search(appendix.block.text if appendix.block else "")
    if match is None and is_carried_document(appendix):
        return ""
    number = (match.group("num") or "") if match else ""
    if is_roman(number.upper()):
        number = str(_roman_value(number.upper()))  # "PHỤ LỤC II" -> "PL2"
    return APPENDIX_PREFIX + number


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for char, following in zip(numeral, numeral[1:] + " "):
        value = values[char]
        total += -value if following != " " and values[following] > value else value
    return total


def is_carried_document(appendix: Section) -> bool:
    heading = appendix.block.text if appendix.block else ""
    if _APPENDIX_LABEL.match(heading.strip()):
        return False
    return any(c.marker is not None and c.marker.style == "roman" for c in appendix.children)


def _data_rows(table: Table) -> tuple[dict[str, int], Block, list[Block]] | None:
    for i, row in enumerate(table.rows[:3]):
        roles = _column_roles(row)
        if _is_task_header(roles):
            return roles, row, table.rows[i + 1 :]
    return None


def _row_numbers(rows: list[Block], columns: list[dict[int, Cell]], roles: Mapping[str, int]) -> list[str | None]:
    """Each row's number: its number cell's, or that of a group row across the table when it is the
    next Roman number ("I", then "II"; a letter "C" after part "B" is a letter, not a hundred)."""
    numbers: list[str | None] = []
    last_roman = 0
    last_letter = ""
    for row, by_column in zip(rows, columns):
        number_text = _text(by_column, roles.get("number"))
        number = number_cell(number_text)
        cell = _group_across(row, roles["content"]) if number is None else None
        if cell is not None:
            marker = parse_marker(cell.text)
            assert marker is not None
            follows_letter = len(marker.number) == 1 and ord(marker.number) == ord(last_letter or "\0") + 1
            if not follows_letter and roman_value(marker.number) == last_roman + 1:
                number = marker.number
                last_roman += 1
        letter = _LETTER_NUMBER.match(number_text)
        if letter is not None:
            last_letter = letter.group("num")
        numbers.append(number)
    return numbers


def extract_table(ctx: Context, table: Table) -> list[Draft]:
    """The table's tasks (also appended to the context's drafts)."""
    before = len(ctx.drafts)
    _read_table(ctx, table)
    return ctx.drafts[before:]


def _read_table(ctx: Context, table: Table) -> None:
    found = _data_rows(table)
    if found is None:
        logger.debug("table %d has no task header (content and unit or period columns)", table.index)
        return
    roles, header, rows = found
    if not any(r in roles for r in ("lead", "person", "coordinating")) and is_budget_table(table):
        logger.debug("table %d holds amounts by year (sources or contents per row), no tasks", table.index)
        return
    if _is_agenda(rows, roles):
        logger.debug("table %d is an agenda (times of day, no dates): who chairs, not who leads", table.index)
        return
    context = _table_context(ctx, table)
    budget_unit = _cell_text(header, roles.get("budget")) or None
    # Rows cut by page breaks, repeated header rows and column-number rows were seen to by normalization.
    kept = [
        row for row in rows
        if row.style != "layout" and any(c.text.strip() for c in row.cells)
    ]
    columns = [_columns(row) for row in kept]
    numbers = _row_numbers(kept, columns, roles)
    groups: list[Draft] = []
    part: Draft | None = None  # the lettered part the rows sit in
    category: Draft | None = None  # the group of a numbered row whose content runs over several rows

    def continues(i: int) -> bool:
        """A row that only carries on the content of the numbered row above it."""
        return i < len(kept) and numbers[i] is None and not any(
            _text(columns[i], roles.get(r)) for r in ("lead", "coordinating", "category")
        ) and bool(_text(columns[i], roles["content"]))

    for index, row in enumerate(kept):
        by_column = columns[index]
        content_cell = by_column.get(roles["content"])
        if content_cell is None and numbers[index] is not None:
            content_cell = _group_across(row, roles["content"])
        letter = _letter_part(ctx, row, by_column, roles, context)
        if letter is not None:
            groups.clear()
            part, category = letter, None
            continue
        if content_cell is None or not content_cell.text.strip() or content_cell.continued:
            continue
        number = numbers[index]
        if category is not None and not continues(index):
            category = None
        texts = {role: _text(by_column, column) for role, column in roles.items()}
        title = collapse_spaces(texts["content"] or content_cell.text)
        marker = parse_marker(title) if content_cell.column != roles["content"] else None
        if marker is not None and marker.number == number:
            title = collapse_spaces(marker.rest)
            texts["number"] = ""
        if _TOTAL_ROW.match(title) or (number is None and _TOTAL_ROW.match(texts.get("number", ""))):
            continue  # "Tổng cộng" / "Cộng": the sum of the rows above
        others = [
            texts[r] for r in ("lead", "person", "coordinating", "period_start", "period", "budget", "product")
            if r in roles
        ]
        next_number = numbers[index + 1] if index + 1 < len(numbers) else None
        spans_row = content_cell.colspan > 1 or (len(row.cells) <= 2 and len([c for c in row.cells if c.text.strip()]) == 1)
        is_group = number is not None and not any(others) and (
            is_roman(number) or extends(next_number, number) or spans_row
            or (index + 1 < len(kept) and next_number is None)
        )
        while groups and number is not None and is_group and number_rank(groups[-1].number or "") >= number_rank(number):
            groups.pop()
        if not is_group and number is not None:
            while groups and not (extends(number, groups[-1].number or "") or number_rank(groups[-1].number or "") < number_rank(number)):
                groups.pop()
        parent = category or (groups[-1] if groups else part)
        if category is not None:
            number = None
        draft = Draft(
            number=number, kind="group" if is_group else "task", title=title,
            start=content_cell.start, end=content_cell.end, parent=parent, context=context,
        )
        for role, target in (("lead", draft.leads), ("person", draft.leads), ("coordinating", draft.coordinating)):
            column = roles.get(role)
            cell = by_column.get(column) if column is not None else None
            cells = [cell] if cell is not None else []
            if role == "lead" and any(":" in c.text and LABEL.search(c.text) for c in cells):
                for c in cells:  # "Chủ trì: X. Phối hợp: Y; Z" in one cell
                    apply_labels(ctx, draft, c.text, c.start)
                continue
            for text, start, end in _cell_units(ctx, cells, persons=role == "person"):
                name = collapse_spaces(text) if role == "person" else ctx.unit(text, start, end)
                draft.keep_unit(target, name, start, end)
        if "period_start" in roles:
            draft.period = period_between(
                ctx, texts["period_start"], texts["period"], _cells_at(by_column, roles, ("period_start", "period"))
            )
        elif "period" in roles:
            draft.period = read_period(ctx, texts["period"], _cells_at(by_column, roles, ("period",)))
        if texts.get("product"):
            draft.product = collapse_spaces(texts["product"])
        if "budget" in roles and texts["budget"]:
            draft.budget_vnd = _budget(ctx, texts["budget"], budget_unit, content_cell)
        if (
            category is None and not is_group and number is not None and continues(index + 1)
            and texts.get("category")
        ):
            category = _category_group(by_column, roles, draft)
            ctx.drafts.append(category)
        ctx.drafts.append(draft)
        if is_group:
            groups.append(draft)


def _letter_part(
    ctx: Context, row: Block, by_column: Mapping[int, Cell], roles: Mapping[str, int], context: list[str]
) -> Draft | None:
    """The group of a row "A. | BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG": a letter and one cell of text, the
    body that leads the rows under it."""
    number_cell_ = by_column.get(roles["number"]) if "number" in roles else None
    match = _LETTER_NUMBER.match(number_cell_.text) if number_cell_ is not None else None
    if match is None or is_roman(match.group("num")):
        return None
    filled = [c for c in row.cells if c.text.strip() and c is not number_cell_]
    if len(filled) != 1:
        return None
    cell = filled[0]
    draft = Draft(
        number=match.group("num"), kind="group", title=collapse_spaces(cell.text),
        start=cell.start, end=cell.end, context=context,
    )
    if starts_unit(cell.text, ctx.units.heads, ctx.units.abbreviations):
        # As printed, not entered in the unit table: the capitals of a heading are not the unit's name.
        for text, start, end in _cell_units(ctx, [cell], persons=False):
            draft.keep_unit(draft.leads, collapse_spaces(text), start, end)
    ctx.drafts.append(draft)
    return draft


def _category_group(by_column: Mapping[int, Cell], roles: Mapping[str, int], task: Draft) -> Draft:
    """The numbered row's group, titled by its "nhóm" cell, holding its units; the row's own content
    becomes the group's first unnumbered task."""
    cell = by_column.get(roles["category"])
    assert cell is not None
    group = Draft(
        number=task.number, kind="group", title=collapse_spaces(cell.text), start=cell.start, end=cell.end,
        parent=task.parent, context=task.context, leads=list(task.leads), coordinating=list(task.coordinating),
        unit_spans=dict(task.unit_spans),
    )
    task.number, task.parent = None, group
    return group


def _is_agenda(rows: list[Block], roles: Mapping[str, int]) -> bool:
    """An order of business ("07h45 - 8h00 | Tiếp đón đại biểu | Bộ Công an"): its time column
    holds times of day and no dates."""
    times = [_cell_text(r, roles.get("period")) for r in rows] if "period" in roles else []
    times = [t for t in times if t]
    clock = [t for t in times if _CLOCK.match(t) and not _DATE_WORDS.search(t)]
    return bool(times) and len(clock) * 2 > len(times)


def _cell_units(ctx: Context, cells: list[Cell], *, persons: bool) -> list[tuple[str, int, int]]:
    """The units (or persons) of a lead or partner cell, with their offsets; a row cut by a page
    break continues its last unit in the next part unless a new unit begins there."""
    found: list[tuple[str, int, int]] = []
    for index, cell in enumerate(cells):
        cell_text, base = cell.text, cell.start
        for n, s, e in _cell_pieces(ctx, cell_text, persons):
            text = cell_text[s:e]
            if index and n == 0 and found and not starts_unit(text, ctx.units.heads, ctx.units.abbreviations):
                previous, p_start, p_end = found[-1]
                found[-1] = (f"{previous} {text}", p_start, p_end)
                continue
            places = None if persons else distributed_places(text)
            if places:  # "UBND thành phố Hà Nội, Thành phố Hồ Chí Minh": the committee of each
                found += [(name, base + s + a, base + s + b) for name, a, b in places]
                continue
            found.append((text, base + s, base + e))
    return found


def _cell_pieces(ctx: Context, text: str, persons: bool) -> tuple[tuple[int, int, int], ...]:
    """The units of one cell's text: (their place in the cell's list, start, end); read once per
    plan, as the same cells recur from row to row."""
    pieces = ctx.cell_pieces.get((text, persons))
    if pieces is None:
        pieces = ctx.cell_pieces[(text, persons)] = tuple(_read_pieces(ctx, text, persons))
    return pieces


def _read_pieces(ctx: Context, text: str, persons: bool) -> list[tuple[int, int, int]]:
    if refers_elsewhere(text):
        return []
    out = []
    for n, (s, e) in enumerate(split_unit_list(text, ctx.units.heads, ctx.units.abbreviations, hard_newlines=persons)):
        if _LEADERSHIP.fullmatch(text[s:e] + " "):
            continue  # "Lãnh đạo" on its own line above the unit
        lead_in = _LEADERSHIP.match(text, s, e)
        if lead_in and not persons and starts_unit(text[lead_in.end() : e], ctx.units.heads):
            s = lead_in.end()  # "Lãnh đạo Sở Công Thương": the unit answers for it
        out.append((n, s, e))
    return out


def _budget(ctx: Context, text: str, unit: str | None, cell: Cell) -> int | None:
    from kehoach.extractors.vnnumbers import parse_amount, unit_multiplier

    try:
        default = unit if unit and unit_multiplier(unit) else None
        return parse_amount(text, default_unit=default).vnd
    except (ValueError, ArithmeticError) as exc:
        ctx.findings.append(finding(
            "AMOUNT_UNPARSEABLE", f"the budget cell {text!r} could not be read as an amount ({exc})",
            span(ctx.doc.layout, cell.start, cell.end),
        ))
        return None
