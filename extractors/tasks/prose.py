"""Tasks from numbered prose: label lines, assigning sentences, duties under a unit heading."""

from __future__ import annotations

import re

from kehoach.extractors.layout import Block
from kehoach.extractors.structure import Section
from kehoach.extractors.tasks.describing import describes, is_content_label, lists_indicators, restates_or_weighs, text_end, without_addressees
from kehoach.extractors.tasks.drafts import Context, Draft, period_in_text
from kehoach.extractors.tasks.inline import inline_items
from kehoach.extractors.tasks.section_kinds import (
    AGENDA,
    APPRAISAL,
    NOT_TASK_HEADING,
    SOLUTION_HEADING,
    has_task_section,
    heading_key,
    is_objective_heading,
    is_org_section,
    is_task_section,
)
from kehoach.extractors.tasks.labels import apply_labels, apply_next_line, before_attributes, is_bare_label, is_label_line
from kehoach.extractors.tasks.unit_headings import whole_heading
from kehoach.extractors.units import UnitMention, UnitTable, find_unit_mentions, split_unit_list, starts_unit
from kehoach.extractors.units.heads_of import only_honorific, with_heads_of
from kehoach.extractors.vntext import collapse_spaces, comparison_key

_OUTLINE_APPENDIX = re.compile(r"đề cương|\bmẫu\b|\bbiểu\b")
_LEAD_VERB = re.compile(
    r"[\s,]*(?:chủ trì|có trách nhiệm|chịu trách nhiệm|là đầu mối|là cơ quan (?:thường trực|đầu mối|chủ trì))",
    re.I,
)
_GIVE = re.compile(r"\b(?:giao|đề nghị|yêu cầu)\s+$", re.I)
_WITH = re.compile(r"phối hợp\s+(?:chặt chẽ\s+)?(?:(?:với|cùng)\s+)?$", re.I)  # "phối hợp (với) X"
_VERB_WINDOW = 60
# A unit named by its code alone, as a ministry's departments are ("C04", "V01", "X05").
_UNIT_CODE = re.compile(r"^\s*([A-ZĐ]{1,3}\d{2,3})\s*$")
_LISTED_HEADING_WORDS = 16
# Words of work: a heading holding one is a sentence about units, not a list of them.
_WORK_WORDS = re.compile(
    r"\b(?:chủ trì|phối hợp|thực hiện|triển khai|trách nhiệm|bảo đảm|đảm bảo|xây dựng|tham mưu|hướng dẫn"
    r"|kiểm tra|báo cáo|chỉ đạo|giao|đề nghị|yêu cầu|phụ trách|theo dõi|hỗ trợ|được|là|để|nhằm"
    r"|hoàn thành|giải quyết|khắc phục|rà soát)\b", re.I,
)
# "Căn cứ nội dung Kế hoạch này, các sở, ban, ngành ... tổ chức ...": the subject after a basis clause.
_BASIS_CLAUSE = re.compile(r"^\s*(?:căn cứ|trên cơ sở)\b[^;]*[;,]\s*$", re.I)
# A topic before the subject: "Thực hiện mở tài khoản và phát hành thẻ: Ủy ban nhân dân xã, phường ...".
# The subject after a topic does the work only where a verb of assignment follows it.
_TOPIC = re.compile(r"^[^:;.]{3,120}:\s*$")
_DOES = re.compile(r"[\s,]*(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm)", re.I)
# A time before the subject: "Quý I/2027, ...", "Trước ngày 15/12 hằng năm, ...", "Định kỳ 6 tháng, ...".
_TIME_CLAUSE = re.compile(
    r"^\s*(?:trong|trước|sau|từ|đến|vào|đầu|cuối|giữa|hằng|hàng|định kỳ|quý|tháng|năm|ngày)\b[^;,.:]{0,40},\s*$",
    re.I,
)
# Items of a "NỘI DUNG" part that set the scene, not the work: "Thời gian kiểm tra: 13h30 ngày ...",
# "Địa điểm: ...", "Nội dung kiểm tra" (what an inspection looks at).
_NOT_WORK_ITEM = re.compile(
    r"^(?:(?:thời gian|địa điểm|đối tượng|thành phần|phạm vi|hình thức)[^:]{0,30}:"
    r"|nội dung (?:giám sát|đánh giá|kiểm tra|theo dõi|báo cáo)\b)"
)
# "a) Hoạt động 1 / - Nội dung: ... / - Cơ quan thực hiện: ...": the item's substance, part of its title;
# "a) Nhiệm vụ: ... / b) Cơ quan thực hiện: ... / c) Thời gian thực hiện: ..." likewise.
# "- Các nội dung hỗ trợ thi hành Luật bao gồm:" over what the work comprises: its substance too.
_CONTENT_LINE = re.compile(
    r"^\s*(?:nội dung(?: thực hiện| hoạt động| công việc)?|nhiệm vụ(?: cụ thể| chủ yếu)?"
    r"|(?:các )?nội dung\b[^:;.]{0,60}\bgồm)\s*:",
    re.I,
)
_NOTE = re.compile(r"^\s*\([^()]*\)[\s.]*$")  # "(Có đề cương báo cáo kèm theo Kế hoạch này ...)"
# A time label printed without its colon: "Thời gian thực hiện sau khi Chiến lược ... được ban hành."
_TIME_LINE = re.compile(r"^\s*thời (?:gian|hạn) (?:thực hiện|hoàn thành)\b(?!\s*:)", re.I)
# The closing formula of a notice or dispatch, printed after its last item: not a task. So is the request
# to everyone that ends a plan's text ("./."): "Yêu cầu các sở, ban, ngành ... nghiêm túc triển khai thực
# hiện./.", "Bộ ... yêu cầu các đơn vị triển khai, báo cáo ...", and "Trên đây là Kế hoạch ...".
_CLOSING_SENTENCE = re.compile(
    r"\s*+(?:trân trọng|trên đây là\b|[^.;]{0,120}\bthông báo (?:để|đến)\b"
    r"|[^.;]{0,120}\b(?:yêu cầu|đề nghị)\s+(?:(?:giám đốc|thủ trưởng|chủ tịch)\s+)?các\b.{0,600}\.\s*/\s*\.\s*$)",
    re.I,
)
# A letter's last paragraph ("./.") asking for the work above as a whole: "... về 04 nội dung nêu trên./.".
_CLOSING_CALL = re.compile(r"\b(?:nêu trên|trên đây)\b[^.;]{0,80}\./\.?\s*$", re.I)
_RUN_GAP = re.compile(r"\s*(?:[,;]|và|cùng|,\s*và)?\s*")  # the whole gap between two mentions
_PERSON_WORDS = re.compile(
    r"\b(?:giám đốc|phó giám đốc|thủ trưởng|chủ tịch|phó chủ tịch|trưởng|người đứng đầu|lãnh đạo)\b", re.I
)


