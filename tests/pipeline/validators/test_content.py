"""Content rules on small Plans: a plan has tasks, targets or a budget."""

from __future__ import annotations

from kehoach.schemas import Budget, Plan, Source, Target, Task

from kehoach.pipeline.validators.content import looks_like_a_plan

SOURCE = Source(path="plan.txt", format="txt", sha256="0" * 64)


def test_empty_document_is_not_a_plan() -> None:
    findings = looks_like_a_plan(Plan(source=SOURCE))
    assert [(f.code, f.severity) for f in findings] == [("NOT_A_PLAN", "warning")]


def test_any_of_tasks_targets_budget_is_enough() -> None:
    assert looks_like_a_plan(Plan(source=SOURCE, tasks=[Task(id="1", kind="task", title="t")])) == []
    target = Target(quantity=5, comparator="at_least", text="ít nhất 05")
    assert looks_like_a_plan(Plan(source=SOURCE, targets=[target])) == []
    assert looks_like_a_plan(Plan(source=SOURCE, budget=Budget())) == []


def test_missing_number_is_reported_with_its_line() -> None:
    from kehoach.schemas import Document, Span
    from kehoach.pipeline.validators.content import has_a_number

    plan = Plan.model_validate({"source": {"path": "a.txt", "format": "txt", "sha256": "0"}})
    plan.document = Document(number=None, source=Span(page=1, text="Số: /KH-UBND"))
    findings = has_a_number(plan)
    assert [f.code for f in findings] == ["DOCUMENT_NUMBER_MISSING"]
    assert findings[0].severity == "info" and "blank" in findings[0].message
    plan.document = Document(number="1/KH-UBND")
    assert has_a_number(plan) == []
