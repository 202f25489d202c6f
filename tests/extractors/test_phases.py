"""Phases: from the plan's own time section, never from a task's cell or a quoted programme name."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.phases import extract_phases
from kehoach.extractors.readers import read_document
from kehoach.extractors.structure import StructuredDocument, build_structure

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TYPES = frozenset({"KẾ HOẠCH", "QUYẾT ĐỊNH"})
FORMATS = ["txt", "html", "docx", "pdf"]


@lru_cache(maxsize=None)
def sample(name: str) -> StructuredDocument:
    path = SAMPLES / name
    return build_structure(normalize_layout(read_document(path.read_bytes(), str(path))), TYPES)


def phases_of(text: str, title: str = "Thử nghiệm") -> list[tuple[str, int | None, int | None]]:
    body = f"KẾ HOẠCH\n{title}\n{text}"
    doc = build_structure(normalize_layout(read_document(body.encode(), "plan.txt")), TYPES)
    phases, findings = extract_phases(doc)
    assert findings == []
    for phase in phases:
        assert phase.source is not None and phase.source.start is not None
        assert doc.layout.text[phase.source.start : phase.source.end] == phase.source.text
    return [(p.name, p.start_year, p.end_year) for p in phases]


@pytest.mark.parametrize("fmt", FORMATS)
def test_lang_son_two_phases(fmt: str) -> None:
    phases, findings = extract_phases(sample(f"lang-son-129-KH-UBND-2019.{fmt}"))
    assert findings == []
    assert [(p.name, p.start_year, p.end_year) for p in phases] == [
        ("Giai đoạn 1", 2019, 2025),
        ("Giai đoạn 2", 2026, 2030),
    ]
    assert [p.source.text for p in phases if p.source] == [
        "Giai đoạn 1: Từ năm 2019 đến 2025",
        "Giai đoạn 2: Từ năm 2026 đến 2030",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_giang_task_cell_phases_are_not_plan_phases(fmt: str) -> None:
    phases, _ = extract_phases(sample(f"an-giang-27-KH-SKHCN-2021.{fmt}"))
    assert phases == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- Giai đoạn 1: Từ năm 2019 đến 2025.\n- Giai đoạn 2: Từ năm 2026 đến 2030.",
         [("Giai đoạn 1", 2019, 2025), ("Giai đoạn 2", 2026, 2030)]),
        ("- Giai đoạn I (2021 - 2025);\n- Giai đoạn II (2026 - 2030).",
         [("Giai đoạn I", 2021, 2025), ("Giai đoạn II", 2026, 2030)]),
        ("Kế hoạch thực hiện trong giai đoạn 2021-2025.", [("Giai đoạn 2021-2025", 2021, 2025)]),
        ("Từ năm 2021 đến hết năm 2025.", [("Từ năm 2021 đến hết năm 2025", 2021, 2025)]),
        ("Năm 2022.", [("Năm 2022", 2022, 2022)]),
        ("Đến năm 2025, định hướng đến năm 2030.",
         [("Đến năm 2025", None, 2025), ("Định hướng đến năm 2030", 2026, 2030)]),
        ("Đến năm 2025.", [("Đến năm 2025", None, 2025)]),
        ("- Giai đoạn 1: Từ năm 2026 đến 2019.", [("Giai đoạn 1", 2026, 2019)]),
        ("- Giai đoạn 1: Từ năm 2019 đến 2024.\n- Giai đoạn 2: Từ năm 2026 đến 2030.",
         [("Giai đoạn 1", 2019, 2024), ("Giai đoạn 2", 2026, 2030)]),
    ],
    ids=["named", "roman-parenthesised", "range", "from-to", "single-year", "horizon-orientation",
         "horizon", "reversed-as-printed", "gap-as-printed"],
)
def test_time_section_forms(line: str, expected: list[tuple[str, int | None, int | None]]) -> None:
    assert phases_of(f"I. MỤC TIÊU\nNâng cao.\nII. THỜI GIAN THỰC HIỆN\n{line}\nIII. TỔ CHỨC THỰC HIỆN\nGiao.") == expected


def test_time_paragraph_at_top_level() -> None:
    assert phases_of("I. NỘI DUNG\nThời gian thực hiện: từ năm 2021 đến năm 2025.\n1. Tuyên truyền.") == [
        ("từ năm 2021 đến năm 2025", 2021, 2025)
    ]


def test_quoted_programme_horizon_is_not_a_phase() -> None:
    text = (
        "II. THỜI GIAN THỰC HIỆN\nTriển khai Đề án “Tăng cường đo lường giai đoạn đến năm 2025, "
        "định hướng đến năm 2030” theo kế hoạch."
    )
    assert phases_of(text) == []


def test_task_section_phases_are_not_plan_phases() -> None:
    text = (
        "I. NHIỆM VỤ\n1. Đầu tư chuẩn đo lường\n- Giai đoạn 1: Từ năm 2020 đến 2025;\n"
        "- Giai đoạn 2: Từ năm 2026 đến 2030.\nII. TỔ CHỨC THỰC HIỆN\nGiao."
    )
    assert phases_of(text) == []


def test_named_phases_outside_a_time_section() -> None:
    text = "I. MỤC TIÊU\nKế hoạch chia hai giai đoạn:\n- Giai đoạn 1: 2021-2025;\n- Giai đoạn 2: 2026-2030."
    assert phases_of(text) == [("Giai đoạn 1", 2021, 2025), ("Giai đoạn 2", 2026, 2030)]


def test_title_range_when_nothing_else() -> None:
    assert phases_of("I. MỤC TIÊU\nNâng cao.", title="Phát triển đo lường giai đoạn 2021-2025") == [
        ("Giai đoạn 2021-2025", 2021, 2025)
    ]


def test_quoted_title_range_is_not_a_phase() -> None:
    assert phases_of("I. MỤC TIÊU\nNâng cao.", title="Triển khai Đề án “Đo lường giai đoạn 2021-2025”") == []


def test_range_headings_over_the_objectives() -> None:
    # ttg-2629-qd-ttg.md: the objectives of each phase under a heading that is the range alone.
    text = (
        "II. MỤC TIÊU ĐẾN NĂM 2030\n2. Mục tiêu cụ thể\na) Cung cấp dịch vụ số bao trùm, thông minh\n"
        "- Giai đoạn 2025-2027\n+ 100% dịch vụ công trực tuyến toàn trình.\n"
        "- Giai đoạn 2028-2030\n+ 99% người dân, doanh nghiệp đánh giá hài lòng.\n"
        "b) Cơ quan nhà nước quản lý thông minh\n- Giai đoạn 2025-2027\n+ 100% chế độ báo cáo.\n"
    )
    assert phases_of(text) == [("Giai đoạn 2025-2027", 2025, 2027), ("Giai đoạn 2028-2030", 2028, 2030)]