def _runs(text: str, mentions: list[UnitMention]) -> list[list[UnitMention]]:
    """Mentions grouped into lists joined only by separators ("X, Y và Z")."""
    runs: list[list[UnitMention]] = []
    for mention in mentions:
        if runs and _RUN_GAP.fullmatch(text, runs[-1][-1].end, mention.start):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


def _apply_sentence(
    ctx: Context, draft: Draft, text: str, offset: int, *, subject_leads: bool, leads: bool = True
) -> None:
    """Leads and partners named in a sentence: "giao X chủ trì, phối hợp với Y và Z ...",
    "X chủ trì ...", "X có trách nhiệm ..."; with `subject_leads` a unit opening the text leads."""
    mentions = with_heads_of(text, find_unit_mentions(text, ctx.units.heads, ctx.units.names))
    if not mentions:
        return
    for run in _runs(text, mentions):
        start = run[0].start
        window = max(0, start - _VERB_WINDOW)  # the verbs sit just before the units they govern
        subject = _subject_at(text, run) if subject_leads else None
        if _WITH.search(text, window, start):
            target = draft.coordinating
        elif leads and (
            _GIVE.search(text, window, start) or _LEAD_VERB.match(text, run[-1].end) or subject is not None
        ):
            target = draft.leads
            run = run[subject:] if subject else run
        else:
            continue
        for m in run:
            ctx.assign(draft, target, m.text, offset + m.start, offset + m.end)


