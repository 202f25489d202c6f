"""Document metadata: number, type, issuer, province, place, date, title, legal bases, signer, recipients.

Stub: filled in by the metadata work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.structure import StructuredDocument
from schemas import Document, Finding

if TYPE_CHECKING:
    from extractors.reference import ReferenceData


def extract_document(doc: StructuredDocument, reference: ReferenceData) -> tuple[Document, list[Finding]]:
    return Document(), []
