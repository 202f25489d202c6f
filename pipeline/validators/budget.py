"""Budget rules: the parts of every node of the budget tree, and per-task budgets, add up.

A plan prints "Tổng kinh phí: 12.425.000.000 đồng" and then its sources ("a) Ngân sách nhà nước:
9.025.000.000 đồng" with its own sub-sources, "b) Huy động ...: 3.400.000.000 đồng"); each node with
an amount must equal the sum of its parts when every part has an amount, and must not be smaller than
the parts that do. Per-task budgets (a task table's budget column) are compared with the total when
every task carries one, or whenever they exceed it; where they cover only one source, matching that
source's amount is accepted.
"""

from __future__ import annotations

from schemas import BudgetItem, Finding, Plan, Span, Task
from schemas.findings import finding

from pipeline.validators import rule


def vnd(amount: int) -> str:
    """12425000000 -> "12.425.000.000 đồng", as plans print it."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def _check_node(label: str, amount: int | None, parts: list[BudgetItem], source: Span | None) -> list[Finding]:
    if amount is None or not parts:
        return []
    known = [p.amount_vnd for p in parts if p.amount_vnd is not None]
    if not known:
        return []
    total = sum(known)
    complete = len(known) == len(parts)
    if (complete and total != amount) or (not complete and total > amount):
        figures = " + ".join(vnd(v) for v in known)
        what = "its parts add up to" if complete else "its parts with amounts already add up to"
        return [
            finding(
                "BUDGET_SUM_MISMATCH",
                f"{label} is {vnd(amount)} but {what} {vnd(total)} ({figures}); difference {vnd(abs(amount - total))}",
                source,
            )
        ]
    return []


def _walk(items: list[BudgetItem]) -> list[BudgetItem]:
    out: list[BudgetItem] = []
    for item in items:
        out.append(item)
        out.extend(_walk(item.items))
    return out


@rule("BUDGET_SUM_MISMATCH", description="every budget node equals the sum of its parts")
def budget_tree_adds_up(plan: Plan) -> list[Finding]:
    budget = plan.budget
    if budget is None:
        return []
    findings = _check_node("the budget total", budget.total_vnd, budget.items, budget.source)
    for item in _walk(budget.items):
        findings += _check_node(f"budget item {item.label!r}", item.amount_vnd, item.items, item.source)
    return findings


def _children(tasks: list[Task]) -> dict[str | None, list[Task]]:
    out: dict[str | None, list[Task]] = {}
    for task in tasks:
        out.setdefault(task.parent_id, []).append(task)
    return out


def _has_budgeted_descendant(task_id: str, children: dict[str | None, list[Task]]) -> bool:
    return any(
        child.budget_vnd is not None or _has_budgeted_descendant(child.id, children)
        for child in children.get(task_id, [])
        if child.id != task_id
    )


@rule("BUDGET_SUM_MISMATCH", description="per-task budgets add up to their group and to the total")
def task_budgets_add_up(plan: Plan) -> list[Finding]:
    tasks = plan.tasks
    if not any(t.budget_vnd is not None for t in tasks):
        return []
    children = _children(tasks)
    findings: list[Finding] = []
    for task in tasks:
        parts = [c for c in children.get(task.id, []) if c.id != task.id]
        if task.budget_vnd is None or not parts:
            continue
        known = [c.budget_vnd for c in parts if c.budget_vnd is not None]
        complete = len(known) == len(parts)
        total = sum(known)
        if known and ((complete and total != task.budget_vnd) or (not complete and total > task.budget_vnd)):
            findings.append(
                finding(
                    "BUDGET_SUM_MISMATCH",
                    f"task {task.id} has a budget of {vnd(task.budget_vnd)} but its sub-tasks add up to {vnd(total)}",
                    task.source,
                )
            )
    budget = plan.budget
    if budget is None or budget.total_vnd is None:
        return findings
    leaves = [
        t for t in tasks if t.budget_vnd is not None and not _has_budgeted_descendant(t.id, children)
    ]
    leaf_sum = sum(t.budget_vnd for t in leaves if t.budget_vnd is not None)
    every_task = all(t.budget_vnd is not None for t in tasks if t.kind == "task")
    node_amounts = {i.amount_vnd for i in _walk(budget.items) if i.amount_vnd is not None}
    if leaf_sum > budget.total_vnd or (
        every_task and leaf_sum != budget.total_vnd and leaf_sum not in node_amounts
    ):
        findings.append(
            finding(
                "BUDGET_SUM_MISMATCH",
                f"the budget total is {vnd(budget.total_vnd)} but the {len(leaves)} per-task budgets add up to "
                f"{vnd(leaf_sum)}; difference {vnd(abs(budget.total_vnd - leaf_sum))}",
                budget.source,
            )
        )
    return findings
