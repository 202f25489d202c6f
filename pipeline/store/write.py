"""Writing one plan into the database, in one transaction: a file that fails leaves nothing.

What a file is to the database, told by its sha256 and this kehoach's version:
- "unchanged": the same bytes were ingested by this kehoach version; nothing is done;
- "re-extracted": the same bytes, ingested by another kehoach version; its rows are replaced;
- "new version": other bytes of a plan already there (same number and issuer); both are kept and the
  newest is current;
- "added": a plan not seen before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from kehoach.extractors.vntext import comparison_key
from kehoach.pipeline.store import tables as t
from kehoach.pipeline.store.unit_keys import plan_abbreviations, unit_key

UNCHANGED, RE_EXTRACTED, NEW_VERSION, ADDED = "unchanged", "re-extracted", "new version", "added"


def unchanged_files(engine: Engine, sha256s: Iterable[str], kehoach_version: str) -> set[str]:
    """Of these file hashes, those this kehoach version has already ingested."""
    wanted = sorted(set(sha256s))
    found: set[str] = set()
    with engine.connect() as connection:
        for start in range(0, len(wanted), 500):
            rows = connection.execute(select(t.documents.c.sha256).where(
                t.documents.c.sha256.in_(wanted[start:start + 500]),
                t.documents.c.kehoach_version == kehoach_version))
            found.update(row.sha256 for row in rows)
    return found


def plan_key(plan: dict[str, Any]) -> str:
    """Plans with the same number and issuer are versions of one plan; a plan without a number is
    its own file."""
    document = plan.get("document") or {}
    number = document.get("number")
    if not number:
        return "sha256:" + plan["source"]["sha256"]
    issuer = document.get("issuer") or document.get("province") or ""
    return comparison_key(number).replace(" ", "") + "|" + comparison_key(issuer)


def store_plan(engine: Engine, plan: dict[str, Any], kehoach_version: str) -> str:
    """Write one plan (its JSON data) in one transaction; what the file was to the database."""
    with engine.begin() as connection:
        return _store(connection, plan, kehoach_version)


def _store(connection: Connection, plan: dict[str, Any], kehoach_version: str) -> str:
    source = plan["source"]
    document_row = {
        "sha256": source["sha256"], "path": source["path"], "format": source["format"],
        "pages": source.get("pages"), "kehoach_version": kehoach_version,
        "extracted_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    existing = connection.execute(
        select(t.documents.c.id, t.documents.c.kehoach_version).where(t.documents.c.sha256 == source["sha256"])
    ).first()
    key = plan_key(plan)
    if existing is not None and existing.kehoach_version == kehoach_version:
        return UNCHANGED
    if existing is not None:
        old = connection.execute(select(t.plans.c.id, t.plans.c.plan_key, t.plans.c.version, t.plans.c.is_current)
                                 .where(t.plans.c.document_id == existing.id)).one()
        _delete_plan(connection, old.id)
        connection.execute(update(t.documents).where(t.documents.c.id == existing.id).values(document_row))
        if old.plan_key == key:
            _insert_plan(connection, plan, existing.id, key, old.version, old.is_current)
        else:  # the newer kehoach reads another number or issuer: the file joins that plan's versions
            _insert_latest(connection, plan, existing.id, key)
        return RE_EXTRACTED
    document_id = connection.execute(insert(t.documents), document_row).inserted_primary_key[0]
    return NEW_VERSION if _insert_latest(connection, plan, document_id, key) > 1 else ADDED


def _insert_latest(connection: Connection, plan: dict[str, Any], document_id: int, key: str) -> int:
    """The plan as the newest, current version of its key; its version number."""
    latest = connection.execute(select(func.max(t.plans.c.version)).where(t.plans.c.plan_key == key)).scalar()
    connection.execute(update(t.plans).where(t.plans.c.plan_key == key).values(is_current=False))
    _insert_plan(connection, plan, document_id, key, (latest or 0) + 1, True)
    return (latest or 0) + 1


def _delete_plan(connection: Connection, plan_id: int) -> None:
    task_ids = select(t.tasks.c.id).where(t.tasks.c.plan_id == plan_id).scalar_subquery()
    connection.execute(delete(t.task_units).where(t.task_units.c.task_id.in_(task_ids)))
    for table in t.PLAN_CHILDREN[1:]:
        if table is t.budget_items:
            connection.execute(update(table).where(table.c.plan_id == plan_id).values(parent_id=None))
        connection.execute(delete(table).where(table.c.plan_id == plan_id))
    connection.execute(delete(t.plans).where(t.plans.c.id == plan_id))


def _insert_plan(connection: Connection, plan: dict[str, Any], document_id: int, key: str, version: int,
                 current: bool) -> None:
    document = plan.get("document") or {}
    issued = document.get("issued_date")
    budget = plan.get("budget") or {}
    plan_id = connection.execute(insert(t.plans), dict(
        document_id=document_id, plan_key=key, version=version, is_current=current,
        number=document.get("number"), type_code=document.get("type_code"), type_name=document.get("type_name"),
        issuer=document.get("issuer"), issuer_level=document.get("issuer_level"),
        province=document.get("province"), issued_date=issued,
        year=int(issued[:4]) if issued and issued[:4].isdigit() else None, title=document.get("title"),
        legal_bases="\n".join(b.get("number") or b.get("text") or "" for b in document.get("legal_bases") or []),
        budget_total_vnd=budget.get("total_vnd"), plan_json=json.dumps(plan, ensure_ascii=False),
    )).inserted_primary_key[0]
    _insert_tasks(connection, plan, plan_id)
    _insert_many(connection, t.targets, [dict(
        plan_id=plan_id, **{c: target.get(c) for c in (
            "task_id", "year", "quantity", "quantity_max", "comparator", "direction", "unit", "text")},
        approximate=bool(target.get("approximate")), per_year=bool(target.get("per_year")))
        for target in plan.get("targets") or []])
    _insert_many(connection, t.phases, [dict(
        plan_id=plan_id, name=phase["name"], start_year=phase.get("start_year"), end_year=phase.get("end_year"))
        for phase in plan.get("phases") or []])
    _insert_budget_items(connection, plan_id, budget.get("items") or [], None, "")
    _insert_many(connection, t.findings, [dict(
        plan_id=plan_id, code=finding["code"], severity=finding["severity"], message=finding["message"])
        for finding in plan.get("findings") or []])


def _insert_returning_ids(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Many rows in one statement; their new ids in the order of the rows."""
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.execute(statement, rows).scalars())


