"""Tasks in the forms of plans kehoach was not built on: label variants, combined objective/task
sections, lists opened by an assigning line, notices numbered from "1.", appendix ids, owner cells
that refer elsewhere. Small texts written from the rules first, then real documents of the corpus."""

from __future__ import annotations

from pathlib import Path

from kehoach.pipeline.run import extract_plan
from kehoach.schemas import Plan, Task
from task_cases import corpus_plan, run

ROOT = Path(__file__).resolve().parents[2]


def by_id(plan: Plan) -> dict[str, Task]:
    return {t.id: t for t in plan.tasks}


# --- label lines ---------------------------------------------------------------------------------

def test_label_lines_in_their_variants_belong_to_the_task_above() -> None:
    tasks = run(
        "I. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Rà soát, hoàn thiện thể chế về chuyển đổi số\n"
        "- Đơn vị chủ trì thực hiện: Sở Khoa học và Công nghệ.\n"
        "- Đơn vị phối hợp: Sở Tư pháp; Sở Tài chính.\n"
        "- Thời gian hoàn thành: Quý III/2026.\n"
        "- Sản phẩm: Quyết định của Ủy ban nhân dân tỉnh.\n"
        "2. Xây dựng cơ sở dữ liệu dùng chung của tỉnh\n"
        "Cơ quan chủ trì:\n"
        "Sở Nội vụ\n"
        "Phối hợp thực hiện: Sở Xây dựng\n"
        "Tiến độ: Năm 2027\n"
        "3. Tổ chức tập huấn kỹ năng số cho cán bộ (Chủ trì thực hiện: Sở Nội vụ; Thời gian thực hiện: Năm 2026)\n"
        "4. Tuyên truyền về cải cách hành chính. Trách nhiệm thực hiện: Sở Văn hóa, Thể thao và Du lịch. "
        "Kết quả: Các tin, bài được đăng tải.\n"
    )
    assert list(tasks) == ["1", "2", "3", "4"]  # no label line became a task
    first = tasks["1"]
    assert first.lead_units == ["Sở Khoa học và Công nghệ"]
    assert first.coordinating_units == ["Sở Tư pháp", "Sở Tài chính"]
    assert first.period is not None and first.period.text == "Quý III/2026"
    assert first.product == "Quyết định của Ủy ban nhân dân tỉnh"
    second = tasks["2"]  # the label's value on the next line
    assert (second.lead_units, second.coordinating_units) == (["Sở Nội vụ"], ["Sở Xây dựng"])
    assert second.period is not None and second.period.start_year == 2027
    third = tasks["3"]
    assert third.lead_units == ["Sở Nội vụ"]
    assert third.period is not None and third.period.text == "Năm 2026"
    fourth = tasks["4"]
    assert fourth.lead_units == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert fourth.product == "Các tin, bài được đăng tải"


def test_label_that_refers_elsewhere_names_no_unit() -> None:
    tasks = run(
        "I. NHIỆM VỤ\n"
        "1. Tiếp tục thực hiện Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Ủy ban nhân dân tỉnh\n"
        "- Đơn vị chủ trì: Theo phân công tại Quyết định số 1441/QĐ-UBND.\n"
        "2. Rà soát thủ tục hành chính nội bộ\n"
        "- Đơn vị chủ trì: Sở Tư pháp.\n"
    )
    assert tasks["1"].lead_units == []
    assert tasks["2"].lead_units == ["Sở Tư pháp"]


# --- sections ------------------------------------------------------------------------------------

def test_combined_objectives_and_tasks_heading_keeps_the_tasks_and_skips_the_objectives() -> None:
    tasks = run(
        "I. MỤC TIÊU, NHIỆM VỤ\n"
        "1. Cải cách thể chế\n"
        "a) Mục tiêu\n"
        "- 100% văn bản quy phạm pháp luật được kiểm tra theo quy định.\n"
        "b) Nhiệm vụ\n"
        "- Rà soát, hệ thống hóa văn bản quy phạm pháp luật.\n"
        "- Sở Tư pháp tham mưu ứng dụng trí tuệ nhân tạo trong phổ biến pháp luật.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch.\n"
    )
    assert [(t.id, t.kind, t.parent_id) for t in tasks.values()] == [
        ("I.1", "group", None), ("I.1.b", "group", "I.1"), ("I.1.b#1", "task", "I.1.b"),
        ("I.1.b#2", "task", "I.1.b"), ("II.1", "task", None),
    ]
    assert tasks["I.1.b#2"].lead_units == ["Sở Tư pháp"]
    assert not any(t.title.startswith("100%") for t in tasks.values())


def test_line_that_opens_and_assigns_a_list_gives_its_items_their_lead() -> None:
    tasks = run(
        "I. NHIỆM VỤ TRỌNG TÂM\n"
        "1. Về cải cách thể chế\n"
        "Giao Sở Tư pháp chủ trì, phối hợp với các cơ quan, đơn vị liên quan:\n"
        "a) Rà soát toàn bộ hệ thống văn bản quy phạm pháp luật.\n"
        "b) Tham mưu sửa đổi, bổ sung các văn bản không còn phù hợp.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "Giao Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị liên quan:\n"
        "1. Theo dõi, đôn đốc việc thực hiện Thông báo này.\n"
        "2. Tổng hợp, báo cáo kết quả hằng tháng.\n"
    )
    for key in ("I.1", "I.1.a", "I.1.b"):
        assert tasks[key].lead_units == ["Sở Tư pháp"], key
        assert tasks[key].coordinating_units == ["các cơ quan, đơn vị liên quan"], key
    assert tasks["II.1"].lead_units == tasks["II.2"].lead_units == ["Sở Nội vụ"]


