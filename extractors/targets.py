"""Numeric targets ("ít nhất 300 lượt người", "đạt trên 80%"). Stub: filled in by the budget work."""

from __future__ import annotations

from extractors.structure import StructuredDocument
from schemas import Finding, Target, Task


def extract_targets(doc: StructuredDocument, tasks: list[Task]) -> tuple[list[Target], list[Finding]]:
    return [], []
