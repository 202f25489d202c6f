"""Which parts of a plan hold its tasks (issue 14): a "GIẢI PHÁP" part when no part is named for
the tasks. Small texts written from the rule, then a real plan of the corpus."""

from __future__ import annotations

from task_cases import corpus_plan, run


def test_solutions_part_holds_the_work_when_no_part_is_named_for_tasks() -> None:
    tasks = run(
        "I. MỤC TIÊU\n"
        "1. Đến năm 2026, 100% xã có hạ tầng 5G.\n"
        "II. GIẢI PHÁP\n"
        "1. Hoàn thiện thể chế\n"
        "a) Xây dựng, hoàn thiện các văn bản quy phạm pháp luật về hạ tầng số.\n"
        "b) Rà soát các quy chuẩn kỹ thuật chuyên ngành.\n"
        "2. Đo lường, quản lý, giám sát\n"
        "Thực hiện khảo sát, thu thập số liệu về hạ tầng số hằng năm.\n"
    )
    assert list(tasks) == ["II.1", "II.1.a", "II.1.b", "II.2", "II.2#1"]  # "1." repeats under I
    assert tasks["II.1"].kind == "group" and tasks["II.1.a"].parent_id == "II.1"


def test_solutions_part_is_not_a_task_part_beside_one_named_for_tasks() -> None:
    tasks = run(
        "I. NHIỆM VỤ\n"
        "1. Xây dựng cơ sở dữ liệu dùng chung của tỉnh.\n"
        "2. Tổ chức tập huấn kỹ năng số cho cán bộ.\n"
        "II. GIẢI PHÁP\n"
        "1. Tăng cường sự lãnh đạo của các cấp ủy.\n"
    )
    assert [t.title for t in tasks.values()] == [
        "Xây dựng cơ sở dữ liệu dùng chung của tỉnh.", "Tổ chức tập huấn kỹ năng số cho cán bộ.",
    ]


def test_ha_noi_310_solutions_part_gives_its_groups_and_items() -> None:
    tasks = {t.id: t for t in corpus_plan("ha-noi-310-kh-ubnd.md").tasks}
    assert tasks["III.1"].kind == "group" and tasks["III.1"].title == "Hoàn thiện thể chế"
    assert tasks["III.1.a"].title.startswith("Nghiên cứu, triển khai có hiệu quả các Nghị định")
    assert tasks["III.4.d"].title.startswith("Triển khai các cơ chế, chính sách ưu đãi về thuế, phí")
    assert tasks["III.5#1"].title.startswith("Thực hiện khảo sát, thu thập số liệu")
    assert [k for k in tasks if k.startswith("III.")] == [
        "III.1", "III.1.a", "III.1.b", "III.1.c", "III.2", "III.2.a", "III.2.b", "III.3", "III.3.a",
        "III.3.b", "III.3.c", "III.4", "III.4.a", "III.4.b", "III.4.c", "III.4.d", "III.5", "III.5#1",
    ]
    assert not any(k.startswith(("I.", "II.", "IV.")) for k in tasks)  # objectives and funding are not work


def test_items_numbered_inside_a_paragraph_are_the_tasks_of_its_heading() -> None:
    tasks = run(
        "1. Khẩn trương xây dựng và ban hành chiến lược dữ liệu: (1) Thanh tra tỉnh ban hành kế hoạch "
        "trước ngày 25/11/2025; (2) Sở Tài chính chủ trì, phối hợp với Sở Tư pháp ban hành hướng dẫn.\n"
        "2. Sở Xây dựng: (1) rà soát quy hoạch đô thị; (2) xây dựng cơ sở dữ liệu về nhà ở: (i) nhà ở xã hội; "
        "(ii) nhà ở thương mại.\n",
        type_line="THÔNG BÁO",
    )
    assert list(tasks) == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    assert tasks["1"].kind == "group" and tasks["1"].title == "Khẩn trương xây dựng và ban hành chiến lược dữ liệu"
    assert tasks["1.1"].title == "Thanh tra tỉnh ban hành kế hoạch trước ngày 25/11/2025"
    assert tasks["1.2"].lead_units == ["Sở Tài chính"] and tasks["1.2"].coordinating_units == ["Sở Tư pháp"]
    assert tasks["2.1"].lead_units == ["Sở Xây dựng"] and tasks["2.1"].parent_id == "2"
    assert tasks["2.2"].title == "xây dựng cơ sở dữ liệu về nhà ở: (i) nhà ở xã hội; (ii) nhà ở thương mại"


def test_a_number_in_brackets_without_a_list_opened_by_a_colon_is_no_item() -> None:
    tasks = run(
        "I. NHIỆM VỤ\n"
        "1. Tổ chức tập huấn (1) lớp cho cán bộ; (2) lớp cho công chức cấp xã.\n",
    )
    assert list(tasks) == ["1"] and tasks["1"].kind == "task"


def test_vpcp_624_conclusions_numbered_inside_paragraphs() -> None:
    tasks = {t.id: t for t in corpus_plan("vpcp-624-tb-vpcp.md").tasks}
    assert tasks["III.3"].kind == "group"
    assert tasks["III.3.1"].title.startswith("Thanh tra Chính phủ ban hành trước ngày 25 tháng 11 năm 2025")
    assert tasks["III.3.1"].lead_units == ["Thanh tra Chính phủ"]
    assert tasks["III.3.2"].lead_units == ["Bộ Công an"]
    assert [k for k in tasks if k.startswith("III.5.a.")] == [f"III.5.a.{n}" for n in range(1, 8)]
    assert all(tasks[f"III.5.a.{n}"].lead_units == ["Bộ Khoa học và Công nghệ"] for n in range(1, 8))
    assert tasks["III.5.b.4"].title.startswith("Tham mưu ban hành Nghị quyết quy phạm pháp luật của Chính phủ về phát triển công dân số")
    assert tasks["III.6.a.2"].title.startswith("Phân bổ và bố trí đủ vốn NSNN")
    assert tasks["III.6.a.2"].lead_units == ["Bộ Tài chính"]


