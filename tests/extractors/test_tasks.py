"""Tasks: every way plans write them, from small texts written from the rules, then the samples."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.readers.text_reader import read_text
from kehoach.extractors.reference import Abbreviation
from kehoach.extractors.structure import StructuredDocument, build_structure
from kehoach.extractors.tasks import extract_tasks
from kehoach.pipeline.reference import load_reference
from kehoach.schemas import Finding, Task, Unit

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TYPES = frozenset({"KẾ HOẠCH", "QUYẾT ĐỊNH"})
FORMATS = ["txt", "html", "docx", "pdf"]
# The real reference data with only two known abbreviations, so that the cases below control them.
REFERENCE = load_reference().model_copy(
    update={
        "abbreviations": [
            Abbreviation(abbreviation="UBND", expansions=["Ủy ban nhân dân"]),
            Abbreviation(abbreviation="KH&CN", expansions=["Khoa học và Công nghệ"]),
        ]
    }
)
HEAD = "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2025\n"


def doc_from_text(text: str) -> StructuredDocument:
    layout = normalize_layout(read_text((HEAD + text).encode("utf-8"), "x.txt"))
    return build_structure(layout, TYPES)


def run(text: str) -> tuple[list[Task], list[Unit], list[Finding]]:
    doc = doc_from_text(text)
    tasks, units, findings = extract_tasks(doc, REFERENCE)
    for item in [*tasks, *units]:
        assert item.source is not None
        assert doc.layout.text[item.source.start : item.source.end] == item.source.text
    return tasks, units, findings


def by_id(tasks: list[Task]) -> dict[str, Task]:
    return {t.id: t for t in tasks}


def rows(tasks: list[Task]) -> list[tuple[str, str, str | None]]:
    return [(t.id, t.kind, t.parent_id) for t in tasks]


# --- 1. task tables ------------------------------------------------------------------------------

TABLE = (
    "I. NHIỆM VỤ\n"
    "STT\tTên nhiệm vụ\tThời gian hoàn thành\tCơ quan chủ trì\tCơ quan phối hợp\tKinh phí (triệu đồng)\n"
    "(1)\t(2)\t(3)\t(4)\t(5)\t(6)\n"
    "1\tHoàn thiện thể chế\t\t\t\t\n"
    "1.1\tRà soát quy định về đo lường\tQuý II/2026\tSở Tư pháp\tSở Nội vụ, Sở Tài chính\t150\n"
    "1.2\tBan hành quy chế phối hợp\tTrước ngày 31/12/2026\tSở Nội vụ; Sở Tư pháp\tcác cơ quan, đơn vị có liên quan\t\n"
    "2\tTruyền thông\t\t\t\t\n"
    "\tTổ chức hội nghị phổ biến\tHàng năm 2026-2030\tSở Tư pháp\t\t\n"
    "\tĐưa tin trên báo tỉnh\tThường xuyên\tSở Tư pháp\t\t\n"
)


def test_table_columns_by_header_text_groups_and_unnumbered_rows() -> None:
    tasks, _, _ = run(TABLE)
    assert rows(tasks) == [
        ("1", "group", None), ("1.1", "task", "1"), ("1.2", "task", "1"),
        ("2", "group", None), ("2#1", "task", "2"), ("2#2", "task", "2"),
    ]
    t = by_id(tasks)
    assert t["1.1"].title == "Rà soát quy định về đo lường"
    assert t["1.1"].lead_units == ["Sở Tư pháp"]
    assert t["1.1"].coordinating_units == ["Sở Nội vụ", "Sở Tài chính"]
    assert t["1.2"].lead_units == ["Sở Nội vụ", "Sở Tư pháp"]
    assert t["1.2"].coordinating_units == ["các cơ quan, đơn vị có liên quan"]
    assert t["1.1"].budget_vnd == 150_000_000
    assert t["1.2"].budget_vnd is None
    assert t["1.1"].period is not None and (t["1.1"].period.start_year, t["1.1"].period.end_year) == (2026, 2026)
    assert t["1.2"].period is not None and t["1.2"].period.end_year == 2026
    assert t["2#1"].period is not None and (t["2#1"].period.start_year, t["2#1"].period.recurrence) == (2026, "annual")
    assert t["1.1"].source is not None and t["1.1"].source.text == "Rà soát quy định về đo lường"


@pytest.mark.parametrize(
    ("start_header", "end_header"),
    [("Thời gian bắt đầu", "Thời gian hoàn thành"), ("Năm bắt đầu", "Năm hoàn thành"), ("Bắt đầu", "Kết thúc")],
)
def test_table_with_start_and_end_columns_runs_from_one_to_the_other(start_header: str, end_header: str) -> None:
    # An Giang's task rows in a table that gives when each task starts and when it ends.
    text = (
        "II. NHIỆM VỤ\n"
        f"TT\tNội dung nhiệm vụ\tĐơn vị chủ trì\t{start_header}\t{end_header}\n"
        "1\tKhảo sát, đánh giá nhu cầu tăng cường đổi mới hoạt động đo lường\tChi cục TĐC\t2021\t2025\n"
        "2\tPhê duyệt các nhiệm vụ khoa học và công nghệ cấp tỉnh về đo lường\tPhòng Quản lý Khoa học"
        "\tQuý I/2022\tQuý IV/2023\n"
        "3\tXây dựng hệ thống cơ sở dữ liệu về đo lường\tChi cục TĐC\t\tTrước ngày 31/12/2026\n"
        "4\tTổ chức hội nghị, hội thảo về đo lường\tChi cục TĐC\t2026\t\n"
    )
    tasks, _, _ = run(text)
    periods = {t.id: t.period for t in tasks}
    assert all(p is not None for p in periods.values()), periods
    assert {i: (p.text, p.start_year, p.end_year) for i, p in periods.items() if p is not None} == {
        "1": ("2021 - 2025", 2021, 2025),
        "2": ("Quý I/2022 - Quý IV/2023", 2022, 2023),
        "3": ("Trước ngày 31/12/2026", None, 2026),
        "4": ("2026", 2026, None),
    }


def test_table_units_counted_once_each() -> None:
    _, units, _ = run(TABLE)
    assert [(u.name, u.mentions) for u in units] == [
        ("Sở Tư pháp", 4), ("Sở Nội vụ", 2), ("Sở Tài chính", 1), ("các cơ quan, đơn vị có liên quan", 1),
    ]


def test_table_roman_groups_parent_arabic_rows() -> None:
    text = (
        "II. PHÂN CÔNG NHIỆM VỤ\n"
        "TT\tNội dung công việc\tĐơn vị thực hiện\tTiến độ\n"
        "I\tNHIỆM VỤ CHUNG\t\t\n"
        "1\tXây dựng kế hoạch\tVăn phòng\tQuý I/2026\n"
        "2\tKiểm tra\tThanh tra tỉnh\tQuý III/2026\n"
        "II\tNHIỆM VỤ RIÊNG\t\t\n"
        "1\tRà soát hồ sơ\tSở Nội vụ\tQuý IV/2026\n"
    )
    tasks, _, _ = run(text)
    assert rows(tasks) == [
        ("I", "group", None), ("I.1", "task", "I"), ("I.2", "task", "I"),
        ("II", "group", None), ("II.1", "task", "II"),
    ]
    assert by_id(tasks)["I.2"].lead_units == ["Thanh tra tỉnh"]


@pytest.mark.parametrize(
    "table",
    [
        "TT\tChỉ tiêu\tĐơn vị tính\tNăm 2025\n1\tSố doanh nghiệp\tDoanh nghiệp\t10\n",
        "TT\tTên nhiệm vụ\tVai trò (Chủ trì/ Phối hợp)\tKết quả\n\t\t\t\n\t\t\t\n",
    ],
    ids=["no-content-no-lead", "empty-template"],
)
def test_tables_that_are_not_task_tables(table: str) -> None:
    tasks, _, _ = run("I. CÁC BIỂU\n" + table)
    assert tasks == []


def test_person_column_leads_but_is_not_a_unit() -> None:
    text = (
        "PHÂN CÔNG NHIỆM VỤ\n"
        "TT\tNhiệm vụ thực hiện\tNgười thực hiện\tGhi chú\n"
        "1.\tChuẩn bị tài liệu\tNguyễn Văn An\t\n"
        "2.\tTổ chức kiểm tra\tTrần Thị Bình\t\n"
    )
    tasks, units, _ = run(text)
    assert [(t.id, t.lead_units) for t in tasks] == [("1", ["Nguyễn Văn An"]), ("2", ["Trần Thị Bình"])]
    assert units == []


# --- 2. numbered prose ---------------------------------------------------------------------------

PROSE = (
    "I. MỤC TIÊU\n"
    "1. Mục tiêu chung\n"
    "Nâng cao năng lực quản lý.\n"
    "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
    "1. Hoàn thiện cơ chế, chính sách\n"
    "a) Rà soát văn bản quy phạm pháp luật.\n"
    "b) Xây dựng quy chế phối hợp.\n"
    "2. Phát triển hạ tầng\n"
    "a) Đầu tư trang thiết bị.\n"
    "- Thiết bị kiểm định.\n"
    "- Thiết bị thử nghiệm.\n"
    "3. Hợp tác quốc tế\n"
    "Cử cán bộ đi đào tạo ở nước ngoài.\n"
    "III. KINH PHÍ THỰC HIỆN\n"
    "1. Ngân sách nhà nước.\n"
)


def test_prose_task_section_groups_and_items() -> None:
    tasks, _, _ = run(PROSE)
    # "1." also numbers items of I and III: the tasks' numbers are prefixed by their part.
    assert rows(tasks) == [
        ("II.1", "group", None), ("II.1.a", "task", "II.1"), ("II.1.b", "task", "II.1"),
        ("II.2", "group", None), ("II.2.a", "group", "II.2"), ("II.2.a#1", "task", "II.2.a"),
        ("II.2.a#2", "task", "II.2.a"), ("II.3", "group", None), ("II.3#1", "task", "II.3"),
    ]
    t = by_id(tasks)
    assert t["II.1.a"].title == "Rà soát văn bản quy phạm pháp luật."
    assert t["II.1.a"].lead_units == [] and t["II.1.a"].number == "a"
    assert t["II.2.a#1"].number is None
    assert t["II.3#1"].title == "Cử cán bộ đi đào tạo ở nước ngoài."
    assert t["II.1.a"].source is not None and t["II.1.a"].source.text == "a) Rà soát văn bản quy phạm pháp luật."


def test_numbers_repeated_across_sections_are_prefixed() -> None:
    text = PROSE + (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ tổ chức thực hiện Kế hoạch.\n"
        "2. Chế độ báo cáo theo quy định.\n"
    )
    tasks, _, _ = run(text)
    ids = [t.id for t in tasks]
    assert ids == ["II.1", "II.1.a", "II.1.b", "II.2", "II.2.a", "II.2.a#1", "II.2.a#2", "II.3", "II.3#1", "IV.1"]
    assert by_id(tasks)["IV.1"].lead_units == ["Sở Tư pháp"]
    assert by_id(tasks)["IV.1"].coordinating_units == ["Sở Nội vụ"]


def test_period_from_prose() -> None:
    text = (
        "II. NHIỆM VỤ TRỌNG TÂM\n"
        "1. Rà soát quy hoạch, hoàn thành trước ngày 01/01/2030.\n"
        "2. Tổ chức sơ kết vào Quý II/2027.\n"
        "3. Tuyên truyền thường xuyên.\n"
    )
    tasks, _, _ = run(text)
    periods = [(t.id, t.period.text if t.period else None) for t in tasks]
    assert periods == [("1", "hoàn thành trước ngày 01/01/2030"), ("2", "Quý II/2027"), ("3", None)]
    assert tasks[0].period is not None and (tasks[0].period.start_year, tasks[0].period.end_year) == (None, 2030)


# --- 3. inline assignment lines ------------------------------------------------------------------

def test_assignment_lines_close_a_group() -> None:
    text = (
        "III. NHIỆM VỤ TRỌNG TÂM\n"
        "1. Phát triển công nghiệp hỗ trợ\n"
        "- Tham mưu chính sách thu hút đầu tư.\n"
        "- Phối hợp với Sở Tài chính bố trí vốn.\n"
        "Lãnh đạo phụ trách: Phó Giám đốc Nguyễn Văn An.\n"
        "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.\n"
        "2. Phát triển năng lượng\n"
        "- Rà soát quy hoạch điện.\n"
        "Chủ trì: Phòng Quản lý Năng lượng.\n"
    )
    tasks, units, _ = run(text)
    t = by_id(tasks)
    assert rows(tasks) == [
        ("1", "group", None), ("1#1", "task", "1"), ("1#2", "task", "1"), ("2", "group", None), ("2#1", "task", "2"),
    ]
    assert t["1"].lead_units == ["Phòng Quản lý Công nghiệp"]
    assert t["1"].coordinating_units == ["Phòng Quản lý Năng lượng", "Văn phòng Sở"]
    assert t["1#1"].lead_units == ["Phòng Quản lý Công nghiệp"]
    assert t["1#2"].coordinating_units == ["Sở Tài chính"]
    assert t["2"].lead_units == ["Phòng Quản lý Năng lượng"] == t["2#1"].lead_units
    assert "Lãnh đạo phụ trách" not in t["1#2"].title
    assert all("Nguyễn Văn An" not in u.name for u in units)


# --- 4. sentences ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("item", "lead", "partners"),
    [
        ("Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính và UBND cấp huyện tổ chức thực hiện.",
         ["Sở Y tế"], ["Sở Tài chính", "UBND cấp huyện"]),
        ("Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành liên quan xây dựng đề án.",
         ["Sở Giáo dục và Đào tạo"], ["các sở, ngành liên quan"]),
        ("Tổ chức tập huấn; Sở Nội vụ có trách nhiệm bố trí cán bộ.", ["Sở Nội vụ"], []),
        ("Tổ chức tập huấn cho doanh nghiệp.", [], []),
    ],
    ids=["giao", "subject", "co-trach-nhiem", "none"],
)
def test_sentences_that_assign_work(item: str, lead: list[str], partners: list[str]) -> None:
    tasks, _, _ = run("II. NHIỆM VỤ\n1. " + item + "\n")
    assert (tasks[0].lead_units, tasks[0].coordinating_units) == (lead, partners)


# --- 5. sections by unit ----------------------------------------------------------------------------

def test_duties_by_unit_heading() -> None:
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Tư pháp\n"
        "- Chủ trì, phối hợp với Sở Nội vụ, Công an tỉnh triển khai Kế hoạch.\n"
        "- Các tổ chức có trách nhiệm báo cáo Sở Tư pháp.\n"
        "2. Phòng Kế hoạch - Tài chính: Bố trí kinh phí thực hiện.\n"
        "3. Thanh tra tỉnh\n"
        "Kiểm tra việc thực hiện Kế hoạch.\n"
        "4. Chế độ báo cáo định kỳ hàng năm.\n"
    )
    tasks, _, _ = run(text)
    assert rows(tasks) == [
        ("1", "group", None), ("1#1", "task", "1"), ("1#2", "task", "1"),
        ("2", "task", None), ("3", "group", None), ("3#1", "task", "3"),
    ]
    t = by_id(tasks)
    assert t["1"].lead_units == ["Sở Tư pháp"] == t["1#1"].lead_units == t["1#2"].lead_units
    assert t["1#1"].coordinating_units == ["Sở Nội vụ", "Công an tỉnh"]
    assert t["2"].lead_units == ["Phòng Kế hoạch - Tài chính"]
    assert t["3#1"].lead_units == ["Thanh tra tỉnh"]


# --- units and abbreviations ------------------------------------------------------------------------

def test_abbreviations_defined_inline_are_expanded_and_listed() -> None:
    text = (
        "I. NHIỆM VỤ\n"
        "TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\n"
        "1\tKhảo sát nhu cầu\tTrung tâm Kỹ thuật Tiêu chuẩn Đo lường (TT KT&TĐC)\tUBND cấp huyện; Văn phòng Sở KH&CN\n"
        "2\tĐào tạo kiểm định viên\tTT KT &TĐC\tPhòng QLCN\n"
        "3\tĐánh giá kết quả\ttt kt&tđc\tTrung tâm Kỹ thuật Tiêu chuẩn Đo lường\n"
    )
    tasks, units, findings = run(text)
    full = "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường"
    assert [t.lead_units for t in tasks] == [[full], [full], [full]]
    assert tasks[2].coordinating_units == [full]
    assert [(u.name, u.abbreviations, u.mentions) for u in units] == [
        (full, ["TT KT&TĐC"], 4), ("UBND cấp huyện", [], 1), ("Văn phòng Sở KH&CN", [], 1), ("Phòng QLCN", [], 1),
    ]
    assert units[0].source is not None and units[0].source.text == full
    assert [(f.code, f.severity) for f in findings] == [("UNDEFINED_ABBREVIATION", "info")]
    assert "QLCN" in findings[0].message


# --- the samples --------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def sample(path: str) -> tuple[list[Task], list[Unit], list[Finding]]:
    file = SAMPLES / path
    doc = build_structure(normalize_layout(read_document(file.read_bytes(), str(file))), TYPES)
    return extract_tasks(doc, load_reference())


TDC = "Chi cục Tiêu chuẩn Đo lường Chất lượng"
TT = "Trung tâm Ứng dụng tiên bộ Khoa học và Công nghệ"
KHTC = "Phòng Kế hoạch - Tài chính"
QLKH = "Phòng Quản lý Khoa học"
QLCN = "Phòng Quản lý Chuyên ngành"
TCCN = "các tổ chức, cá nhân có liên quan"
HUYEN = "UBND cấp huyện"
VP = "Văn phòng Sở KH&CN"
DV = "các tổ chức cung cấp dịch vụ, kiểm định, hiệu chuẩn, thử nghiệm phương tiện đo"
HD = "tổ chức cá nhân hoạt động trong lĩnh vực đo lường"
ANNUAL = "Hàng năm 2021-2030"
AN_GIANG = [
    ("1", "group", None, [], [], None),
    ("1.1", "task", "1", [TDC], [VP, KHTC, TCCN], ANNUAL),
    ("1.2", "task", "1", [QLKH], [TDC, KHTC, TCCN], ANNUAL),
    ("2", "group", None, [], [], None),
    ("2.1", "task", "2", [TDC], [HUYEN, KHTC, TT, QLCN, TCCN], "Các năm 2021, 2025, 2030"),
    ("2.2", "task", "2", [TDC], [KHTC, TT], ANNUAL),
    ("2.3", "task", "2", [TT], [HUYEN, TDC, KHTC, DV], "2021-2025"),
    ("2.4", "task", "2", [TDC], [TT, KHTC, DV, HD], "2021-2025"),
    ("2.5", "task", "2", [TDC], [TT, KHTC, DV, HD], ANNUAL),
    ("2.6", "task", "2", [QLKH], [TDC, TT, KHTC, DV, HD], ANNUAL),
    ("2.7", "task", "2", [TT], [HUYEN, TDC, KHTC, QLCN], "2021- 2030"),
    ("3", "group", None, [], [], None),
    ("3.1", "task", "3", [TDC], ["Thanh tra Sở Khoa học và Công nghệ", KHTC], ANNUAL),
    ("3.2", "task", "3", [TT], [TDC, KHTC], "2026- 2030"),
    ("3.3", "task", "3", [TDC], [TT, KHTC, "Thanh tra Sở Khoa học và Công nghệ", HD], ANNUAL),
    ("3.4", "task", "3", [TDC], [TT, KHTC, "các cơ quan, tổ chức có liên quan"], ANNUAL),
    ("4", "group", None, [], [], None),
    ("4#1", "task", "4", [TDC], [HUYEN, TT, KHTC, HD], ANNUAL),
    ("5", "group", None, [], [], None),
    ("5.1", "task", "5", [QLKH], [VP, TDC, TT, HD], ANNUAL),
    ("5.2", "task", "5", [QLCN], [TDC, TT, KHTC, HD], ANNUAL),
    ("6", "group", None, [], [], None),
    ("6.1", "task", "6", [TDC], [HUYEN, VP, QLCN, QLKH, KHTC, TT, "các cơ quan, tổ chức có liên quan"], ANNUAL),
    ("6.2", "task", "6", [], [], "Hàng năm, Sơ kết 5 năm và tổng kết"),
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_giang_tasks_in_every_format(fmt: str) -> None:
    tasks, _, _ = sample(f"an-giang-27-KH-SKHCN-2021.{fmt}")
    got = [
        (t.id, t.kind, t.parent_id, t.lead_units, t.coordinating_units, t.period.text if t.period else None)
        for t in tasks
    ]
    assert got == AN_GIANG


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_giang_rows_cut_by_the_page_break_are_whole(fmt: str) -> None:
    tasks, _, _ = sample(f"an-giang-27-KH-SKHCN-2021.{fmt}")
    t = by_id(tasks)
    assert t["3.3"].title == (
        "Tăng cường công tác phối hợp giữa các cơ quan trong và ngoài tỉnh, doanh nghiệp về công tác "
        "quản lý hoạt động đo lường."
    )
    assert t["1.2"].title == "Phê duyệt các nhiệm vụ khoa học và công nghệ cấp tỉnh về đo lường."
    assert t["2.1"].period is not None and t["2.1"].period.years == [2021, 2025, 2030]
    assert t["1.1"].period is not None and (t["1.1"].period.start_year, t["1.1"].period.end_year) == (2021, 2030)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_giang_units(fmt: str) -> None:
    _, units, _ = sample(f"an-giang-27-KH-SKHCN-2021.{fmt}")
    named = {u.name: u for u in units}
    assert named[TDC].abbreviations == ["Chi cục TĐC"]
    assert named[TT].abbreviations == ["TT UDTB KH&CN"]
    assert named[TDC].mentions == 17
    assert named[TT].mentions == 14
    assert len(units) == 12
    assert all(u.source is not None for u in units)


LANG_SON_II = [
    ("II.1", "group", None), ("II.1.a", "task", "II.1"), ("II.1.b", "task", "II.1"), ("II.1.c", "task", "II.1"),
    ("II.2", "group", None), ("II.2.a", "task", "II.2"), ("II.2.b", "task", "II.2"), ("II.2.c", "task", "II.2"),
    ("II.3", "group", None), ("II.3.a", "task", "II.3"), ("II.3.b", "task", "II.3"), ("II.3.c", "task", "II.3"),
    ("II.4", "group", None), ("II.4.a", "task", "II.4"), ("II.4.b", "task", "II.4"), ("II.4.c", "task", "II.4"),
    ("II.5", "group", None), ("II.5#1", "task", "II.5"),
    ("II.6", "group", None), ("II.6.a", "task", "II.6"), ("II.6.b", "task", "II.6"),
    ("II.7", "task", None),  # holds no task: a task, not a group
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_lang_son_prose_tasks_and_duties(fmt: str) -> None:
    tasks, _, _ = sample(f"lang-son-129-KH-UBND-2019.{fmt}")
    section_ii = [t for t in tasks if t.id.startswith("II.")]
    assert [(t.id, t.kind, t.parent_id) for t in section_ii] == LANG_SON_II
    assert all(t.lead_units == [] and t.coordinating_units == [] for t in section_ii)
    t = by_id(tasks)
    assert t["II.1"].title == "Áp dụng cơ chế, chính sách tạo thuận lợi hoạt động đo lường hỗ trợ doanh nghiệp"
    assert [x.id for x in tasks if x.id.startswith("V.")] == ["V.1", "V.2", "V.3", "V.4"]
    assert t["V.1"].title.startswith("Sở Khoa học và Công nghệ chủ trì xây dựng kế hoạch hàng năm")
    assert t["V.1"].lead_units == ["Sở Khoa học và Công nghệ"]
    assert t["V.2"].lead_units == ["Sở Khoa học và Công nghệ"]
    assert t["V.3"].lead_units == ["Các sở, ngành", "UBND các huyện, thành phố"]
    assert "Sở Khoa học và Công nghệ" in t["V.3"].coordinating_units
    assert not any(x.id.startswith(("I.", "III.", "IV.")) for x in tasks)


REAL = "real/"


def test_lao_cai_chi_thi_11_appendix_table() -> None:
    tasks, _, _ = sample(REAL + "lao-cai-kh-ubnd-chi-thi-11-khoang-san.docx")
    table = [t for t in tasks if t.id.startswith("PL.")]
    assert [t.id for t in table] == [f"PL.{n}" for n in range(1, 15)]
    assert all(t.kind == "task" and t.parent_id is None for t in table)
    t = by_id(tasks)
    assert t["PL.6"].lead_units == ["Sở Công Thương", "Sở Xây dựng"]
    assert t["PL.1"].lead_units == ["Các Sở, ban, ngành", "UBND các xã, phường"]
    assert t["PL.2"].lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert t["PL.12"].coordinating_units == ["Sở Nông nghiệp và Môi trường", "Các Sở, ban, ngành"]
    periods = [(x.period.text, x.period.start_year, x.period.end_year) if x.period else None for x in table]
    assert periods[0] == ("Xong trong Quý II/2026", 2026, 2026)
    assert periods[1] == ("Xong trong tháng 5/2026", 2026, 2026)
    assert periods[4] is not None and periods[4][2] == 2030
    assert periods[5] == ("Thường xuyên", None, None)
    assert periods[3] == ("Hàng năm", None, None)


def test_lao_cai_chi_thi_11_duties_by_unit() -> None:
    tasks, _, _ = sample(REAL + "lao-cai-kh-ubnd-chi-thi-11-khoang-san.docx")
    groups = [t for t in tasks if t.id.startswith("IV.") and t.kind == "group"]
    assert [g.lead_units for g in groups][1:5] == [
        ["Sở Nông nghiệp và Môi trường"], ["Sở Công Thương"], ["Sở Xây dựng"], ["Sở Tài chính"],
    ]
    t = by_id(tasks)
    assert t["IV.2#9"].lead_units == ["Sở Nông nghiệp và Môi trường"]
    assert t["IV.2#9"].coordinating_units == ["Thuế tỉnh", "Sở Công Thương", "Sở Xây dựng"]
    assert [x.id for x in tasks if x.id.startswith("II.") and x.kind == "group"] == [f"II.{n}" for n in range(1, 9)]


def test_lao_cai_de_an_08_groups_with_assignment_lines() -> None:
    tasks, units, _ = sample(REAL + "lao-cai-kh-sct-de-an-08-cong-nghiep-xanh.docx")
    groups = [t for t in tasks if t.kind == "group"]
    assert [g.id for g in groups] == ["III.1", "III.2", "III.3", "III.4", "III.5"]
    assert [(g.lead_units, g.coordinating_units) for g in groups] == [
        (["Phòng Quản lý Công nghiệp"], ["Phòng Quản lý Năng lượng", "Phòng Quản lý Thương mại"]),
        (["Phòng Quản lý Công nghiệp"], ["Phòng Quản lý Năng lượng", "Văn phòng Sở"]),
        (["Phòng Quản lý Năng lượng"], ["Phòng Quản lý Công nghiệp"]),
        (["Phòng Quản lý Công nghiệp"], ["Phòng Quản lý Năng lượng", "Văn phòng Sở"]),
        (["Văn phòng Sở"], ["Phòng Quản lý Công nghiệp", "Phòng Quản lý Năng lượng"]),
    ]
    assert [t.parent_id for t in tasks if t.id.startswith("III.1#")] == ["III.1"] * 6
    assert not any(t.id.startswith("PL") for t in tasks)  # the empty reporting templates
    assert not any(t.title.startswith(("Lãnh đạo phụ trách", "Đơn vị chủ trì")) for t in tasks)
    assert not any("giám đốc" in u.name.lower() for u in units)


def test_lao_cai_2242_person_assigned_tasks() -> None:
    tasks, units, _ = sample(REAL + "lao-cai-kh-sct-2242-kiem-tra-cap-gcn-vlncn.docx")
    # The annex after the signature is an appendix; its numbers repeat the body's, hence "PL.".
    table = [t for t in tasks if t.id.startswith("PL.")]
    assert [t.id for t in table] == [f"PL.{n}" for n in range(1, 10)]
    assert [t.number for t in table] == [str(n) for n in range(1, 10)]
    assert table[0].lead_units == ["Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị Loan"]
    assert table[8].lead_units == ["Đỗ Mạnh Cường"]
    assert table[1].title == "Xây dựng bài kiểm tra, đáp án"
    assert all(not u.name.startswith(("Đỗ", "Vũ", "Nguyễn")) for u in units)
