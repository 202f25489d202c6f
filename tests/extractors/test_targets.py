"""Targets: the objectives of seed 001 in every format, seed 000's task targets, short lines."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from kehoach.extractors.grounding import span
from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.structure import StructuredDocument, build_structure
from kehoach.extractors.targets import extract_targets, targets_in_text
from kehoach.schemas import Target, Task

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TYPES = frozenset({"KẾ HOẠCH", "QUYẾT ĐỊNH"})
FORMATS = ["txt", "html", "docx", "pdf"]

Row = tuple[int | None, float, str, str | None, bool]


@lru_cache(maxsize=None)
def sample(name: str) -> StructuredDocument:
    path = SAMPLES / name
    return build_structure(normalize_layout(read_document(path.read_bytes(), str(path))), TYPES)


def doc_from_text(text: str) -> StructuredDocument:
    body = "KẾ HOẠCH\nThử nghiệm\n" + text
    return build_structure(normalize_layout(read_document(body.encode(), "plan.txt")), TYPES)


def rows(targets: list[Target]) -> list[Row]:
    return [(t.year, t.quantity, t.comparator, t.unit, t.per_year) for t in targets]


def assert_grounded(doc: StructuredDocument, targets: list[Target]) -> None:
    for target in targets:
        assert target.source is not None and target.source.start is not None
        assert doc.layout.text[target.source.start : target.source.end] == target.source.text


LANG_SON_OBJECTIVES: list[Row] = [
    (2025, 5, "at_least", "chuẩn đo lường", False),
    (2025, 300, "at_least", "lượt người", False),
    (2025, 60, "exactly", "lượt người", True),
    (2025, 10, "at_least", "lượt doanh nghiệp", False),
    (2025, 1, "at_least", "phòng thí nghiệm", False),
    (2030, 10, "at_least", "loại", False),
    (2030, 300, "at_least", "lượt người", False),
    (2030, 60, "exactly", "lượt người", True),
    (2030, 20, "at_least", "lượt doanh nghiệp", False),
    (2030, 2, "at_least", "phòng thí nghiệm", False),
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_lang_son_objectives(fmt: str) -> None:
    doc = sample(f"lang-son-129-KH-UBND-2019.{fmt}")
    targets, findings = extract_targets(doc, [])
    assert findings == []
    plan_own = [t for t in targets if t.task_id is None]
    assert rows(plan_own) == LANG_SON_OBJECTIVES
    assert plan_own[0].source is not None and plan_own[0].source.text == "ít nhất 05 chuẩn đo lường"
    assert plan_own[2].source is not None and plan_own[2].source.text == "60 lượt người/năm"
    assert plan_own[1].text.startswith("Bồi dưỡng, nâng cao chuyên môn nghiệp vụ về đo lường ít nhất 300")
    assert_grounded(doc, targets)


def _an_giang_tasks(doc: StructuredDocument) -> list[Task]:
    """Tasks as the tasks extractor gives them: id from the TT cell, title and span of the content cell."""
    tasks: list[Task] = []
    for table in doc.tables:
        for row in table.rows:
            cells = row.cells
            if len(cells) < 2 or not cells[0].text.strip() or cells[0].text.strip() == "TT":
                continue
            content = cells[1]
            assert content.location is not None
            tasks.append(
                Task(
                    id=cells[0].text.strip(), number=cells[0].text.strip(), kind="task",
                    title=" ".join(content.text.split()),
                    source=span(doc.layout, content.location.start, content.location.end),
                )
            )
    return tasks


AN_GIANG_TASK_TARGETS = [
    ("2.3", 3, "exactly", "chi nhánh"),
    ("2.3", 80, "over", "%"),
    ("2.4", 1, "at_least", "phòng thí nghiệm"),
    ("2.7", 6, "exactly", "chi nhánh"),
    ("2.7", 90, "over", "%"),
]


@pytest.mark.parametrize("fmt", ["txt", "docx", "html", "pdf"])
def test_an_giang_task_targets(fmt: str) -> None:
    doc = sample(f"an-giang-27-KH-SKHCN-2021.{fmt}")
    targets, _ = extract_targets(doc, _an_giang_tasks(doc))
    assert [(t.task_id, t.quantity, t.comparator, t.unit) for t in targets] == AN_GIANG_TASK_TARGETS
    assert all(t.year is None and not t.per_year for t in targets)
    assert_grounded(doc, targets)


def test_an_giang_task_targets_from_text() -> None:
    text = (
        "Đầu tư trang thiết bị, chuyên gia công nghệ, tổ chức thành lập 03 chi nhánh cung cấp dịch vụ "
        "kiểm định, hiệu chuẩn phương tiện đo đủ điều kiện để thực hiện kiểm định, hiệu chuẩn phương "
        "tiện đo thông dụng, đạt trên 80% nhu cầu cá nhân, tổ chức và doanh nghiệp trên địa bàn tỉnh."
    )
    assert rows(targets_in_text(text)) == [(None, 3, "exactly", "chi nhánh", False), (None, 80, "over", "%", False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ít nhất 01 phòng thí nghiệm được công nhận", [(None, 1, "at_least", "phòng thí nghiệm", False)]),
        ("đạt trên 80% nhu cầu", [(None, 80, "over", "%", False)]),
        ("thành lập 03 chi nhánh cung cấp dịch vụ", [(None, 3, "exactly", "chi nhánh", False)]),
        ("dự kiến 60 lượt người/năm", [(None, 60, "exactly", "lượt người", True)]),
        ("tăng 12%/năm", [(None, 12, "exactly", "%", True)]),
        ("chỉ số hài lòng ≥ 80", [(None, 80, "at_least", None, False)]),
        ("giải quyết hồ sơ không quá 10 ngày", [(None, 10, "at_most", "ngày", False)]),
        ("tỷ lệ đạt 99,86%", [(None, 99.86, "exactly", "%", False)]),
        ("tối thiểu 05 doanh nghiệp", [(None, 5, "at_least", "doanh nghiệp", False)]),
        ("không dưới 20 lượt", [(None, 20, "at_least", "lượt", False)]),
        ("tối đa 3 tháng", [(None, 3, "at_most", "tháng", False)]),
        ("dưới 5%", [(None, 5, "under", "%", False)]),
        ("vượt 10%", [(None, 10, "over", "%", False)]),
        ("từ 80% trở lên", [(None, 80, "at_least", "%", False)]),
        ("mỗi năm tổ chức 02 lớp tập huấn", [(None, 2, "exactly", "lớp tập huấn", True)]),
        ("Đến năm 2025, đạt 80% doanh nghiệp được hỗ trợ", [(2025, 80, "exactly", "%", False)]),
        ("hỗ trợ 1.500 doanh nghiệp", [(None, 1500, "exactly", "doanh nghiệp", False)]),
        ("tổng công suất bổ sung khoảng 2.989,5 MW", [(None, 2989.5, "exactly", "MW", False)]),
        ("thu hút 02 nhà đầu tư vào cụm", [(None, 2, "exactly", "nhà đầu tư", False)]),
        ("lấp đầy 37 vào cụm", []),
        ("xóa trắng nhóm từ 30 hộ trở lên chưa có điện", [(None, 30, "at_least", "hộ", False)]),
    ],
    ids=lambda v: str(v)[:30],
)
def test_target_lines(text: str, expected: list[Row]) -> None:
    assert rows(targets_in_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "triển khai các hoạt động kỷ niệm Ngày Đo lường Việt Nam 20/1; tổ chức thi đua",
        "(Chương trình 712, Chương trình đổi mới công nghệ quốc gia)",
        "Quyết định số 996/QĐ-TTg ngày 10/8/2018 của Thủ tướng",
        "Tổng kinh phí 500 triệu đồng, ngân sách 13.500.000.000 đồng",
        "Sơ kết 5 năm và tổng kết",
        "Giai đoạn 2: Từ năm 2026 đến 2030",
        "Đến năm 2025:",
        "theo TCVN 6165 về đo lường",
        "hiệu chuẩn (1) , đảm bảo",
        "Điều 3 của Thông tư 24",
        "tần suất quan trắc: 02 đợt/tháng (18 đợt/năm)",
    ],
    ids=lambda v: str(v)[:30],
)
def test_not_targets(text: str) -> None:
    assert targets_in_text(text) == []


def test_year_from_an_unmarked_heading_paragraph() -> None:
    doc = doc_from_text(
        "I. MỤC TIÊU\n1. Mục tiêu cụ thể\nĐến năm 2025:\n- Hỗ trợ ít nhất 50 doanh nghiệp;\n"
        "Đến năm 2030:\n- Hỗ trợ ít nhất 100 doanh nghiệp.\nII. NHIỆM VỤ\n1. Tuyên truyền 10 lần."
    )
    targets, _ = extract_targets(doc, [])
    assert rows(targets) == [
        (2025, 50, "at_least", "doanh nghiệp", False),
        (2030, 100, "at_least", "doanh nghiệp", False),
    ]


def test_task_target_without_span_uses_the_title() -> None:
    doc = doc_from_text("I. NHIỆM VỤ\n1. Tuyên truyền.")
    task = Task(id="1", kind="task", title="Tổ chức ít nhất 02 hội nghị mỗi năm")
    targets, _ = extract_targets(doc, [task])
    assert [(t.task_id, t.quantity, t.comparator, t.unit, t.per_year, t.source) for t in targets] == [
        ("1", 2, "at_least", "hội nghị", True, None)
    ]


def test_objective_number_is_not_repeated_for_a_task_covering_it() -> None:
    doc = doc_from_text("I. MỤC TIÊU\n- Hỗ trợ ít nhất 50 doanh nghiệp.")
    block = next(b for b in doc.layout.blocks if "50" in b.text)
    task = Task(id="1", kind="task", title=block.text[2:], source=span(doc.layout, block.start, block.end))
    targets, _ = extract_targets(doc, [task])
    assert [(t.task_id, t.quantity) for t in targets] == [(None, 50)]


def _plan_targets(text: str) -> list[Target]:
    from kehoach.pipeline.run import extract_plan

    return extract_plan(text.encode(), "x.txt").plan.targets


def test_a_title_s_full_date_is_a_cited_document_s_not_the_targets_year() -> None:
    # can-tho-165 (tests/unseen): "KẾ HOẠCH THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024"
    targets = _plan_targets(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 165/KH-UBND\nCần Thơ, ngày 21 tháng 11 năm 2025\nKẾ HOẠCH\n"
        "THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ\n"
        "I. NHIỆM VỤ\n1. Sở Y tế\na) Chủ trì triển khai các giải pháp, cụ thể: Phấn đấu tỷ lệ trẻ em dưới 15 tuổi đạt 22%.\n"
    )
    assert [(t.quantity, t.unit, t.year) for t in targets] == [(22.0, "%", None)]


def test_a_group_s_milestone_year_dates_its_tasks_targets() -> None:
    # nghe-an-987 (tests/unseen): "2. Kế hoạch phát triển giai đoạn 2026 - 2030" over its items
    targets = _plan_targets(
        "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 987/KH-UBND\nNghệ An, ngày 20 tháng 11 năm 2025\nKẾ HOẠCH\n"
        "Phát triển hạ tầng viễn thông tại các khu công nghiệp\nI. NỘI DUNG THỰC HIỆN\n"
        "1. Kế hoạch phát triển giai đoạn 2026 - 2030\n"
        "1.1. Xây dựng trạm 5G\n- Lắp đặt mới trạm 3G/4G: 58 trạm.\n"
    )
    assert [(t.quantity, t.unit, t.year) for t in targets] == [(58.0, "trạm", 2030)]
