"""Normalization: tables continued over pages become one table, furniture is marked not lost."""

from __future__ import annotations

from pathlib import Path

from kehoach.extractors.layout import CellSpec, LayoutBuilder
from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers import read_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _rows(layout):  # type: ignore[no-untyped-def]
    return [b for b in layout.blocks if b.kind == "row" and b.layer == "body"]


def test_seed_000_text_table_is_one_table_with_whole_rows() -> None:
    path = SAMPLES / "an-giang-27-KH-SKHCN-2021.txt"
    layout = normalize_layout(read_document(path.read_bytes(), str(path)))
    rows = _rows(layout)
    assert {r.table for r in rows} == {0}
    numbers = [r.cells[0].text for r in rows]
    assert numbers == [
        "TT", "1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "3", "3.1", "3.2",
        "3.3", "3.4", "4", "", "5", "5.1", "5.2", "6", "6.1", "6.2",
    ]
    row_12 = rows[numbers.index("1.2")]
    assert row_12.cells[3].text == (
        "Chi cục TĐC; Phòng Kế hoạch - Tài chính; các tổ chức, cá nhân có liên quan"
    )
    row_33 = rows[numbers.index("3.3")]
    assert row_33.cells[1].text == (
        "Tăng cường công tác phối hợp giữa các cơ quan trong và ngoài tỉnh, doanh nghiệp về công tác "
        "quản lý hoạt động đo lường."
    )
    assert row_33.cells[3].text.endswith(
        "thanh tra Sở Khoa học và Công nghệ; Tổ chức cá nhân hoạt động trong lĩnh vực đo lường"
    )
    row_61 = rows[numbers.index("6.1")]
    assert row_61.cells[1].text.endswith("- Tổ chức hội nghị, hội thảo về đo lường.")
    # The repeated header rows are kept as furniture, and the offsets still slice to the text.
    repeated = [b for b in layout.blocks if b.kind == "row" and b.layer == "furniture"]
    assert len(repeated) == 4 and all(b.cells[0].text == "TT" for b in repeated)
    for block in layout.blocks:
        assert layout.text[block.start : block.end] == block.text


def _table(builder: LayoutBuilder, table: int, page: int, rows: list[list[str]]) -> None:
    for row in rows:
        builder.add_row([CellSpec(text=t, column=i) for i, t in enumerate(row)], table=table, page=page)


def test_fragment_on_next_page_without_repeated_header_is_stitched() -> None:
    builder = LayoutBuilder("x.pdf", "pdf", "0", pages=2)
    _table(builder, 0, 1, [["TT", "Nội dung", "Chủ trì"], ["1", "Việc một bị", "Sở A"]])
    builder.add("paragraph", "2", page=1)  # a page number at the foot
    _table(builder, 1, 2, [["", "cắt ngang trang", ""], ["2", "Việc hai", "Sở B"]])
    layout = normalize_layout(builder.build())
    rows = _rows(layout)
    assert [[c.text for c in r.cells] for r in rows] == [
        ["TT", "Nội dung", "Chủ trì"], ["1", "Việc một bị cắt ngang trang", "Sở A"], ["2", "Việc hai", "Sở B"]
    ]
    assert rows[1].pages == [1, 2]
    page_number = next(b for b in layout.blocks if b.text == "2" and b.kind == "paragraph")
    assert page_number.layer == "furniture"


def test_tables_with_other_columns_stay_apart() -> None:
    builder = LayoutBuilder("x.pdf", "pdf", "0", pages=2)
    _table(builder, 0, 1, [["TT", "Nội dung"], ["1", "Việc"]])
    builder.add("paragraph", "Đoạn văn giữa hai bảng.", page=1)
    _table(builder, 1, 2, [["", "Tên", "Giá trị"]])
    layout = normalize_layout(builder.build())
    assert sorted({b.table for b in _rows(layout)}) == [0, 1]
    assert _rows(layout)[-1].cells[0].text == ""


def test_a_fragment_with_more_columns_is_not_stitched_on() -> None:
    # A 3-column table at the foot of page 1 and a 5-column one (An Giang's task table) at the top of
    # page 2, its first row without a number: only a page number between them, yet they stay apart.
    builder = LayoutBuilder("x.pdf", "pdf", "0", pages=2)
    three = [
        ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì"],
        ["1.2", "Phê duyệt các nhiệm vụ khoa học và công nghệ cấp tỉnh về đo lường.", "Phòng Quản lý Khoa học"],
    ]
    five = [
        ["", "", "", "tổ chức, cá nhân có liên quan", ""],
        ["2.1", "Khảo sát, đánh giá nhu cầu tăng cường đổi mới hoạt động đo lường.", "Chi cục TĐC",
         "UBND cấp huyện", "Các năm 2021, 2025, 2030"],
    ]
    _table(builder, 0, 1, three)
    builder.add("paragraph", "2", page=1)
    _table(builder, 1, 2, five)
    rows = _rows(normalize_layout(builder.build()))
    assert [r.table for r in rows] == [0, 0, 1, 1]
    assert [[c.text for c in r.cells] for r in rows] == three + five


def test_column_number_row_under_the_header_is_furniture() -> None:
    builder = LayoutBuilder("x.docx", "docx", "0")
    _table(builder, 0, None, [["TT", "Nội dung", "Chủ trì"], ["", "(1)", "(2)"], ["1", "Việc", "Sở A"]])  # type: ignore[arg-type]
    layout = normalize_layout(builder.build())
    assert [[c.text for c in r.cells] for r in _rows(layout)] == [["TT", "Nội dung", "Chủ trì"], ["1", "Việc", "Sở A"]]
