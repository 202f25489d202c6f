"""Period rules on small Plans: possible periods, phases that meet, tasks within the plan."""

from __future__ import annotations

from kehoach.schemas import Period, Phase, Plan, Source, Span, Task

from kehoach.pipeline.validators.periods import (
    periods_are_possible,
    phases_follow_each_other,
    plan_span,
    tasks_within_plan,
)

SOURCE = Source(path="plan.txt", format="txt", sha256="0" * 64)


def phase(name: str, start: int | None, end: int | None) -> Phase:
    return Phase(name=name, start_year=start, end_year=end, source=Span(text=name))


def task(task_id: str, start: int | None, end: int | None, years: list[int] | None = None) -> Task:
    period = Period(text=f"{start}-{end}", start_year=start, end_year=end, years=years or [])
    return Task(id=task_id, kind="task", title="t", period=period, source=Span(text=task_id))


def plan(phases: list[Phase], tasks: list[Task] | None = None) -> Plan:
    return Plan(source=SOURCE, phases=phases, tasks=tasks or [])


TWO = [phase("Giai đoạn 1", 2019, 2025), phase("Giai đoạn 2", 2026, 2030)]


def test_valid_phases_and_tasks() -> None:
    p = plan(TWO, [task("1.1", 2021, 2030), task("1.2", 2019, 2019)])
    assert periods_are_possible(p) == [] and phases_follow_each_other(p) == [] and tasks_within_plan(p) == []


def test_reversed_phase() -> None:
    findings = periods_are_possible(plan([phase("Giai đoạn 1", 2026, 2019)]))
    assert [(f.code, f.severity) for f in findings] == [("PERIOD_INVALID", "error")]
    assert "2026" in findings[0].message and "2019" in findings[0].message
    assert findings[0].source == Span(text="Giai đoạn 1")


def test_impossible_years() -> None:
    assert len(periods_are_possible(plan([phase("Giai đoạn 1", 2019, 2205)]))) == 1
    assert len(periods_are_possible(plan([], [task("2.1", 1019, 2025)]))) == 1
    assert len(periods_are_possible(plan([], [task("2.1", None, None, [2021, 3025])]))) == 1


def test_reversed_task_period() -> None:
    findings = periods_are_possible(plan([], [task("2.3", 2025, 2021)]))
    assert len(findings) == 1 and "task 2.3" in findings[0].message


def test_gap_between_phases() -> None:
    findings = phases_follow_each_other(plan([phase("Giai đoạn 1", 2019, 2024), phase("Giai đoạn 2", 2026, 2030)]))
    assert [(f.code, f.severity) for f in findings] == [("PHASE_GAP_OR_OVERLAP", "warning")]
    assert "2025 is not covered" in findings[0].message


def test_overlap_between_phases() -> None:
    findings = phases_follow_each_other(plan([phase("Giai đoạn 1", 2019, 2026), phase("Giai đoạn 2", 2026, 2030)]))
    assert len(findings) == 1 and "overlap" in findings[0].message


def test_invalid_or_open_phases_are_not_compared() -> None:
    assert phases_follow_each_other(plan([phase("1", 2026, 2019), phase("2", 2026, 2030)])) == []
    assert phases_follow_each_other(plan([phase("Đến năm 2025", None, 2025), phase("Định hướng", 2026, 2030)])) == []


def test_task_outside_plan() -> None:
    findings = tasks_within_plan(plan(TWO, [task("3.2", 2026, 2031), task("3.3", 2018, 2020)]))
    assert [f.code for f in findings] == ["TASK_PERIOD_OUTSIDE_PLAN"] * 2
    assert "2019-2030" in findings[0].message


def test_horizon_bounds_only_the_end() -> None:
    horizon = [phase("Đến năm 2025", None, 2025), phase("Định hướng đến năm 2030", 2026, 2030)]
    assert plan_span(horizon) == (None, 2030)
    assert tasks_within_plan(plan(horizon, [task("1", 2010, 2030)])) == []
    assert len(tasks_within_plan(plan(horizon, [task("1", 2021, 2035)]))) == 1


def test_no_phases_no_check() -> None:
    assert tasks_within_plan(plan([], [task("1", 1990, 2090)])) == []


def dated(task_id: str, start_date: str | None, end_date: str | None) -> Task:
    period = Period(text="dated", start_date=start_date, end_date=end_date)
    return Task(id=task_id, kind="task", title="t", period=period, source=Span(text=task_id))


def test_dates_in_order_are_possible() -> None:
    p = plan(TWO, [dated("1", "2026-07-01", "2026-09-30"), dated("2", None, "2026-06-30")])
    assert periods_are_possible(p) == [] and tasks_within_plan(p) == []


def test_start_date_after_end_date() -> None:
    findings = periods_are_possible(plan([], [dated("4.1", "2026-09-30", "2026-07-01")]))
    assert [(f.code, f.severity) for f in findings] == [("PERIOD_INVALID", "error")]
    assert "2026-09-30" in findings[0].message and "2026-07-01" in findings[0].message


def test_impossible_date() -> None:
    findings = periods_are_possible(plan([], [dated("4.2", "2026-02-30", None)]))
    assert len(findings) == 1 and "2026-02-30" in findings[0].message


def test_task_dates_outside_plan() -> None:
    findings = tasks_within_plan(plan(TWO, [dated("5.1", None, "2031-03-31"), dated("5.2", "2018-12-01", None)]))
    assert [f.code for f in findings] == ["TASK_PERIOD_OUTSIDE_PLAN"] * 2
    assert "2031" in findings[0].message and "2018" in findings[1].message