def _subject_at(text: str, run: list[UnitMention]) -> int | None:
    """Where in `run` the subject of the sentence begins, if it does: at the sentence's start, or after
    an opening clause ("Căn cứ Kế hoạch ... của UBND tỉnh, các cơ quan, đơn vị ... xây dựng ...",
    "Quý I/2027, các cơ quan, đơn vị ... đánh giá ..."); the units named inside that clause are not it."""
    for k, mention in enumerate(run):
        before = text[: mention.start]
        if (
            not before.strip() or only_honorific(before) or _BASIS_CLAUSE.match(before)
            or _TIME_CLAUSE.match(before) or (_TOPIC.match(before) and _DOES.match(text, run[-1].end))
        ):
            return k
    return None


def _unit_heading(text: str, heads: tuple[str, ...]) -> tuple[str, list[UnitMention]] | None:
    """A heading that names units only ("Sở Công Thương", "Phòng Quản lý Công nghiệp: ..."):
    the part before ":" and its mentions."""
    head = text.split(":", 1)[0] if ":" in text else text
    if len(head) > 200 or (":" not in text and head.rstrip().endswith(".")):
        return None
    mentions = with_heads_of(head, find_unit_mentions(head, heads))
    code = _UNIT_CODE.match(head) if ":" in text and not mentions else None
    if code:  # "1. C04:" over its duties: a unit known by its code
        return head, [UnitMention(code[1], code.start(1), code.end(1))]
    if not mentions or mentions[0].start > 40:
        return None
    rest = head
    for m in reversed(mentions):
        rest = rest[: m.start] + " " + rest[m.end :]
    rest = _PERSON_WORDS.sub(" ", rest)
    leftover = [w for w in re.split(r"[\s,;.]+", rest) if w and w.lower() not in {"và", "các", "tỉnh"}]
    if not leftover:
        return head, mentions
    return _listed_heading(head, heads) if mentions[0].start == 0 else None


def _listed_heading(head: str, heads: tuple[str, ...]) -> tuple[str, list[UnitMention]] | None:
    """A short heading that is a list of units whose names run on in lower case ("Ban Quản lý các
    khu công nghệ cao và khu công nghiệp", "Các Sở, ban, ngành của Thành phố, UBND phường, xã"): each
    piece begins a unit and no word of work is printed. The offices printed before the bodies ("Bộ
    trưởng các Bộ, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố") are
    not counted in its length."""
    if len(_PERSON_WORDS.sub(" ", head).split()) > _LISTED_HEADING_WORDS or _WORK_WORDS.search(head):
        return None
    pieces = split_unit_list(head, heads)
    if not pieces or not all(starts_unit(head[s:e], heads) for s, e in pieces):
        return None
    return head, [UnitMention(head[s:e], s, e) for s, e in pieces]


