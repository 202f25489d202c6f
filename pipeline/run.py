"""Running the stages in order: read, normalize, structure, extract, validate.

`extract_plan` works on bytes and raises KehoachError when the input cannot be read; `process_path`
is the batch form: it never raises for bad input, it returns the error as data (docling's
raises_on_error switch, decided by which function a caller uses). `layout_view` stops after the
structure (for `kehoach layout`); `read_saved_plan` takes a Plan back from kehoach's JSON output.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from kehoach.extractors.errors import InputError, KehoachError
from kehoach.extractors.layout import Layout
from kehoach.extractors.structure import StructuredDocument
from kehoach.pipeline.failures import failure_of
from kehoach.pipeline.inputs import input_name, read_input
from kehoach.extractors.unvalidated import construct
from kehoach.schemas import Finding, Plan, Source
from kehoach.schemas.findings import finding
from kehoach.schemas.plan import SCHEMA_VERSION

_SOURCE_FIELDS = set(Source.model_fields)  # every field is set: one set serves all (see construct)
_PLAN_FIELDS = set(Plan.model_fields)


@dataclass
class Result:
    """What one input gave: a plan, or the one-line reason it could not be read."""

    path: str
    plan: Plan | None = None
    error: str | None = None
    layout: Layout | None = None
    timings: dict[str, float] = field(default_factory=dict)
    rule_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.plan is not None


class _Timer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = round(now - self._last, 6)
        self._last = now


def _unreadable_pages(layout: Layout) -> list[Finding]:
    """Pages with no usable text: OCR failed on them (its reason), or OCR is not installed."""
    failed = [p for p in layout.page_info if not p.readable and p.doubt]
    missing = [p.number for p in layout.page_info if not p.readable and not p.doubt]
    found = [
        finding(
            "TEXT_LAYER_UNREADABLE",
            f"page {p.number} has no usable text layer and could not be recovered: {p.doubt}",
        )
        for p in failed
    ]
    if missing:
        listed = ", ".join(str(number) for number in missing)
        found.append(finding(
            "TEXT_LAYER_UNREADABLE",
            f"page(s) {listed} have no usable text layer and could not be recovered; install OCR with "
            "'apt-get install tesseract-ocr tesseract-ocr-vie' and run again",
        ))
    return found


def _text_notes(layout: Layout) -> list[Finding]:
    """What the reader converted (legacy encodings) and the text it could not read, as findings."""
    found: list[Finding] = []
    for note in layout.notes:
        if note.kind == "legacy_converted":
            found.append(finding(
                "LEGACY_ENCODING_CONVERTED",
                f"text in {note.encoding} was converted to Unicode: {note.where}, {note.chars:,} characters",
            ))
        else:
            found.append(finding(
                "TEXT_LAYER_UNREADABLE",
                f"the text of {note.where} is not readable Vietnamese in Unicode, TCVN3, VNI or Windows-1258 "
                "(an unknown encoding or font): values read from it may be wrong",
            ))
    return found


def _doubtful_pages(layout: Layout) -> list[Finding]:
    return [
        finding(
            "OCR_TEXT_DOUBTFUL",
            f"page {p.number} was read by OCR and its text is doubtful ({p.doubt}); check values read from it",
        )
        for p in layout.page_info
        if p.readable and p.doubt
    ]


def structure_document(data: bytes, path: str) -> StructuredDocument:
    """Read, normalize and structure a document (the stages before the extractors)."""
    from kehoach.extractors.normalize import normalize_layout
    from kehoach.extractors.structure import build_structure
    from kehoach.pipeline.reading import read_layout
    from kehoach.pipeline.reference import load_reference

    layout = normalize_layout(read_layout(data, path))
    return build_structure(layout, load_reference().type_names())


def extract_plan(data: bytes, path: str, *, keep_layout: bool = False) -> Result:
    """Run every stage on one document's bytes; raises KehoachError when it cannot be read."""
    from kehoach.pipeline.reading import read_layout

    if is_saved_plan(data):
        raise InputError(path, "this is kehoach's JSON output, not a plan document (compare reads it back)")
    timer = _Timer()
    raw = read_layout(data, path)
    timer.lap("read")
    return _plan_from(raw, path, timer, keep_layout=keep_layout)


