"""The Python API: extract, validate and compare plans in this process (see the package docstring).

The command line runs each file in a bounded worker process (timeout, memory); these functions run in
the caller's process, without those bounds: for untrusted files in bulk, use `kehoach extract` or the
HTTP service.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from kehoach.extractors.errors import KehoachError
from kehoach.pipeline.compare.comparison import Comparison, compare_plans
from kehoach.pipeline.compare.coverage import load_programmes
from kehoach.pipeline.inputs import input_name, read_input
from kehoach.pipeline.run import extract_plan
from kehoach.pipeline.validators import validate as _run_rules
from kehoach.schemas import Finding, Plan

__all__ = ["Comparison", "Finding", "KehoachError", "Plan", "compare", "extract", "validate"]

_FORMATS = frozenset({"pdf", "docx", "doc", "html", "txt", "md"})


def extract(source: str | os.PathLike[str] | bytes, format: str | None = None) -> Plan:
    """The Plan of one document, given as a path or as its bytes.

    `format` ("pdf", "docx", "doc", "html", "txt" or "md") names the format of bytes, or overrides a
    path's extension; the content decides first wherever it is unambiguous (a PDF is a PDF).
    Raises `KehoachError` (its message names the document and the reason) when it cannot be read.
    """
    if format is not None and format.lower().lstrip(".") not in _FORMATS:
        raise ValueError(f"unknown format {format!r}: expected one of {', '.join(sorted(_FORMATS))}")
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), "document"
    else:
        name = os.fspath(source)
        data = read_input(name)
        name = input_name(name)
    if format is not None:
        name = f"{os.path.splitext(name)[0]}.{format.lower().lstrip('.')}"
    return extract_plan(data, name).plan


def validate(plan: Plan) -> list[Finding]:
    """The findings of every validation rule on `plan` (extract has already added them to
    `plan.findings`; this reruns them, e.g. after the plan was edited)."""
    return _run_rules(plan).findings


def compare(plans: Sequence[Plan], labels: Sequence[str] | None = None) -> Comparison:
    """The side-by-side comparison of plans: programme coverage, targets, budgets and lead units."""
    return compare_plans(plans, load_programmes(), labels=labels)