def test_notice_numbered_from_one_is_a_list_of_assignments() -> None:
    tasks = run(
        "1. Đối với xây dựng phần mềm chuyên ngành\n"
        "a) Các sở, ngành chủ động đề xuất xây dựng phần mềm dùng chung.\n"
        "b) Giao Sở Tài chính chủ trì thẩm định dự toán kinh phí.\n"
        "2. Về ứng dụng trí tuệ nhân tạo\n"
        "a) Giao Sở Khoa học và Công nghệ chủ trì xây dựng đề án ứng dụng trí tuệ nhân tạo.\n"
        "Trân trọng thông báo để các cơ quan, đơn vị biết, thực hiện./.\n",
        type_line="THÔNG BÁO",
    )
    assert list(tasks) == ["1", "1.a", "1.b", "2", "2.a"]
    assert tasks["1.b"].lead_units == ["Sở Tài chính"]
    assert tasks["2.a"].lead_units == ["Sở Khoa học và Công nghệ"]


def test_dispatch_parts_named_for_a_field_hold_assignments() -> None:
    # A Công điện of the Prime Minister: "I. VỀ HOÀN THIỆN THỂ CHẾ" names a field, not "nhiệm vụ"; its
    # items name the offices that do them. The assessment part names none: not assignments.
    tasks = run(
        "I. KẾT QUẢ ĐẠT ĐƯỢC\n"
        "1. Đã cắt giảm 2.269 điều kiện kinh doanh.\n"
        "2. Tỷ lệ thủ tục được thực hiện trực tuyến đạt 69,87%.\n"
        "II. VỀ HOÀN THIỆN THỂ CHẾ\n"
        "1. Bộ trưởng các Bộ, Chủ tịch Ủy ban nhân dân các tỉnh\n"
        "a) Khẩn trương rà soát, sửa đổi các quy định không phù hợp.\n"
        "2. Bộ trưởng Bộ Công Thương hoàn thành việc rà soát phương án cắt giảm điều kiện kinh doanh.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Văn phòng Chính phủ theo dõi, đôn đốc việc triển khai các nhiệm vụ nêu trên.\n",
        type_line="THÔNG BÁO",
    )
    assert list(tasks) == ["II.1", "II.1.a", "II.2", "III.1"]
    assert tasks["II.1.a"].lead_units == ["Bộ trưởng các Bộ", "Chủ tịch Ủy ban nhân dân các tỉnh"]
    assert tasks["II.2"].lead_units == ["Bộ trưởng Bộ Công Thương"]


def test_a_unit_and_what_it_does_before_a_colon_is_no_unit_heading() -> None:
    # "(1) Bộ Tài chính giải quyết 03 vấn đề tồn đọng: (i) ..." (ttg-220-cd-ttg II.2.b.1): a sentence,
    # not a list of units, though no word but the unit's is capitalised.
    tasks = run(
        "1. Các Bộ khẩn trương khắc phục các bất cập của hệ thống thông tin, cụ thể:\n"
        "(1) Bộ Tài chính giải quyết 03 vấn đề tồn đọng: (i) Tích hợp dịch vụ thanh toán trực tuyến; "
        "(ii) Xử lý lỗi thường xuyên.\n"
        "(2) Bộ Y tế hoàn thành nâng cấp hệ thống.\n",
        type_line="THÔNG BÁO",
    )
    assert tasks["1.1"].lead_units == ["Bộ Tài chính"]


def test_a_letter_field_on_a_remit_is_no_task_part_and_its_closing_call_no_task() -> None:
    # bcd-171-cv-bcd: "1. Về tổ chức thực hiện chức năng, nhiệm vụ được phân cấp" names a field of the
    # letter ("chức năng, nhiệm vụ": a remit), not its task part; the letter's last paragraph, asking for
    # the work above as a whole, is no task.
    tasks = run(
        "1. Về tổ chức thực hiện chức năng, nhiệm vụ được phân cấp, phân quyền\n"
        "- Tiếp tục đánh giá tính khả thi của pháp luật về phân cấp, phân quyền.\n"
        "2. Về kiện toàn tổ chức bộ máy ở cấp xã\n"
        "- Khẩn trương hoàn thiện tổ chức bộ máy ở cấp xã.\n"
        "3. Về cơ sở vật chất, trụ sở và tài sản công\n"
        "Tiếp tục rà soát, sắp xếp, xử lý trụ sở, tài sản công.\n"
        "Chủ tịch Ủy ban nhân dân các tỉnh khẩn trương chỉ đạo thực hiện, bảo đảm đến hết tháng 12 năm 2025 "
        "giải quyết dứt điểm các khó khăn, vướng mắc về 03 nội dung nêu trên./.\n",
        type_line="THÔNG BÁO",
    )
    assert list(tasks) == ["1", "1#1", "2", "2#1", "3", "3#1"]


def test_conclusions_agreeing_with_a_report_assign_no_work_there() -> None:
    # tw-221-kl-tw: a Kết luận's body is its assignments; "1. Cơ bản thống nhất với Báo cáo ..." is not one.
    tasks = run(
        "1. Cơ bản thống nhất với Báo cáo của Ban Tổ chức Trung ương về tình hình tháng 11/2025.\n"
        "Bộ Chính trị, Ban Bí thư ghi nhận và biểu dương các cấp uỷ, tổ chức đảng.\n"
        "2. Giao Ban Tổ chức Trung ương chủ trì, phối hợp với Bộ Nội vụ đánh giá kỹ tình hình.\n",
        type_line="KẾT LUẬN",
    )
    assert list(tasks) == ["2"]
    assert tasks["2"].lead_units == ["Ban Tổ chức Trung ương"]


