"""Comparing plans side by side: who issued them, national task groups covered, targets, budgets, leads.

Works on Plans only, never on documents. `compare_plans` builds a `Comparison` (plain data,
`comparison.py`) from the coverage of the programmes the plans cite (`coverage.py`), their targets
matched by milestone and what they count (`targets.py`), their budgets by source (`budgets.py`) and the
units leading most tasks (`leads.py`); `render` turns it into a terminal table, Markdown, CSV (one row
per cell) or JSON (`render.py`).
"""

from __future__ import annotations

from kehoach.pipeline.compare.budgets import BudgetRow, budget_source
from kehoach.pipeline.compare.comparison import Comparison, PlanSummary, compare_plans, plan_label, plan_years
from kehoach.pipeline.compare.coverage import (
    OTHER_GROUP,
    Assignment,
    CoverageCell,
    CoverageRow,
    assign_tasks,
    cited_programme,
    load_programmes,
)
from kehoach.pipeline.compare.leads import lead_units
from kehoach.pipeline.compare.render import FORMATS, Table, comparison_tables, render
from kehoach.pipeline.compare.targets import TargetRow, TargetValue, normalize_unit, target_subject, target_year

__all__ = [
    "FORMATS",
    "OTHER_GROUP",
    "Assignment",
    "BudgetRow",
    "Comparison",
    "CoverageCell",
    "CoverageRow",
    "PlanSummary",
    "Table",
    "TargetRow",
    "TargetValue",
    "assign_tasks",
    "budget_source",
    "cited_programme",
    "compare_plans",
    "comparison_tables",
    "lead_units",
    "load_programmes",
    "normalize_unit",
    "plan_label",
    "plan_years",
    "render",
    "target_subject",
    "target_year",
]
