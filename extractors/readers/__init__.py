"""Readers: one module per format, each turning a file's bytes into a Layout.

A format maps to a "module:function" string imported on first use, so that importing kehoach does not
import pdfplumber or python-docx. The format is chosen from the content (magic bytes) first, the
extension second. A new format is one module, one line in READERS, a sample and its test module.
"""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Callable, Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

from kehoach.extractors.errors import DocumentLoadError, UnsupportedFormatError
from kehoach.extractors.layout import Layout

Reader = Callable[[bytes, str], Layout]

READERS: dict[str, str] = {
    "pdf": "kehoach.extractors.readers.pdf.reader:read_pdf",
    "docx": "kehoach.extractors.readers.docx.reader:read_docx",
    "doc": "kehoach.extractors.readers.doc_reader:read_doc",
    "html": "kehoach.extractors.readers.html_reader:read_html",
    "txt": "kehoach.extractors.readers.text_reader:read_text",
    "md": "kehoach.extractors.readers.text_reader:read_text",
}

EXTENSIONS: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
}

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_HINTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Every byte but the C0 controls that text files do not hold (tab, line ends and form feed are text).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def detect_format(data: bytes, path: str) -> str:
    """The format of a file from its first bytes, then its extension; raises for what no reader takes."""
    if not data or data.isspace():
        raise DocumentLoadError(path, "the file is empty")
    ext_format = EXTENSIONS.get(Path(path).suffix.lower())
    head = data[:1024]
    if _PDF_MAGIC in head:
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(data, path)
    if data.startswith(_CFB_MAGIC):
        return "doc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"<") and any(h in stripped[:400] for h in _HTML_HINTS):
        if b"<html" in data[:8192].lower():
            return "html"
    if ext_format == "pdf" or ext_format in ("docx", "doc"):
        # Named as a binary format but not one: say what it really is.
        raise DocumentLoadError(path, f"not a {ext_format.upper()} file (its content does not match)")
    if _looks_like_text(data):
        return ext_format if ext_format in ("txt", "md", "html") else "txt"
    raise UnsupportedFormatError(path, "unsupported file type (not PDF, DOCX, DOC, HTML or text)")


def _zip_format(data: bytes, path: str) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentLoadError(path, f"corrupt ZIP container ({exc})") from exc
    if "word/document.xml" in names:
        return "docx"
    raise UnsupportedFormatError(path, "a ZIP archive that is not a Word document")


def _looks_like_text(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith(_BOMS):
        return True
    if b"\x00" in sample:
        return False
    control = len(sample.translate(None, _NOT_CONTROL))
    return control <= len(sample) // 100


def get_reader(fmt: str) -> Reader:
    try:
        target = READERS[fmt]
    except KeyError:
        raise UnsupportedFormatError("<input>", f"no reader for format {fmt!r}") from None
    module_name, _, func_name = target.partition(":")
    module = importlib.import_module(module_name)
    reader: Reader = getattr(module, func_name)
    return reader


def read_document(
    data: bytes, path: str, fmt: str | None = None, *, settings: Mapping[str, Any] | None = None
) -> Layout:
    """Read a document's bytes into a Layout; `path` names it in errors and in the Layout's source.

    `settings` maps a format to the settings object its reader takes (e.g. "pdf" -> PdfSettings).
    """
    fmt = fmt or detect_format(data, path)
    reader = get_reader(fmt)
    reader_settings = (settings or {}).get(fmt)
    if reader_settings is not None:
        return reader(data, path, settings=reader_settings)  # type: ignore[call-arg]
    return reader(data, path)
