"""The tasks extractor: tasks, their units and periods, the plan's units, and findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kehoach.extractors.grounding import span
from kehoach.extractors.layout import Layout
from kehoach.extractors.reference import per_reference
from kehoach.extractors.structure import Section, StructuredDocument
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
)
from kehoach.extractors.vntext import comparison_key
from kehoach.schemas import Finding, Span, Task, Unit

if TYPE_CHECKING:
    from kehoach.extractors.reference import ReferenceData


_validate_task = Task.__pydantic_validator__.validate_python
_validate_unit = Unit.__pydantic_validator__.validate_python
# Documents whose numbered body is itself the list of assignments (no task section heading).
DEFAULT_ASSIGNING_TYPES: tuple[str, ...] = ("thông báo", "chỉ thị", "công văn", "công điện")


def _assigns_in_body(doc: StructuredDocument) -> bool:
    line = comparison_key(doc.type_line.text).strip(" .:") if doc.type_line is not None else ""
    return line in DEFAULT_ASSIGNING_TYPES


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
    names += [full for item in reference.abbreviations for full in item.expansions]
    return tuple(dict.fromkeys(n for n in names if len(n.split()) > 1 and n[0].isupper()))


def _unit_sources(layout: Layout, draft: Draft) -> dict[str, Span | None]:
    """Where each lead and partner unit of a task is printed ("lead_units.0": Span), null where not known."""
    sources: dict[str, Span | None] = {}
    for role, names in (("lead_units", draft.leads), ("coordinating_units", draft.coordinating)):
        for i, name in enumerate(names):
            where = draft.unit_spans.get(name)
            sources[f"{role}.{i}"] = span(layout, *where) if where else None
    return sources


def extract_tasks(
    doc: StructuredDocument, reference: ReferenceData
) -> tuple[list[Task], list[Unit], list[Finding]]:
    """Tasks (groups and tasks) with their units and periods, the plan's units, and findings."""
    from kehoach.extractors.periods import parse_period

    layout = doc.layout
    heads = DEFAULT_AGENCY_HEADS
    definitions = []
    for block in layout.body():
        pieces = [c for c in block.cells if not c.continued] if block.kind == "row" else [block]
        for piece in pieces:
            if "(" not in piece.text:
                continue  # every definition is in brackets
            offset = piece.start
            for d in find_abbreviation_definitions(piece.text, heads):
                d.start += offset
                d.end += offset
                definitions.append(d)
    units = UnitTable(definitions, _known_abbreviations(reference), heads, _known_names(reference))
    ctx = Context(doc=doc, units=units, parse_period=parse_period)

    from_tables = {table.index: extract_table(ctx, table) for table in doc.tables}
    before = len(ctx.drafts)
    walk(ctx, doc.body, [])
    if len(ctx.drafts) == before and _assigns_in_body(doc):
        walk_assignments(ctx, doc.body)
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
    # Validated from their fields directly, as Task(...) and Unit(...) would, without the constructors' overhead.
    tasks = [
        _validate_task({
            "id": d.id, "number": d.number, "parent_id": d.parent.id if d.parent else None, "kind": d.kind,
            "title": d.title, "lead_units": d.leads, "coordinating_units": d.coordinating, "period": d.period,
            "budget_vnd": d.budget_vnd, "product": d.product, "source": span(layout, d.start, d.end),
            "sources": _unit_sources(layout, d),
        })
        for d in drafts
    ]
    unit_list = [
        _validate_unit({
            "name": e.name, "abbreviations": e.abbreviations, "mentions": e.mentions,
            "source": span(layout, *e.first) if e.first else None,
        })
        for e in (units.entries[k] for k in units.order)
    ]
    return tasks, unit_list, ctx.findings