def test_notice_of_conclusions_numbered_from_one_with_an_item_on_the_division_of_work() -> None:
    # vptw-432-tb-vptw: "THÔNG BÁO KẾT LUẬN" (two type names) is the type line, the rule "-----" under
    # the title no bullet; items 1-3 are conclusions, 4 ("Về phân công nhiệm vụ ...") one of them too.
    tasks = run(
        "-----\n"
        "Ngày 24/11/2025, đồng chí Tổng Bí thư đã có buổi làm việc với Đảng uỷ Bộ Y tế.\n"
        "1. Giảm tối đa số trẻ bị bỏ rơi mới.\n"
        "2. Bảo đảm mọi trẻ bị bỏ rơi đều được tiếp nhận, chăm sóc an toàn.\n"
        "3. Về phân công nhiệm vụ của các cơ quan liên quan:\n"
        "3.1. Giao Đảng uỷ Quốc hội chỉ đạo các cơ quan liên quan rà soát các quy định.\n"
        "3.2. Văn phòng Trung ương Đảng phối hợp theo dõi, đôn đốc.\n",
        type_line="THÔNG BÁO KẾT LUẬN",
    )
    assert list(tasks) == ["1", "2", "3", "3.1", "3.2"]
    assert tasks["3.1"].lead_units == ["Đảng uỷ Quốc hội"]


def test_a_plan_without_a_task_section_does_not_read_its_outline_as_assignments() -> None:
    assert run("1. Mục đích\na) Nâng cao nhận thức của cán bộ.\n2. Yêu cầu\na) Bảo đảm thiết thực.\n") == {}


# --- real documents ------------------------------------------------------------------------------

def test_lam_dong_cchc_plan_body_and_appendix_table_do_not_collide() -> None:
    tasks = by_id(corpus_plan("ld-kh-cchc-2026-final.docx"))
    assert tasks["I.1"].title == "Cải cách thể chế" and tasks["I.1"].kind == "group"
    assert tasks["I.1.b"].title == "Nhiệm vụ" and tasks["I.1.b"].parent_id == "I.1"
    assert tasks["I.1.b#1"].title.startswith("Thực hiện việc đăng tải, cập nhật văn bản quy phạm pháp luật")
    assert not any(t.title == "Mục tiêu" for t in tasks.values())
    assert tasks["II.1"].title == "Công tác triển khai"  # body "II. TỔ CHỨC THỰC HIỆN / 1."
    assert tasks["PL.II"].title == "Cải cách thủ tục hành chính"  # appendix group row "II"
    assert tasks["PL.I.1"].parent_id == "PL.I" and tasks["PL.I.1"].lead_units == ["Sở Tư pháp"]
    # "Theo phân công tại Quyết định số 1441/QĐ-UBND ..." names no unit.
    assert tasks["PL.II.5"].lead_units == [] and tasks["PL.II.5"].coordinating_units == []
    assert tasks["PL.III.3"].lead_units == []
    assert len(tasks) == len(corpus_plan("ld-kh-cchc-2026-final.docx").tasks)


def test_lam_dong_conclusions_assigning_lines_lead_their_items() -> None:
    tasks = by_id(corpus_plan("ld-tbkl-hoinghi-cchc-22-1-2026.docx"))
    assert tasks["II.1"].title == "Về cải cách thể chế"
    assert tasks["II.1.a"].lead_units == ["Sở Tư pháp"]
    assert tasks["II.1.a"].coordinating_units == ["các cơ quan, đơn vị liên quan"]
    assert tasks["II.3.b"].lead_units == ["Sở Nội vụ"]
    assert tasks["III.1"].title.startswith("Theo dõi, đôn đốc, tổng hợp tình hình triển khai")
    assert tasks["III.1"].lead_units == tasks["III.3"].lead_units == ["Sở Nội vụ"]
    assert "I.1" not in tasks  # "I. ĐÁNH GIÁ CHUNG" is an assessment


def test_lam_dong_notice_numbered_from_one() -> None:
    tasks = by_id(corpus_plan("ld-tbkl-sokhcn-2026.docx"))
    assert tasks["1"].title == "Đối với xây dựng hệ thống phần mềm chuyên ngành"
    assert tasks["2.b"].lead_units == ["Sở Khoa học và Công nghệ"]
    assert tasks["2.c"].lead_units == ["Sở Tài chính"]
    assert tasks["3.b"].lead_units == ["Sở Khoa học và Công nghệ"]
    assert not any(t.title.startswith("Trân trọng") for t in tasks.values())


def test_prime_minister_dispatch_crawled_with_its_type_line_in_a_cell() -> None:
    # tests/unseen ttg-220-cd-ttg: "CÔNG ĐIỆN" and the title share a cell of the header's table; parts
    # I and II are named for fields; their items are unit headings (long ones, of offices) or
    # sentences whose subject is the unit.
    path = ROOT / "tests" / "unseen" / "documents" / "ttg-220-cd-ttg.md"
    result = extract_plan(path.read_bytes(), str(path))
    assert result.plan is not None
    tasks = by_id(result.plan)
    assert tasks["I.2"].kind == "group" and tasks["I.2#1"].title.startswith("Khẩn trương rà soát, sửa đổi")
    assert tasks["I.3"].lead_units == ["Bộ trưởng Bộ Công Thương"]
    assert tasks["II.2.b.4"].lead_units == ["Bộ Nội vụ"]
    assert "III.2" in tasks


def test_assignment_by_reference_sets_the_lead_of_the_tasks_referred_to() -> None:
    tasks = run(
        "I. MỤC TIÊU\nNâng cao chất lượng quy hoạch.\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Hoàn thiện quy hoạch xây dựng\n2. Phát triển nhà ở xã hội\n3. Tuyên truyền, phổ biến pháp luật\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Xây dựng chủ trì thực hiện các nhiệm vụ tại mục 1-2 Phần II; tổng hợp, báo cáo kết quả.\n"
        "2. Giao Sở Tư pháp chủ trì các nhiệm vụ tại mục 3 Phần II.\n"
    )
    assert tasks["II.1"].lead_units == tasks["II.2"].lead_units == ["Sở Xây dựng"]
    assert tasks["II.3"].lead_units == ["Sở Tư pháp"]


# --- task tables ---------------------------------------------------------------------------------

