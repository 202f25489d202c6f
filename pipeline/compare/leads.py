"""The units leading most of a plan's tasks, counted once per task, named as the plan first wrote them."""

from __future__ import annotations

from collections import Counter

from kehoach.extractors.vntext import comparison_key
from kehoach.schemas import Plan

TOP_LEADS = 3


def lead_units(plan: Plan, top: int = TOP_LEADS) -> list[tuple[str, int]]:
    """The `top` lead units with the number of tasks each leads."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for task in plan.tasks:
        if task.kind != "task":
            continue
        for unit in dict.fromkeys(comparison_key(u) for u in task.lead_units):
            counts[unit] += 1
        for unit in task.lead_units:
            names.setdefault(comparison_key(unit), unit)
    return [(names[key], n) for key, n in counts.most_common(top)]
