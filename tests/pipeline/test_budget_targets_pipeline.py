"""Seed 000 through the whole pipeline: sources without figures, task targets with their task ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.pipeline.run import extract_plan

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEED = "an-giang-27-KH-SKHCN-2021"


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "pdf"])
def test_an_giang_budget_and_task_targets(fmt: str) -> None:
    path = SAMPLES / f"{SEED}.{fmt}"
    plan = extract_plan(path.read_bytes(), str(path)).plan
    assert plan is not None and plan.budget is not None
    assert plan.budget.total_vnd is None and plan.budget.total_in_words is None
    assert [i.amount_vnd for i in plan.budget.items] == [None, None, None]
    assert plan.budget.items[0].label.startswith("Kinh phí thực hiện Kế hoạch gồm kinh phí từ ngân sách nhà nước")
    assert plan.phases == []
    assert [(t.task_id, t.quantity, t.comparator, t.unit) for t in plan.targets] == [
        ("2.3", 3, "exactly", "chi nhánh"),
        ("2.3", 80, "over", "%"),
        ("2.4", 1, "at_least", "phòng thí nghiệm"),
        ("2.7", 6, "exactly", "chi nhánh"),
        ("2.7", 90, "over", "%"),
    ]
    codes = {f.code for f in plan.findings}
    assert not codes & {"BUDGET_SUM_MISMATCH", "AMOUNT_WORDS_MISMATCH", "AMOUNT_UNPARSEABLE", "NOT_A_PLAN"}
