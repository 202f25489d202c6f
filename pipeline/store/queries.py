"""The ready-made questions of `kehoach query`, on current plan versions, and read-only SQL.

Each question gives column names and rows. Names the user types (a province, a unit, a subject) are
compared as `comparison_key` does, in Python, so that case and tone placement never matter and
SQLite and PostgreSQL answer alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from kehoach.extractors.vntext import comparison_key
from kehoach.pipeline.store import tables as t
from kehoach.pipeline.store.errors import StoreError
from kehoach.pipeline.store.unit_keys import unit_key

Rows = tuple[list[str], list[tuple[Any, ...]]]
QUESTIONS = ("plans", "tasks", "units", "targets", "budgets", "findings")


@dataclass(frozen=True)
class Filters:
    province: str | None = None
    level: str | None = None
    type_code: str | None = None
    programme: str | None = None
    year: int | None = None
    unit: str | None = None
    role: str | None = None
    subject: str | None = None
    code: str | None = None


def _contains(query: str | None, value: str | None) -> bool:
    return query is None or (value is not None and comparison_key(query) in comparison_key(value))


def _current_plans(connection: Connection, filters: Filters) -> dict[int, Any]:
    """The current plans the plan filters keep, by id."""
    query = select(t.plans).where(t.plans.c.is_current.is_(True))
    if filters.level:
        query = query.where(t.plans.c.issuer_level == filters.level)
    if filters.type_code:
        query = query.where(func.upper(t.plans.c.type_code) == filters.type_code.upper())
    kept = {}
    for row in connection.execute(query.order_by(t.plans.c.id)):
        if filters.province and (row.province is None or comparison_key(row.province) != comparison_key(filters.province)):
            continue
        if not _contains(filters.programme, f"{row.legal_bases or ''}\n{row.title or ''}"):
            continue
        kept[row.id] = row
    return kept


def _unit_ids(connection: Connection, name: str) -> set[int]:
    """The merged units a typed name means: those whose key holds the name's key, those a plan
    printed with a name that holds it, and those a plan abbreviated so ("Chi cục TĐC")."""
    wanted, printed = unit_key(name, {}), comparison_key(name)
    found = {row.id for row in connection.execute(select(t.units.c.id, t.units.c.unit_key)) if wanted in row.unit_key}
    names = select(t.task_units.c.unit_id, t.task_units.c.name_as_printed).distinct()
    found.update(row.unit_id for row in connection.execute(names) if printed in comparison_key(row.name_as_printed))
    aliases = select(t.unit_aliases.c.unit_id, t.unit_aliases.c.alias).distinct()
    found.update(row.unit_id for row in connection.execute(aliases) if printed == comparison_key(row.alias))
    return found


def plans(connection: Connection, filters: Filters) -> Rows:
    columns = ["id", "number", "type_code", "issuer_level", "province", "issued_date", "version", "tasks", "title"]
    found = _current_plans(connection, filters)
    counts = dict(connection.execute(select(t.tasks.c.plan_id, func.count()).group_by(t.tasks.c.plan_id)).all())
    rows = [(p.id, p.number, p.type_code, p.issuer_level, p.province, p.issued_date, p.version, counts.get(p.id, 0),
             p.title) for p in found.values() if filters.year is None or p.year == filters.year]
    return columns, rows


def _task_rows(filters: Filters) -> Select[Any]:
    query = (select(t.tasks.c.plan_id, t.tasks.c.number, t.tasks.c.title, t.task_units.c.role, t.units.c.name,
                    t.units.c.id.label("unit_id"), t.task_units.c.task_id)
             .join(t.task_units, t.task_units.c.task_id == t.tasks.c.id)
             .join(t.units, t.units.c.id == t.task_units.c.unit_id))
    if filters.role:
        query = query.where(t.task_units.c.role == filters.role)
    return query.order_by(t.tasks.c.plan_id, t.tasks.c.id, t.task_units.c.role.desc(), t.units.c.name)


def tasks(connection: Connection, filters: Filters) -> Rows:
    columns = ["plan_id", "plan", "province", "number", "title", "role", "unit"]
    found = _current_plans(connection, filters)
    query = _task_rows(filters)
    if filters.unit:
        query = query.where(t.units.c.id.in_(_unit_ids(connection, filters.unit)))
    rows = [(r.plan_id, found[r.plan_id].number, found[r.plan_id].province, r.number, r.title, r.role, r.name)
            for r in connection.execute(query) if r.plan_id in found]
    return columns, rows


def units(connection: Connection, filters: Filters) -> Rows:
    """Who leads and coordinates how many tasks, in how many plans."""
    columns = ["unit", "lead_tasks", "coordinating_tasks", "plans"]
    found = _current_plans(connection, filters)
    wanted = _unit_ids(connection, filters.unit) if filters.unit else None
    tally: dict[int, list[Any]] = {}
    for r in connection.execute(_task_rows(filters)):
        if r.plan_id not in found or (wanted is not None and r.unit_id not in wanted):
            continue
        entry = tally.setdefault(r.unit_id, [r.name, set(), set(), set()])
        entry[1 if r.role == "lead" else 2].add(r.task_id)
        entry[3].add(r.plan_id)
    rows = [(name, len(lead), len(coordinating), len(in_plans)) for name, lead, coordinating, in_plans in tally.values()]
    return columns, sorted(rows, key=lambda row: (-row[1], -row[2], row[0]))


def targets(connection: Connection, filters: Filters) -> Rows:
    """Targets by milestone year, by the lead unit of their task, by subject (words of their text)."""
    columns = ["plan", "province", "year", "comparator", "quantity", "unit", "lead", "text"]
    found = _current_plans(connection, filters)
    leads: dict[tuple[int, str], list[str]] = {}
    for r in connection.execute(_task_rows(Filters(role="lead")).add_columns(t.tasks.c.task_id.label("plan_task"))):
        leads.setdefault((r.plan_id, r.plan_task), []).append(r.name)
    query = select(t.targets).order_by(t.targets.c.plan_id, t.targets.c.year, t.targets.c.id)
    if filters.year is not None:
        query = query.where(t.targets.c.year == filters.year)
    rows = []
    for r in connection.execute(query):
        lead = "; ".join(leads.get((r.plan_id, r.task_id or ""), []))
        if r.plan_id in found and _contains(filters.subject, r.text) and _contains(filters.unit, lead or None):
            plan = found[r.plan_id]
            rows.append((plan.number, plan.province, r.year, r.comparator, r.quantity, r.unit, lead, r.text))
    return columns, rows


def budgets(connection: Connection, filters: Filters) -> Rows:
    """Per province: plans, plans with a budget, the stated totals, and the money by source (the
    budget's first level), summed over plans."""
    columns = ["province", "plans", "with_budget", "total_vnd", "sources"]
    found = _current_plans(connection, filters)
    sources: dict[str | None, dict[str, list[Any]]] = {}
    query = select(t.budget_items.c.plan_id, t.budget_items.c.label, t.budget_items.c.amount_vnd).where(
        t.budget_items.c.depth == 1).order_by(t.budget_items.c.id)
    for r in connection.execute(query):
        if r.plan_id in found and r.amount_vnd is not None:
            by_label = sources.setdefault(found[r.plan_id].province, {})
            entry = by_label.setdefault(comparison_key(r.label), [r.label, 0])
            entry[1] += r.amount_vnd
    totals: dict[str | None, list[int]] = {}
    for plan in found.values():
        entry = totals.setdefault(plan.province, [0, 0, 0])
        entry[0] += 1
        if plan.budget_total_vnd is not None:
            entry[1] += 1
            entry[2] += plan.budget_total_vnd
    rows = [(province, n, with_budget, total if with_budget else None,
             "; ".join(f"{label}: {amount}" for label, amount in sources.get(province, {}).values()))
            for province, (n, with_budget, total) in totals.items()]
    return columns, sorted(rows, key=lambda row: (row[0] is None, row[0] or ""))


def findings(connection: Connection, filters: Filters) -> Rows:
    """With --code, every finding of that code; without, how many of each code in how many plans."""
    found = _current_plans(connection, filters)
    query = select(t.findings).order_by(t.findings.c.plan_id, t.findings.c.id)
    if filters.code:
        query = query.where(t.findings.c.code == filters.code.upper())
    kept = [r for r in connection.execute(query) if r.plan_id in found]
    if filters.code:
        return (["plan", "province", "code", "severity", "message"],
                [(found[r.plan_id].number, found[r.plan_id].province, r.code, r.severity, r.message) for r in kept])
    tally: dict[tuple[str, str], list[Any]] = {}
    for r in kept:
        entry = tally.setdefault((r.code, r.severity), [0, set()])
        entry[0] += 1
        entry[1].add(r.plan_id)
    rows = [(code, severity, n, len(in_plans)) for (code, severity), (n, in_plans) in tally.items()]
    return ["code", "severity", "findings", "plans"], sorted(rows, key=lambda row: (-row[2], row[0]))


def ask(connection: Connection, question: str, filters: Filters) -> Rows:
    return {"plans": plans, "tasks": tasks, "units": units, "targets": targets, "budgets": budgets,
            "findings": findings}[question](connection, filters)


def one_statement(sql: str) -> str:
    """The SQL if it is one statement (a trailing ";" allowed); quotes and comments are skipped."""
    i, n, end = 0, len(sql), None
    while i < n:
        c = sql[i]
        if c in "'\"":
            close = sql.find(c, i + 1)
            i = n if close < 0 else close + 1
            continue
        if sql.startswith("--", i):
            close = sql.find("\n", i)
            i = n if close < 0 else close + 1
            continue
        if sql.startswith("/*", i):
            close = sql.find("*/", i + 2)
            i = n if close < 0 else close + 2
            continue
        if c == ";":
            end = i
            if sql[i + 1:].strip():
                raise StoreError("--sql runs one statement at a time")
        i += 1
    return sql[:end] if end is not None else sql


def run_sql(connection: Connection, sql: str) -> Rows:
    """One statement in the read-only transaction the reader's connection is in."""
    result = connection.exec_driver_sql(one_statement(sql), execution_options={"no_parameters": True})
    if not result.returns_rows:
        return ["result"], [("no rows",)]
    return list(result.keys()), [tuple(row) for row in result]
