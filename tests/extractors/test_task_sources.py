"""Where a task's units and period are printed: carried from where they were read, null when unknown."""

from __future__ import annotations

from task_cases import run

from kehoach.schemas import Span


def _text(source: Span | None) -> str | None:
    return source.text if source is not None else None


def test_prose_units_and_period_show_where_they_are_printed() -> None:
    tasks = run(
        "II. NHIỆM VỤ\n"
        "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ tổng hợp báo cáo. Thời gian: Quý I/2026.\n"
    )
    task = tasks["1"]
    assert {k: _text(v) for k, v in task.sources.items()} == {
        "lead_units.0": "Sở Tài chính", "coordinating_units.0": "Sở Nội vụ",
    }
    assert task.period is not None and _text(task.period.source) == "Quý I/2026"


def test_a_unit_inherited_from_its_group_keeps_the_groups_mention() -> None:
    tasks = run(
        "II. NHIỆM VỤ\n"
        "1. Giao Sở Xây dựng chủ trì thực hiện các nhiệm vụ sau:\n"
        "a) Rà soát quy hoạch đô thị.\n"
        "b) Lập kế hoạch phát triển nhà ở.\n"
    )
    assert tasks["a"].lead_units == ["Sở Xây dựng"]
    source = tasks["a"].sources["lead_units.0"]
    assert source is not None and source.text == "Sở Xây dựng"
    assert source.start is not None and source.start < tasks["1"].source.end


def test_table_cells_give_units_and_period() -> None:
    tasks = run(
        "II. NHIỆM VỤ\n"
        "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
        "1\tXây dựng cơ sở dữ liệu về đất đai\tSở Nông nghiệp và Môi trường\tSở Tài chính; UBND các xã\tNăm 2026\n"
    )
    task = tasks["1"]
    assert [_text(task.sources[k]) for k in ("lead_units.0", "coordinating_units.0", "coordinating_units.1")] == [
        "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "UBND các xã",
    ]
    assert task.period is not None and _text(task.period.source) == "Năm 2026"


def test_a_period_made_of_two_cells_covers_both() -> None:
    tasks = run(
        "II. NHIỆM VỤ\n"
        "STT\tNội dung\tCơ quan chủ trì\tThời gian bắt đầu\tThời gian hoàn thành\n"
        "1\tXây dựng cơ sở dữ liệu về đất đai\tSở Tài chính\tQuý I/2026\tQuý IV/2026\n"
    )
    period = tasks["1"].period
    assert period is not None and period.text == "Quý I/2026 - Quý IV/2026"
    assert period.source is not None
    assert period.source.text.startswith("Quý I/2026") and period.source.text.endswith("Quý IV/2026")


def test_a_time_label_leaves_the_sentence_to_name_the_units() -> None:
    # "Thời gian: ..." says when; the sentence before it still says who (it was lost before).
    task = run(
        "II. NHIỆM VỤ\n"
        "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ tổng hợp báo cáo. Thời gian: Quý I/2026.\n"
    )["1"]
    assert (task.lead_units, task.coordinating_units) == (["Sở Tài chính"], ["Sở Nội vụ"])


def test_a_heading_that_lists_units_whose_names_run_on_in_lower_case() -> None:
    tasks = run(
        "V. TỔ CHỨC THỰC HIỆN\n"
        "1. Ban Quản lý các khu công nghệ cao và khu công nghiệp\n"
        "- Rà soát, đánh giá hạ tầng viễn thông trong các khu công nghiệp.\n"
        "2. Các Sở, ban, ngành của Thành phố, UBND phường, xã\n"
        "- Phối hợp tổ chức thực hiện Kế hoạch.\n"
        "3. Sở Tài chính bảo đảm kinh phí thực hiện Kế hoạch.\n"
    )
    assert tasks["1"].lead_units == ["Ban Quản lý các khu công nghệ cao và khu công nghiệp"]
    assert tasks["2"].lead_units == ["Các Sở, ban, ngành của Thành phố", "UBND phường, xã"]
    assert tasks["3"].lead_units == ["Sở Tài chính"]
