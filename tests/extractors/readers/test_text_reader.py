"""The text reader on the two seeds and on the forms plans are copied as."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.layout import Layout
from kehoach.extractors.readers import detect_format, read_document
from kehoach.extractors.readers.text_reader import read_text
from layout_checks import assert_grounded

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
AN_GIANG = SAMPLES / "an-giang-27-KH-SKHCN-2021.txt"
LANG_SON = SAMPLES / "lang-son-129-KH-UBND-2019.txt"


def texts(layout: Layout) -> list[str]:
    return [b.text for b in layout.blocks]


@pytest.mark.parametrize("path", [AN_GIANG, LANG_SON], ids=["an-giang", "lang-son"])
def test_seed_is_grounded(path: Path) -> None:
    assert_grounded(read_document(path.read_bytes(), str(path)))


def test_hard_wrapped_lines_are_joined() -> None:
    layout = read_document(LANG_SON.read_bytes(), str(LANG_SON))
    lines = texts(layout)
    assert "Lạng Sơn, ngày 23 tháng 7 năm 2019" in lines
    assert "II. NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN" in lines
    assert "2. Tăng cường phát triển hạ tầng đo lường của tỉnh" in lines
    assert (
        "Dự kiến khoảng: 16.925.000.000 đồng (Bằng chữ: Mười sáu tỷ chín trăm hai mươi năm triệu đồng)."
        in lines
    )
    # Stacked short lines of the signature stay apart.
    assert lines[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Long Hải"]
    # Lone "|" cell separators and rules of dashes are not text.
    assert not any(t in ("|", "--------") for t in lines)


def test_tab_table_rows_keep_cells_and_strip_tags() -> None:
    layout = read_document(AN_GIANG.read_bytes(), str(AN_GIANG))
    rows = [b for b in layout.blocks if b.kind == "row"]
    first = rows[1]
    assert [c.text for c in first.cells] == [
        "1", "Áp dụng cơ chế, chính sách tạo thuận lợi hoạt động đo lường hỗ trợ doanh nghiệp", "", "", ""
    ]
    assert first.bold is False and all(c.text != "<b>1</b>" for c in first.cells)
    assert rows[0].cells[0].header and rows[0].cells[0].text == "TT"
    group4_item = next(r for r in rows if r.cells[1].text.startswith("- Khảo sát, đánh giá và lựa chọn"))
    assert group4_item.cells[0].text == ""
    assert "<li>" not in group4_item.text and "- Hỗ trợ các tổ chức" in group4_item.cells[1].text


def test_markdown_headings_and_bold() -> None:
    layout = read_document(AN_GIANG.read_bytes(), str(AN_GIANG))
    headings = [(b.text, b.level) for b in layout.blocks if b.kind == "heading"]
    assert ("KẾ HOẠCH", 2) in headings
    assert ("II. KINH PHÍ THỰC HIỆN", 2) in headings


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a) Một dòng\nb) Dòng khác", ["a) Một dòng", "b) Dòng khác"]),
        ("Câu bị ngắt\ngiữa chừng.", ["Câu bị ngắt giữa chừng."]),
        ("Hết câu.\nCâu mới.", ["Hết câu.", "Câu mới."]),
        ("| TT | Nội dung |\n|---|---|\n| 1 | Việc |", ["TT\tNội dung", "1\tViệc"]),
        ("Đoạn một\u00a0có  khoảng trắng\f", ["Đoạn một có khoảng trắng"]),
    ],
    ids=["markers", "wrapped", "sentences", "pipe-table", "nbsp-formfeed"],
)
def test_small_forms(raw: str, expected: list[str]) -> None:
    assert texts(read_text(raw.encode("utf-8"), "x.txt")) == expected


def test_decomposed_unicode_is_composed() -> None:
    import unicodedata

    raw = unicodedata.normalize("NFD", "Kế hoạch số 1")
    assert texts(read_text(raw.encode("utf-8"), "x.txt")) == ["Kế hoạch số 1"]


def test_windows_1258_and_utf16_are_decoded() -> None:
    assert texts(read_text("Sở Tài chính".encode("utf-16"), "x.txt")) == ["Sở Tài chính"]
    # Windows-1258 keeps base letters with circumflex, breve and horn precomposed and writes tone
    # marks as combining characters.
    layout = read_text("Kê\u0301 hoa\u0323ch".encode("cp1258"), "x.txt")
    assert texts(layout) == ["Kế hoạch"]


def test_empty_text_is_an_error() -> None:
    with pytest.raises(DocumentLoadError, match="empty"):
        detect_format(b"  \n", "empty.txt")
    with pytest.raises(DocumentLoadError, match="no text"):
        read_text("\u200b\n".encode(), "blank.txt")
