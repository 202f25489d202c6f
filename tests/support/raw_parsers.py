"""The raw parsers kehoach's speed is measured against, on the same files (tests/benchmarks)."""

from __future__ import annotations

from io import BytesIO


def pdfplumber_text_and_tables(data: bytes) -> None:
    """pdfplumber's own pass over a PDF: every page's text and tables."""
    import pdfplumber

    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
