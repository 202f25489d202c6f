"""The budget tree: total, sources, amounts in words. Stub: filled in by the budget work."""

from __future__ import annotations

from extractors.structure import StructuredDocument
from schemas import Budget, Finding, Task


def extract_budget(doc: StructuredDocument, tasks: list[Task]) -> tuple[Budget | None, list[Finding]]:
    return None, []
