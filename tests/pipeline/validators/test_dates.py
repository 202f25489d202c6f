"""Date rules on small Plans: the plan is not dated before its bases."""

from __future__ import annotations

from kehoach.schemas import Document, LegalBasis, Plan, Source, Span

from kehoach.pipeline.validators.dates import dated_after_its_bases

SOURCE = Source(path="plan.txt", format="txt", sha256="0" * 64)


def plan(issued: str | None, *dates: str | None) -> Plan:
    bases = [
        LegalBasis(type_name="Quyết định", number=f"{i}/QĐ-TTg", date=d, text="Quyết định", source=Span(text=f"b{i}"))
        for i, d in enumerate(dates)
    ]
    return Plan(source=SOURCE, document=Document(issued_date=issued, legal_bases=bases))


def test_bases_before_the_plan() -> None:
    assert dated_after_its_bases(plan("2019-07-23", "2018-08-10", "2019-01-16", "2019-07-23")) == []


def test_basis_after_the_plan() -> None:
    findings = dated_after_its_bases(plan("2019-07-23", "2018-08-10", "2019-08-16"))
    assert [(f.code, f.severity) for f in findings] == [("DATE_BEFORE_BASIS", "warning")]
    assert findings[0].message == "the plan is dated 2019-07-23 but cites Quyết định 1/QĐ-TTg dated 2019-08-16"
    assert findings[0].source == Span(text="b1")


def test_missing_or_malformed_dates() -> None:
    assert dated_after_its_bases(plan(None, "2030-01-01")) == []
    assert dated_after_its_bases(plan("2019-07-23", None, "2019-13-45")) == []
