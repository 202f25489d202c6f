"""Load the reference data shipped in ``pipeline/data`` as one validated, cached ``ReferenceData``,
and the glyph tables in ``pipeline/data/glyphs`` as data (the PDF reader's type reads them).

Each file opens with ``source`` and ``as_of``; the types in ``extractors.reference`` validate it.
A missing or malformed file raises ``ReferenceDataError`` naming the file: the installation is
broken, not the document being read. Example: ``load_reference().province_by_name("TP. HCM")``.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kehoach.extractors.errors import ReferenceDataError
from kehoach.extractors.reference import (
    AbbreviationFile,
    DocumentTypeFile,
    IssuerFile,
    Programme,
    ProvinceFile,
    ReferenceData,
)

__all__ = ["DATA_PACKAGE", "DATA_DIRECTORY", "load_glyph_data", "load_reference", "load_reference_from"]

DATA_PACKAGE = "kehoach.pipeline"
DATA_DIRECTORY = "data"
PROVINCES_FILE = "provinces.json"
DOCUMENT_TYPES_FILE = "document_types.json"
ISSUERS_FILE = "issuers.json"
ABBREVIATIONS_FILE = "abbreviations.json"
PROGRAMMES_DIRECTORY = "programmes"
GLYPHS_DIRECTORY = "glyphs"

_Model = TypeVar("_Model", bound=BaseModel)


def _read_json(root: Traversable, name: str) -> Any:
    """One data file's JSON, or ``ReferenceDataError`` naming it."""
    try:
        text = root.joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(name, f"cannot be read ({exc.__class__.__name__}: {exc})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(name, f"is not valid JSON ({exc})") from exc


def _read_model(root: Traversable, name: str, model: type[_Model]) -> _Model:
    """One data file parsed and validated, or ``ReferenceDataError`` naming it."""
    raw = _read_json(root, name)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise ReferenceDataError(
            name, f"{exc.error_count()} problem(s), first at {where}: {first['msg']}"
        ) from exc


def _json_files(root: Traversable, folder: str) -> list[str]:
    directory = root.joinpath(folder)
    if not directory.is_dir():
        raise ReferenceDataError(folder, "directory is missing")
    return sorted(
        f"{folder}/{entry.name}" for entry in directory.iterdir() if entry.is_file() and entry.name.endswith(".json")
    )


def load_reference_from(root: Traversable) -> ReferenceData:
    """Load and validate every reference file under ``root`` (a directory shaped like
    ``pipeline/data``). Not cached; ``load_reference`` is the cached entry point."""
    provinces = _read_model(root, PROVINCES_FILE, ProvinceFile)
    document_types = _read_model(root, DOCUMENT_TYPES_FILE, DocumentTypeFile)
    issuers = _read_model(root, ISSUERS_FILE, IssuerFile)
    abbreviations = _read_model(root, ABBREVIATIONS_FILE, AbbreviationFile)
    programmes: dict[str, Programme] = {}
    sources = {
        PROVINCES_FILE: provinces.source,
        DOCUMENT_TYPES_FILE: document_types.source,
        ISSUERS_FILE: issuers.source,
        ABBREVIATIONS_FILE: abbreviations.source,
    }
    for name in _json_files(root, PROGRAMMES_DIRECTORY):
        programme = _read_model(root, name, Programme)
        if programme.number in programmes:
            raise ReferenceDataError(name, f"programme {programme.number} defined twice")
        programmes[programme.number] = programme
        sources[name] = programme.source
    return ReferenceData(
        provinces=provinces.provinces,
        document_types=document_types.document_types,
        issuers=issuers.issuers,
        national_motto=issuers.national_motto,
        abbreviations=abbreviations.abbreviations,
        programmes=programmes,
        sources=sources,
    )


@functools.cache
def load_reference() -> ReferenceData:
    """The reference data shipped with the installed package, loaded once per process."""
    return load_reference_from(resources.files(DATA_PACKAGE).joinpath(DATA_DIRECTORY))


@functools.cache
def load_glyph_data() -> tuple[tuple[str, Any], ...]:
    """Every shipped glyph table (``data/glyphs/*.json``) as (file name, JSON data), loaded once per
    process; the PDF reader's ``GlyphTable`` validates them."""
    root = resources.files(DATA_PACKAGE).joinpath(DATA_DIRECTORY)
    return tuple((name, _read_json(root, name)) for name in _json_files(root, GLYPHS_DIRECTORY))