def test_task_table_product_and_budget_columns_and_no_total_row() -> None:
    tasks = run(
        "I. NHIỆM VỤ\n"
        "STT\tNội dung nhiệm vụ\tSản phẩm\tCơ quan chủ trì\tThời gian hoàn thành\tKinh phí (triệu đồng)\n"
        "1\tXây dựng cơ sở dữ liệu đo lường\tCơ sở dữ liệu được vận hành\tSở Khoa học và Công nghệ\tNăm 2026\t500\n"
        "2\tTập huấn nghiệp vụ đo lường\tCác lớp tập huấn\tSở Khoa học và Công nghệ\tNăm 2027\t300\n"
        "\tTổng cộng\t\t\t\t800\n"
    )
    assert list(tasks) == ["1", "2"]
    assert tasks["1"].product == "Cơ sở dữ liệu được vận hành"
    assert (tasks["1"].budget_vnd, tasks["2"].budget_vnd) == (500_000_000, 300_000_000)


def test_agenda_table_names_who_chairs_not_tasks() -> None:
    tasks = run(
        "Thời gian\tNội dung\tChủ trì\n"
        "07h45 - 8h00\tTiếp đón đại biểu\tBộ Công an\n"
        "08h00 - 08h10\tTuyên bố lý do, giới thiệu đại biểu\tVăn phòng Chính phủ\n"
        "10h30\tPhát biểu chỉ đạo\tThủ tướng Chính phủ\n",
        type_line="CHƯƠNG TRÌNH",
    )
    assert tasks == {}


def test_real_agenda_yields_no_task() -> None:
    assert corpus_plan("bca-chuongtrinh-hoinghi-ctmtqg.pdf").tasks == []


def test_lam_dong_propaganda_plan_schedule_rows_under_their_outline_task() -> None:
    tasks = by_id(corpus_plan("ld-kh-tuyentruyen-cchc-2026.docx"))
    assert tasks["III.1.a"].kind == "group"
    first = tasks["III.1.a.1"]
    assert first.parent_id == "III.1.a"
    assert first.lead_units == ["Sở Công Thương"]  # printed "Lãnh đạo Sở Công Thương"
    assert tasks["III.1.a.2"].lead_units == ["Sở Giáo dục và Đào tạo"]  # "Lãnh đạo" on its own line
    assert tasks["II.2"].title == "Nội dung tuyên truyền"  # "ĐỐI TƯỢNG, NỘI DUNG VÀ HÌNH THỨC"
    assert not any(t.title.startswith("Đối tượng") for t in tasks.values())


# --- periods a task takes from where it stands ---------------------------------------------------

def test_a_heading_dates_the_tasks_under_it_that_state_no_time() -> None:
    tasks = run(
        "I. NHỮNG NHIỆM VỤ CẦN TRIỂN KHAI NGAY TRONG THÁNG 12/2025\n"
        "1. Sở Tài chính\n"
        "a) Tham mưu tháo gỡ khó khăn trong giải ngân vốn đầu tư công.\n"
        "b) Rà soát các dự án chậm tiến độ. Hoàn thành trước ngày 20/12/2025.\n"
        "II. NHIỆM VỤ THƯỜNG XUYÊN\n"
        "1. Sở Nội vụ\n"
        "a) Theo dõi, đánh giá chỉ số cải cách hành chính.\n"
    )
    assert tasks["I.1.a"].period is not None and tasks["I.1.a"].period.text == "TRONG THÁNG 12/2025"
    assert (tasks["I.1.a"].period.start_date, tasks["I.1.a"].period.end_date) == ("2025-12-01", "2025-12-31")
    assert tasks["I.1.a"].period.source is not None and tasks["I.1.a"].period.source.text == "TRONG THÁNG 12/2025"
    assert tasks["I.1.b"].period is not None and tasks["I.1.b"].period.text == "Hoàn thành trước ngày 20/12/2025"
    assert tasks["I.1"].period is None  # a group's period is its tasks'
    assert tasks["II.1.a"].period is None  # an undated heading ("thường xuyên") schedules nothing


def test_label_lines_after_a_group_s_items_time_each_of_them() -> None:
    # bac-ninh-141 III.3: the labels printed after the dash items describe all of them
    tasks = run(
        "III. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Nâng cao nhận thức, trách nhiệm của các cơ quan, đơn vị\n"
        "- Các cơ quan, đơn vị tiếp tục nâng cao nhận thức về công tác xây dựng pháp luật.\n"
        "- Thủ trưởng cơ quan, đơn vị trực tiếp chỉ đạo thực hiện các nhiệm vụ, giải pháp.\n"
        "Đơn vị thực hiện: Các Sở, ngành, đơn vị.\n"
        "Đơn vị phối hợp: Sở Tư pháp.\n"
        "Thời gian thực hiện: Thường xuyên.\n"
    )
    for key in ("1#1", "1#2"):
        assert tasks[key].period is not None and tasks[key].period.recurrence == "ongoing"
    assert tasks["1#2"].coordinating_units == ["Sở Tư pháp"]
    assert tasks["1"].period is None  # a group's period is its tasks'


def test_years_in_a_closing_bracket_are_the_task_s_period() -> None:
    tasks = run(
        "III. NHIỆM VỤ TRỌNG TÂM\n"
        "1. Hoàn thiện phần mềm quản lý dữ liệu quy hoạch, tiến tới thí điểm (2025 - 2026).\n"
        "2. Kết nối dữ liệu quy hoạch với Trung tâm dữ liệu quốc gia (2026 trở đi).\n"
        "3. Tổng kết Chương trình mục tiêu quốc gia (giai đoạn 2021-2025).\n"
    )
    first, second, third = tasks["1"].period, tasks["2"].period, tasks["3"].period
    assert first is not None and (first.text, first.start_year, first.end_year) == ("2025 - 2026", 2025, 2026)
    assert second is not None and (second.start_year, second.end_year) == (2026, None)
    assert third is None  # a programme's own years, not the task's time


