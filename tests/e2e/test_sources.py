"""Every value read from the text shows where it is printed (document values, task units, periods);
a value that cannot be located has a null source, never a nearby block."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.pipeline.run import process_path
from kehoach.schemas import Plan, Span

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CORPUS = ROOT / "tests" / "corpus" / "documents"


def _plan(path: Path) -> Plan:
    result = process_path(str(path))
    assert result.plan is not None, result.error
    return result.plan


def _text(source: Span | None) -> str | None:
    return " ".join(source.text.split()) if source is not None else None


@pytest.mark.parametrize("suffix", ["txt", "docx", "html"])
def test_document_values_show_where_they_are_printed(suffix: str) -> None:
    plan = _plan(SAMPLES / f"lang-son-129-KH-UBND-2019.{suffix}")
    sources = plan.document.sources
    assert _text(sources["issuer"]) == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    assert _text(sources["place"]) == "Lạng Sơn"
    assert _text(sources["issued_date"]) == "ngày 23 tháng 7 năm 2019"
    assert _text(sources["title"]).startswith("TRIỂN KHAI ĐỀ ÁN “TĂNG CƯỜNG, ĐỔI MỚI HOẠT ĐỘNG ĐO LƯỜNG")
    assert _text(sources["title"]).endswith("TRÊN ĐỊA BÀN TỈNH LẠNG SƠN")
    recipients = [_text(sources[f"recipients.{i}"]) for i in range(4)]
    assert recipients == [
        "Bộ Khoa học và Công nghệ (b/c)", "Tổng cục Tiêu chuẩn Đo lường Chất lượng (b/c)",
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh", "Các sở, ban, ngành tỉnh",
    ]


def test_an_issuer_inferred_from_the_number_has_no_source() -> None:
    # "Số: 27/KH-SKHCN" with no letterhead lines: the issuer is read from the number's code.
    plan = _plan(SAMPLES / "an-giang-27-KH-SKHCN-2021.txt")
    assert plan.document.issuer is not None
    assert plan.document.sources["issuer"] is None
    assert _text(plan.document.sources["issued_date"]) == "ngày 02 tháng 4 năm 2021"


def test_a_task_row_shows_its_units_and_period() -> None:
    plan = _plan(CORPUS / "ha-noi-310-kh-ubnd.md")
    task = next(t for t in plan.tasks if t.title.startswith("Tổ chức điều chỉnh, bổ sung quy hoạch hạ tầng viễn thông"))
    assert task.lead_units == ["Ban Quản lý các khu công nghệ cao và khu công nghiệp"]
    assert _text(task.sources["lead_units.0"]) == "Ban Quản lý các khu công nghệ cao và khu công nghiệp"
    assert task.period is not None and _text(task.period.source) == "Quý III Năm 2026"
    row = next(t for t in plan.tasks if t.title.startswith("Khảo sát, đánh giá thực trạng hạ tầng viễn thông"))
    assert row.period is not None and _text(row.period.source) == "Quý IV/2025- Quý II/2026"
    assert [_text(row.sources[f"coordinating_units.{i}"]) for i in range(len(row.coordinating_units))] == [
        "Sở Khoa học và Công nghệ", "Sở Công Thương", "Các doanh nghiệp viễn thông",
    ]


def test_every_source_is_the_text_at_its_offsets() -> None:
    for path in (SAMPLES / "lang-son-129-KH-UBND-2019.docx", CORPUS / "ld-kh-cchc-2026-final.docx"):
        result = process_path(str(path), keep_layout=True)
        assert result.plan is not None and result.layout is not None
        text = result.layout.text
        spans = [s for s in result.plan.document.sources.values() if s is not None]
        for task in result.plan.tasks:
            spans += [s for s in task.sources.values() if s is not None]
            spans += [task.period.source] if task.period is not None and task.period.source else []
            assert len(task.sources) == len(task.lead_units) + len(task.coordinating_units)
        assert spans
        assert all(text[s.start : s.end] == s.text for s in spans)
