"""The Plan: kehoach's output, schema_version "1.1" (see CONTRACT.md).

Field names and meanings are fixed by the contract; more may be added, none renamed. Missing
information is None or [], never a guess. Amounts are integers in đồng, years integers, dates ISO.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"
# Years a plan, a period or a cited document can name: from the founding of the state's legal order.
MIN_YEAR = 1945
MAX_YEAR = 2100

Severity = Literal["error", "warning", "info"]
Origin = Literal["text", "repaired", "ocr"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Where a value came from: the page and the exact (normalized) source text."""

    page: int | None = Field(None, description="1-based page, or null where the format has no pages")
    text: str = Field(description="the exact source text the value came from (normalized Unicode)")
    start: int | None = Field(None, description="character offset into the document's normalized text")
    end: int | None = Field(None, description="end offset (exclusive) into the normalized text")
    origin: Origin = Field("text", description="text layer as is, repaired text layer, or OCR")
    quality: float | None = Field(
        None, description="share of valid Vietnamese words on the page, for repaired or OCR text"
    )


class Source(_Model):
    path: str
    format: str = Field(description='"txt", "md", "html", "docx", "doc", "pdf"')
    sha256: str
    pages: int | None = None


class LegalBasis(_Model):
    type_name: str | None = Field(None, description='e.g. "Quyết định"')
    number: str | None = Field(None, description='e.g. "996/QĐ-TTg"')
    date: str | None = Field(None, description="ISO date")
    issuer: str | None = Field(None, description='e.g. "Thủ tướng Chính phủ"')
    text: str
    source: Span | None = None


class Signer(_Model):
    name: str | None = None
    position: str | None = Field(None, description='e.g. "Phó Chủ tịch"')
    on_behalf_of: str | None = Field(None, description='e.g. "Chủ tịch" for "KT. CHỦ TỊCH"')
    source: Span | None = None


class Carried(_Model):
    """The plan, programme or scheme a document issues or approves."""

    type_code: str | None = Field(None, description='e.g. "KH"')
    type_name: str | None = Field(None, description='e.g. "Kế hoạch"')
    title: str | None = None


IssuerLevel = Literal["central", "province", "commune"]


class Document(_Model):
    number: str | None = Field(None, description='as printed after "Số:", e.g. "129/KH-UBND"')
    type_code: str | None = Field(None, description='e.g. "KH"')
    type_name: str | None = Field(None, description='e.g. "Kế hoạch"')
    carries: Carried | None = Field(
        None, description="the plan a decision issues or approves; null when the document is itself the plan"
    )
    issuer_level: IssuerLevel | None = Field(None, description='"central" | "province" | "commune"')
    issuer: str | None = Field(None, description="the issuing body in full")
    province: str | None = Field(None, description="canonical province name; null for central bodies")
    place: str | None = Field(None, description="as in the place-and-date line")
    issued_date: str | None = Field(None, description="ISO date")
    title: str | None = Field(None, description="the title, one line, no markup")
    legal_bases: list[LegalBasis] = Field(default_factory=list)
    signer: Signer | None = None
    recipients: list[str] = Field(default_factory=list)
    source: Span | None = Field(None, description="the document number line")
    sources: dict[str, Span | None] = Field(
        default_factory=dict,
        description='1.1: where each value read from the text was printed, by field ("issuer", "place", '
        '"issued_date", "title", "recipients.0", ...); null where the value could not be located',
    )


class Unit(_Model):
    name: str = Field(description="full name, as printed")
    abbreviations: list[str] = Field(default_factory=list)
    mentions: int = 0
    source: Span | None = None


Recurrence = Literal["once", "annual", "semiannual", "quarterly", "monthly", "ongoing"]
Granularity = Literal["year", "quarter", "month", "day"]


class Period(_Model):
    text: str = Field(description="as printed")
    start_year: int | None = None
    end_year: int | None = None
    recurrence: Recurrence | None = None
    years: list[int] = Field(default_factory=list, description="listed years, e.g. 2021, 2025, 2030")
    start_date: str | None = Field(None, description="ISO date where the text is finer than a year")
    end_date: str | None = Field(None, description="ISO date where the text is finer than a year")
    granularity: Granularity | None = Field(None, description="the finest unit printed")
    source: Span | None = Field(None, description="1.1: where the period is printed; null where it cannot be located")


class Task(_Model):
    id: str
    number: str | None = None
    parent_id: str | None = None
    kind: Literal["group", "task"]
    title: str
    lead_units: list[str] = Field(default_factory=list)
    coordinating_units: list[str] = Field(default_factory=list)
    period: Period | None = None
    product: str | None = Field(None, description='the expected output ("Sản phẩm" / "Kết quả"), as printed')
    budget_vnd: int | None = None
    source: Span | None = None
    sources: dict[str, Span | None] = Field(
        default_factory=dict,
        description='1.1: where each unit was printed for this task ("lead_units.0", "coordinating_units.1", '
        "...); null where it could not be located (a unit inherited from a heading keeps the heading's)",
    )


class Phase(_Model):
    name: str
    start_year: int | None = None
    end_year: int | None = None
    source: Span | None = None


Comparator = Literal["at_least", "at_most", "over", "under", "exactly", "between"]


class Target(_Model):
    year: int | None = None
    quantity: float
    comparator: Comparator
    quantity_max: float | None = Field(None, description='the upper bound of a range ("từ 5 đến 10")')
    approximate: bool = Field(False, description='"khoảng 1.500", "trên dưới 20"')
    direction: Literal["increase", "decrease"] | None = Field(None, description='"tăng 20%", "giảm 10%"')
    unit: str | None = None
    per_year: bool = False
    text: str
    task_id: str | None = None
    source: Span | None = None


class BudgetItem(_Model):
    label: str
    amount_vnd: int | None = None
    items: list[BudgetItem] = Field(default_factory=list)
    source: Span | None = None


class Budget(_Model):
    total_vnd: int | None = None
    total_in_words: str | None = None
    total_in_words_vnd: int | None = None
    items: list[BudgetItem] = Field(default_factory=list)
    source: Span | None = None


class Finding(_Model):
    code: str = Field(description="stable UPPER_SNAKE code")
    severity: Severity
    message: str
    source: Span | None = None


class Plan(_Model):
    schema_version: Literal["1.1"] = SCHEMA_VERSION
    source: Source
    document: Document = Field(default_factory=Document)
    units: list[Unit] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    budget: Budget | None = None
    findings: list[Finding] = Field(default_factory=list)


def plan_json_schema() -> dict[str, object]:
    """The JSON Schema of Plan, as checked in at schemas/plan.schema.json."""
    return Plan.model_json_schema()