def _prose_items(
    ctx: Context, section: Section, parent: Draft | None, context: list[str], *, org: bool,
    under_unit: bool = False,
) -> None:
    """The items under a task or organisation section (or under a group) as groups and tasks."""
    heads = ctx.units.heads
    items = [
        c for c in section.children
        if not is_label_line(c.title) and not is_objective_heading(c)
        and not _NOT_WORK_ITEM.match(key := heading_key(c)) and not AGENDA.match(key)
        and not (APPRAISAL.match(key) and not c.children)
        and not restates_or_weighs(key, c, lambda t: _assigns_work(ctx, t))
    ]
    intro = _intro_owner(ctx, section.blocks) if parent is None else None
    headed = org or parent is None or parent.leads == []
    headings = {id(c): _unit_heading(c.title, heads) if headed else None for c in items}
    by_unit = sum(h is not None for h in headings.values())
    level_groups = any(
        [c for c in child.children if not is_label_line(c.title)] for child in items
    ) and not org
    for child in items:
        block = child.block
        assert block is not None
        text = child.title
        offset = block.start + (child.marker.rest_start if child.marker is not None else 0)
        contents = [c for c in child.children if _CONTENT_LINE.match(c.title)]
        sub_items = [c for c in child.children if not is_label_line(c.title) and c not in contents]
        heading = headings[id(child)]
        if headed and by_unit - (heading is not None) >= 2 and (
            heading is None or len(heading[1]) == 1
        ):
            whole = whole_heading(text, heads)
            if whole is not None and (heading is None or len(whole[1][0].text) > len(heading[1][0].text)):
                heading = whole
        # "- Địa điểm: ...", "- Số lượng: 5.000 cuốn": the item's particulars (under a unit, its duties).
        described = bool(sub_items) and heading is None and (
            describes(child, lambda t: _assigns_work(ctx, t)) or lists_indicators(child)
        )
        if described:
            sub_items = []
        values = _label_values(child.blocks)
        paragraphs = [
            b for b in child.blocks
            if b.kind != "row" and not is_label_line(b.text) and not _CLOSING_SENTENCE.match(b.text)
            and not _CLOSING_CALL.search(b.text)
            and id(b) not in values and not _NOTE.match(b.text) and not _TIME_LINE.match(b.text)
        ]
        if described and len(paragraphs) == 1 and is_content_label(heading_key(child)):
            text, offset, paragraphs = paragraphs[0].text, paragraphs[0].start, []  # "1. Nội dung thi đua"
        is_unit_heading = heading is not None and bool(sub_items or paragraphs or ":" in text)
        listed = None if sub_items or child.tables else _inline_list(ctx, text, offset, paragraphs)
        if listed is not None:
            number = child.number if child.marker and child.marker.style not in ("dash", "plus", "star") else None
            _add_inline(ctx, listed, number, parent, context, heading if is_unit_heading else None)
            continue
        if org and not is_unit_heading:
            # In "Tổ chức thực hiện", only items that assign work to a unit are tasks.
            if not _assigns_work(ctx, text) and not sub_items and intro is None:
                continue
        # "2. Tổ chức Cuộc thi ..." / "Sở Nội vụ chủ trì, phối hợp với ... xây dựng ...": the paragraph
        # says who does the heading's work; the item is one task.
        body_assigns = bool(
            paragraphs and not sub_items and not child.tables and not is_unit_heading
            and _opens_with_lead(ctx, paragraphs[0].text)
        )
        if body_assigns:
            paragraphs = []
        is_group = bool(sub_items) or (level_groups and parent is None and bool(paragraphs)) or bool(
            is_unit_heading and paragraphs
        ) or bool(child.tables and not org)
        draft = Draft(
            number=child.number if child.marker and child.marker.style not in ("dash", "plus", "star") else None,
            kind="group" if is_group else "task", title=collapse_spaces(" - ".join([text] + [_run(c) for c in contents])),
            start=block.start, end=text_end(child) if described else block.end, parent=parent, context=context,
        )
        if is_unit_heading and heading is not None:
            for m in heading[1]:
                ctx.assign(draft, draft.leads, m.text, offset + m.start, offset + m.end)
            if ":" in text:
                colon = text.index(":") + 1
                _apply_sentence(ctx, draft, text[colon:], offset + colon, subject_leads=False)
        elif not apply_labels(ctx, draft, text, offset):
            # Under a unit heading the heading's unit leads; the duty's text can only add partners.
            _apply_sentence(ctx, draft, text, offset, subject_leads=True, leads=not under_unit)
        elif (sentence := before_attributes(text)) is not None:
            _apply_sentence(ctx, draft, sentence, offset, subject_leads=True, leads=not under_unit)
        lines = [(b.text, b.start, b) for b in child.blocks if is_label_line(b.text)]
        lines += _label_children(child)
        owner = draft
        if lines and not sub_items and parent is not None and child is items[-1] and not any(
            is_label_line(b.text) for other in items[:-1] for b in other.blocks
        ) and not any(_label_children(other) for other in items[:-1]):
            owner = parent  # lines closing the last item, and only it, close the whole group
        for line_text, line_start, line in lines:
            apply_labels(ctx, owner, line_text, line_start)
            value = values.get(id(line))
            if value is not None:
                apply_next_line(ctx, owner, line.text, value.text, value.start)
        if sub_items and paragraphs and not draft.leads:
            owner_line = _intro_owner(ctx, paragraphs)  # "Giao Sở X chủ trì, phối hợp với ...:" over its items
            if owner_line is not None:
                draft.take_units(owner_line, coordinating=not draft.coordinating)
        if body_assigns:
            for paragraph in [b for b in child.blocks if b.kind != "row" and not is_label_line(b.text)]:
                if not draft.leads:
                    _apply_sentence(ctx, draft, paragraph.text, paragraph.start, subject_leads=True)
                draft.period = draft.period or period_in_text(ctx, paragraph.text, paragraph.start)
        if child.tables and not sub_items:
            for paragraph in paragraphs:  # the lines over a task table say who leads its rows
                if not draft.leads:
                    _apply_sentence(ctx, draft, paragraph.text, paragraph.start, subject_leads=True)
            paragraphs = []
        if intro is not None and not draft.leads:
            draft.take_units(intro, coordinating=not draft.coordinating)
        draft.period = draft.period or period_in_text(ctx, text, offset)
        ctx.drafts.append(draft)
        if is_group:
            if not described:
                _prose_items(ctx, child, draft, context, org=False, under_unit=bool(is_unit_heading))
            if not sub_items:
                for paragraph in paragraphs:
                    task = Draft(
                        number=None, kind="task", title=collapse_spaces(paragraph.text),
                        start=paragraph.start, end=paragraph.end, parent=draft, context=context,
                    )
                    _apply_sentence(
                        ctx, task, paragraph.text, paragraph.start, subject_leads=True, leads=not is_unit_heading
                    )
                    task.period = period_in_text(ctx, paragraph.text, paragraph.start)
                    ctx.drafts.append(task)


