"""The PDF reader's entry: open the file with pdfium, get each page's content (text layer, repaired or
OCR), lay it out. Pages are read one at a time; only their PageContent is kept until layout."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import Any

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.layout import Layout, LayoutBuilder, sha256_of
from kehoach.extractors.readers.pdf.layout import layout_pages
from kehoach.extractors.readers.pdf.page import PageContent
from kehoach.extractors.readers.pdf.pdfium_source import (
    close_document,
    load_error_reason,
    open_document,
    read_page,
)
from kehoach.extractors.readers.pdf.recovery import (
    RecoveryReport,
    RecoverySettings,
    TextRecovery,
)
from kehoach.extractors.readers.pdf.settings import PdfSettings
from kehoach.extractors.readers.pdf.text_layer import PageContentFn, read_text_layer

EXTENSIONS: tuple[str, ...] = (".pdf",)


def read_pdf(
    data: bytes, path: str, *, settings: PdfSettings | dict[str, Any] | None = None,
    page_content: PageContentFn | None = None,
) -> Layout:
    """Read a born-digital PDF into a Layout; corrupt, encrypted or empty files raise DocumentLoadError."""
    s = PdfSettings.resolve(settings)
    to_content = page_content or read_text_layer
    try:
        document = open_document(data)
    except Exception as exc:
        raise DocumentLoadError(path, load_error_reason(exc)) from exc
    recovery = TextRecovery(data, s.recovery) if s.recovery is not None else None
    try:
        page_count = len(document)
        if page_count == 0:
            raise DocumentLoadError(path, "the PDF has no pages")
        contents: list[PageContent] = []
        for index in range(page_count):
            try:
                source = read_page(document, index, s)
                if recovery is not None:
                    contents.append(recovery.page_content(source, s, to_content))
                else:
                    contents.append(to_content(source, s))
            except Exception as exc:
                raise DocumentLoadError(path, f"page {index + 1}: {load_error_reason(exc)}") from exc
    finally:
        if recovery is not None:
            recovery.close()
        with contextlib.suppress(Exception):
            close_document(document)
    if recovery is not None:
        contents = recovery.finish(contents)
    builder = LayoutBuilder(path, "pdf", sha256_of(data), pages=page_count)
    layout_pages(contents, builder, s)
    return builder.build()


def read_pdf_recovered(
    data: bytes, path: str, *, settings: PdfSettings | dict[str, Any] | None = None,
    recovery: RecoverySettings | None = None, report: RecoveryReport | None = None,
) -> Layout:
    """`read_pdf` with the given recovery settings; `report` receives what was done per page."""
    base = PdfSettings.resolve(settings)
    chosen = recovery or RecoverySettings()
    if report is not None:
        chosen = replace(chosen, report=report)
    return read_pdf(data, path, settings=replace(base, recovery=chosen))
