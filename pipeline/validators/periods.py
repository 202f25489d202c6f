"""Period rules: periods are possible, phases follow each other, tasks stay within the plan.

Plans write "Giai đoạn 1: Từ năm 2019 đến 2025. Giai đoạn 2: Từ năm 2026 đến 2030." and give each
task a period ("Hàng năm 2021-2030"). A period must not start after it ends nor name a year outside
``MIN_YEAR``..``MAX_YEAR``; consecutive phases (in the order printed) must meet
(next start = previous end + 1); a task's years must lie within the span of the plan's phases (the
phases extractor turns a horizon such as "đến năm 2025, định hướng đến năm 2030" into phases, so
this is also the plan's stated horizon). A phase with an unknown start bounds only the end.

Where a task's period gives dates (CONTRACT 1.1 ``start_date``, ``end_date``), they are checked
too: a start date after the end date, or an impossible ISO date, is PERIOD_INVALID; the years of
the dates count when the period lies outside the plan.
"""

from __future__ import annotations

from datetime import date

from kehoach.pipeline.validators import rule
from kehoach.schemas import MAX_YEAR, MIN_YEAR, Finding, Period, Phase, Plan, Span
from kehoach.schemas.findings import finding


def _impossible(year: int | None) -> bool:
    return year is not None and not MIN_YEAR <= year <= MAX_YEAR


def _check(what: str, start: int | None, end: int | None, years: list[int], source: Span | None) -> list[Finding]:
    bad = [y for y in [start, end, *years] if _impossible(y)]
    if bad:
        listed = ", ".join(str(y) for y in dict.fromkeys(b for b in bad if b is not None))
        return [finding("PERIOD_INVALID", f"{what} names an impossible year ({listed})", source)]
    if start is not None and end is not None and start > end:
        return [finding("PERIOD_INVALID", f"{what} starts in {start} after it ends in {end}", source)]
    return []


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _check_dates(what: str, period: Period, source: Span | None) -> list[Finding]:
    for printed in (period.start_date, period.end_date):
        if printed and _iso(printed) is None:
            return [finding("PERIOD_INVALID", f"{what} names an impossible date ({printed})", source)]
    start, end = _iso(period.start_date), _iso(period.end_date)
    if start is not None and end is not None and start > end:
        return [finding("PERIOD_INVALID", f"{what} starts on {start} after it ends on {end}", source)]
    return []


def _period_years(period: Period) -> list[int]:
    """Every year a period names: its start, end and listed years and the years of its dates."""
    dated = [d.year for d in (_iso(period.start_date), _iso(period.end_date)) if d is not None]
    return [y for y in [period.start_year, period.end_year, *period.years, *dated] if y is not None]


def _valid(phase: Phase) -> bool:
    return not _check("", phase.start_year, phase.end_year, [], None)


@rule("PERIOD_INVALID", description="phases and task periods start before they end, in possible years")
def periods_are_possible(plan: Plan) -> list[Finding]:
    findings: list[Finding] = []
    for phase in plan.phases:
        findings += _check(f"phase {phase.name!r}", phase.start_year, phase.end_year, [], phase.source)
    for task in plan.tasks:
        period = task.period
        if period is not None:
            what = f"the period of task {task.id} ({period.text!r})"
            findings += _check(what, period.start_year, period.end_year, period.years, task.source) or (
                _check_dates(what, period, task.source)
            )
    return findings


@rule("PHASE_GAP_OR_OVERLAP", description="consecutive phases meet without gaps or overlaps")
def phases_follow_each_other(plan: Plan) -> list[Finding]:
    findings: list[Finding] = []
    for previous, current in zip(plan.phases, plan.phases[1:]):
        if not (_valid(previous) and _valid(current)):
            continue
        if previous.end_year is None or current.start_year is None:
            continue
        expected = previous.end_year + 1
        if current.start_year > expected:
            gap = (
                str(expected)
                if current.start_year - 1 == expected
                else f"{expected}-{current.start_year - 1}"
            )
            findings.append(
                finding(
                    "PHASE_GAP_OR_OVERLAP",
                    f"phase {previous.name!r} ends in {previous.end_year} and phase {current.name!r} starts in "
                    f"{current.start_year}: {gap} is not covered",
                    current.source,
                )
            )
        elif current.start_year < expected:
            findings.append(
                finding(
                    "PHASE_GAP_OR_OVERLAP",
                    f"phase {previous.name!r} ends in {previous.end_year} and phase {current.name!r} starts in "
                    f"{current.start_year}: they overlap",
                    current.source,
                )
            )
    return findings


def plan_span(phases: list[Phase]) -> tuple[int | None, int | None] | None:
    """The years the plan's valid phases cover, (first start or None, last end or None)."""
    valid = [p for p in phases if _valid(p) and (p.start_year is not None or p.end_year is not None)]
    if not valid:
        return None
    starts = [p.start_year for p in valid]
    start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    ends = [p.end_year for p in valid if p.end_year is not None]
    return start, (max(ends) if ends else None)


@rule("TASK_PERIOD_OUTSIDE_PLAN", description="every task's period lies within the plan's phases")
def tasks_within_plan(plan: Plan) -> list[Finding]:
    bounds = plan_span(plan.phases)
    if bounds is None:
        return []
    first, last = bounds
    findings: list[Finding] = []
    for task in plan.tasks:
        period = task.period
        if period is None or _check("", period.start_year, period.end_year, period.years, None):
            continue
        if _check_dates("", period, None):
            continue
        years = _period_years(period)
        if not years:
            continue
        early = first is not None and min(years) < first
        late = last is not None and max(years) > last
        if early or late:
            shown = f"{first if first is not None else '…'}-{last if last is not None else '…'}"
            findings.append(
                finding(
                    "TASK_PERIOD_OUTSIDE_PLAN",
                    f"task {task.id} runs {min(years)}-{max(years)} ({period.text!r}), outside the plan's "
                    f"phases {shown}",
                    task.source,
                )
            )
    return findings
