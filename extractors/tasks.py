"""Tasks and the units that lead and coordinate them.

Stub: filled in by the tasks work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.structure import StructuredDocument
from schemas import Finding, Task, Unit

if TYPE_CHECKING:
    from extractors.reference import ReferenceData


def extract_tasks(
    doc: StructuredDocument, reference: ReferenceData
) -> tuple[list[Task], list[Unit], list[Finding]]:
    return [], [], []