def _insert_many(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    # One statement, the rows as its parameters: SQLAlchemy compiles it once and caches it.
    if rows:
        connection.execute(insert(table), rows)


def _insert_tasks(connection: Connection, plan: dict[str, Any], plan_id: int) -> None:
    tasks = plan.get("tasks") or []
    plan_units = plan.get("units") or []
    unit_ids = _unit_ids(connection, plan_units, [
        name for task in tasks for names in (task.get("lead_units"), task.get("coordinating_units"))
        for name in names or []])
    _insert_many(connection, t.unit_aliases, [
        {"plan_id": plan_id, "unit_id": unit_ids[unit["name"]], "alias": alias}
        for unit in plan_units if unit_ids.get(unit["name"]) is not None for alias in unit.get("abbreviations") or []])
    with_period = [task for task in tasks if task.get("period")]
    period_ids = dict(zip((id(task) for task in with_period), _insert_returning_ids(connection, t.periods, [dict(
        plan_id=plan_id, text=p["text"], start_year=p.get("start_year"), end_year=p.get("end_year"),
        recurrence=p.get("recurrence"), years=",".join(str(y) for y in p.get("years") or []) or None,
        start_date=p.get("start_date"), end_date=p.get("end_date"), granularity=p.get("granularity"))
        for p in (task["period"] for task in with_period)])))
    row_ids = _insert_returning_ids(connection, t.tasks, [dict(
        plan_id=plan_id, task_id=task["id"], parent_task_id=task.get("parent_id"), number=task.get("number"),
        kind=task["kind"], title=task["title"], product=task.get("product"), budget_vnd=task.get("budget_vnd"),
        period_id=period_ids.get(id(task))) for task in tasks])
    task_units = []
    for task, row_id in zip(tasks, row_ids):
        seen: set[tuple[int, str]] = set()
        for role, names in (("lead", task.get("lead_units")), ("coordinating", task.get("coordinating_units"))):
            for name in names or []:
                unit_id = unit_ids.get(name)
                if unit_id is None or (unit_id, role) in seen:
                    continue
                seen.add((unit_id, role))
                task_units.append({"task_id": row_id, "unit_id": unit_id, "role": role, "name_as_printed": name})
    _insert_many(connection, t.task_units, task_units)


def _unit_ids(connection: Connection, plan_units: list[dict[str, Any]], task_names: list[str]) -> dict[str, int]:
    """The unit ids of the names a plan uses (its units and the names its tasks print), the units not
    in the database yet added; a name that is no unit (empty) has none."""
    abbreviations = plan_abbreviations(plan_units)
    keys: dict[str, str] = {}
    shown: dict[str, str] = {}  # key -> display name of a unit new to the database: its full name
    for name in [*(unit["name"] for unit in plan_units), *task_names]:
        if name not in keys and (key := unit_key(name, abbreviations)):
            keys[name] = key
            shown.setdefault(key, abbreviations.get(comparison_key(name.strip())) or name.strip())
    wanted = sorted(shown)
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        found = connection.execute(select(t.units.c.unit_key, t.units.c.id).where(t.units.c.unit_key.in_(chunk)))
        ids.update((key, unit_id) for key, unit_id in found)
    new = [key for key in wanted if key not in ids]
    ids.update(zip(new, _insert_returning_ids(connection, t.units, [{"unit_key": k, "name": shown[k]} for k in new])))
    return {name: ids[key] for name, key in keys.items()}


def _insert_budget_items(connection: Connection, plan_id: int, items: list[dict[str, Any]], parent_id: int | None,
                         prefix: str) -> None:
    for position, item in enumerate(items, 1):
        path = f"{prefix}{position}"
        item_id = connection.execute(insert(t.budget_items), dict(
            plan_id=plan_id, parent_id=parent_id, path=path, depth=path.count(".") + 1, label=item["label"],
            amount_vnd=item.get("amount_vnd"))).inserted_primary_key[0]
        _insert_budget_items(connection, plan_id, item.get("items") or [], item_id, path + ".")
