"""The PDF reader's entry: open the file, get each page's content (text layer, repaired or OCR), lay it out."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from io import BytesIO
from typing import Any

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.layout import Layout, LayoutBuilder, sha256_of
from kehoach.extractors.readers.pdf.layout import layout_pages
from kehoach.extractors.readers.pdf.page import PageContent
from kehoach.extractors.readers.pdf.recovery import (
    RecoveryReport,
    RecoverySettings,
    TextRecovery,
)
from kehoach.extractors.readers.pdf.settings import PdfSettings
from kehoach.extractors.readers.pdf.text_layer import PageContentFn, read_text_layer

EXTENSIONS: tuple[str, ...] = (".pdf",)


def _close_quietly(closable: Any) -> None:
    """Close, ignoring errors: pdfplumber's close walks the page tree again, and on a corrupt file
    that raises over the DocumentLoadError that says what is really wrong."""
    with contextlib.suppress(Exception):
        closable.close()


def read_pdf(
    data: bytes, path: str, *, settings: PdfSettings | dict[str, Any] | None = None,
    page_content: PageContentFn | None = None,
) -> Layout:
    """Read a born-digital PDF into a Layout; corrupt, encrypted or empty files raise DocumentLoadError."""
    import pdfplumber

    s = PdfSettings.resolve(settings)
    to_content = page_content or read_text_layer
    try:
        pdf = pdfplumber.open(BytesIO(data))
    except Exception as exc:
        raise DocumentLoadError(path, _load_reason(exc)) from exc
    try:
        try:
            page_count = len(pdf.pages)
        except Exception as exc:
            raise DocumentLoadError(path, _load_reason(exc)) from exc
        if page_count == 0:
            raise DocumentLoadError(path, "the PDF has no pages")
        contents: list[PageContent] = []
        recovery = TextRecovery(data, pdf, s.recovery) if s.recovery is not None else None
        for page in pdf.pages:
            try:
                if recovery is not None:
                    contents.append(recovery.page_content(page, s, to_content))
                else:
                    contents.append(to_content(page, s))
            except Exception as exc:
                raise DocumentLoadError(
                    path, f"page {page.page_number}: {_load_reason(exc)}"
                ) from exc
            finally:
                _close_quietly(page)
    finally:
        _close_quietly(pdf)
    if recovery is not None:
        contents = recovery.finish(contents)
    builder = LayoutBuilder(path, "pdf", sha256_of(data), pages=page_count)
    layout_pages(contents, builder, s)
    return builder.build()


def _load_reason(exc: BaseException) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return "encrypted PDF (password required)"
    message = str(inner) or type(inner).__name__
    return f"corrupt or unreadable PDF ({message})"


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