@lru_cache(maxsize=1)
def _stages() -> SimpleNamespace:
    """The stage functions, imported when first needed (the command line starts without them) and
    then kept: an import statement costs microseconds on every document even when loaded."""
    from kehoach.extractors.budget import extract_budget
    from kehoach.extractors.metadata import extract_document, printed_year
    from kehoach.extractors.normalize import normalize_layout
    from kehoach.extractors.period_anchor import anchor_periods
    from kehoach.extractors.phases import extract_phases
    from kehoach.extractors.structure import build_structure
    from kehoach.extractors.targets import extract_targets
    from kehoach.extractors.tasks import extract_tasks
    from kehoach.pipeline.reference import load_reference
    from kehoach.pipeline.validators import validate

    return SimpleNamespace(
        extract_budget=extract_budget, extract_document=extract_document, printed_year=printed_year,
        normalize_layout=normalize_layout, anchor_periods=anchor_periods, extract_phases=extract_phases,
        build_structure=build_structure, extract_targets=extract_targets, extract_tasks=extract_tasks,
        load_reference=load_reference, validate=validate,
    )


def _plan_from(raw: Layout, path: str, timer: _Timer, *, keep_layout: bool) -> Result:
    stage = _stages()
    reference = stage.load_reference()
    layout = stage.normalize_layout(raw)
    timer.lap("normalize")
    doc = stage.build_structure(layout, reference.type_names())
    timer.lap("structure")

    findings = _unreadable_pages(layout) + _doubtful_pages(layout) + _text_notes(layout)
    document, found = stage.extract_document(doc, reference)
    findings += found
    tasks, units, found = stage.extract_tasks(doc, reference)
    tasks = stage.anchor_periods(
        tasks, document, None if document.issued_date else stage.printed_year(doc, reference)
    )
    findings += found
    phases, found = stage.extract_phases(doc)
    findings += found
    targets, found = stage.extract_targets(doc, tasks)
    findings += found
    budget, found = stage.extract_budget(doc, tasks)
    findings += found
    timer.lap("extract")

    # Built without a second validation: every part is a model the stages made (or validated), of its
    # field's type, and the source's values are the layout's own (a LayoutSource, validated).
    source = construct(Source, {
        "path": layout.source.path, "format": layout.source.format, "sha256": layout.source.sha256,
        "pages": layout.source.pages,
    }, _SOURCE_FIELDS)
    plan = construct(Plan, {
        "schema_version": SCHEMA_VERSION, "source": source, "document": document, "units": units,
        "tasks": tasks, "phases": phases, "targets": targets, "budget": budget, "findings": findings,
    }, _PLAN_FIELDS)
    validation = stage.validate(plan)
    plan.findings.extend(validation.findings)
    timer.lap("validate")
    return Result(
        path=path, plan=plan, layout=layout if keep_layout else None, timings=timer.timings,
        rule_errors=validation.errors,
    )


def process_path(path: str, *, keep_layout: bool = False) -> Result:
    """The batch form: bad input comes back as Result.error, never as an exception."""
    name = input_name(path)
    try:
        return extract_plan(read_input(path), name, keep_layout=keep_layout)
    except KehoachError as exc:
        return Result(path=name, error=failure_of(exc).reason)


def layout_view(data: bytes, path: str) -> dict[str, Any]:
    """A document's normalized Layout and numbered outline as JSON data, for debugging a reading."""
    doc = structure_document(data, path)
    outline = [
        {"marker": s.marker.printed if s.marker else None, "title": s.title, "start": s.block.start if s.block else None}
        for s in doc.sections()
    ]
    return {"layout": doc.layout.model_dump(mode="json"), "outline": outline}


def is_saved_plan(data: bytes) -> bool:
    """Whether the bytes are kehoach's own JSON output (a Plan begins with its schema_version)."""
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b'"schema_version"' in head


def read_saved_plan(data: bytes, path: str) -> Plan:
    """A Plan from kehoach's JSON output; InputError when the bytes are not one."""
    from pydantic import ValidationError

    try:
        return Plan.model_validate_json(data)
    except ValidationError as exc:
        raise InputError(path, f"not a kehoach plan JSON ({exc.error_count()} validation errors)") from None


# Generic plan wording that takes every stage through its libraries once.
_WARM_UP_TEXT = (
    "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2025\nI. NHIỆM VỤ\n"
    "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ tổng hợp báo cáo. Thời gian: Quý I/2025.\n"
)


_warmed = False


def warm_up() -> None:
    """Load every library a file may need, so that a worker's memory bound applies to files only. Once
    per process: a worker forked from a process that warmed up has everything already."""
    global _warmed
    if _warmed:
        return
    from kehoach.pipeline.reading import warm_up_readers

    layout = warm_up_readers(_WARM_UP_TEXT.encode("utf-8"))
    _plan_from(layout, layout.source.path, _Timer(), keep_layout=False)
    _warmed = True
