"""Phases of a plan ("Giai đoạn 1: Từ năm 2019 đến 2025"). Stub: filled in by the budget work."""

from __future__ import annotations

from extractors.structure import StructuredDocument
from schemas import Finding, Phase


def extract_phases(doc: StructuredDocument) -> tuple[list[Phase], list[Finding]]:
    return [], []
