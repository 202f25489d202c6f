"""A plan of texts to draft, as one table (Nghị quyết 1339/NQ-UBTVQH15, crawled): "Tên văn bản" is the
content column, "Cơ quan soạn thảo" the lead, and "I. Văn bản thuộc thẩm quyền ..." across the table
a group row with its number inside the title. Expected values are read off the document."""

from __future__ import annotations

from task_cases import corpus_plan

NAME = "ubtvqh-1339-nq-ubtvqh15.md"


def test_group_rows_with_the_number_in_the_title() -> None:
    tasks = {t.id: t for t in corpus_plan(NAME).tasks}
    assert (tasks["I"].kind, tasks["I"].title) == ("group", "Văn bản thuộc thẩm quyền ban hành của Quốc hội")
    assert (tasks["II"].kind, tasks["II"].title) == (
        "group", "Văn bản thuộc thẩm quyền ban hành của Ủy ban Thường vụ Quốc hội"
    )
    assert [t.id for t in tasks.values() if t.parent_id == "I"] == ["I#1", "I#2"]
    assert [t.id for t in tasks.values() if t.parent_id == "II"] == [f"II#{n}" for n in range(1, 10)]


def test_rows_read_by_their_drafting_body_and_schedule() -> None:
    tasks = {t.id: t for t in corpus_plan(NAME).tasks}
    first = tasks["I#1"]
    assert first.title.startswith("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Quốc hội")
    assert first.lead_units == ["Ban soạn thảo do UBTVQH thành lập"]
    assert first.period is not None and (first.period.start_year, first.period.end_year) == (2025, 2025)
    assert tasks["II#2"].lead_units == ["Ban Dân nguyện"]
    assert tasks["II#3"].lead_units == ["Văn phòng Quốc hội"]
    assert tasks["II#1"].period is not None and tasks["II#1"].period.end_date == "2025-01-10"
