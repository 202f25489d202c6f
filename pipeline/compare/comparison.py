"""The comparison as plain data: a summary per plan, programme coverage, targets, budgets, leads.

Works on Plans only, never on documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from kehoach.extractors.reference import Programme
from kehoach.pipeline.compare.budgets import BudgetRow, budget_rows
from kehoach.pipeline.compare.coverage import Assignment, CoverageRow, assign_tasks, cited_programme, coverage_rows
from kehoach.pipeline.compare.leads import TOP_LEADS, lead_units
from kehoach.pipeline.compare.targets import TargetRow, target_rows
from kehoach.schemas import Plan


@dataclass
class PlanSummary:
    label: str
    path: str
    issuer: str | None
    province: str | None
    number: str | None
    date: str | None
    start_year: int | None
    end_year: int | None
    tasks: int
    budget_vnd: int | None
    errors: int
    programme: str | None


@dataclass
class Comparison:
    plans: list[PlanSummary]
    coverage: list[CoverageRow]
    assignments: list[list[Assignment]]
    targets: list[TargetRow]
    budgets: list[BudgetRow]
    leads: list[list[tuple[str, int]]]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def plan_label(plan: Plan) -> str:
    doc = plan.document
    place = doc.province or doc.place or doc.issuer
    parts = [p for p in (place, doc.number) if p]
    if parts:
        return " ".join(parts)
    return plan.source.path.rsplit("/", 1)[-1] or "plan"


def plan_years(plan: Plan) -> tuple[int | None, int | None]:
    """The plan's span: from its phases, else from its tasks' periods."""
    starts = [p.start_year for p in plan.phases if p.start_year]
    ends = [p.end_year or p.start_year for p in plan.phases if p.end_year or p.start_year]
    if not starts and not ends:
        for task in plan.tasks:
            period = task.period
            if period is None:
                continue
            starts += [y for y in (period.start_year, *period.years) if y]
            ends += [y for y in (period.end_year, *period.years) if y]
    return (min(starts) if starts else None, max(ends) if ends else None)


def _summary(plan: Plan, label: str, programme: Programme | None) -> PlanSummary:
    start, end = plan_years(plan)
    doc = plan.document
    return PlanSummary(
        label=label, path=plan.source.path, issuer=doc.issuer, province=doc.province, number=doc.number,
        date=doc.issued_date, start_year=start, end_year=end,
        tasks=sum(t.kind == "task" for t in plan.tasks),
        budget_vnd=plan.budget.total_vnd if plan.budget else None,
        errors=sum(f.severity == "error" for f in plan.findings),
        programme=programme.number if programme else None,
    )


def _unique_labels(plans: Sequence[Plan]) -> list[str]:
    labels = [plan_label(p) for p in plans]
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        seen[label] += 1
        out.append(f"{label} ({seen[label]})" if counts[label] > 1 else label)
    return out


def compare_plans(
    plans: Sequence[Plan], programmes: Sequence[Programme], *, labels: Sequence[str] | None = None,
    top_leads: int = TOP_LEADS,
) -> Comparison:
    """Everything the side-by-side view shows, as data."""
    names = list(labels) if labels else _unique_labels(plans)
    cited = [cited_programme(p, programmes) for p in plans]
    assignments = [assign_tasks(p, prog) if prog else [] for p, prog in zip(plans, cited)]
    return Comparison(
        plans=[_summary(p, n, prog) for p, n, prog in zip(plans, names, cited)],
        coverage=coverage_rows(cited, assignments),
        assignments=assignments,
        targets=target_rows(plans),
        budgets=budget_rows(plans),
        leads=[lead_units(p, top_leads) for p in plans],
    )
