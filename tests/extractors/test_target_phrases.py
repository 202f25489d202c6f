"""Targets read from sentences of the corpus documents (tests/corpus/documents), as a person reads them."""

from __future__ import annotations

import pytest

from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.structure import build_structure
from kehoach.extractors.targets import extract_targets, heading_year, single_year, targets_in_text
from kehoach.schemas import Task

TYPES = frozenset({"KẾ HOẠCH", "QUYẾT ĐỊNH"})


def read(text: str) -> list[tuple]:
    return [
        (t.quantity, t.quantity_max, t.comparator, t.approximate, t.direction, t.unit)
        for t in targets_in_text(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ttg-2530-qd-ttg.md
        ("Ít nhất 2 - 3 công trình nghiên cứu hợp tác có chất lượng được công bố hoặc ứng dụng",
         [(2, 3, "between", False, None, "công trình nghiên cứu hợp tác")]),
        ("Phấn đấu đạt mục tiêu 1.200 công trình xanh được chứng nhận",
         [(1200, None, "exactly", False, None, "công trình xanh")]),
        ("có ít nhất 02 loại hình sản phẩm được cấp", [(2, None, "at_least", False, None, "loại hình sản phẩm")]),
        # can-tho-153-kh-ubnd.md
        ("số vụ phạm tội về ma túy có tổ chức xuyên quốc gia được phát hiện, bắt giữ tăng trên 3%",
         [(3, None, "over", False, "increase", "%")]),
        ("Trên 80% số trạm y tế xã, phường trên thành phố", [(80, None, "over", False, None, "%")]),
        # ho-chi-minh-174-kh-ubnd.md
        ("Tỷ suất sinh ở trẻ vị thành niên giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 phụ nữ",
         [(18, None, "exactly", False, None, "ca sinh/1.000 phụ nữ")]),
        ("Tỷ lệ tử vong bà mẹ liên quan đến thai sản dưới 4/100.000 trẻ sinh ra còn sống vào năm 2025",
         [(4, None, "under", False, None, "/100.000 trẻ sinh ra còn sống")]),
        ("Tỷ số giới tính khi sinh ở mức 107 trẻ sơ sinh trai/100 trẻ sơ sinh gái sinh ra sống vào năm 2025",
         [(107, None, "exactly", False, None, "trẻ sơ sinh trai/100 trẻ sơ sinh gái sinh ra sống")]),
        # vpcp-624-tb-vpcp.md: a fraction of the situation is no rate
        ("đã có 3/12 bộ, ngành hoàn thành", []),
        # dong-nai-179-kh-ubnd.md
        ("Phát triển tối thiểu 10 doanh nghiệp công nghệ số mới cung cấp sản phẩm",
         [(10, None, "at_least", False, None, "doanh nghiệp công nghệ số")]),
        ("Phát triển và triển khai tối thiểu 01 sàn giao dịch dữ liệu",
         [(1, None, "at_least", False, None, "sàn giao dịch dữ liệu")]),
        ("Tỷ lệ dân số từ 15 tuổi trở lên có điện thoại thông minh đạt tối thiểu 95%",
         [(95, None, "at_least", False, None, "%")]),
        ("Mục tiêu chung (6 mục tiêu)", []),
        # ha-noi-310-kh-ubnd.md
        ("100% các khu công nghệ cao, khu công nghiệp, cụm công nghiệp có tối thiểu 1 trạm phát sóng 5G",
         [(100, None, "exactly", False, None, "%"), (1, None, "at_least", False, None, "trạm phát sóng 5G")]),
        # ld-vb-chidao-caithien-chiso-2025.docx
        ("Hằng tháng tổ chức 01 cuộc đối thoại với doanh nghiệp",
         [(1, None, "exactly", False, None, "cuộc đối thoại")]),
        # ttg-2629-qd-ttg.md
        ("100% bộ, ngành, địa phương đạt cấp độ 3 mức độ trưởng thành về quản trị dữ liệu",
         [(100, None, "exactly", False, None, "%")]),
        # ho-chi-minh-174-kh-ubnd.md, vpcp-624-tb-vpcp.md, ho-chi-minh-2820-qd-ubnd.md, ld-kh-tuyentruyen-cchc-2026
        ("100% xã, phường, thị trấn mỗi quý có ít nhất 04 tin, bài về bình đẳng giới",
         [(100, None, "exactly", False, None, "%"), (4, None, "at_least", False, None, "tin, bài")]),
        ("UBND cấp xã lựa chọn ít nhất 02 cán bộ, công chức", [(2, None, "at_least", False, None, "cán bộ, công chức")]),
        ("Có ít nhất một cơ sở y tế cung cấp thí điểm dịch vụ", [(1, None, "at_least", False, None, "cơ sở y tế")]),
        ("ứng phó sự cố tối thiểu một lần/năm", [(1, None, "at_least", False, None, "lần")]),
        ("Định kỳ phát sóng mỗi tháng 02 chuyên mục", [(2, None, "exactly", False, None, "chuyên mục")]),
        ("một số doanh nghiệp", []),
        ("Phát triển đột phá, toàn diện dựa trên ba trụ cột kinh tế và một nền tảng số", []),
        ("80% người bị bạo lực gia đình được phát hiện được tiếp cận ít nhất một trong các dịch vụ hỗ trợ",
         [(80, None, "exactly", False, None, "%")]),
        # vpcp-624-tb-vpcp.md: the situation, a principle's parts, a preposition of place or accompaniment,
        # where a noun phrase ends
        ("phải đạt 90% trong năm 2025 (đến nay mới đạt 39,5%)", [(90, None, "exactly", False, None, "%")]),
        ("bảo đảm nguyên tắc 6 rõ để triển khai thực hiện", []),
        ("thiếu cơ chế, bảo đảm “6 rõ”, gửi Bộ Khoa học và Công nghệ", []),
        ("đáp ứng yêu cầu của tổ chức chính quyền địa phương 2 cấp", []),
        ("Phát triển VNeID thành Nền tảng số quốc gia với 05 chức năng chính", []),
        ("(phấn đấu đạt 500.000 thuê bao)", [(500000, None, "exactly", False, None, "thuê bao")]),
        ("hỗ trợ 6 thành phố trực thuộc Trung ương trong triển khai xây dựng",
         [(6, None, "exactly", False, None, "thành phố trực thuộc Trung ương")]),
        ("Chủ trì xây dựng phương án cung cấp điện phù hợp đối với 117 thôn chưa có điện",
         [(117, None, "exactly", False, None, "thôn")]),
        ("Trên cơ sở Nghị định về Phát triển đô thị thông minh, 6 thành phố trực thuộc Trung ương chủ động, "
         "chủ trì xây dựng Đề án đô thị thông minh", []),
        ("11 địa phương [1] khẩn trương thành lập Ban Chỉ đạo, Tổ công tác tại cấp tỉnh, cấp xã", []),
        # ha-noi-310-kh-ubnd.md: the present count in the objectives section
        ("Hiện nay, tổng số trạm thu phát sóng thông tin di động của các doanh nghiệp viễn thông trên địa bàn "
         "thành phố Hà Nội khoảng 180 trạm, trong đó có 22 trạm 5G", []),
        # ld-kh-cchc-2026-final.docx: a share after "nguyên tắc" is still an objective
        ("đảm bảo nguyên tắc 100% hồ sơ thủ tục hành chính phải được tiếp nhận tại bộ phận một cửa",
         [(100, None, "exactly", False, None, "%")]),
        # dong-nai-179-kh-ubnd.md, bca-kh-589-hoinghi-ctmtqg-scan.pdf, dak-lak-0129-kh-ubnd.md, nghe-an-980-kh-ubnd.md
        ("giúp tổ chức, doanh nghiệp thực hiện mô hình bảo vệ 04 lớp", []),
        ("kết nối đến Hội trường UBND cấp tỉnh, xã tại 34 tỉnh, thành phố trực thuộc Trung ương", []),
        ("đúng đối tượng, ưu tiên 40 xã, phường đã được công bố tình huống khẩn cấp", []),
        ("Tiếp nhận và duy trì Hệ thống Tổng đài 112 phục vụ hoạt động phòng thủ dân sự", []),
        ("tại 100% xã, phường", [(100, None, "exactly", False, None, "%")]),
        # the forms the contract names
        ("cấp 03 giấy chứng nhận cho doanh nghiệp", [(3, None, "exactly", False, None, "giấy chứng nhận")]),
        ("hỗ trợ 3.000 lượt nhân lực", [(3000, None, "exactly", False, None, "lượt nhân lực")]),
        ("từ 5 đến 10 doanh nghiệp", [(5, 10, "between", False, None, "doanh nghiệp")]),
        ("khoảng 1.500 hộ", [(1500, None, "exactly", True, None, "hộ")]),
        ("trên dưới 20 lớp", [(20, None, "exactly", True, None, "lớp")]),
        ("giảm ít nhất 10% số vụ", [(10, None, "at_least", False, "decrease", "%")]),
        ("tăng 20% so với năm 2024", [(20, None, "exactly", False, "increase", "%")]),
        ("dưới 2%", [(2, None, "under", False, None, "%")]),
        ("trẻ em dưới 24 tháng tuổi được tiêm chủng", []),
        ("sơ kết trong 2 ngày", []),
    ],
    ids=lambda v: str(v)[:40],
)
def test_corpus_sentences(text: str, expected: list[tuple]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("heading", "year"),
    [
        ("4. Các chỉ tiêu cụ thể đến năm 2030", 2030),
        ("a) Đến năm 2025:", 2025),
        ("Giai đoạn 2028-2030", 2030),
        ("Mục tiêu tổng thể giai đoạn 2026 - 2030", 2030),
        ("III. CHỈ TIÊU THI ĐUA PHẤN ĐẤU NĂM 2026", 2026),
        ("Mục tiêu đến năm 2030, tầm nhìn đến năm 2045", 2030),
        ("2. Mục tiêu cụ thể", None),
    ],
)
def test_heading_year(heading: str, year: int | None) -> None:
    assert heading_year(heading) == year


