"""The DOCX reader's entry: check the package, open it, walk its body into a Layout."""

from __future__ import annotations

from kehoach.extractors.layout import Layout, LayoutBuilder, sha256_of
from kehoach.extractors.readers.docx.body import BodyWalker
from kehoach.extractors.readers.docx.package import (
    DocxSettings,
    open_document,
)

EXTENSIONS: tuple[str, ...] = (".docx",)


def read_docx(data: bytes, path: str, settings: DocxSettings | None = None) -> Layout:
    """Read a DOCX file's bytes into a Layout (no pages: DOCX has none until rendered)."""
    return read_docx_as(data, path, fmt="docx", sha256=sha256_of(data), settings=settings)


def read_docx_as(
    data: bytes, path: str, *, fmt: str, sha256: str, settings: DocxSettings | None = None
) -> Layout:
    """Read DOCX bytes, recording another format and hash as the source (the DOC reader converts first)."""
    settings = settings or DocxSettings()
    document = open_document(data, path, settings)
    walker = BodyWalker(document, LayoutBuilder(path, fmt, sha256), path)
    return walker.run()
