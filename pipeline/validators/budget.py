"""Budget rules: the parts of every node of the budget tree, and per-task budgets, add up.

A plan prints "Tổng kinh phí: 12.425.000.000 đồng" and then its sources ("a) Ngân sách nhà nước:
9.025.000.000 đồng" with its own sub-sources, "b) Huy động ...: 3.400.000.000 đồng"); each node with
an amount must equal the sum of its parts when every part has an amount, and must not be smaller than
the parts that do, at every level of the tree. Per-task budgets (a task table's budget column) are
compared with the total when every task carries one, or whenever they exceed it; where they cover
only one source, matching that source's amount is accepted. A group's amount is the subtotal of the
tasks under it (checked against them, never added to them); a "Tổng cộng" row is not a part; where
group rows are not nested over their tasks, the tasks alone or the groups alone may make the total.
"""

from __future__ import annotations

import re

from kehoach.schemas import BudgetItem, Finding, Plan, Span, Task
from kehoach.schemas.findings import finding

from kehoach.pipeline.validators import rule


# A "Tổng cộng" row read as a task holds the total itself, not a part of it.
_TOTAL_ROW = re.compile(r"^\W*(?:tổng\s+cộng|tổng\s+số|tổng|cộng)\W*$", re.I)


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
    counted = [t for t in tasks if t.budget_vnd is not None and not _TOTAL_ROW.match(t.title)]
    leaves = [t for t in counted if not _has_budgeted_descendant(t.id, children)]
    leaf_sum = sum(t.budget_vnd for t in leaves if t.budget_vnd is not None)
    # A table may list group subtotals beside their tasks without nesting them: the tasks alone, or the
    # groups alone, are each a reading of the whole; adding both is not.
    readings = {
        leaf_sum,
        sum(t.budget_vnd for t in counted if t.kind == "task" and t.budget_vnd is not None),
        sum(t.budget_vnd for t in counted if t.kind == "group" and t.parent_id is None and t.budget_vnd is not None),
    } - {0}
    every_task = all(t.budget_vnd is not None for t in tasks if t.kind == "task")
    node_amounts = {i.amount_vnd for i in _walk(budget.items) if i.amount_vnd is not None}
    total = budget.total_vnd
    if total in readings or (readings & node_amounts):
        return findings
    if min(readings, default=0) > total or (every_task and readings):
        findings.append(
            finding(
                "BUDGET_SUM_MISMATCH",
                f"the budget total is {vnd(total)} but the {len(leaves)} per-task budgets add up to "
                f"{vnd(leaf_sum)}; difference {vnd(abs(total - leaf_sum))}",
                budget.source,
            )
        )
    return findings