def _inline_list(ctx: Context, text: str, offset: int, paragraphs: list[Block]) -> tuple[int, str] | None:
    """A heading that opens a list numbered inside it ("...: (1) ...; (2) ..."), with the paragraphs
    that carry the list on: where it starts in the layout text, and its text."""
    if inline_items(text) is None:
        return None
    layout = ctx.doc.layout.text
    if layout[offset : offset + len(text)] != text:
        return offset, text
    return offset, layout[offset : paragraphs[-1].end] if paragraphs else text


def _add_inline(
    ctx: Context, listed: tuple[int, str], number: str | None, parent: Draft | None, context: list[str],
    heading: tuple[str, list[UnitMention]] | None,
) -> None:
    """The heading as a group, each numbered piece of its list as a task."""
    offset, text = listed
    found = inline_items(text)
    assert found is not None
    head_end, items = found
    group = Draft(
        number=number, kind="group", title=collapse_spaces(text[:head_end]).rstrip(" :"),
        start=offset, end=offset + head_end, parent=parent, context=context,
    )
    if heading is not None:
        for m in heading[1]:
            ctx.assign(group, group.leads, m.text, offset + m.start, offset + m.end)
    else:
        _apply_sentence(ctx, group, text[:head_end], offset, subject_leads=True)
    ctx.drafts.append(group)
    for item in items:
        piece = text[item.start : item.end]
        task = Draft(
            number=item.number, kind="task", title=collapse_spaces(piece),
            start=offset + item.start, end=offset + item.end, parent=group, context=context,
        )
        _apply_sentence(ctx, task, piece, offset + item.start, subject_leads=True, leads=heading is None)
        task.period = period_in_text(ctx, piece, offset + item.start)
        ctx.drafts.append(task)


def _title_start(section: Section) -> int:
    block = section.block
    assert block is not None
    return block.start + block.text.find(section.title) if section.title in block.text else block.start


def _label_children(section: Section) -> list[tuple[str, int, Block]]:
    """The label lines among a section's items, read from their text after the marker ("c) Thời gian
    thực hiện: ..."), with the label lines under an empty one ("b) Cơ quan thực hiện:" / "- Đơn vị
    chủ trì: ...")."""
    out: list[tuple[str, int, Block]] = []
    for c in section.children:
        if c.block is None or not is_label_line(c.title):
            continue
        out.append((c.title, _title_start(c), c.block))
        if is_bare_label(c.title):
            out += [(g.title, _title_start(g), g.block) for g in c.children if g.block is not None and is_label_line(g.title)]
    return out


def _run(section: Section) -> str:
    """A line and the lines under it, as printed ("Nội dung: + Tổng kết ... + Tập huấn ...")."""
    return " ".join([section.title] + [b.text for b in section.blocks] + [c.block.text for c in section.walk() if c.block])


def _opens_with_lead(ctx: Context, text: str) -> bool:
    """Whether a paragraph opens with the unit that leads it ("Sở Nội vụ chủ trì, ...")."""
    mentions = with_heads_of(text, find_unit_mentions(text[:200], ctx.units.heads, ctx.units.names))
    if not mentions or text[: mentions[0].start].strip():
        return False
    return bool(_LEAD_VERB.match(text, _runs(text, mentions)[0][-1].end))


def _label_values(blocks: list[Block]) -> dict[int, Block]:
    """The line after each bare label line ("Đơn vị chủ trì:" / "Sở Nội vụ"), keyed both by the
    label's id (to read it) and by its own (so that it is not taken for a task)."""
    out: dict[int, Block] = {}
    for block, after in zip(blocks, blocks[1:]):
        if block.kind != "row" and after.kind != "row" and is_bare_label(block.text) and not is_label_line(after.text):
            out[id(block)] = after
            out[id(after)] = after
    return out


