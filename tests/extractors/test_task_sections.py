"""Which parts of a plan hold its tasks (issue 14): a "GIẢI PHÁP" part when no part is named for
the tasks. Small texts written from the rule, then a real plan of the corpus."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extractors.normalize import normalize_layout
from extractors.readers.text_reader import read_text
from extractors.structure import build_structure
from extractors.tasks import extract_tasks
from pipeline.reference import load_reference
from pipeline.run import extract_plan
from schemas import Plan, Task

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"
TYPES = frozenset({"KẾ HOẠCH", "QUYẾT ĐỊNH", "THÔNG BÁO"})


def run(text: str, type_line: str = "KẾ HOẠCH") -> dict[str, Task]:
    layout = normalize_layout(read_text(f"{type_line}\nThực hiện nhiệm vụ năm 2026\n{text}".encode(), "x.txt"))
    doc = build_structure(layout, TYPES)
    tasks, _, _ = extract_tasks(doc, load_reference())
    return {t.id: t for t in tasks}


@lru_cache(maxsize=None)
def corpus_plan(name: str) -> Plan:
    path = CORPUS / name
    result = extract_plan(path.read_bytes(), str(path))
    assert result.plan is not None, result.error
    return result.plan


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
