"""The tasks extractor: tasks, their units and periods, the plan's units, and findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kehoach.extractors.grounding import span
from kehoach.extractors.layout import Layout
from kehoach.extractors.reference import per_reference
from kehoach.extractors.structure import Section, StructuredDocument, is_letter
from kehoach.extractors.tasks.by_reference import assign_by_reference
from kehoach.extractors.tasks.drafts import Context, Draft
from kehoach.extractors.tasks.heading_periods import give_heading_periods
from kehoach.extractors.tasks.ids import assign_ids, inherit
from kehoach.extractors.tasks.prose import is_outline_appendix, walk, walk_assignments
from kehoach.extractors.tasks.tables import appendix_label, extract_table, is_carried_document
from kehoach.extractors.units import (
    DEFAULT_AGENCY_HEADS,
    UnitTable,
    find_abbreviation_definitions,
    find_term_definitions,
)
from kehoach.extractors.units.words import head_at, head_phrases, syllables
from kehoach.extractors.unvalidated import construct
from kehoach.extractors.vntext import comparison_key
from kehoach.schemas import Finding, Period, Span, Task, Unit

if TYPE_CHECKING:
    from kehoach.extractors.reference import ReferenceData


_validate_task = Task.__pydantic_validator__.validate_python
_TASK_FIELDS = set(Task.model_fields)  # every field is set: one set serves every task
_KINDS = ("group", "task")
_OPTIONAL_STR = (str, type(None))
_OPTIONAL_INT = (int, type(None))
_validate_unit = Unit.__pydantic_validator__.validate_python
# Documents whose numbered body is itself the list of assignments (no task section heading).
DEFAULT_ASSIGNING_TYPES: tuple[str, ...] = ("thông báo", "chỉ thị", "công văn", "công điện", "kết luận")


def _assigns_in_body(doc: StructuredDocument) -> bool:
    if doc.type_line is None:
        # A letter (công văn) has no type line; it names its addressees ("Kính gửi: ...") instead. A
        # crawled page may hold the type line in a cell of the header's table, over the title
        # ("Số: 220/CĐ-TTg | Hà Nội, ngày ... | CÔNG ĐIỆN / TẬP TRUNG HOÀN THÀNH ...").
        cells = [c.text for b in doc.header if b.kind == "row" for c in b.cells]
        return is_letter(doc) or any(
            comparison_key(text.split("\n", 1)[0]).strip(" .:") in DEFAULT_ASSIGNING_TYPES for text in cells
        )
    line = comparison_key(doc.type_line.text).strip(" .:")
    return any(line == name or line.startswith(name + " ") for name in DEFAULT_ASSIGNING_TYPES)


def _outline_numbers(doc: StructuredDocument) -> list[str]:
    """The numbers under the Roman parts of the body (and of a plan printed after a decision): a
    task number that recurs among them ("1." under I and under III) is prefixed by its part."""
    roots = [doc.body] + [a for a in doc.appendices if is_carried_document(a)]
    parts = [part for root in roots for part in root.children if part.marker and part.marker.style == "roman"]
    return [
        s.number for part in parts for s in part.walk()
        if s.number and s.marker is not None and s.marker.style in ("arabic", "decimal", "alpha")
    ]


def _attach_tables(sections: list[Section], drafts: list[Draft], from_tables: dict[int, list[Draft]]) -> None:
    """A task table printed under a task of the outline ("a) Tổ chức chương trình ..." and its
    schedule) holds that task's items: its top rows become the task's children."""
    by_start = {d.start: d for d in drafts if d.kind == "group"}
    for section in sections:
        if not section.tables:
            continue
        owner = by_start.get(section.block.start) if section.block is not None else None
        if owner is None:
            continue
        for table in section.tables:
            for draft in from_tables.get(table.index, []):
                if draft.parent is None:
                    draft.parent, draft.context = owner, owner.context


@per_reference
def _known_abbreviations(reference: ReferenceData) -> dict[str, str]:
    """Common official abbreviations from the reference bundle: abbreviation (and its variants) ->
    expansion; "" for an ambiguous one (known, so not flagged, but not spelled out)."""
    known: dict[str, str] = {}
    for item in reference.abbreviations:
        full = "" if item.ambiguous else item.expansions[0]
        for short in [item.abbreviation, *item.variants]:
            known.setdefault(short, full)
    return known


@per_reference
def _known_names(reference: ReferenceData) -> tuple[str, ...]:
    """Full names of bodies from the reference bundle (issuers, abbreviations' expansions), those
    written as proper names ("Sở Giao thông vận tải", not "khu công nghiệp")."""
    names = [issuer.name for issuer in reference.issuers]
    # An expansion names a body only when it opens with a head ("Sở ..."), not a field ("Thông tin và
    # Truyền thông"): a known name may start a mention where no head does.
    phrases = head_phrases(DEFAULT_AGENCY_HEADS)
    names += [
        full for item in reference.abbreviations for full in item.expansions
        if head_at([w.lower() for w in syllables(full)], 0, phrases)
    ]
    return tuple(dict.fromkeys(n for n in names if len(n.split()) > 1 and n[0].isupper()))


def _unit_sources(draft: Draft, spans: _Spans) -> dict[str, Span | None]:
    """Where each lead and partner unit of a task is printed ("lead_units.0": Span), null where not known."""
    sources: dict[str, Span | None] = {}
    where = draft.unit_spans
    for role, names in (("lead_units.", draft.leads), ("coordinating_units.", draft.coordinating)):
        for i, name in enumerate(names):
            at = where.get(name)
            sources[f"{role}{i}"] = spans.at(*at) if at else None
    return sources


class _Spans:
    """The plan's Spans by their offsets: a unit printed once is the source of every task it leads."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.made: dict[tuple[int, int], Span] = {}

    def at(self, start: int, end: int) -> Span:
        made = self.made.get((start, end))
        if made is None:
            made = self.made[(start, end)] = span(self.layout, start, end)
        return made


def _task(d: Draft, spans: _Spans) -> Task:
    """The Task of a draft. Its fields are of their types already (strings, lists of strings, a Period
    and Spans made by the extractors): built without validation, unless a value is of another type."""
    values = {
        "id": d.id, "number": d.number, "parent_id": d.parent.id if d.parent else None, "kind": d.kind,
        "title": d.title, "lead_units": list(d.leads), "coordinating_units": list(d.coordinating),
        "period": d.period, "product": d.product, "budget_vnd": d.budget_vnd, "source": spans.at(d.start, d.end),
        "sources": _unit_sources(d, spans),
    }
    if (
        d.kind in _KINDS and type(d.id) is str and type(d.title) is str
        and type(d.number) in _OPTIONAL_STR and type(d.product) in _OPTIONAL_STR
        and type(d.budget_vnd) in _OPTIONAL_INT and (d.period is None or type(d.period) is Period)
        and all(type(n) is str for n in d.leads) and all(type(n) is str for n in d.coordinating)
    ):
        return construct(Task, values, _TASK_FIELDS)
    return _validate_task(values)


def extract_tasks(
    doc: StructuredDocument, reference: ReferenceData
) -> tuple[list[Task], list[Unit], list[Finding]]:
    """Tasks (groups and tasks) with their units and periods, the plan's units, and findings."""
    from kehoach.extractors.periods import parse_period

    layout = doc.layout
    heads = DEFAULT_AGENCY_HEADS
    definitions = []
    terms = []
    for block in layout.body():
        pieces = [c for c in block.cells if not c.continued] if block.kind == "row" else [block]
        for piece in pieces:
            if "(" not in piece.text:
                continue  # every definition is in brackets
            offset = piece.start
            found = find_term_definitions(piece.text)
            # Initials name only the words they stand for: "... thực hiện chính sách bảo hiểm y tế (BHYT)".
            initials = {(t.abbreviation, t.end) for t in found}
            for d in find_abbreviation_definitions(piece.text, heads):
                if (d.abbreviation, d.end) in initials and not any(t.start == d.start for t in found):
                    continue
                d.start += offset
                d.end += offset
                definitions.append(d)
            terms += found
    units = UnitTable(definitions, _known_abbreviations(reference), heads, _known_names(reference), terms)
    ctx = Context(doc=doc, units=units, parse_period=parse_period)

    from_tables = {table.index: extract_table(ctx, table) for table in doc.tables}
    assigning = _assigns_in_body(doc)
    # A notice numbered from "1." assigns item by item, even where one item is a task heading ("4. Về
    # phân công nhiệm vụ của các cơ quan liên quan:").
    if not (assigning and walk_assignments(ctx, doc.body)):
        walk(ctx, doc.body, [], assigning=assigning)
    for appendix in doc.appendices:
        if not is_outline_appendix(appendix):
            label = appendix_label(appendix)
            walk(ctx, appendix, [label] if label else [])

    sections = doc.sections()
    _attach_tables(sections, ctx.drafts, from_tables)
    assign_by_reference(ctx, sections, ctx.drafts)
    drafts = sorted(ctx.drafts, key=lambda d: d.start)
    inherit(drafts)
    give_heading_periods(layout, sections, drafts)
    assign_ids(drafts, _outline_numbers(doc))
    for d in definitions:
        units.define(d)
    spans = _Spans(layout)
    tasks = [_task(d, spans) for d in drafts]
    unit_list = [
        _validate_unit({
            "name": e.name, "abbreviations": e.abbreviations, "mentions": e.mentions,
            "source": spans.at(*e.first) if e.first else None,
        })
        for e in (units.entries[k] for k in units.order)
    ]
    return tasks, unit_list, ctx.findings