def _intro_owner(ctx: Context, blocks: list) -> Draft | None:
    """The units of a line that opens a list and assigns it ("Giao Sở Nội vụ chủ trì, phối hợp
    với các cơ quan liên quan:"), as a draft holding them; None when no such line."""
    for block in blocks:
        text = block.text.strip()
        if block.kind == "row" or not text.endswith(":"):
            continue
        owner = Draft(None, "task", "", block.start, block.end)
        _apply_sentence(_probe_context(ctx), owner, text, 0, subject_leads=True)
        if owner.leads:
            owner = Draft(None, "task", "", block.start, block.end)
            _apply_sentence(ctx, owner, text, block.start, subject_leads=True)
            return owner
    return None


def _assigns_work(ctx: Context, text: str) -> bool:
    probe = Draft(None, "task", "", 0, 0)
    _apply_sentence(_probe_context(ctx), probe, text, 0, subject_leads=True)
    return bool(probe.leads)


def _probe_context(ctx: Context) -> Context:
    """A context whose unit table is not the plan's: for testing whether a text assigns work (only
    whether units are found counts, so one probe serves the whole plan)."""
    if ctx.probe is None:
        probe = UnitTable(heads=ctx.units.heads)
        probe.defined, probe.known = ctx.units.defined, ctx.units.known
        ctx.probe = Context(doc=ctx.doc, units=probe, parse_period=ctx.parse_period)
    return ctx.probe


def _assigns_items(ctx: Context, section: Section) -> bool:
    """Whether most numbered items of a part name the unit that does them, in a unit heading ("1. Bộ
    trưởng các Bộ") or as the subject ("3. Bộ trưởng Bộ Công Thương hoàn thành ...")."""
    items = [c for c in section.children if c.marker is not None and c.marker.style in ("arabic", "alpha")]
    named = 0
    for item in items:
        if _unit_heading(item.title, ctx.units.heads) is not None:
            named += 1
            continue
        probe = Draft(None, "task", "", 0, 0)
        _apply_sentence(_probe_context(ctx), probe, item.title, 0, subject_leads=True)
        named += bool(probe.leads)
    return bool(items) and 2 * named > len(items)


def walk(
    ctx: Context, section: Section, context: list[str], *, solutions: bool | None = None, assigning: bool = False
) -> None:
    """The task and organisation parts of an outline, as groups and tasks. In a document whose body is
    its assignments (`assigning`: a dispatch, a notice) and that prints no task part, a Roman part named
    for a field ("I. VỀ HOÀN THIỆN THỂ CHẾ") whose items name the units that do them holds them too."""
    if solutions is None:
        solutions = not has_task_section(section)
        assigning = assigning and solutions
    for child in section.children:
        if child.marker is None or child.marker.style in ("dash", "plus", "star"):
            continue
        inner = context + [child.marker.number]
        if is_task_section(child) or (solutions and SOLUTION_HEADING.match(heading_key(child))):
            _prose_items(ctx, child, None, inner, org=False)
        elif is_org_section(child):
            _prose_items(ctx, child, None, inner, org=True)
        elif NOT_TASK_HEADING.match(heading_key(child)):
            continue
        elif assigning and child.marker.style == "roman" and _assigns_items(ctx, child):
            _prose_items(ctx, child, None, inner, org=False)
        else:
            walk(ctx, child, inner, solutions=solutions)


def walk_assignments(ctx: Context, section: Section) -> bool:
    """Whether a notice, directive or dispatch is numbered from "1." (no Roman parts): then each item
    of its body is an assignment, read here."""
    if any(c.marker is not None and c.marker.style == "roman" for c in section.children):
        return False
    numbered = any(c.marker is not None and c.marker.style in ("arabic", "alpha") for c in section.children)
    if numbered:
        _prose_items(ctx, without_addressees(ctx.doc.title + ctx.doc.preamble, section), None, [], org=False)
    return numbered


def is_outline_appendix(appendix: Section) -> bool:
    texts = [appendix.block.text if appendix.block else ""] + [b.text for b in appendix.blocks[:2]]
    return any(_OUTLINE_APPENDIX.search(comparison_key(t)) for t in texts)