def test_partners_named_right_after_phoi_hop_without_voi() -> None:
    # ld-kh-ctmtqg-pcmt-2030 (III.8.1), dak-lak-0129: "chủ trì, phối hợp X" as often as "phối hợp với X".
    tasks = run(
        "III. NHIỆM VỤ\n"
        "1. Sở Tài chính chủ trì, phối hợp các sở, ban, ngành\n"
        "- Tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện Chương trình.\n"
        "2. Công an tỉnh chủ trì, phối hợp Sở Y tế, Sở Giáo dục và Đào tạo rà soát người nghiện.\n"
    )
    assert (tasks["1#1"].lead_units, tasks["1#1"].coordinating_units) == (["Sở Tài chính"], ["các sở, ban, ngành"])
    assert (tasks["2"].lead_units, tasks["2"].coordinating_units) == (["Công an tỉnh"], ["Sở Y tế", "Sở Giáo dục và Đào tạo"])


def test_the_subject_after_an_opening_clause_leads() -> None:
    # ld-kh-thidua-cchc-2026, IV.2.a and IV.2.b: a basis or a time opens the sentence, then its subject.
    tasks = run(
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Căn cứ Kế hoạch phát động thi đua của UBND tỉnh, các cơ quan, đơn vị, địa phương xây dựng Kế hoạch.\n"
        "2. Quý I/2027, các cơ quan, đơn vị, địa phương đánh giá kết quả thực hiện phong trào thi đua.\n"
        "3. Trong quá trình thực hiện, nếu có vướng mắc, báo cáo Sở Nội vụ để tổng hợp.\n"
    )
    assert tasks["1"].lead_units == ["các cơ quan, đơn vị, địa phương"]
    assert tasks["2"].lead_units == ["các cơ quan, đơn vị, địa phương"]
    assert "3" not in tasks  # "Sở Nội vụ" is told, not given work: no task in "Tổ chức thực hiện"


def test_a_unit_heading_that_is_a_code() -> None:
    # bca-kh-589 (section IV): a ministry's departments are named by their codes, "1. C04:" over duties.
    tasks = run(
        "IV. PHÂN CÔNG NHIỆM VỤ\n1. C04:\n- Chủ trì chuẩn bị nội dung Hội nghị.\n- Gửi giấy mời đại biểu.\n"
        "2. Công an các địa phương\n- Mời và triệu tập đại biểu dự Hội nghị theo Kế hoạch.\n"
    )
    assert [tasks[i].lead_units for i in ("1", "1#1", "1#2", "2#1")] == [["C04"]] * 3 + [["Công an các địa phương"]]


def test_an_office_that_heads_the_unit_is_part_of_the_lead() -> None:
    # Dispatches and decisions of the Prime Minister address offices: "Bộ trưởng Bộ X chỉ đạo ...".
    tasks = run(
        "II. NHIỆM VỤ\n"
        "1. Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an chỉ đạo các đơn vị trực thuộc hỗ trợ người dân.\n"
        "2. Đồng chí Chủ tịch Ủy ban nhân dân tỉnh trực tiếp chỉ đạo khắc phục hậu quả.\n"
        "3. Nhiệm vụ của thành viên Ban Chỉ đạo\n"
        "3.1. Trưởng Ban Chỉ đạo\n- Phụ trách chung, chỉ đạo thực hiện tổng kiểm kê.\n"
        "3.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo\n- Tổng hợp kết quả kiểm kê.\n"
    )
    assert tasks["1"].lead_units == ["Bộ trưởng Bộ Quốc phòng", "Bộ trưởng Bộ Công an"]
    assert tasks["2"].lead_units == ["Chủ tịch Ủy ban nhân dân tỉnh"]
    assert tasks["3.1#1"].lead_units == ["Trưởng Ban Chỉ đạo"]
    assert tasks["3.2#1"].lead_units == ["Sở Tài chính"]  # the dash names its role, not more of its name


def test_the_deadline_to_issue_or_submit_a_drafted_text_is_its_period() -> None:
    # A decision of the Prime Minister on drafting decrees: "+ Thời hạn ban hành: ...", "+ Thời hạn trình: ...".
    tasks = run(
        "II. NHIỆM VỤ\n"
        "1. Xây dựng Nghị định của Chính phủ\n"
        "- Nghị định quy định chi tiết một số điều của Luật\n"
        "+ Nội dung: quy định chi tiết khoản 2 Điều 2 của Luật.\n"
        "+ Cơ quan chủ trì: Bộ Công an.\n"
        "+ Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026.\n"
        "- Nghị định xử phạt vi phạm hành chính trong lĩnh vực dữ liệu\n"
        "+ Nội dung: quy định chi tiết khoản 7 Điều 8 của Luật.\n"
        "+ Cơ quan chủ trì: Bộ Công an.\n"
        "+ Thời hạn trình: tháng 6 năm 2026.\n"
    )
    assert set(tasks) == {"1", "1#1", "1#2"}  # the label lines are the tasks', not tasks of their own
    first, second = tasks["1#1"].period, tasks["1#2"].period
    assert first is not None and (first.end_year, first.end_date) == (2026, "2026-01-01")
    assert second is not None and (second.end_year, second.end_date) == (2026, "2026-06-30")


def test_objectives_and_vision_to_a_year_inside_the_main_contents_are_not_tasks() -> None:
    # A ministry's plan implementing a master plan: "II. NỘI DUNG CHỦ YẾU" opens with its objectives.
    tasks = run(
        "II. NỘI DUNG CHỦ YẾU\n"
        "1. Mục tiêu phát triển và tầm nhìn đến năm 2045\n"
        "a) Mục tiêu phát triển\n"
        "- Mạng lưới cơ sở văn hóa quốc gia đồng bộ, hiện đại.\n"
        "b) Tầm nhìn đến năm 2045\n"
        "- Mạng lưới cơ sở văn hóa và thể thao quốc gia phát triển cân đối.\n"
        "2. Tổ chức rà soát, công bố danh mục các dự án ưu tiên đầu tư.\n"
    )
    assert list(tasks) == ["2"]


