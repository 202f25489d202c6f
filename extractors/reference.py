"""Types of the reference data: provinces, document types, issuers, abbreviations, programmes.

Facts fixed by decree live in data files (``pipeline/data/*.json``), each opening with ``source`` and
``as_of``; ``pipeline.reference.load_reference`` reads and validates them with these types and hands
the resulting ``ReferenceData`` to extractors, which read no files. Example of what the data answers:
a plan dated 2019 signed in "Thừa Thiên Huế" is in the province "Thừa Thiên Huế", whose successor
since 2025 is the city of "Huế"; "TP. HCM" is "Hồ Chí Minh".

Types only, plus pure lookups over the loaded data; no file access here.
"""

from __future__ import annotations

import datetime as _dt
import re
from datetime import date
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from kehoach.extractors.vntext import comparison_key

_T = TypeVar("_T")

__all__ = [
    "Abbreviation",
    "AbbreviationFile",
    "DocumentType",
    "DocumentTypeFile",
    "Issuer",
    "IssuerFile",
    "NationalMotto",
    "Programme",
    "Province",
    "ProvinceFile",
    "ReferenceData",
    "TaskGroup",
    "province_key",
]

MAX_SUCCESSION_STEPS = 5
_PROVINCE_PREFIX = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s*")
ProvinceKind = Literal["tỉnh", "thành phố"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _File(_Data):
    source: str = Field(min_length=1, description="where the facts come from")
    as_of: date = Field(description="the date the data describes")


# --- provinces ------------------------------------------------------------------------------------
class Province(_Data):
    """A province-level unit (tỉnh or centrally-run thành phố) and when it existed."""

    name: str = Field(description='canonical name without the kind: "Cao Bằng", "Hồ Chí Minh"')
    kind: ProvinceKind
    code: str | None = Field(None, pattern=r"^[0-9]{2}$", description="administrative unit code")
    valid_from: date | None = Field(None, description="first day; null when it predates the data")
    valid_to: date | None = Field(None, description="last day; null while it exists")
    merged_into: str | None = Field(None, description="the name of the unit it became (part of)")
    formed_from: list[str] = Field(default_factory=list, description="the units merged into it")
    aliases: list[str] = Field(default_factory=list, description="other spellings seen in documents")

    @property
    def full_name(self) -> str:
        """"Tỉnh Cao Bằng", "Thành phố Hồ Chí Minh"."""
        return f"{self.kind.capitalize()} {self.name}"

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class ProvinceFile(_File):
    provinces: list[Province]


# --- document types and issuers -----------------------------------------------------------------
class DocumentType(_Data):
    """A document type and the code printed in numbers ("KH" in "129/KH-UBND")."""

    code: str | None = Field(description="the code in numbers, or null when numbers carry none")
    name: str
    kind: Literal["administrative", "copy", "legal", "other"]
    in_number: bool = Field(description="whether the code appears in document numbers")
    other_codes: list[str] = Field(default_factory=list, description="informal or unverified codes")
    note: str | None = None


class DocumentTypeFile(_File):
    document_types: list[DocumentType]


class Issuer(_Data):
    """An issuing body as abbreviated in numbers ("UBND" in "129/KH-UBND")."""

    abbreviation: str
    name: str
    level: Literal["central", "local"]
    variants: list[str] = Field(default_factory=list)
    note: str | None = None
    valid_to: date | None = None


class NationalMotto(_Data):
    """The two lines heading every administrative document."""

    country: str
    motto: str


class IssuerFile(_File):
    national_motto: NationalMotto
    issuers: list[Issuer]


class Abbreviation(_Data):
    """A common abbreviation in unit names; several expansions mean it needs context."""

    abbreviation: str
    expansions: list[str] = Field(min_length=1)
    variants: list[str] = Field(default_factory=list)
    context: str | None = None
    note: str | None = None

    @property
    def ambiguous(self) -> bool:
        return len(self.expansions) > 1


class AbbreviationFile(_File):
    abbreviations: list[Abbreviation]


# --- programmes -----------------------------------------------------------------------------------
class TaskGroup(_Data):
    """A task group of a national programme, with phrases that identify its tasks."""

    id: str = Field(pattern=r"^[a-z_]+$")
    number: int
    name: str
    name_variants: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)


class Programme(_File):
    """A national programme that provincial plans carry out, e.g. Decision 996/QĐ-TTg."""

    number: str
    type_name: str
    issuer: str
    date: _dt.date
    short_name: str | None = None
    title: str
    start_year: int | None = None
    end_year: int | None = None
    horizon_year: int | None = None
    related: list[str] = Field(default_factory=list)
    task_groups: list[TaskGroup]


# --- the bundle -----------------------------------------------------------------------------------
@lru_cache(maxsize=1024)
def province_key(text: str) -> str:
    """The lookup key of a province name: ``comparison_key`` without "tỉnh", "thành phố", "TP."."""
    return _PROVINCE_PREFIX.sub("", comparison_key(text)).strip()


