"""The DOCX package: its ZIP directory checked against limits before anything is inflated, then the
entries the body walk reads (body, styles, numbering, and the relationships and content types that
find them, as python-docx finds them) inflated in steps, checked against their headers, and parsed
with lxml; the styles part only where it is used (`sheet`)."""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.readers.docx.sheet import LazySheet, ParsedSheet, index_styles

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


def check_zip_limits(infos: list[zipfile.ZipInfo], path: str, settings: DocxSettings) -> None:
    """Refuse a ZIP whose directory promises too much: too many entries, too many bytes, bomb ratios."""
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


_INFLATE_CHUNK = 64 * 1024


def _inflate_checked(archive: zipfile.ZipFile, member: str) -> bytes:
    """Inflate one entry in small steps and check that it holds what its header says. The sizes in the
    headers are the writer's word: a header that claims 4,000 bytes for a part that inflates to a
    gigabyte would be believed by a whole-part read, which inflates everything before it truncates.
    Read in steps, a lying entry stops at its stated size and fails its checksum. Entries the reader
    never reads (images, themes, fonts) are never inflated."""
    chunks: list[bytes] = []
    with archive.open(member) as entry:
        while chunk := entry.read(_INFLATE_CHUNK):
            chunks.append(chunk)
    return b"".join(chunks)


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_UNSUPPORTED_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, compressed patched data, strong encryption


def _inflate_whole(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The entry inflated in one call, when it is plainly what `_inflate_checked` would read: a stored or
    deflated entry whose local header names it, whose stream ends exactly at its stated size (read at
    most one byte further) and whose checksum matches. None otherwise: then `_inflate_checked` reads
    it, and fails as it does."""
    if info.flag_bits & _UNSUPPORTED_FLAGS or info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        return None
    start = info.header_offset
    header = data[start : start + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size:
        return None
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != b"PK\x03\x04":
        return None
    start += _LOCAL_HEADER.size
    name_end = start + fields[10]
    try:
        name = data[start:name_end].decode("utf-8" if fields[3] & 0x800 else "cp437")
    except UnicodeDecodeError:
        return None
    if name != info.orig_filename:
        return None
    start = name_end + fields[11]
    raw = data[start : start + info.compress_size]
    if len(raw) != info.compress_size:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        content = raw
    else:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(raw, info.file_size + 1)
        except zlib.error:
            return None
        if not inflater.eof:
            return None
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        return None
    return content


@dataclass(frozen=True)
class DocxParts:
    """What the body walk reads of an opened document."""

    body: _Element
    styles: ParsedSheet | LazySheet
    numbering_root: _Element | None


_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_OFFICE_DOCUMENT, _STYLES, _NUMBERING = (f"{_RELATIONSHIP}{kind}" for kind in ("officeDocument", "styles", "numbering"))
_WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_W_BODY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"


class _Package:
    """The OPC package read the way python-docx reads it (content types, relationships, part names),
    parsing only the parts the body walk needs: a Word file holds a dozen more (settings, theme,
    fonts, headers) that python-docx would parse too."""

    def __init__(self, archive: zipfile.ZipFile, data: bytes, path: str) -> None:
        from lxml import etree

        # python-docx's parser settings: the same tree, and no entity is ever resolved.
        self._parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
        self._etree = etree
        self._parsed: dict[str, _Element] = {}
        self._archive = archive
        self._data = data
        self._names = set(archive.namelist())
        self._path = path

    def blob(self, partname: str) -> bytes:
        member = partname.lstrip("/")
        if member not in self._names:
            raise KeyError(f"There is no item named {member!r} in the archive")
        whole = _inflate_whole(self._data, self._archive.getinfo(member))
        if whole is not None:
            return whole
        try:
            return _inflate_checked(self._archive, member)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError,
                zlib.error) as exc:
            raise DocumentLoadError(self._path, f"not a valid DOCX: corrupt ZIP container ({exc})") from exc

    def parse(self, xml: bytes) -> _Element:
        root: _Element = self._etree.fromstring(xml, self._parser)
        return root

    def xml(self, partname: str) -> _Element:
        if partname not in self._parsed:
            self._parsed[partname] = self.parse(self.blob(partname))
        return self._parsed[partname]

    def related(self, source: str, kind: str) -> str | None:
        """The part name `source` ("/" for the package) relates to by `kind`; None when there is none."""
        directory, name = posixpath.split(source)
        rels = posixpath.join(directory, "_rels", f"{name}.rels")
        if rels.lstrip("/") not in self._names:
            return None
        targets = [
            posixpath.normpath(posixpath.join(directory, rel.get("Target") or ""))
            for rel in self.xml(rels).iter(f"{_RELS_NS}Relationship")
            if rel.get("Type") == kind and rel.get("TargetMode") != "External"
        ]
        if len(targets) > 1:
            raise KeyError(f"more than one relationship of type {kind!r} from {source}")
        return targets[0] if targets else None

    def content_type(self, partname: str) -> str:
        types = self.xml("/[Content_Types].xml")
        for override in types.iter(f"{_TYPES_NS}Override"):
            if (override.get("PartName") or "").lower() == partname.lower():
                return override.get("ContentType") or ""
        extension = posixpath.splitext(partname)[1].lstrip(".").lower()
        for default in types.iter(f"{_TYPES_NS}Default"):
            if (default.get("Extension") or "").lower() == extension:
                return default.get("ContentType") or ""
        raise KeyError(f"no content type for part {partname}")


_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError)


def open_document(data: bytes, path: str, settings: DocxSettings) -> DocxParts:
    from lxml import etree

    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise DocumentLoadError(path, f"not a valid DOCX: corrupt ZIP container ({exc})") from exc
    with archive:
        check_zip_limits(archive.infolist(), path, settings)
        package = _Package(archive, data, path)
        try:
            main = package.related("/", _OFFICE_DOCUMENT)
            if main is None:
                raise KeyError("no relationship of type 'officeDocument': not a Word package")
            kind = package.content_type(main)
            if kind != _WORD_DOCUMENT:
                raise ValueError(f"not a Word file, content type is {kind!r}")
            body = package.xml(main).find(_W_BODY)
            if body is None:
                raise ValueError("the document has no body")
            styles_part = package.related(main, _STYLES)
            styles = _styles(package, styles_part) if styles_part is not None else ParsedSheet(_default_styles(package))
            numbering = package.related(main, _NUMBERING)
            numbering_root = package.xml(numbering) if numbering is not None else None
        except (KeyError, ValueError, TypeError, etree.LxmlError, OSError, EOFError, zlib.error) as exc:
            raise _cannot_open(path, exc) from exc
    return DocxParts(body=body, styles=styles, numbering_root=numbering_root)


def _cannot_open(path: str, exc: Exception) -> DocumentLoadError:
    return DocumentLoadError(path, f"cannot open the Word document ({type(exc).__name__}: {exc})")


def _styles(package: _Package, partname: str) -> ParsedSheet | LazySheet:
    blob = package.blob(partname)
    index = index_styles(blob)
    if index is None:
        return ParsedSheet(package.parse(blob))

    def parse_whole() -> _Element:
        from lxml import etree

        try:
            return package.parse(blob)
        except etree.LxmlError as exc:
            raise _cannot_open(package._path, exc) from exc

    return LazySheet(index, package.parse, parse_whole)


def _default_styles(package: _Package) -> _Element:
    """The styles Word assumes when a document has none: python-docx's default styles part."""
    from importlib import resources

    root: _Element = package._etree.fromstring(
        (resources.files("docx") / "templates" / "default-styles.xml").read_bytes(), package._parser
    )
    return root