def test_points_numbered_in_parentheses_under_an_asking_sentence() -> None:
    # Notices of the Government Office: "b) Để làm tốt các nhiệm vụ sắp tới, đề nghị:" over "(i)", "(ii)".
    tasks = run(
        "1. Về Dự án Nhà máy điện A\n"
        "a) Đánh giá cao nỗ lực của Chủ đầu tư.\n"
        "b) Để làm tốt các nhiệm vụ sắp tới, đề nghị:\n"
        "(i) Bộ Công Thương báo cáo Thủ tướng Chính phủ xem xét việc điều chỉnh giá.\n"
        "(ii) Ủy ban nhân dân tỉnh chỉ đạo hoàn thành bàn giao mặt bằng.\n"
        "2. Trong thời gian tới, yêu cầu các bộ, ngành tập trung thực hiện một số nhiệm vụ như sau:\n"
        "(1) Giao Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp hoàn thiện hồ sơ.\n"
        "(2) Bộ Xây dựng hướng dẫn các địa phương.\n",
        type_line="THÔNG BÁO",
    )
    # An id is prefixed by its parents' only where its number alone repeats ("1" does, "ii" does not).
    assert [(i, tasks[i].parent_id) for i in ("i", "ii", "2.1", "2.2")] == [("i", "b"), ("ii", "b"), ("2.1", "2"), ("2.2", "2")]
    assert tasks["i"].lead_units == ["Bộ Công Thương"] and tasks["2.1"].lead_units == ["Bộ Tài chính"]


def test_a_lone_number_in_parentheses_is_a_footnote_not_an_item() -> None:
    tasks = run(
        "I. NHIỆM VỤ\n"
        "1. Sở Khoa học và Công nghệ thành lập 06 chi nhánh kiểm định (1).\n"
        "(1) Chọn huyện có tiềm năng phát triển kinh tế.\n"
        "2. Sở Tài chính bố trí kinh phí.\n"
    )
    assert list(tasks) == ["1", "2"]


def test_a_meeting_programme_is_not_work() -> None:
    tasks = run(
        "II. NỘI DUNG HỘI NGHỊ\n"
        "1. Nội dung, chương trình Hội nghị\n"
        "(1) Tuyên bố lý do, giới thiệu đại biểu (Văn phòng Chính phủ).\n"
        "(2) Phát biểu khai mạc Hội nghị (Bộ trưởng Bộ Công an).\n"
        "2. Xây dựng chương trình hội nghị và tài liệu phát cho đại biểu.\n"
    )
    assert list(tasks) == ["2"]


def test_what_a_conclusion_praises_is_not_work() -> None:
    tasks = run(
        "1. Ghi nhận, đánh giá cao sự nỗ lực của Bộ Y tế và các nhà thầu.\n"
        "2. Bộ Y tế chỉ đạo Ban Quản lý dự án hoàn thành công trình trước ngày 30/11/2025.\n",
        type_line="THÔNG BÁO",
    )
    assert list(tasks) == ["2"] and tasks["2"].lead_units == ["Bộ Y tế"]


def test_bullets_giving_an_item_s_particulars_are_not_tasks() -> None:
    # A monitoring plan: under each piece of work, where it is done, what is measured, how much.
    tasks = run(
        "II. NỘI DUNG KẾ HOẠCH\n"
        "1. Quan trắc, cảnh báo môi trường nuôi trồng thủy sản\n"
        "1.1. Ngao\n"
        "- Điểm quan trắc: Thực hiện quan trắc môi trường nước nuôi ngao tại bãi nuôi ngao Hải Châu.\n"
        "- Thông số, tần suất, thời gian và số lượng mẫu quan trắc:\n"
        "+ Các thông số: pH, độ mặn, DO; số lượng mẫu quan trắc 64 mẫu/năm.\n"
        "1.2. Cá lồng nước ngọt\n"
        "- Cửa sông Mã: Lấy mẫu 01 vị trí tại khu vực nước cấp.\n"
        "- Thông số, tần suất quan trắc: 02 đợt/tháng.\n"
        "2. Thông tin tuyên truyền về quản lý chất lượng nước\n"
        "- Nội dung: Tuyên truyền các quy định, tiêu chuẩn về chất lượng nước.\n"
        "- Hình thức: In tài liệu cấp phát cho cán bộ cấp xã.\n"
        "- Số lượng: 5.000 cuốn.\n"
        "3. Xây dựng trạm 5G\n"
        "- Lắp đặt các trạm BTS 5G: Đảm bảo độ phủ sóng rộng khắp.\n"
        "- Triển khai cáp quang và hạ tầng truyền dẫn:\n"
        "+ Lắp đặt mới trạm 3G/4G: 58 trạm;\n"
        "+ Đầu tư mới trạm 5G: 35 trạm.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nông nghiệp và Môi trường\n"
        "- Phối hợp với Sở Tài chính lập dự toán kinh phí.\n"
        "- Số lượng hội nghị tổ chức: Sở Tài chính bố trí kinh phí 02 hội nghị.\n"
    )
    assert [(i, t.kind) for i, t in tasks.items() if i.startswith("II.")] == [
        ("II.1", "group"), ("II.1.1", "task"), ("II.1.2", "task"), ("II.2", "task"),
        ("II.3", "group"), ("II.3#1", "task"), ("II.3#2", "task"),
    ]
    # The task spans its particulars; bullets that name a unit at work stay tasks.
    assert "64 mẫu/năm" in tasks["II.1.1"].source.text and len([i for i in tasks if i.startswith("III.1#")]) == 2


def test_situation_theme_and_judging_headings_are_not_work() -> None:
    tasks = run(
        "II. NỘI DUNG THỰC HIỆN\n"
        "1. Hiện trạng\n"
        "Tỉnh hiện có nhiều khu công nghiệp với tốc độ lấp đầy nhanh.\n"
        "2. Chủ đề thi đua\n"
        "“Lập thành tích chào mừng Đại hội”.\n"
        "3. Tiêu chí đánh giá, xếp loại\n"
        "a) Trên cơ sở kết quả thực hiện các chỉ tiêu, chấm điểm các địa phương.\n"
        "4. Cách thức xếp hạng\n"
        "a) Căn cứ tổng số điểm để xếp hạng.\n"
        "5. Xây dựng trạm 5G tại các khu công nghiệp.\n"
    )
    assert list(tasks) == ["5"]


