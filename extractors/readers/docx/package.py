"""The DOCX package: its ZIP directory checked against limits before anything is inflated, then opened
with python-docx into the parts the body walk reads (body, styles, numbering)."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from kehoach.extractors.errors import DocumentLoadError

if TYPE_CHECKING:
    from lxml.etree import _Element

DEFAULT_MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_COMPRESSION_RATIO = 200.0
DEFAULT_MAX_ENTRIES = 5000
# The XML of one part: a 300-page plan's document.xml is a few tens of MB; past this, the XML parser
# fails with no useful message, so the part is refused first with one.
MAX_XML_PART_BYTES = 100 * 1024 * 1024
# Entries smaller than this are never called bombs, whatever their ratio (tiny XML compresses well).
RATIO_CHECK_MIN_BYTES = 1024 * 1024


@dataclass(frozen=True)
class DocxSettings:
    """Limits checked on the ZIP directory before anything is inflated."""

    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO
    max_entries: int = DEFAULT_MAX_ENTRIES

    def __post_init__(self) -> None:
        for name in ("max_uncompressed_bytes", "max_compression_ratio", "max_entries"):
            if getattr(self, name) <= 0:
                raise ValueError(f"DocxSettings.{name} must be positive, got {getattr(self, name)!r}")


def check_zip_limits(data: bytes, path: str, settings: DocxSettings) -> None:
    """Refuse a ZIP whose directory promises too much: too many entries, too many bytes, bomb ratios."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentLoadError(path, f"not a valid DOCX: corrupt ZIP container ({exc})") from exc
    if len(infos) > settings.max_entries:
        raise DocumentLoadError(
            path, f"refused: {len(infos)} ZIP entries (limit {settings.max_entries}), not a Word document"
        )
    total = sum(info.file_size for info in infos)
    if total > settings.max_uncompressed_bytes:
        raise DocumentLoadError(
            path,
            f"refused: the DOCX would inflate to {total:,} bytes (limit "
            f"{settings.max_uncompressed_bytes:,}); possible zip bomb",
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART_BYTES:
            raise DocumentLoadError(
                path,
                f"refused: ZIP entry {info.filename!r} holds {info.file_size / 1024**2:,.0f} MB of XML (limit "
                f"{MAX_XML_PART_BYTES // 1024**2} MB), too large for one plan",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_CHECK_MIN_BYTES and ratio > settings.max_compression_ratio:
            raise DocumentLoadError(
                path,
                f"refused: ZIP entry {info.filename!r} inflates {ratio:,.0f} times (limit "
                f"{settings.max_compression_ratio:,.0f}); possible zip bomb",
            )
    _check_inflated_sizes(data, path)


_INFLATE_CHUNK = 64 * 1024


def _check_inflated_sizes(data: bytes, path: str) -> None:
    """Inflate every entry in small steps and check that it holds what its header says. The sizes in
    the headers are the writer's word: a header that claims 4,000 bytes for a part that inflates to a
    gigabyte would be believed by a whole-part read, which inflates everything before it truncates.
    Read in steps, a lying entry stops at its stated size and fails its checksum."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            for info in archive.infolist():
                with archive.open(info) as entry:
                    while entry.read(_INFLATE_CHUNK):
                        pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError,
            zlib.error) as exc:
        raise DocumentLoadError(path, f"not a valid DOCX: corrupt ZIP container ({exc})") from exc


@dataclass(frozen=True)
class DocxParts:
    """What the body walk reads of an opened document."""

    body: _Element
    styles_root: _Element
    numbering_root: _Element | None


def open_document(data: bytes, path: str) -> DocxParts:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(BytesIO(data))
        styles_root = document.styles.element
        numbering_root = _numbering_root(document)
        body = document.element.body
    except (
        PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError,
        etree.LxmlError, OSError, EOFError, zlib.error, NotImplementedError,
    ) as exc:
        raise DocumentLoadError(path, f"cannot open the Word document ({type(exc).__name__}: {exc})") from exc
    return DocxParts(body=body, styles_root=styles_root, numbering_root=numbering_root)


def _numbering_root(document: object) -> _Element | None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part  # type: ignore[attr-defined]
    try:
        numbering_part = part.part_related_by(RT.NUMBERING)
    except KeyError:
        return None
    element: _Element = numbering_part.element
    return element
