"""A ruled task table on a scan is rebuilt from its ruling lines: cells, then tasks with their units.

The first two pages of the An Giang seed plan (a five-column task table: TT, task, lead unit,
coordinating units, time) are made scanner-like (`tests/support/scans.py`: turned 0.6 and -1.2
degrees, blurred, noisy, JPEG) and read by OCR. Expected cells are what the printed pages show.
These tests need Tesseract with Vietnamese data and fail (not skip) without it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from scans import scanner_like

from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.readers.pdf.ocr import INSTALL_HINT, tesseract_languages, tesseract_version
from kehoach.pipeline.reading import read_layout
from kehoach.pipeline.run import extract_plan
from kehoach.schemas import Plan

ROOT = Path(__file__).parents[3]
SEED = ROOT / "samples" / "an-giang-27-KH-SKHCN-2021.pdf"
HEADER = ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]


@pytest.fixture(scope="module")
def scan() -> bytes:
    if tesseract_version() is None or "vie" not in tesseract_languages():
        pytest.fail(f"these tests need Tesseract with Vietnamese data: {INSTALL_HINT}")
    return scanner_like(SEED.read_bytes(), pages=2)


@pytest.fixture(scope="module")
def layout(scan: bytes) -> Layout:
    return read_layout(scan, "an-giang-27-scanned.pdf")


@pytest.fixture(scope="module")
def plan(scan: bytes) -> Plan:
    result = extract_plan(scan, "an-giang-27-scanned.pdf")
    assert result.plan is not None, result.error
    return result.plan


def _rows(layout: Layout) -> list[Block]:
    """The rows of the task table (the one whose header is HEADER), pages in order."""
    rows = [b for b in layout.blocks if b.cells and b.origin == "ocr"]
    tables = {b.table for b in rows if [c.text for c in b.cells] == HEADER}
    assert tables, [[c.text for c in b.cells] for b in rows]
    return [b for b in rows if b.table in tables]


def _row(layout: Layout, number: str) -> list[str]:
    found = [[c.text for c in b.cells] for b in _rows(layout) if b.cells[0].text == number]
    assert len(found) == 1, (number, [[c.text[:20] for c in b.cells] for b in _rows(layout)])
    return found[0]


def test_header_repeats_on_each_page_as_one_table(layout: Layout) -> None:
    headers = [b for b in _rows(layout) if [c.text for c in b.cells] == HEADER]
    assert [b.page for b in headers] == [1, 2]
    assert all(c.header for c in headers[0].cells)
    assert len({b.table for b in headers}) == 1


def test_task_rows_have_their_cells(layout: Layout) -> None:
    first = _row(layout, "1.1")
    assert first[2] == "Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)"
    assert first[4] == "Hàng năm 2021-2030"
    assert difflib.SequenceMatcher(
        None, first[1], "Định kỳ rà soát các văn bản quy phạm pháp luật, cơ chế chính sách hỗ trợ doanh nghiệp về đo lường."
    ).ratio() >= 0.95
    assert _row(layout, "1.2")[2:] == [
        "Phòng Quản lý Khoa học", "Chi cục TĐC; Phòng Kế hoạch - Tài chính; các tổ chức, cá nhân", "Hàng năm 2021-2030",
    ]
    assert _row(layout, "2.1")[2::2] == ["Chi cục TĐC", "Các năm 2021, 2025, 2030"]
    assert _row(layout, "2.2")[2:] == ["Chi cục TĐC", "Phòng Kế hoạch - Tài chính; TT UDTB KH&CN", "Hàng năm 2021-2030"]


def test_group_row_spans_the_table(layout: Layout) -> None:
    group = [b for b in _rows(layout) if b.cells[0].text == "2"]
    assert len(group) == 1
    assert [(c.column, c.colspan) for c in group[0].cells] == [(0, 1), (1, 4)]
    assert group[0].cells[1].text == "Tăng cường phát triển hạ tầng đo lường của tỉnh"


def test_tasks_come_with_their_lead_units(plan: Plan) -> None:
    tasks = {t.id: t for t in plan.tasks}
    assert [t.id for t in plan.tasks][:9] == ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "2.4", "2.5"]
    assert tasks["1.1"].lead_units == ["Chi cục Tiêu chuẩn Đo lường Chất lượng"]
    assert tasks["1.2"].lead_units == ["Phòng Quản lý Khoa học"]
    assert tasks["2.1"].lead_units == ["Chi cục Tiêu chuẩn Đo lường Chất lượng"]
    assert tasks["2.2"].coordinating_units == ["Phòng Kế hoạch - Tài chính", "Trung tâm Ứng dụng tiên bộ Khoa học và Công nghệ"]
    assert tasks["2.1"].period is not None and tasks["2.1"].period.years == [2021, 2025, 2030]
    assert tasks["1.1"].period is not None and (tasks["1.1"].period.start_year, tasks["1.1"].period.end_year) == (2021, 2030)
