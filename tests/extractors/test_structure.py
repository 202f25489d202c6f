"""The structure of an official document, from small texts and from the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.readers.text_reader import read_text
from kehoach.extractors.outline import parse_marker
from kehoach.extractors.structure import build_structure

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TYPES = {"KẾ HOẠCH", "QUYẾT ĐỊNH"}


@pytest.mark.parametrize(
    ("text", "style", "number"),
    [
        ("I. MỤC TIÊU", "roman", "I"),
        ("IV. KINH PHÍ THỰC HIỆN", "roman", "IV"),
        ("1. Mục tiêu chung", "arabic", "1"),
        ("2.3. Đầu tư trang thiết bị", "decimal", "2.3"),
        ("1.1 Định kỳ rà soát", "decimal", "1.1"),
        ("a) Đến năm 2025:", "alpha", "a"),
        ("đ) Tập trung", "alpha", "đ"),
        ("- Hỗ trợ doanh nghiệp", "dash", "-"),
        ("+ Chi tiết", "plus", "+"),
        ("Điều 2. Tổ chức thực hiện", "article", "Điều 2"),
    ],
    ids=lambda v: str(v)[:12],
)
def test_markers(text: str, style: str, number: str) -> None:
    marker = parse_marker(text)
    assert marker is not None and (marker.style, marker.number) == (style, number)


@pytest.mark.parametrize("text", ["2025, định hướng", "10/8/2018 của", "Căn cứ Luật", "Việt Nam 20/1"])
def test_not_markers(text: str) -> None:
    assert parse_marker(text) is None


def test_small_plan_outline() -> None:
    raw = (
        "ỦY BAN NHÂN DÂN\nTỈNH X\n\nSố: 1/KH-UBND\n\nX, ngày 1 tháng 2 năm 2024\n\nKẾ HOẠCH\n\n"
        "Thực hiện việc A\n\nCăn cứ Quyết định số 1/QĐ-TTg;\n\nI. MỤC TIÊU\n\n1. Chung\n\na) Việc một\n\n"
        "- chi tiết\n\nb) Việc hai\n\n2. Cụ thể\n\nII. NHIỆM VỤ\n\n1. Nhiệm vụ một\n\n"
        "Nơi nhận:\n\n- Như trên;\n\nCHỦ TỊCH\n\nPHỤ LỤC\n\n1. Bảng\n"
    )
    layout = normalize_layout(read_text(raw.encode(), "x.txt"))
    doc = build_structure(layout, TYPES)
    assert [b.text for b in doc.header] == ["ỦY BAN NHÂN DÂN", "TỈNH X", "Số: 1/KH-UBND", "X, ngày 1 tháng 2 năm 2024"]
    assert doc.type_line is not None and doc.type_line.text == "KẾ HOẠCH"
    assert [b.text for b in doc.title] == ["Thực hiện việc A"]
    assert [b.text for b in doc.preamble] == ["Căn cứ Quyết định số 1/QĐ-TTg;"]
    top = doc.body.children
    assert [s.marker.printed for s in top if s.marker] == ["I.", "II."]
    assert [c.title for c in top[0].children] == ["Chung", "Cụ thể"]
    a = top[0].children[0].children[0]
    assert a.title == "Việc một" and a.children[0].title == "chi tiết"
    assert [b.text for b in doc.closing] == ["Nơi nhận:", "- Như trên;", "CHỦ TỊCH"]
    assert len(doc.appendices) == 1 and doc.appendices[0].children[0].title == "Bảng"


def test_enacting_formula_below_the_preamble_is_no_type_line() -> None:
    """A permit printing its type and title on one line has no type line of its own; the "QUYẾT ĐỊNH:"
    that ends its preamble is not one either, and a date in the preamble does not stretch the header."""
    raw = (
        "ỦY BAN NHÂN DÂN\nTỈNH X\n\nSố: 7/GP-UBND\n\nX, ngày 1 tháng 2 năm 2024\n\n"
        "GIẤY PHÉP SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n\n"
        "Xét đề nghị của Công ty A tại văn bản số 2/GĐN, ngày 26/6/2026;\n\nQUYẾT ĐỊNH:\n\n"
        "Điều 1. Cho phép Công ty A sử dụng vật liệu nổ công nghiệp.\n"
    )
    doc = build_structure(normalize_layout(read_text(raw.encode(), "x.txt")), TYPES)
    assert doc.type_line is None
    assert [b.text for b in doc.header] == ["ỦY BAN NHÂN DÂN", "TỈNH X", "Số: 7/GP-UBND", "X, ngày 1 tháng 2 năm 2024"]


def test_closing_whose_label_lost_its_space() -> None:
    """A PDF text layer may glue "Nơi nhận" into "Nơinhận" (a signature block broken over a page)."""
    raw = (
        "KẾ HOẠCH\n\nThực hiện việc A\n\nI. NHIỆM VỤ\n\n1. Nhiệm vụ một\n\n"
        "Nơinhận: GIÁM ĐỐC\n\n- UBND huyện, thị xã, thành phố;\n\n- Lưu: VT.\n"
    )
    doc = build_structure(normalize_layout(read_text(raw.encode(), "x.txt")), TYPES)
    assert [b.text for b in doc.closing] == ["Nơinhận: GIÁM ĐỐC", "- UBND huyện, thị xã, thành phố;", "- Lưu: VT."]
    assert [c.title for c in doc.body.children[0].children] == ["Nhiệm vụ một"]


def test_lang_son_text_outline() -> None:
    path = SAMPLES / "lang-son-129-KH-UBND-2019.txt"
    doc = build_structure(normalize_layout(read_document(path.read_bytes(), str(path))), TYPES)
    assert doc.title[0].text.startswith("TRIỂN KHAI ĐỀ ÁN “TĂNG CƯỜNG")
    assert doc.preamble[0].text.startswith("Thực hiện Quyết định số 996/QĐ-TTg")
    assert [s.marker.printed for s in doc.body.children if s.marker] == ["I.", "II.", "III.", "IV.", "V."]
    tasks = doc.body.children[1]
    assert [c.number for c in tasks.children] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [c.number for c in tasks.children[0].children] == ["a", "b", "c"]
    assert doc.closing[0].text == "Nơi nhận:"


def test_an_giang_text_table_belongs_to_its_section() -> None:
    path = SAMPLES / "an-giang-27-KH-SKHCN-2021.txt"
    doc = build_structure(normalize_layout(read_document(path.read_bytes(), str(path))), TYPES)
    first = doc.body.children[0]
    assert first.title == "PHÂN CÔNG NHIỆM VỤ:"
    assert [t.index for t in first.tables] == [0]
    assert len(doc.tables) == 1 and doc.tables[0].header is not None
    assert doc.tables[0].header.cells[0].text == "TT"


def test_long_lists_number_past_99_but_a_year_is_no_number() -> None:
    assert parse_marker("100. Rà soát văn bản").number == "100"
    assert parse_marker("1200. Rà soát văn bản").number == "1200"
    assert parse_marker("2025. Năm của chuyển đổi số") is None
    assert parse_marker("3.425.000.000 đồng") is None


def test_twelve_hundred_numbered_tasks_are_twelve_hundred_tasks() -> None:
    from kehoach.extractors.tasks import extract_tasks
    from kehoach.pipeline.reference import load_reference
    from kehoach.pipeline.run import structure_document

    lines = ["KẾ HOẠCH", "Thực hiện nhiệm vụ", "I. NHIỆM VỤ"]
    lines += [f"{i}. Sở Tài chính chủ trì thực hiện nhiệm vụ số {i}." for i in range(1, 1201)]
    doc = structure_document("\n".join(lines).encode("utf-8"), "many.txt")
    tasks, _units, _found = extract_tasks(doc, load_reference())
    assert [t.number for t in tasks if t.kind == "task"] == [str(i) for i in range(1, 1201)]


def test_number_cells_of_a_roman_part_rank_under_it() -> None:
    from kehoach.extractors.outline import number_cell, number_rank

    assert [number_cell(t) for t in ("III", "III.1", "III.1.1.", "1.2", "a)", "III.a", "2025-2030")] == [
        "III", "III.1", "III.1.1", "1.2", "a", None, None,
    ]
    assert number_rank("III") < number_rank("III.1") < number_rank("III.1.1") < number_rank("1") < number_rank("a")