def test_lettered_attribute_lines_of_a_task_are_not_tasks() -> None:
    tasks = run(
        "I. NHIỆM VỤ\n"
        "1. Về dữ liệu\n"
        "1.1. Xây dựng Chiến lược dữ liệu của tỉnh:\n"
        "a) Nhiệm vụ: Tham mưu UBND tỉnh rà soát, hoàn thiện Chiến lược dữ liệu.\n"
        "b) Cơ quan thực hiện:\n"
        "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n"
        "- Đơn vị phối hợp: Sở Tư pháp.\n"
        "c) Thời gian thực hiện: Hoàn thành trong năm 2025.\n"
        "1.2. Triển khai, phát triển dữ liệu:\n"
        "a) Nhiệm vụ:\n"
        "- Rà soát, chuẩn hóa cơ sở dữ liệu của đơn vị.\n"
        "- Phối hợp số hóa các cơ sở dữ liệu chuyên ngành.\n"
        "b) Cơ quan thực hiện:\n"
        "- Đơn vị chủ trì: Sở Nội vụ.\n"
        "- Đơn vị phối hợp: Sở Tài chính.\n"
        "c) Thời gian thực hiện: Năm 2026.\n"
    )
    assert list(tasks) == ["1", "1.1", "1.2"]
    assert tasks["1"].kind == "group" and tasks["1"].lead_units == []
    first, second = tasks["1.1"], tasks["1.2"]
    assert first.kind == "task" and first.lead_units == ["Sở Khoa học và Công nghệ"]
    assert first.coordinating_units == ["Sở Tư pháp"]
    assert first.period is not None and (first.period.start_year, first.period.end_year) == (2025, 2025)
    assert second.lead_units == ["Sở Nội vụ"] and second.coordinating_units == ["Sở Tài chính"]
    assert second.period is not None and second.period.end_year == 2026


def test_ha_noi_308_attribute_lines_give_lead_partners_and_time() -> None:
    tasks = {t.id: t for t in corpus_plan("ha-noi-308-kh-ubnd.md").tasks}
    assert len(tasks) == 11
    assert tasks["II.1.1"].lead_units == ["Sở Khoa học và Công nghệ"]
    assert tasks["II.1.1"].coordinating_units == ["Các Sở, ban, ngành"]
    assert tasks["II.3"].lead_units == ["Công an Thành phố"]
    assert tasks["II.3"].period is not None and tasks["II.3"].period.recurrence == "ongoing"
    assert tasks["II.1"].lead_units == []


def test_ttg_2530_table_parts_by_body_and_rows_grouped_by_their_nhom_cell() -> None:
    tasks = {t.id: t for t in corpus_plan("ttg-2530-qd-ttg.md").tasks}
    part = tasks["PL1.A"]
    assert part.kind == "group" and part.title == "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    group = tasks["PL1.A.1"]
    assert group.kind == "group" and group.parent_id == "PL1.A"
    assert group.title.startswith("Hoàn thiện hệ thống chính sách pháp luật về kiểm soát")
    assert [k for k in tasks if k.startswith("PL1.A.1#")] == [f"PL1.A.1#{n}" for n in range(1, 6)]
    first = tasks["PL1.A.1#1"]
    assert first.title.startswith("- Hoàn thiện Nghị định về xử lý vi phạm hành chính")
    assert first.lead_units == ["Bộ Nông nghiệp và Môi trường"]
    assert "Bộ Khoa học và Công nghệ" in first.coordinating_units
    assert tasks["PL1.A.1#2"].title.startswith("- Rà soát, cập nhật các hướng dẫn kỹ thuật về hệ")
    single = tasks["PL1.A.4"]  # one content row: a task titled by its content
    assert single.kind == "task" and single.title.startswith("Tiếp tục triển khai hiệu quả Đề án")
    assert tasks["PL1.D"].title == "BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    assert tasks["PL1.D#1"].title.startswith("- Nghiên cứu, ứng dụng, chuyển giao công nghệ xử lý khí thải")


def test_ttg_2629_group_rows_numbered_under_their_roman_part() -> None:
    # Appendix 2's task table: "III" / "III.1" / "III.1.1" group rows, then tasks numbered 1, 2, ... on through
    # the part; each task sits under the nearest group row, which keeps its printed number.
    tasks = {t.id: t for t in corpus_plan("ttg-2629-qd-ttg.md").tasks}
    assert tasks["PL2.III.1"].kind == "group" and tasks["PL2.III.1"].title == "Nhóm ứng dụng, nền tảng số quy mô quốc gia"
    assert tasks["PL2.III.1.1"].parent_id == "PL2.III.1"
    first = tasks["PL2.III.1.1.1"]
    assert first.parent_id == "PL2.III.1.1" and first.title.startswith("Triển khai Cổng Dịch vụ công quốc gia")
    assert first.lead_units == ["Bộ Công an"]
    assert tasks["PL2.III.1.2.5"].title.startswith("Phát triển Hệ thống thông tin báo cáo Chính phủ")
    assert tasks["PL2.III.2.27"].parent_id == "PL2.III.2"