def test_year_from_the_heading_above() -> None:
    # can-tho-153-kh-ubnd.md, "4. Các chỉ tiêu cụ thể đến năm 2030"
    body = (
        "KẾ HOẠCH\nThực hiện Chương trình\nI. MỤC TIÊU\n4. Các chỉ tiêu cụ thể đến năm 2030\n"
        "b) Phấn đấu 100% các điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy được phát hiện.\n"
        "c) Trên 80% các đơn vị và cán bộ, chiến sĩ lực lượng chuyên trách được trang bị vũ khí.\n"
        "II. NHIỆM VỤ\n1. Tuyên truyền."
    )
    doc = build_structure(normalize_layout(read_document(body.encode(), "plan.txt")), TYPES)
    targets, _ = extract_targets(doc, [])
    assert [(t.year, t.quantity, t.comparator, t.unit) for t in targets] == [
        (2030, 100, "exactly", "%"),
        (2030, 80, "over", "%"),
    ]


def test_year_from_the_title() -> None:
    # ld-kh-cchc-2026-final.docx: "Cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng"
    body = (
        "KẾ HOẠCH\nCải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng\nI. MỤC TIÊU, NHIỆM VỤ\n"
        "1. Mục tiêu\n- 100% văn bản quy phạm pháp luật được kiểm tra theo quy định.\n"
    )
    doc = build_structure(normalize_layout(read_document(body.encode(), "plan.txt")), TYPES)
    targets, _ = extract_targets(doc, [])
    assert [(t.year, t.quantity, t.unit) for t in targets] == [(2026, 100, "%")]


