"""Pipe tables whose rows a crawler broke over lines (`samples/crawled/ubtvqh-1339-nq-ubtvqh15.md`, the
plan table of Nghị quyết 1339/NQ-UBTVQH15). Expected cells are read off the document."""

from __future__ import annotations

from pathlib import Path

from kehoach.extractors.layout import Block
from kehoach.extractors.readers import read_document
from kehoach.extractors.readers.markdown.detect import is_crawled_markdown
from kehoach.extractors.readers.markdown.pipe_tables import read_pipe_table
from layout_checks import assert_grounded

UBTVQH_1339 = Path(__file__).resolve().parents[3] / "samples" / "crawled" / "ubtvqh-1339-nq-ubtvqh15.md"
HEADER = ["TT", "Tên văn bản", "Cơ quan trình", "Cơ quan soạn thảo", "Cơ quan thẩm tra/chuẩn bị ý kiến",
          "Tiến độ", "Hồ sơ"]


def _lines() -> list[str]:
    return UBTVQH_1339.read_text(encoding="utf-8").split("\n")


def _table_start(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith("| TT |"))


def test_rows_broken_over_lines_are_joined() -> None:
    lines = _lines()
    table = read_pipe_table(lines, _table_start(lines))
    rows = table.rows
    assert rows[0] == HEADER
    assert [r[0] for r in rows if len(r) == 1] == [
        "I. Văn bản thuộc thẩm quyền ban hành của Quốc hội",
        "II. Văn bản thuộc thẩm quyền ban hành của Ủy ban Thường vụ Quốc hội",
    ]
    tasks = [r for r in rows[1:] if len(r) > 1]
    assert len(tasks) == 11  # 2 texts for the Quốc hội, 9 for the Ủy ban Thường vụ; the empty rows dropped
    # Three lines, one row: the drafting body, the reviewing bodies and the schedule each on a line.
    assert tasks[0][:4] == [
        "", "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Quốc hội và các luật khác có liên quan đến "
        "tổ chức và hoạt động của Quốc hội", "Ủy ban Thường vụ Quốc hội",
        "Ban soạn thảo do UBTVQH thành lập (Thường trực Ủy ban Pháp luật là cơ quan thường trực của Ban soạn thảo)",
    ]
    assert tasks[0][4] == "- Ủy ban Pháp luật chủ trì thẩm tra; - Hội đồng Dân tộc, các Ủy ban của Quốc hội tham gia."
    assert tasks[0][5].startswith("- Trình UBTVQH tại Phiên họp thứ 42 (tháng 02/2025)")
    # A line ending with "|" and the next opening with one: the empty reviewing cell of that row.
    assert tasks[2][3:6] == [
        "Ban Công tác đại biểu (Viện Nghiên cứu lập pháp phối hợp chuẩn bị dự thảo)", "",
        "Trình UBTVQH xem xét, thông qua trước ngày 10/01/2025",
    ]
    # The rows below a merged number cell lost it, and their padding at the end is dropped.
    assert tasks[1][:2] == [
        "Nghị quyết sửa đổi, bổ sung một số điều của Nghị quyết số 71/2022/QH15 ngày 15/11/2022 của Quốc hội "
        "ban hành Nội quy kỳ họp Quốc hội", "Ủy ban Thường vụ Quốc hội",
    ]
    assert all(len(r) == 6 for r in tasks[3:])
    assert lines[table.end].strip() == ""


def _rows(path: Path) -> list[Block]:
    layout = read_document(path.read_bytes(), str(path))
    assert_grounded(layout)
    return [b for b in layout.blocks if b.kind == "row"]


def test_the_page_is_read_as_crawled_markdown_and_rows_sit_in_their_columns() -> None:
    assert is_crawled_markdown(_lines())
    rows = _rows(UBTVQH_1339)
    assert len({r.table for r in rows}) == 1
    assert [c.text for c in rows[0].cells] == HEADER
    group = rows[1]
    assert [(c.column, c.colspan) for c in group.cells] == [(0, 7)]
    second = rows[3]  # no number cell: its cells go under the columns of the row above
    assert [c.column for c in second.cells if c.text] == [1, 2, 3, 4, 5, 6]
    assert second.cells[-1].text.startswith("- Hồ sơ trình UBTVQH gồm có")


def test_a_well_formed_pipe_table_reads_as_before() -> None:
    lines = ["| TT | Nội dung | Chủ trì |", "|---|---|---|", "| 1 | Rà soát | Sở Tư pháp |", "| 2 | Báo cáo | |", ""]
    table = read_pipe_table(lines, 0)
    assert table.rows == [["TT", "Nội dung", "Chủ trì"], ["1", "Rà soát", "Sở Tư pháp"], ["2", "Báo cáo", ""]]
    assert table.end == 4
