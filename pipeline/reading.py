"""The pipeline's one door to the readers: the file types kehoach reads, reading a document with the
pipeline's settings (PDF repair from the glyph tables in `pipeline/data/glyphs/`, OCR of pages with no
usable text), and learning glyph tables from a user's own PDFs.

No other module of `pipeline` imports from `extractors.readers`; commands ask this one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from kehoach.extractors.errors import ReferenceDataError
from kehoach.extractors.layout import Layout
from kehoach.extractors.readers import EXTENSIONS, detect_format, read_document
from kehoach.extractors.readers.pdf.glyphs import GlyphTable, learn_glyph_table
from kehoach.pipeline.reference import load_glyph_data

GLYPHS_ENV = "KEHOACH_GLYPHS"  # a glyph table from `kehoach learn-glyphs`, extending the shipped one


def supported_extensions() -> frozenset[str]:
    """The file name extensions a folder is searched for (".pdf", ".docx", ...), lower case."""
    return frozenset(EXTENSIONS)


def read_layout(data: bytes, path: str) -> Layout:
    """A document's bytes read into its Layout with the pipeline's reader settings (built for a PDF
    only: no other reader takes settings)."""
    fmt = detect_format(data, path)
    return read_document(data, path, fmt, settings=reader_settings() if fmt == "pdf" else None)


def warm_up_readers(text: bytes) -> Layout:
    """Load every reader's libraries (those installed), and read `text` as a plain-text document."""
    import importlib

    for module in ("pdfplumber", "pypdfium2", "docx", "lxml.etree", "cv2"):
        try:
            importlib.import_module(module)
        except ImportError:  # a reader whose library is missing says so when a file needs it
            pass
    return read_document(text, "warm-up.txt", settings=reader_settings())


def reader_settings(*, ocr: bool = True) -> dict[str, Any]:
    """Settings the pipeline hands the readers: PDF text-layer repair with the shipped glyph tables,
    and OCR of pages that have no usable text (when `ocr`; Tesseract must be installed)."""
    from kehoach.extractors.readers.pdf.recovery import RecoverySettings
    from kehoach.extractors.readers.pdf.settings import PdfSettings

    from kehoach.extractors.readers.pdf.ocr import OcrSettings

    user_table = os.environ.get(GLYPHS_ENV)
    glyphs = (lambda: load_user_glyph_table(user_table)) if user_table else load_glyph_table
    pages_at_once = {} if _ocr_pages_at_once is None else {"workers": _ocr_pages_at_once}
    recovery = RecoverySettings(glyphs=glyphs, ocr=OcrSettings(**pages_at_once) if ocr else None)
    return {"pdf": PdfSettings(recovery=recovery)}


_ocr_pages_at_once: int | None = None  # this process's share of the cores, when it is one of a batch's workers


def share_ocr_cores(jobs: int) -> None:
    """In one of `jobs` workers running side by side, read at most this worker's share of the cores'
    pages by OCR at once (at least one), so that `-j N` does not start N times the Tesseracts."""
    global _ocr_pages_at_once
    from kehoach.extractors.readers.pdf.ocr import DEFAULT_WORKERS, usable_cores

    _ocr_pages_at_once = max(1, min(DEFAULT_WORKERS, usable_cores() // jobs))


# --- glyph tables ---------------------------------------------------------------------------------


def _glyph_table(name: str, data: Any) -> GlyphTable:
    try:
        return GlyphTable.from_dict(data)
    except (ValueError, TypeError, AttributeError) as exc:
        raise ReferenceDataError(name, f"not a glyph table ({exc})") from exc


@lru_cache(maxsize=1)
def load_glyph_table() -> GlyphTable:
    """Every shipped glyph table, merged (loaded with the reference data)."""
    table = GlyphTable()
    for name, data in load_glyph_data():
        table = table.merged(_glyph_table(name, data))
    return table


def load_user_glyph_table(path: str | Path) -> GlyphTable:
    """The shipped tables extended by a user's table (`kehoach learn-glyphs ... -o table.json`)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReferenceDataError(str(path), f"cannot read ({exc})") from exc
    except ValueError as exc:
        raise ReferenceDataError(str(path), f"not a glyph table ({exc})") from exc
    return load_glyph_table().merged(_glyph_table(str(path), data))


def learn_glyphs(pdfs: Iterable[bytes], *, source: str, as_of: str) -> dict[str, Any]:
    """A glyph table learnt from born-digital PDFs, as the JSON data `KEHOACH_GLYPHS` takes."""
    return learn_glyph_table(pdfs, source=source, as_of=as_of).to_dict()
