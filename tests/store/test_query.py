"""kehoach query on SQLite and PostgreSQL: the ready-made questions answer what the sample plans say,
and --sql reads but never writes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from click.testing import CliRunner

from kehoach.pipeline.cli import main
from kehoach.pipeline.store.connect import open_store
from kehoach.pipeline.store.write import store_plan
from store_samples import AN_GIANG, LANG_SON


@pytest.fixture
def both_plans(db: str, extracted: Any) -> str:
    engine = open_store(db)
    try:
        for path in (AN_GIANG, LANG_SON):
            store_plan(engine, extracted(path), "test")
    finally:
        engine.dispose()
    return db


def _query(db: str, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["query", "--db", db, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_plans_by_province_year_and_programme(both_plans: str) -> None:
    assert [p["number"] for p in _query(both_plans, "plans", "--province", "lạng sơn")] == ["129/KH-UBND"]
    assert [p["number"] for p in _query(both_plans, "plans", "--year", "2021")] == ["27/KH-SKHCN"]
    both = _query(both_plans, "plans", "--programme", "996/QĐ-TTg")
    assert sorted(p["number"] for p in both) == ["129/KH-UBND", "27/KH-SKHCN"]
    assert _query(both_plans, "plans", "--type", "QĐ") == []


def test_tasks_by_unit_and_role_expand_abbreviations(both_plans: str) -> None:
    # An Giang: "Chi cục TĐC" (defined in task 1.1) leads 1.1, 2.1, 2.2, 2.4, 2.5, 3.1, 3.3, 3.4, the
    # row under group 4, and 6.1.
    rows = _query(both_plans, "tasks", "--unit", "Chi cục TĐC", "--role", "lead")
    assert len(rows) == 10
    assert {"1.1", "2.1", "2.2", "2.4", "2.5", "3.1", "3.3", "3.4", "6.1"} <= {r["number"] for r in rows}
    assert {r["province"] for r in rows} == {"An Giang"}
    coordinating = _query(both_plans, "tasks", "--unit", "Phòng Kế hoạch - Tài chính", "--role", "coordinating")
    assert len(coordinating) == 16
    assert _query(both_plans, "tasks", "--unit", "Phòng Kế hoạch – Tài chính", "--role", "lead") == []


def test_units_count_who_leads_how_many_tasks(both_plans: str) -> None:
    rows = {r["unit"]: r for r in _query(both_plans, "units", "--province", "An Giang")}
    assert rows["Chi cục Tiêu chuẩn Đo lường Chất lượng"]["lead_tasks"] == 10
    assert rows["Phòng Quản lý Khoa học"]["lead_tasks"] == 3
    assert (rows["Văn phòng Sở KH&CN"]["lead_tasks"], rows["Văn phòng Sở KH&CN"]["coordinating_tasks"]) == (0, 3)
    first = _query(both_plans, "units", "--province", "An Giang")[0]
    assert first["unit"] == "Chi cục Tiêu chuẩn Đo lường Chất lượng"


def test_targets_by_year_and_subject(both_plans: str) -> None:
    # Lạng Sơn, I.2.b: by 2030 at least 02 accredited laboratories, at least 20 enterprises.
    labs = _query(both_plans, "targets", "--year", "2030", "--subject", "phòng thí nghiệm", "--province", "Lạng Sơn")
    assert [(r["quantity"], r["comparator"]) for r in labs] == [(2.0, "at_least")]
    assert all(r["year"] == 2030 for r in _query(both_plans, "targets", "--year", "2030"))


def test_budgets_by_province(both_plans: str) -> None:
    rows = {r["province"]: r for r in _query(both_plans, "budgets")}
    assert rows["Lạng Sơn"]["total_vnd"] == 16_925_000_000
    assert "Ngân sách nhà nước: 13500000000" in rows["Lạng Sơn"]["sources"]
    assert (rows["An Giang"]["plans"], rows["An Giang"]["with_budget"], rows["An Giang"]["total_vnd"]) == (1, 0, None)


def test_findings_by_code(both_plans: str) -> None:
    # An Giang's task 6.2 names no lead unit (its unit cells are empty).
    rows = _query(both_plans, "findings", "--code", "TASK_WITHOUT_LEAD_UNIT", "--province", "An Giang")
    assert rows and all(r["code"] == "TASK_WITHOUT_LEAD_UNIT" for r in rows)
    assert any("6.2" in r["message"] for r in rows)


def test_csv_and_table_formats(both_plans: str) -> None:
    result = CliRunner().invoke(main, ["query", "--db", both_plans, "plans", "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert sorted(r["number"] for r in table) == ["129/KH-UBND", "27/KH-SKHCN"]
    text = CliRunner().invoke(main, ["query", "--db", both_plans, "budgets"]).output
    assert text.splitlines()[0].split() == ["province", "plans", "with_budget", "total_vnd", "sources"]


def test_sql_reads(both_plans: str) -> None:
    rows = _query(both_plans, "--sql", "SELECT number FROM plans WHERE province = 'Lạng Sơn';")
    assert rows == [{"number": "129/KH-UBND"}]
    like = _query(both_plans, "--sql", "SELECT count(*) AS n FROM units WHERE name LIKE 'Chi cục%'")
    assert like == [{"n": 1}]


@pytest.mark.parametrize("sql", [
    "DELETE FROM plans",
    "UPDATE plans SET number = 'x'",
    "DROP TABLE findings",
    "SELECT 1; DELETE FROM plans",
    "CREATE TABLE mine (a integer)",
])
def test_sql_never_writes(both_plans: str, sql: str) -> None:
    result = CliRunner().invoke(main, ["query", "--db", both_plans, "--sql", sql])
    assert result.exit_code == 2
    assert result.output.startswith("kehoach: error:") and len(result.output.strip().splitlines()) == 1
    assert _query(both_plans, "--sql", "SELECT count(*) AS n FROM plans") == [{"n": 2}]


def test_the_database_may_be_named_by_kehoach_db(both_plans: str) -> None:
    # As for `kehoach serve`: a container or a shell sets the database once, for every command.
    result = CliRunner(env={"KEHOACH_DB": both_plans}).invoke(main, ["query", "plans", "--format", "json",
                                                                      "--province", "An Giang"])
    assert result.exit_code == 0, result.output
    assert [p["number"] for p in json.loads(result.output)] == ["27/KH-SKHCN"]
    for command in ("ingest", "query", "compare"):
        assert "KEHOACH_DB" in CliRunner().invoke(main, [command, "--help"]).output
