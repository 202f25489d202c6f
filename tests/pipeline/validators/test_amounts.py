"""Amount rules on small Plans: words say the digits, and can be read."""

from __future__ import annotations

from kehoach.schemas import Budget, Plan, Source, Span
from kehoach.schemas.findings import finding

from kehoach.pipeline.validators.amounts import words_are_readable, words_match_digits

SOURCE = Source(path="plan.txt", format="txt", sha256="0" * 64)
WORDS = "Mười sáu tỷ chín trăm hai mươi năm triệu đồng"


def plan_with(total: int | None, words: str | None, words_vnd: int | None) -> Plan:
    budget = Budget(total_vnd=total, total_in_words=words, total_in_words_vnd=words_vnd, source=Span(text="x"))
    return Plan(source=SOURCE, budget=budget)


def test_words_equal_digits() -> None:
    assert words_match_digits(plan_with(16_925_000_000, WORDS, 16_925_000_000)) == []


def test_words_differ_from_digits() -> None:
    findings = words_match_digits(plan_with(16_925_000_000, WORDS, 16_935_000_000))
    assert [(f.code, f.severity) for f in findings] == [("AMOUNT_WORDS_MISMATCH", "error")]
    assert "16.925.000.000 đồng" in findings[0].message and "16.935.000.000 đồng" in findings[0].message
    assert findings[0].source == Span(text="x")


def test_nothing_to_compare() -> None:
    assert words_match_digits(plan_with(None, WORDS, 16_925_000_000)) == []
    assert words_match_digits(plan_with(16_925_000_000, None, None)) == []
    assert words_match_digits(Plan(source=SOURCE)) == []


def test_unreadable_words_reported_once() -> None:
    plan = plan_with(16_925_000_000, "Mười sáu tỷ đô", None)
    findings = words_are_readable(plan)
    assert [(f.code, f.severity) for f in findings] == [("AMOUNT_UNPARSEABLE", "warning")]
    plan.findings.append(finding("AMOUNT_UNPARSEABLE", "the total in words 'Mười sáu tỷ đô' cannot be read (unknown words: đô)"))
    assert words_are_readable(plan) == []


def test_readable_or_absent_words() -> None:
    assert words_are_readable(plan_with(16_925_000_000, WORDS, 16_925_000_000)) == []
    assert words_are_readable(plan_with(16_925_000_000, None, None)) == []
