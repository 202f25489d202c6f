"""Budget rules on small Plans: every node of the tree and per-task budgets add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.extractors.budget import extract_budget
from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.structure import build_structure
from kehoach.schemas import Budget, BudgetItem, Plan, Source, Span, Task

from kehoach.pipeline.validators.budget import budget_tree_adds_up, task_budgets_add_up

SOURCE = Source(path="plan.txt", format="txt", sha256="0" * 64)
SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "lang-son-129-KH-UBND-2019.txt"
TYPES = frozenset({"KẾ HOẠCH", "QUYẾT ĐỊNH"})
TOTAL_SPAN = Span(text="16.925.000.000 đồng", start=10, end=29)


def plan_with(total: int | None, items: list[BudgetItem], tasks: list[Task] | None = None) -> Plan:
    return Plan(
        source=SOURCE, budget=Budget(total_vnd=total, items=items, source=TOTAL_SPAN), tasks=tasks or []
    )


def item(label: str, amount: int | None, *children: BudgetItem) -> BudgetItem:
    return BudgetItem(label=label, amount_vnd=amount, items=list(children), source=Span(text=label))


def lang_son_tree(state: int = 13_500_000_000, science: int = 6_000_000_000, other: int = 3_425_000_000) -> list[BudgetItem]:
    return [
        item("Ngân sách nhà nước", state, item("sự nghiệp", science), item("đầu tư", 7_500_000_000)),
        item("Huy động", other),
    ]


def test_consistent_tree_has_no_findings() -> None:
    assert budget_tree_adds_up(plan_with(16_925_000_000, lang_son_tree())) == []


def test_total_not_the_sum_of_sources() -> None:
    findings = budget_tree_adds_up(plan_with(16_925_000_001, lang_son_tree()))
    assert [f.code for f in findings] == ["BUDGET_SUM_MISMATCH"]
    assert findings[0].severity == "error"
    assert "16.925.000.001 đồng" in findings[0].message and "16.925.000.000 đồng" in findings[0].message
    assert findings[0].source == TOTAL_SPAN


def test_sub_sources_not_adding_up_to_their_source() -> None:
    findings = budget_tree_adds_up(plan_with(16_925_000_000, lang_son_tree(science=6_500_000_000)))
    assert len(findings) == 1
    assert "'Ngân sách nhà nước'" in findings[0].message and "14.000.000.000 đồng" in findings[0].message
    assert findings[0].source is not None and findings[0].source.text == "Ngân sách nhà nước"


def test_a_changed_source_is_reported_at_both_levels() -> None:
    findings = budget_tree_adds_up(plan_with(16_925_000_000, lang_son_tree(state=13_000_000_000)))
    assert len(findings) == 2  # the total vs. its sources, and the state budget vs. its parts


def deep_tree(changes: dict[str, int]) -> list[BudgetItem]:
    """Lạng Sơn's tree with its science budget split by phase and the first phase by level of
    government: four levels under the total, every node the sum of its parts unless changed."""
    def amount(label: str, value: int) -> int:
        return changes.get(label, value)

    return [
        item("Ngân sách nhà nước", amount("Ngân sách nhà nước", 13_500_000_000),
             item("sự nghiệp", amount("sự nghiệp", 6_000_000_000),
                  item("Năm 2019-2025", amount("Năm 2019-2025", 4_000_000_000),
                       item("ngân sách tỉnh", amount("ngân sách tỉnh", 3_000_000_000)),
                       item("ngân sách huyện", amount("ngân sách huyện", 1_000_000_000))),
                  item("Năm 2026-2030", amount("Năm 2026-2030", 2_000_000_000))),
             item("đầu tư", amount("đầu tư", 7_500_000_000))),
        item("Huy động", amount("Huy động", 3_425_000_000)),
    ]


@pytest.mark.parametrize(
    ("leaf", "node"),
    [
        pytest.param("Huy động", "the budget total", id="level-1-parts"),
        pytest.param("đầu tư", "budget item 'Ngân sách nhà nước'", id="level-2-parts"),
        pytest.param("Năm 2026-2030", "budget item 'sự nghiệp'", id="level-3-parts"),
        pytest.param("ngân sách huyện", "budget item 'Năm 2019-2025'", id="level-4-parts"),
    ],
)
def test_every_level_of_the_tree_is_summed(leaf: str, node: str) -> None:
    assert budget_tree_adds_up(plan_with(16_925_000_000, deep_tree({}))) == []
    findings = budget_tree_adds_up(plan_with(16_925_000_000, deep_tree({leaf: 1})))
    assert [(f.code, f.message.split(" is ")[0]) for f in findings] == [("BUDGET_SUM_MISMATCH", node)]


def lang_son_budget(phases: str) -> Plan:
    """The budget section of the Lạng Sơn sample, read by the extractor, with the science budget
    (6.000.000.000 đồng) split into the phases given."""
    text = SAMPLE.read_text(encoding="utf-8")
    science = "tế; đẩy mạnh công tác truyền thông về hoạt động đo lường): 6.000.000.000 đồng.\n"
    assert science in text
    text = text.replace(science, science + phases)
    doc = build_structure(normalize_layout(read_document(text.encode(), str(SAMPLE))), TYPES)
    budget, _ = extract_budget(doc, [])
    return Plan(source=SOURCE, budget=budget)


def test_a_third_level_read_from_the_plan_is_summed() -> None:
    plan = lang_son_budget("+ Năm 2019-2025: 4.000.000.000 đồng;\n+ Năm 2026-2030: 2.000.000.000 đồng.\n")
    assert plan.budget is not None
    science = plan.budget.items[0].items[0]
    assert [c.amount_vnd for c in science.items] == [4_000_000_000, 2_000_000_000]  # the third level
    assert budget_tree_adds_up(plan) == []
    findings = budget_tree_adds_up(
        lang_son_budget("+ Năm 2019-2025: 4.000.000.000 đồng;\n+ Năm 2026-2030: 2.500.000.000 đồng.\n")
    )
    assert [f.code for f in findings] == ["BUDGET_SUM_MISMATCH"]
    assert findings[0].message.startswith("budget item 'Nguồn kinh phí sự nghiệp khoa học")
    assert findings[0].message.endswith(
        "is 6.000.000.000 đồng but its parts add up to 6.500.000.000 đồng "
        "(4.000.000.000 đồng + 2.500.000.000 đồng); difference 500.000.000 đồng"
    )


def test_unknown_parts_are_not_summed_unless_known_parts_exceed() -> None:
    assert budget_tree_adds_up(plan_with(100, [item("a", 60), item("b", None)])) == []
    assert len(budget_tree_adds_up(plan_with(100, [item("a", 160), item("b", None)]))) == 1


def test_no_total_or_no_items() -> None:
    assert budget_tree_adds_up(plan_with(None, [item("a", None), item("b", None)])) == []
    assert budget_tree_adds_up(plan_with(100, [])) == []
    assert budget_tree_adds_up(Plan(source=SOURCE)) == []


def task(task_id: str, budget: int | None, parent: str | None = None, kind: str = "task") -> Task:
    return Task(id=task_id, kind=kind, title=task_id, budget_vnd=budget, parent_id=parent)  # type: ignore[arg-type]


def test_per_task_budgets_equal_to_total_or_a_source() -> None:
    tasks = [task("1", None, kind="group"), task("1.1", 10_000_000_000, "1"), task("1.2", 3_500_000_000, "1")]
    assert task_budgets_add_up(plan_with(16_925_000_000, lang_son_tree(), tasks)) == []
    tasks = [task("1", 16_000_000_000), task("2", 925_000_000)]
    assert task_budgets_add_up(plan_with(16_925_000_000, lang_son_tree(), tasks)) == []


def test_per_task_budgets_differ_from_the_total() -> None:
    tasks = [task("1", 16_000_000_000), task("2", 900_000_000)]
    findings = task_budgets_add_up(plan_with(16_925_000_000, lang_son_tree(), tasks))
    assert [f.code for f in findings] == ["BUDGET_SUM_MISMATCH"]
    assert "16.900.000.000 đồng" in findings[0].message


def test_per_task_budgets_exceed_the_total_even_when_incomplete() -> None:
    tasks = [task("1", 17_000_000_000), task("2", None)]
    assert len(task_budgets_add_up(plan_with(16_925_000_000, lang_son_tree(), tasks))) == 1
    tasks = [task("1", 1_000_000_000), task("2", None)]
    assert task_budgets_add_up(plan_with(16_925_000_000, lang_son_tree(), tasks)) == []


def test_group_budget_vs_its_tasks() -> None:
    tasks = [task("1", 500, kind="group"), task("1.1", 200, "1"), task("1.2", 200, "1")]
    findings = task_budgets_add_up(plan_with(None, [], tasks))
    assert len(findings) == 1 and "task 1 " in findings[0].message
    tasks[2] = task("1.2", 300, "1")
    assert task_budgets_add_up(plan_with(500, [], tasks)) == []


def _row(id: str, kind: str, amount: int, parent: str | None = None, title: str = "Nhiệm vụ") -> Task:
    return Task(id=id, kind=kind, title=title, parent_id=parent, budget_vnd=amount)  # type: ignore[arg-type]


def test_group_subtotals_beside_their_tasks_are_not_added_twice() -> None:
    # A "Kinh phí" column holding group subtotals, their tasks and a "Tổng cộng" row, read flat.
    tasks = [
        _row("PL.I", "group", 300_000_000),
        _row("PL.1", "task", 100_000_000),
        _row("PL.2", "task", 200_000_000),
        _row("PL.II", "group", 500_000_000),
        _row("PL.3", "task", 500_000_000),
        _row("PL.4", "task", 800_000_000, title="Tổng cộng"),
    ]
    assert task_budgets_add_up(plan_with(800_000_000, [], tasks)) == []


def test_nested_group_subtotal_is_checked_against_its_tasks() -> None:
    tasks = [
        _row("I", "group", 300_000_000),
        _row("I.1", "task", 100_000_000, parent="I"),
        _row("I.2", "task", 250_000_000, parent="I"),
    ]
    findings = task_budgets_add_up(plan_with(350_000_000, [], tasks))
    assert [f.code for f in findings] == ["BUDGET_SUM_MISMATCH"]
    assert "task I has a budget of 300.000.000 đồng" in findings[0].message


def test_per_task_budgets_that_make_no_reading_of_the_total() -> None:
    tasks = [_row("1", "task", 100_000_000), _row("2", "task", 150_000_000)]
    findings = task_budgets_add_up(plan_with(300_000_000, [], tasks))
    assert [f.code for f in findings] == ["BUDGET_SUM_MISMATCH"]
