"""The README's SQL examples give the right answers on the samples, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kehoach.pipeline.cli import main
from kehoach.pipeline.store.connect import open_store
from kehoach.pipeline.store.write import store_plan
from store_samples import AN_GIANG, LANG_SON

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_statements() -> list[str]:
    block = re.search(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block is not None
    code = "\n".join(line for line in block.group(1).splitlines() if not line.lstrip().startswith("--"))
    return [statement.strip() for statement in code.split(";") if statement.strip()]


@pytest.fixture
def answers(db: str, extracted: Any) -> list[list[dict[str, Any]]]:
    engine = open_store(db)
    try:
        for path in (AN_GIANG, LANG_SON):
            store_plan(engine, extracted(path), "test")
    finally:
        engine.dispose()
    results = []
    for statement in _readme_statements():
        result = CliRunner().invoke(main, ["query", "--db", db, "--format", "json", "--sql", statement])
        assert result.exit_code == 0, result.output
        results.append(json.loads(result.output))
    return results


def test_the_readme_queries(answers: list[list[dict[str, Any]]]) -> None:
    leads, targets_2030, budget_lines = answers
    # An Giang 27/KH-SKHCN: Chi cục TĐC leads ten rows of the task table.
    assert (leads[0]["name"], leads[0]["lead_tasks"]) == ("Chi cục Tiêu chuẩn Đo lường Chất lượng", 10)
    # Lạng Sơn 129/KH-UBND, I.2.b "Đến năm 2030": at least 10 kinds, 300 people, 20 enterprises, 02 labs.
    assert {"Lạng Sơn"} == {row["province"] for row in targets_2030}
    assert {10, 300, 20, 2} <= {row["quantity"] for row in targets_2030}
    # Lạng Sơn 129/KH-UBND, IV.2: state budget 13.5 bn (6 bn + 7.5 bn), enterprises 3.425 bn.
    assert [(row["number"], row["path"], row["amount_vnd"]) for row in budget_lines if row["number"] == "129/KH-UBND"] == [
        ("129/KH-UBND", "1", 13_500_000_000), ("129/KH-UBND", "1.1", 6_000_000_000),
        ("129/KH-UBND", "1.2", 7_500_000_000), ("129/KH-UBND", "2", 3_425_000_000)]
    # An Giang 27/KH-SKHCN, II.1 names its sources and no amounts.
    assert {row["amount_vnd"] for row in budget_lines if row["number"] == "27/KH-SKHCN"} == {None}
