"""Content rules on small Plans: a plan has tasks, targets or a budget."""

from __future__ import annotations

from schemas import Budget, Plan, Source, Target, Task

from pipeline.validators.content import looks_like_a_plan

SOURCE = Source(path="plan.txt", format="txt", sha256="0" * 64)


def test_empty_document_is_not_a_plan() -> None:
    findings = looks_like_a_plan(Plan(source=SOURCE))
    assert [(f.code, f.severity) for f in findings] == [("NOT_A_PLAN", "warning")]


def test_any_of_tasks_targets_budget_is_enough() -> None:
    assert looks_like_a_plan(Plan(source=SOURCE, tasks=[Task(id="1", kind="task", title="t")])) == []
    target = Target(quantity=5, comparator="at_least", text="ít nhất 05")
    assert looks_like_a_plan(Plan(source=SOURCE, targets=[target])) == []
    assert looks_like_a_plan(Plan(source=SOURCE, budget=Budget())) == []