def test_the_closing_request_of_a_plan_is_not_a_task() -> None:
    tasks = run(
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Tài chính: Trình cấp có thẩm quyền phê duyệt kinh phí.\n"
        "2. Các cơ sở nuôi trồng thủy sản: Theo dõi, giám sát môi trường tại cơ sở.\n"
        "Yêu cầu các sở, ban, ngành, đơn vị, địa phương nghiêm túc triển khai thực hiện./.\n"
    )
    assert [(i, t.kind) for i, t in tasks.items()] == [("1", "task"), ("2", "task")]


def test_the_parts_a_plan_restates_from_its_master_plan_are_not_work() -> None:
    # The Law on Planning's parts of a plan implementing a master plan: projects, land use, resources.
    tasks = run(
        "II. NỘI DUNG CHỦ YẾU\n"
        "1. Các chương trình, dự án triển khai thực hiện quy hoạch\n"
        "a) Về các dự án đầu tư công\n"
        "- Đẩy mạnh xã hội hóa, thu hút các nguồn lực đa dạng để đầu tư.\n"
        "2. Kế hoạch sử dụng đất\n"
        "a) Kế hoạch sử dụng đất giai đoạn 2021-2025: Thực hiện theo các Quyết định của Thủ tướng Chính phủ.\n"
        "3. Nguồn lực và việc sử dụng nguồn lực để thực hiện quy hoạch\n"
        "- Ngân sách trung ương: để thực hiện các dự án thuộc Trung ương quản lý.\n"
        "4. Tổ chức rà soát, công bố danh mục các dự án ưu tiên đầu tư.\n"
    )
    assert list(tasks) == ["4"]


def test_the_weight_a_conclusion_gives_a_matter_is_not_work() -> None:
    tasks = run(
        "1. Việc hợp nhất 03 Chương trình có ý nghĩa hết sức quan trọng, cần thống nhất về nhận thức.\n"
        "Thứ nhất, vùng lõi nghèo hiện nay chủ yếu là vùng đồng bào dân tộc thiểu số.\n"
        "Thứ hai, việc xây dựng nông thôn mới đã được thực hiện trong phạm vi cả nước.\n"
        "2. Việc sắp xếp các ban quản lý dự án có ý nghĩa quan trọng; giao Bộ Tài chính chủ trì rà soát.\n"
        "3. Giao Bộ Nông nghiệp và Môi trường chủ trì hoàn thiện hồ sơ Chương trình.\n",
        type_line="THÔNG BÁO",
    )
    assert list(tasks) == ["2", "3"]


def test_the_addressees_of_a_dispatch_are_not_assignments() -> None:
    tasks = run(
        "THỦ TƯỚNG CHÍNH PHỦ điện:\n"
        "- Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ;\n"
        "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
        "Để hoàn thành các mục tiêu năm 2025, Thủ tướng Chính phủ yêu cầu:\n"
        "1. Các bộ, ngành khẩn trương thực hiện quyết liệt các nhiệm vụ, giải pháp.\n"
        "2. Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện Công điện này.\n",
        type_line="THÔNG BÁO",
    )
    assert list(tasks) == ["1", "2"]


def test_what_a_task_comprises_and_its_unlabelled_time_are_part_of_it() -> None:
    tasks = run(
        "II. NỘI DUNG KẾ HOẠCH\n"
        "1. Rà soát văn bản quy phạm pháp luật\n"
        "- Cơ quan thực hiện: Sở Khoa học và Công nghệ.\n"
        "2. Tổ chức các nội dung hỗ trợ thi hành Luật theo quy định pháp luật\n"
        "- Các nội dung hỗ trợ thi hành Luật bao gồm:\n"
        "+ Hướng dẫn áp dụng các văn bản quy phạm pháp luật;\n"
        "+ Tổ chức rà soát, cập nhật hệ thống cơ sở dữ liệu.\n"
        "- Cơ quan thực hiện: Các sở, ngành có liên quan.\n"
        "3. Tổ chức triển khai thực hiện Chiến lược tiêu chuẩn quốc gia\n"
        "Thời gian thực hiện sau khi Chiến lược tiêu chuẩn quốc gia được ban hành.\n"
    )
    assert [(i, t.kind) for i, t in tasks.items()] == [("1", "task"), ("2", "task"), ("3", "task")]


def test_the_closing_request_of_a_directive_to_heads_of_units_is_not_a_task() -> None:
    tasks = run(
        "1. Sở Nông nghiệp và Môi trường chủ trì theo dõi, đôn đốc việc thực hiện.\n"
        "2. Sở Tài chính bố trí kinh phí thực hiện.\n"
        "Yêu cầu Giám đốc các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường; Thủ trưởng các "
        "cơ quan, đơn vị có liên quan triển khai thực hiện nghiêm túc Chỉ thị này./.\n",
        type_line="THÔNG BÁO",
    )
    assert [(i, t.kind) for i, t in tasks.items()] == [("1", "task"), ("2", "task")]


def test_indicators_announced_by_the_paragraph_above_are_not_tasks() -> None:
    tasks = run(
        "III. NỘI DUNG THI ĐUA\n"
        "1. Nội dung thi đua\n"
        "Nâng cao nhận thức của người hưởng trợ cấp xã hội về thanh toán không dùng tiền mặt, các nội dung "
        "này được cụ thể hóa bằng các chỉ tiêu cụ thể như sau:\n"
        "(1) 100% số người hưởng trợ cấp chưa có tài khoản được tuyên truyền, vận động mở tài khoản;\n"
        "(2) Ít nhất 85% người hưởng trợ cấp mở mới tài khoản ngân hàng;\n"
        "2. Phương án triển khai\n"
        "a) Ủy ban nhân dân xã, phường tổ chức tuyên truyền, vận động đến từng đối tượng.\n"
    )
    # "Nội dung thi đua" labels the paragraph that states the work: that paragraph is task 1.
    assert [(i, t.kind) for i, t in tasks.items()] == [("1", "task"), ("2", "group"), ("a", "task")]
    assert tasks["1"].title.startswith("Nâng cao nhận thức")


