"""kehoach ingest on SQLite and on a real PostgreSQL server: what lands in which table, re-ingest,
versions of one plan, one transaction per file. Facts are read from the sample documents."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from store_samples import AN_GIANG, LANG_SON, LANG_SON_HTML
from kehoach.pipeline.cli import main
from kehoach.pipeline.store import tables as t
from kehoach.pipeline.store.connect import open_store
from kehoach.pipeline.store.write import ADDED, RE_EXTRACTED, UNCHANGED, store_plan


def _ingest(db: str, *paths: object) -> Any:
    return CliRunner().invoke(main, ["ingest", "--db", db, "-j", "1", *map(str, paths)])


def _count(db: str, table: Any) -> int:
    engine = open_store(db)
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def test_ingest_twice_gives_unchanged(db: str) -> None:
    first = _ingest(db, AN_GIANG, LANG_SON)
    assert first.exit_code == 0, first.output
    assert "2 added" in first.output
    second = _ingest(db, AN_GIANG, LANG_SON)
    assert second.exit_code == 0, second.output
    assert "2 unchanged" in second.output and "added" not in second.output
    assert _count(db, t.documents) == 2 and _count(db, t.plans) == 2


def test_the_tables_hold_the_plan(db: str, extracted: Any) -> None:
    engine = open_store(db)
    try:
        assert store_plan(engine, extracted(LANG_SON), "test") == ADDED
        with engine.connect() as connection:
            plan = connection.execute(select(t.plans)).one()
            assert (plan.number, plan.province, plan.issued_date, plan.year) == ("129/KH-UBND", "Lạng Sơn", "2019-07-23", 2019)
            assert plan.budget_total_vnd == 16_925_000_000
            assert "996/QĐ-TTg" in plan.legal_bases.splitlines()
            assert json.loads(plan.plan_json)["document"]["number"] == "129/KH-UBND"
            items = {(r.path, r.depth, r.amount_vnd) for r in connection.execute(select(t.budget_items))}
            assert items == {("1", 1, 13_500_000_000), ("1.1", 2, 6_000_000_000), ("1.2", 2, 7_500_000_000),
                             ("2", 1, 3_425_000_000)}
            phases = {(r.start_year, r.end_year) for r in connection.execute(select(t.phases))}
            assert phases == {(2019, 2025), (2026, 2030)}
            labs = [r for r in connection.execute(select(t.targets).where(t.targets.c.year == 2030))
                    if "phòng thí nghiệm" in r.text]
            assert [(r.quantity, r.comparator) for r in labs] == [(2.0, "at_least")]
            document = connection.execute(select(t.documents)).one()
            assert (document.format, document.kehoach_version) == ("txt", "test")
    finally:
        engine.dispose()


def test_units_are_merged_through_the_plans_abbreviations(db: str, extracted: Any) -> None:
    # An Giang 27/KH-SKHCN defines "Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)" in task 1.1
    # and writes "Chi cục TĐC" after; "TT UDTB KH &CN" (2.3) and "TT UDTB KH&CN" are one unit.
    engine = open_store(db)
    try:
        store_plan(engine, extracted(AN_GIANG), "test")
        with engine.connect() as connection:
            lead_tasks = dict(connection.execute(
                select(t.units.c.name, func.count()).join(t.task_units).where(t.task_units.c.role == "lead")
                .group_by(t.units.c.name)).all())
            names = {r.name for r in connection.execute(select(t.units.c.name))}
    finally:
        engine.dispose()
    assert lead_tasks["Chi cục Tiêu chuẩn Đo lường Chất lượng"] == 10
    assert lead_tasks["Phòng Quản lý Khoa học"] == 3
    assert lead_tasks["Phòng Quản lý Chuyên ngành"] == 1
    assert "Chi cục TĐC" not in names
    assert sum(1 for name in names if "Kế hoạch" in name and "Tài chính" in name) == 1


def test_other_bytes_of_one_plan_are_a_new_version_and_the_latest_is_current(db: str) -> None:
    assert "1 added" in _ingest(db, LANG_SON).output
    result = _ingest(db, LANG_SON_HTML)
    assert result.exit_code == 0, result.output
    assert "1 new version" in result.output
    engine = open_store(db)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(t.plans.c.version, t.plans.c.is_current, t.documents.c.format)
                                      .join(t.documents).order_by(t.plans.c.version)).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [(1, False, "txt"), (2, True, "html")]


def test_a_newer_kehoach_re_extracts(db: str, extracted: Any) -> None:
    engine = open_store(db)
    try:
        plan = extracted(AN_GIANG)
        assert store_plan(engine, plan, "1") == ADDED
        assert store_plan(engine, plan, "1") == UNCHANGED
        assert store_plan(engine, plan, "2") == RE_EXTRACTED
        with engine.connect() as connection:
            assert connection.execute(select(t.documents.c.kehoach_version)).scalars().all() == ["2"]
            assert connection.execute(select(t.plans.c.version, t.plans.c.is_current)).all() == [(1, True)]
            tasks = connection.execute(select(func.count()).select_from(t.tasks)).scalar_one()
        assert tasks == len(plan["tasks"])
    finally:
        engine.dispose()


def test_a_file_that_fails_leaves_nothing(db: str, extracted: Any) -> None:
    plan = json.loads(json.dumps(extracted(LANG_SON)))
    plan["findings"].append({"severity": "error"})  # no code: fails after every other row is written
    engine = open_store(db)
    try:
        with pytest.raises(KeyError):
            store_plan(engine, plan, "test")
        with engine.connect() as connection:
            for table in (t.documents, t.plans, t.tasks, t.units, t.budget_items, t.targets):
                assert connection.execute(select(func.count()).select_from(table)).scalar_one() == 0, table.name
        assert store_plan(engine, extracted(LANG_SON), "test") == ADDED
    finally:
        engine.dispose()


def test_a_file_that_cannot_be_read_is_reported_and_the_others_are_written(db: str, tmp_path: Any) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    result = _ingest(db, broken, AN_GIANG)
    assert result.exit_code == 2
    assert "broken.pdf" in result.output and "1 added" in result.output
    assert _count(db, t.documents) == 1


def test_a_re_extraction_that_reads_another_number_joins_that_plan(db: str, extracted: Any) -> None:
    lang_son, an_giang = extracted(LANG_SON), extracted(AN_GIANG)
    engine = open_store(db)
    try:
        assert store_plan(engine, lang_son, "1") == ADDED
        assert store_plan(engine, an_giang, "1") == ADDED
        read_otherwise = json.loads(json.dumps(an_giang))
        read_otherwise["document"].update({k: lang_son["document"][k] for k in ("number", "issuer", "province")})
        assert store_plan(engine, read_otherwise, "2") == RE_EXTRACTED
        with engine.connect() as connection:
            rows = connection.execute(select(t.plans.c.number, t.plans.c.version, t.plans.c.is_current)
                                      .order_by(t.plans.c.version)).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [("129/KH-UBND", 1, False), ("129/KH-UBND", 2, True)]