class ReferenceData(_Data):
    """Everything loaded from ``pipeline/data``, with lookups by the names documents print."""

    provinces: list[Province]
    document_types: list[DocumentType]
    issuers: list[Issuer]
    national_motto: NationalMotto
    abbreviations: list[Abbreviation]
    programmes: dict[str, Programme] = Field(description="by number, e.g. '996/QĐ-TTg'")
    sources: dict[str, str] = Field(default_factory=dict, description="file name -> source note")

    _province_index: dict[str, list[Province]] = PrivateAttr(default_factory=dict)
    # Lookups by name, the first entry in file order winning: (exact spelling, comparison key).
    _issuer_index: tuple[dict[str, Issuer], dict[str, Issuer]] = PrivateAttr()
    _abbreviation_index: dict[str, Abbreviation] = PrivateAttr()
    _type_names: frozenset[str] = PrivateAttr()
    # The lookups below read these from __pydantic_private__: `self._name` on a pydantic model goes
    # through BaseModel.__getattr__, several times slower, and they are asked many times a document.

    def model_post_init(self, __context: object) -> None:
        self._type_names = frozenset(document_type.name.upper() for document_type in self.document_types)
        index: dict[str, list[Province]] = {}
        for province in self.provinces:
            for name in (province.name, province.full_name, *province.aliases):
                entries = index.setdefault(province_key(name), [])
                if province not in entries:
                    entries.append(province)
        self._province_index = index
        exact: dict[str, Issuer] = {}
        keyed: dict[str, Issuer] = {}
        for issuer in self.issuers:
            for spelling in (issuer.abbreviation, *issuer.variants):
                exact.setdefault(spelling, issuer)
                keyed.setdefault(comparison_key(spelling), issuer)
        self._issuer_index = (exact, keyed)
        abbreviations: dict[str, Abbreviation] = {}
        for entry in self.abbreviations:
            for spelling in (entry.abbreviation, *entry.variants):
                abbreviations.setdefault(comparison_key(spelling), entry)
        self._abbreviation_index = abbreviations

    def provinces_on(self, day: date) -> list[Province]:
        """The units that existed on ``day``: 63 in 2019, 34 from 1 July 2025."""
        return [p for p in self.provinces if p.valid_on(day)]

    def successor_of(self, province: Province) -> Province | None:
        """The unit ``province`` became, or None when it still exists."""
        if province.merged_into is None or province.valid_to is None:
            return None
        end = province.valid_to
        later = [
            p
            for p in self.provinces
            if p.name == province.merged_into and p.valid_from is not None and p.valid_from > end
        ]
        return min(later, key=lambda p: p.valid_from or end) if later else None

    def province_by_name(
        self, text: str, on: date | None = None, successor: bool = False
    ) -> Province | None:
        """The province a name stands for, matched by ``province_key``.

        "Hoà Bình", "TP. HCM", "tỉnh Cao Bằng" all match. With ``on``, only a unit existing that day
        is returned; without it the unit existing longest (the current one when two share a name,
        e.g. Tuyên Quang before and after 2025). ``successor=True`` follows ``merged_into`` to the unit
        that exists now ("Bình Dương" -> "Hồ Chí Minh", "Thừa Thiên Huế" -> "Huế").
        """
        candidates = self.__pydantic_private__["_province_index"].get(province_key(text), [])
        if on is not None:
            candidates = [p for p in candidates if p.valid_on(on)]
        if not candidates:
            return None
        found = max(candidates, key=lambda p: (p.valid_to is None, p.valid_to or date.min))
        if successor:
            for _ in range(MAX_SUCCESSION_STEPS):
                following = self.successor_of(found)
                if following is None:
                    break
                found = following
        return found

    def type_names(self) -> frozenset[str]:
        """The document type names in capitals, as type lines print them: "KẾ HOẠCH", "QUYẾT ĐỊNH"."""
        return self.__pydantic_private__["_type_names"]

    def document_type_by_code(self, code: str) -> DocumentType | None:
        """"KH" -> Kế hoạch; exact code as printed (codes are case-sensitive: "QyĐ", "CTr")."""
        for document_type in self.document_types:
            if document_type.code == code:
                return document_type
        return None

    def document_type_by_name(self, name: str) -> DocumentType | None:
        key = comparison_key(name)
        for document_type in self.document_types:
            if comparison_key(document_type.name) == key:
                return document_type
        return None

    def issuer_by_abbreviation(self, abbreviation: str) -> Issuer | None:
        """"UBND", "SKH&CN" (a variant), "TTg"; exact first, then by comparison key."""
        exact, keyed = self.__pydantic_private__["_issuer_index"]
        found = exact.get(abbreviation)
        return found if found is not None else keyed.get(comparison_key(abbreviation))

    def abbreviation(self, text: str) -> Abbreviation | None:
        """The entry for "KH&CN", "KHCN", "KH & CN", ... or None."""
        return self.__pydantic_private__["_abbreviation_index"].get(comparison_key(text))


def per_reference(build: Callable[[Any], _T]) -> Callable[[Any], _T]:
    """Remember what `build(reference)` makes, by the reference object's identity: reference data
    is read-only and a process holds one or two sets (ReferenceData is not hashable)."""
    made: dict[int, tuple[Any, _T]] = {}

    @wraps(build)
    def cached(reference: Any) -> _T:
        hit = made.get(id(reference))
        if hit is not None and hit[0] is reference:
            return hit[1]
        value = build(reference)
        if len(made) >= 8:
            made.clear()
        made[id(reference)] = (reference, value)
        return value

    return cached
