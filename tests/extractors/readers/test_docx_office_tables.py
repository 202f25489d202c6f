"""Word tables as offices make them, on real files of the corpus (tests/corpus/documents/, from
`vpubnd49/VBAI`): vertically merged cells shown in every row they cover, cells spanning grid columns,
layout tables kept as rows, and old .doc files read through to a Plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers import read_document
from layout_checks import assert_grounded

DOCUMENTS = Path(__file__).resolve().parents[2] / "corpus" / "documents"
CCHC_FINAL = DOCUMENTS / "ld-kh-cchc-2026-final.docx"
CHIDAO = DOCUMENTS / "ld-vb-chidao-caithien-chiso-2025.docx"
DOC_FILES = sorted(DOCUMENTS.glob("*.doc"))


def read(path: Path) -> Layout:
    return read_document(path.read_bytes(), str(path))


def task_rows(layout: Layout) -> list[Block]:
    table = next(b.table for b in layout.blocks if b.kind == "row" and b.cells[0].text == "STT")
    return [b for b in layout.blocks if b.kind == "row" and b.table == table]


def row_starting(rows: list[Block], number: str, content: str) -> int:
    return next(
        i for i, r in enumerate(rows) if r.cells[0].text == number and r.cells[1].text.startswith(content)
    )


@pytest.fixture(scope="module")
def cchc() -> Layout:
    return read(CCHC_FINAL)


def test_merged_task_cells_repeat_in_the_covered_row(cchc: Layout) -> None:
    rows = task_rows(cchc)
    first = row_starting(rows, "2", "Tham mưu ban hành Kế hoạch kiểm tra công tác cải cách hành chính")
    top, covered = rows[first], rows[first + 1]
    assert [(c.column, c.rowspan) for c in top.cells[:2]] == [(0, 2), (1, 2)]
    # STT and Nhiệm vụ are merged over two rows; the second row has its own product, deadline and units.
    assert [c.text for c in covered.cells] == [
        "2",
        "Tham mưu ban hành Kế hoạch kiểm tra công tác cải cách hành chính trên địa bàn tỉnh năm 2026",
        "Kế hoạch tự kiểm tra cải cách hành chính năm 2026 của cơ quan, đơn vị, địa phương",
        "Ban hành kế hoạch trong tháng 01/2026, tổ chức kiểm tra chậm nhất trong tháng 6/2026 và báo cáo kết "
        "quả khắc phục các tồn tại, hạn chế phát hiện qua kiểm tra chậm nhất trong tháng 8/2026",
        "Các cơ quan, đơn vị, địa phương",
        "",
        "Sở Nội vụ",
    ]
    assert [c.continued for c in covered.cells] == [True, True, False, False, False, False, False]
    for above, below in zip(top.cells[:2], covered.cells[:2]):
        assert below.location == above.location
    assert_grounded(cchc)


def test_every_merge_of_the_task_table_repeats(cchc: Layout) -> None:
    rows = task_rows(cchc)
    starts = [(i, c) for i, r in enumerate(rows) for c in r.cells if c.rowspan > 1]
    # PL.VII.2, PL.VII.3 and PL.VII.5: STT and Nhiệm vụ each merged over two rows.
    assert [(rows[i].cells[0].text, c.column, c.rowspan) for i, c in starts] == [
        ("2", 0, 2), ("2", 1, 2), ("3", 0, 2), ("3", 1, 2), ("5", 0, 2), ("5", 1, 2),
    ]
    for i, cell in starts:
        below = next(c for c in rows[i + 1].cells if c.column == cell.column)
        assert (below.text, below.continued, below.location) == (cell.text, True, cell.location)


def test_merged_cells_survive_normalization(cchc: Layout) -> None:
    normalized = normalize_layout(cchc)
    rows = task_rows(normalized)
    first = row_starting(rows, "5", "Tham mưu UBND tỉnh đánh giá, công bố chỉ số cải cách hành chính")
    covered = rows[first + 1]
    assert covered.cells[1].continued
    assert covered.cells[1].text == rows[first].cells[1].text
    assert covered.cells[1].location == rows[first].cells[1].location
    assert covered.cells[3].text == "Trước ngày 05 của tháng liền kề"
    assert normalized.text.count("Tham mưu UBND tỉnh đánh giá, công bố chỉ số cải cách hành chính") == 1
    assert_grounded(normalized)


def test_cells_spanning_grid_columns_in_the_letterhead() -> None:
    layout = read(CHIDAO)
    header = [b for b in layout.blocks if b.table == 0]
    assert all(r.style == "layout" for r in header)
    assert [[(c.column, c.colspan) for c in r.cells] for r in header] == [
        [(0, 2), (2, 1)], [(0, 2), (2, 1)], [(0, 2), (2, 1)], [(0, 1), (1, 2)],
    ]
    assert header[0].cells[0].text == "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"
    assert header[1].cells[0].text.startswith("Số:")
    assert header[1].cells[1].text.startswith("Lâm Đồng, ngày")
    assert header[3].cells[0].text == "Kính gửi:"
    assert_grounded(layout)


@pytest.mark.parametrize("path", DOC_FILES, ids=lambda p: p.name)
def test_doc_files_read_through_to_a_plan(path: Path) -> None:
    from kehoach.pipeline.run import extract_plan

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice is missing: run `sh scripts/system-packages.sh`")
    plan = extract_plan(path.read_bytes(), str(path)).plan
    assert plan is not None
    assert plan.source.format == "doc"
    assert plan.document.type_code == "KH"
    assert plan.document.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert plan.tasks


def test_doc_draft_plan_content() -> None:
    from kehoach.pipeline.run import extract_plan

    path = DOCUMENTS / "ld-kh-ctmtqg-pcmt-2030-draft.doc"
    plan = extract_plan(path.read_bytes(), str(path)).plan
    assert plan is not None
    assert plan.document.title is not None
    assert plan.document.title.startswith(
        "Triển khai thực hiện Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030"
    )
    task = next(t for t in plan.tasks if t.id == "III.1")
    assert task.title.startswith("Triển khai các giải pháp tổng thể nhằm nâng cao hiệu lực, hiệu quả quản lý")


def test_recipients_in_a_merged_cell_are_read_once() -> None:
    """A signature table whose "Nơi nhận" cell is merged down beside the signer's three lines."""
    import io

    import docx

    from kehoach.pipeline.run import extract_plan

    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 129/KH-UBND"
    header.cell(1, 1).text = "Lạng Sơn, ngày 23 tháng 7 năm 2019"
    for text in ("KẾ HOẠCH", "Triển khai công tác đo lường năm 2019", "I. NHIỆM VỤ",
                 "1. Sở Khoa học và Công nghệ chủ trì tổ chức tập huấn."):
        document.add_paragraph(text)
    signature = document.add_table(rows=3, cols=2)
    signature.cell(0, 0).merge(signature.cell(2, 0)).text = "Nơi nhận:\n- Bộ Khoa học và Công nghệ;\n- Lưu: VT."
    signature.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    signature.cell(2, 1).text = "Nguyễn Long Hải"
    buffer = io.BytesIO()
    document.save(buffer)
    layout = read_document(buffer.getvalue(), "merged-signature.docx")
    rows = [b for b in layout.blocks if b.table == 1]
    assert [c.continued for r in rows for c in r.cells if c.column == 0] == [False, True, True]
    plan = extract_plan(buffer.getvalue(), "merged-signature.docx").plan
    assert plan is not None
    assert plan.document.recipients == ["Bộ Khoa học và Công nghệ", "Lưu: VT"]
    assert plan.document.signer is not None and plan.document.signer.name == "Nguyễn Long Hải"
