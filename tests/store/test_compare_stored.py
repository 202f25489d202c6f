"""`kehoach compare` on plans stored by `kehoach ingest` (their ids, with --db), alone or beside plan
documents, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from kehoach.pipeline.cli import main
from kehoach.pipeline.store.connect import open_store
from kehoach.pipeline.store.read import plan_of_file
from kehoach.pipeline.store.write import store_plan
from store_samples import AN_GIANG, LANG_SON


def _stored_an_giang(db: str, extracted: Any) -> int:
    engine = open_store(db)
    try:
        plan = extracted(AN_GIANG)
        store_plan(engine, plan, "test")
        with engine.connect() as connection:
            found = plan_of_file(connection, plan["source"]["sha256"])
    finally:
        engine.dispose()
    assert found is not None
    return found[0]


def test_a_stored_plan_beside_a_document(db: str, extracted: Any) -> None:
    plan_id = _stored_an_giang(db, extracted)
    result = CliRunner().invoke(main, ["compare", "--db", db, "--format", "json", "-j", "1", str(LANG_SON), str(plan_id)])
    assert result.exit_code == 0, result.output
    plans = json.loads(result.output)["plans"]
    # In the order given: the document, then the stored plan.
    assert [(p["number"], p["province"]) for p in plans] == [("129/KH-UBND", "Lạng Sơn"), ("27/KH-SKHCN", "An Giang")]
    assert plans[1]["path"] == AN_GIANG.name


def test_an_unknown_id_or_database_is_one_line_and_exit_2(db: str, extracted: Any, tmp_path: Path) -> None:
    plan_id = _stored_an_giang(db, extracted)
    unknown = CliRunner().invoke(main, ["compare", "--db", db, str(plan_id), "987654"])
    assert unknown.exit_code == 2
    assert unknown.output.strip() == "kehoach: error: no plan with id 987654 in the database"
    missing = CliRunner().invoke(main, ["compare", "--db", str(tmp_path / "none.db"), "1", "2"])
    assert missing.exit_code == 2
    assert missing.output.strip() == f"kehoach: error: {tmp_path / 'none.db'}: no such database (run kehoach ingest first)"
    assert not (tmp_path / "none.db").exists()
