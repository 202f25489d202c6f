"""The database's tables, one schema for SQLite and PostgreSQL (SQLAlchemy Core).

A file version is a `documents` row (its sha256 is unique); what kehoach made of it is one `plans`
row with the full JSON and the rows that spread the JSON into tables. Plans with the same number and
issuer share a `plan_key`: each distinct file of one plan is a `version`, the latest one `is_current`.
`units` are merged across plans by `unit_key` (`pipeline/store/unit_keys.py`); `unit_aliases` keeps
the abbreviations each plan defined for them; `task_units` says how a task names a unit and in which
role. Budget items keep their tree as `parent_id` and `path`
("1", "1.2"). The migrations in `pipeline/store/migrations/` create exactly these tables.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint,
)

metadata = MetaData()

_CASCADE = {"ondelete": "CASCADE"}

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("pages", Integer),
    Column("kehoach_version", String(64), nullable=False),
    Column("extracted_at", String(32), nullable=False),
)

plans = Table(
    "plans", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", **_CASCADE), nullable=False, unique=True),
    Column("plan_key", Text, nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("number", Text),
    Column("type_code", String(16)),
    Column("type_name", Text),
    Column("issuer", Text),
    Column("issuer_level", String(16)),
    Column("province", Text),
    Column("issued_date", String(10)),
    Column("year", Integer),
    Column("title", Text),
    Column("legal_bases", Text, doc="the legal bases' numbers, one per line"),
    Column("budget_total_vnd", BigInteger),
    Column("plan_json", Text, nullable=False),
    UniqueConstraint("plan_key", "version"),
)

units = Table(
    "units", metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_key", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
)

unit_aliases = Table(
    "unit_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id", **_CASCADE), nullable=False, index=True),
    Column("unit_id", Integer, ForeignKey("units.id", **_CASCADE), nullable=False),
    Column("alias", Text, nullable=False, doc="an abbreviation the plan defined for the unit"),
)

tasks = Table(
    "tasks", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id", **_CASCADE), nullable=False, index=True),
    Column("task_id", Text, nullable=False),
    Column("parent_task_id", Text),
    Column("number", Text),
    Column("kind", String(8), nullable=False),
    Column("title", Text, nullable=False),
    Column("product", Text),
    Column("budget_vnd", BigInteger),
    Column("period_id", Integer, ForeignKey("periods.id", **_CASCADE)),
)

task_units = Table(
    "task_units", metadata,
    Column("task_id", Integer, ForeignKey("tasks.id", **_CASCADE), primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id", **_CASCADE), primary_key=True),
    Column("role", String(16), primary_key=True, doc='"lead" or "coordinating"'),
    Column("name_as_printed", Text, nullable=False),
)

periods = Table(
    "periods", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id", **_CASCADE), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start_year", Integer),
    Column("end_year", Integer),
    Column("recurrence", String(16)),
    Column("years", Text, doc="listed years, comma separated"),
    Column("start_date", String(10)),
    Column("end_date", String(10)),
    Column("granularity", String(8)),
)

targets = Table(
    "targets", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id", **_CASCADE), nullable=False, index=True),
    Column("task_id", Text),
    Column("year", Integer),
    Column("quantity", Float, nullable=False),
    Column("quantity_max", Float),
    Column("comparator", String(16), nullable=False),
    Column("approximate", Boolean, nullable=False),
    Column("direction", String(8)),
    Column("unit", Text),
    Column("per_year", Boolean, nullable=False),
    Column("text", Text, nullable=False),
)

phases = Table(
    "phases", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id", **_CASCADE), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("start_year", Integer),
    Column("end_year", Integer),
)

budget_items = Table(
    "budget_items", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id", **_CASCADE), nullable=False, index=True),
    Column("parent_id", Integer, ForeignKey("budget_items.id", **_CASCADE)),
    Column("path", Text, nullable=False),
    Column("depth", Integer, nullable=False),
    Column("label", Text, nullable=False),
    Column("amount_vnd", BigInteger),
)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, ForeignKey("plans.id", **_CASCADE), nullable=False, index=True),
    Column("code", String(64), nullable=False, index=True),
    Column("severity", String(8), nullable=False),
    Column("message", Text, nullable=False),
)

# Children before parents: the order rows of one plan are deleted in (no reliance on ON DELETE).
PLAN_CHILDREN = (task_units, unit_aliases, tasks, periods, targets, phases, budget_items, findings)
