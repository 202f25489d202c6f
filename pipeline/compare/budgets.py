"""Budgets side by side: each plan's total and its parts by source of funds, and the sum of its
tasks' own budgets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kehoach.extractors.vntext import comparison_key
from kehoach.schemas import Plan

# Budget sources, matched on the comparison key of an item's label (the first that fits wins).
_BUDGET_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("science and technology funds", ("sự nghiệp khoa học",)),
    ("development investment", ("đầu tư phát triển",)),
    ("central budget", ("ngân sách trung ương",)),
    ("local budget", ("ngân sách tỉnh", "ngân sách địa phương")),
    ("state budget", ("ngân sách nhà nước",)),
    ("enterprises and other sources", ("doanh nghiệp", "xã hội hóa", "huy động", "hợp pháp khác")),
)


@dataclass
class BudgetRow:
    source: str
    cells: list[list[tuple[str, int | None]]]  # per plan: (label as printed, amount)


def budget_source(label: str) -> str:
    key = comparison_key(label)
    for name, words in _BUDGET_SOURCES:
        if any(word in key for word in words):
            return name
    return "other"


def budget_rows(plans: Sequence[Plan]) -> list[BudgetRow]:
    """The total, a row per source of funds (top-level items and their direct parts), and the sum
    of the tasks' budgets when any task has one."""
    rows: dict[str, BudgetRow] = {"total": BudgetRow("total", [[] for _ in plans])}
    for index, plan in enumerate(plans):
        if plan.budget is None:
            continue
        if plan.budget.total_vnd is not None:
            rows["total"].cells[index].append(("total", plan.budget.total_vnd))
        stack = [(item, 0) for item in reversed(plan.budget.items)]
        while stack:
            item, depth = stack.pop()
            source = budget_source(item.label)
            if source == "other" and depth > 0:
                continue
            row = rows.setdefault(source, BudgetRow(source, [[] for _ in plans]))
            row.cells[index].append((item.label, item.amount_vnd))
            if depth < 1:
                stack.extend((child, depth + 1) for child in reversed(item.items))
    task_sums = [sum(t.budget_vnd or 0 for t in p.tasks) for p in plans]
    if any(task_sums):
        rows["sum of task budgets"] = BudgetRow(
            "sum of task budgets", [[("tasks", s)] if s else [] for s in task_sums]
        )
    return list(rows.values())