def test_a_restated_clause_is_one_target() -> None:
    # ttg-2629-qd-ttg.md: the body's task III.2 and its row in Phụ lục II print the same clause
    clause = "Thực hiện số hóa 100% hồ sơ, kết quả giải quyết thủ tục hành chính"
    body = (
        "KẾ HOẠCH\nChuyển đổi số năm 2026\nI. MỤC TIÊU\n1. Mục tiêu\n"
        "- 100% cơ quan nhà nước cung cấp dữ liệu mở đúng chuẩn.\n- 100% cơ quan nhà nước cung cấp dữ liệu mở đúng chuẩn.\n"
        f"II. NHIỆM VỤ\n1. {clause}.\nPHỤ LỤC\n- {clause}.\n"
    )
    doc = build_structure(normalize_layout(read_document(body.encode(), "plan.txt")), TYPES)
    tasks = [
        Task(id="II.1", kind="task", parent_id="II", title=clause),
        Task(id="PL.1", kind="task", parent_id="PL", title=f"- {clause}"),
    ]
    targets, _ = extract_targets(doc, tasks)
    # the objectives keep both of their lines; the appendix row adds nothing
    assert [(t.task_id, t.quantity) for t in targets] == [(None, 100), (None, 100), ("II.1", 100)]


def test_sibling_rows_with_the_same_clause_both_count() -> None:
    # samples/real/lao-cai-bc-vp-ubnd-trien-khai-cum-cong-nghiep.docx: two clusters' rows of one table
    clause = "Phấn đấu hoàn thành GPMB toàn bộ 75 ha trong Quý III/2026"
    doc = build_structure(normalize_layout(read_document("KẾ HOẠCH\nCụm công nghiệp\n".encode(), "plan.txt")), TYPES)
    tasks = [
        Task(id="PL3.4", kind="task", parent_id="PL3", title=f"{clause}; Sở Nông nghiệp và Môi trường xử lý"),
        Task(id="PL3.5", kind="task", parent_id="PL3", title=f"{clause}; phối hợp xử lý dứt điểm"),
    ]
    targets, _ = extract_targets(doc, tasks)
    assert [(t.task_id, t.quantity, t.unit) for t in targets] == [("PL3.4", 75, "ha"), ("PL3.5", 75, "ha")]