def test_indicators_and_the_projects_of_a_programme_are_not_tasks() -> None:
    tasks = run(
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Chỉ tiêu chủ yếu đến năm 2030\n"
        "1.1. Phấn đấu 100% các điểm tổ chức sử dụng trái phép chất ma túy được phát hiện, triệt xóa.\n"
        "1.2. Trên 80% số trạm y tế cấp xã đủ điều kiện điều trị nghiện.\n"
        "2. Triển khai các dự án thành phần của Chương trình\n"
        "- Dự án 1: “Phòng ngừa, đấu tranh tội phạm về ma túy có tổ chức, xuyên quốc gia”.\n"
        "- Tiểu dự án 2 (Dự án 7): “Nâng cao hiệu quả truyền thông phòng, chống ma túy ở cơ sở”.\n"
        "3. Tổ chức rà soát cơ sở vật chất của cơ sở cai nghiện ma túy.\n"
    )
    assert [(i, t.kind) for i, t in tasks.items()] == [("2", "task"), ("3", "task")]


def test_a_heading_among_duties_by_unit_names_one_unit_however_it_runs_on() -> None:
    # nghe-an-987 (IV.5), quang-ngai-1627 (IV.1.5), can-tho-157 (V.6), quang-tri-06 (5): among "1. Sở X",
    # "2. Sở Y", a heading that assigns nothing names one body, all of it, without its explaining bracket.
    tasks = run(
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Khoa học và Công nghệ\n- Chủ trì theo dõi việc triển khai Kế hoạch.\n"
        "2. Sở Tài chính\n- Bố trí kinh phí thực hiện.\n"
        "3. Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp\n- Tạo điều kiện về mặt bằng.\n"
        "4. Trách nhiệm của đối tượng thực hiện kiểm kê:\n- Thành lập Tổ kiểm kê.\n"
        "5. Đề nghị các tổ chức cung cấp dịch vụ chi trả\n- Bố trí nguồn lực chi trả.\n"
        "6. Các chủ rừng là tổ chức (các Ban quản lý rừng phòng hộ, các Công ty lâm nghiệp)\n- Quản lý rừng.\n"
        "7. Các sở, ban, ngành phối hợp với Sở Tài chính và Ủy ban nhân dân tỉnh\n- Báo cáo kết quả.\n"
    )
    assert tasks["3#1"].lead_units == ["Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp"]
    assert tasks["4#1"].lead_units == ["đối tượng thực hiện kiểm kê"]
    assert tasks["5#1"].lead_units == ["các tổ chức cung cấp dịch vụ chi trả"]
    assert tasks["6#1"].lead_units == ["Các chủ rừng là tổ chức"]
    assert tasks["7"].lead_units == ["Các sở, ban, ngành"]  # a sentence that assigns: read as one


def test_a_term_defined_by_its_initials_is_spelled_out_in_the_units_that_carry_it() -> None:
    # ha-noi-6357: the bracket names "bảo hiểm y tế", not the committee that opens the sentence.
    tasks = run(
        "I. MỤC ĐÍCH\nỦy ban nhân dân thành phố đã chỉ đạo thực hiện chính sách bảo hiểm y tế (BHYT), kiểm soát"
        " chi phí khám chữa bệnh (KCB) BHYT.\n"
        "II. NHIỆM VỤ\n1. Sở Y tế\n- Kiểm tra công tác KCB BHYT.\n2. Sở Tài chính\n- Bố trí kinh phí.\n"
        "3. Các cơ sở KCB BHYT trên địa bàn Thành phố\n- Tự kiểm tra, rà soát công tác KCB.\n"
    )
    assert tasks["3#1"].lead_units == ["Các cơ sở khám chữa bệnh bảo hiểm y tế trên địa bàn Thành phố"]


def test_a_label_value_that_is_a_sentence_names_the_units_that_open_its_clauses() -> None:
    # lai-chau-7360 (II.2, II.5), ttg-2623 (II.4), bac-ninh-141 (III.6): "Cơ quan thực hiện: X tiến hành ...".
    tasks = run(
        "II. NHIỆM VỤ\n1. Rà soát văn bản quy phạm pháp luật\n"
        "- Cơ quan thực hiện: Bộ Công an tiến hành rà soát các văn bản có liên quan đến Luật; các bộ, cơ quan"
        " ngang bộ, cơ quan thuộc Chính phủ và Ủy ban nhân dân các tỉnh rà soát văn bản do mình ban hành.\n"
        "2. Tổ chức các nội dung hỗ trợ thi hành Luật\n"
        "- Cơ quan thực hiện: Các sở, ngành có liên quan theo chức năng, nhiệm vụ quản lý được giao.\n"
    )
    assert tasks["1"].lead_units == [
        "Bộ Công an", "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh",
    ]
    assert tasks["2"].lead_units == ["Các sở, ngành có liên quan"]


def test_the_subject_after_a_topic_leads_where_it_takes_up_the_work() -> None:
    # can-tho-157 (III.2.b): "<topic>: X phối hợp với Y ..." ; vpcp-631 (2.1): a statement names no lead.
    tasks = run(
        "II. NHIỆM VỤ\n"
        "1. Thực hiện mở tài khoản và phát hành thẻ: Ủy ban nhân dân xã, phường phối hợp với các ngân hàng"
        " thương mại tổng hợp nhu cầu.\n"
        "2. Về việc phê duyệt Chương trình: Các Bộ, cơ quan thống nhất chỉ có một cơ quan chủ quản.\n"
    )
    assert tasks["1"].lead_units == ["Ủy ban nhân dân xã, phường"]
    assert tasks["2"].lead_units == []