def test_count_in_a_cited_document_is_not_a_target() -> None:
    text = (
        "Triển khai Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội cho đối tượng thu nhập thấp” "
        "và hoàn thành 500 căn hộ trong năm 2026"
    )
    assert [(t.quantity, t.unit, t.year) for t in targets_in_text(text)] == [(500, "căn hộ", 2026)]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Tuyên truyền cải cách hành chính nhà nước năm 2026", 2026),
        ("Phát triển kinh tế số và xã hội số giai đoạn 2026 - 2030", None),
        ("Triển khai Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030", None),
    ],
)
def test_one_year_plan(title: str, year: int | None) -> None:
    assert single_year(title) == year


def test_task_target_takes_the_year_of_a_one_year_plan() -> None:
    # ld-kh-tuyentruyen-cchc-2026.docx
    from kehoach.extractors.grounding import span
    from kehoach.schemas import Task

    body = (
        "KẾ HOẠCH\nTuyên truyền cải cách hành chính nhà nước năm 2026\nI. NHIỆM VỤ\n"
        "1. Các đơn vị sự nghiệp công lập thuộc UBND tỉnh, hằng quý có ít nhất 01 tin, bài về thực hiện CCHC.\n"
    )
    doc = build_structure(normalize_layout(read_document(body.encode(), "plan.txt")), TYPES)
    block = next(b for b in doc.layout.blocks if "01 tin" in b.text)
    task = Task(id="I.1", kind="task", title=block.text[3:], source=span(doc.layout, block.start, block.end))
    targets, _ = extract_targets(doc, [task])
    assert [(t.task_id, t.year, t.quantity, t.comparator, t.unit) for t in targets] == [
        ("I.1", 2026, 1, "at_least", "tin, bài")
    ]
