"""Budgets by source and by year in a table, and amounts in other currencies.

`data/budget-by-source-and-year.html` is made for these tests: no corpus document or stored page held a
plan with such a table, so it copies the layout provincial plans print (an appendix "DỰ TOÁN KINH PHÍ
THỰC HIỆN KẾ HOẠCH", the unit in a caption line, a two-row header whose "Chia ra các năm" spans the
year columns, numbered sources with sub-sources, a "Tổng cộng" row) with invented figures that add up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.extractors.budget import extract_budget
from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.structure import build_structure
from kehoach.extractors.vnnumbers import find_amounts, find_foreign_amounts
from kehoach.pipeline.run import extract_plan
from kehoach.schemas import BudgetItem, Plan

TABLE_PLAN = Path(__file__).resolve().parent / "data" / "budget-by-source-and-year.html"
TYPES = frozenset({"KẾ HOẠCH"})
MILLION = 1_000_000


def _plan(replace: tuple[str, str] | None = None) -> Plan:
    data = TABLE_PLAN.read_bytes()
    if replace is not None:
        data = data.replace(replace[0].encode(), replace[1].encode())
    result = extract_plan(data, str(TABLE_PLAN))
    assert result.plan is not None, result.error
    return result.plan


def _tree(items: list[BudgetItem]) -> list[tuple[str, int | None, list]]:
    return [(i.label, i.amount_vnd, _tree(i.items)) for i in items]


def _years(a: int, b: int, c: int) -> list[tuple[str, int | None, list]]:
    return [("Năm 2026", a * MILLION, []), ("Năm 2027", b * MILLION, []), ("Năm 2028", c * MILLION, [])]


def test_sources_by_year_become_the_budget_tree() -> None:
    plan = _plan()
    assert plan.budget is not None
    assert plan.budget.total_vnd == 7_350 * MILLION
    assert _tree(plan.budget.items) == [
        ("Ngân sách trung ương", 3_000 * MILLION, _years(1_000, 1_000, 1_000)),
        ("Ngân sách tỉnh", 3_150 * MILLION, [
            ("Kinh phí sự nghiệp khoa học và công nghệ", 2_100 * MILLION, _years(700, 700, 700)),
            ("Kinh phí chi đầu tư phát triển", 1_050 * MILLION, _years(350, 350, 350)),
        ]),
        ("Nguồn xã hội hóa", 1_200 * MILLION, _years(300, 400, 500)),
    ]
    assert plan.budget.items[0].items[0].source is not None
    assert plan.budget.items[0].items[0].source.text == "1.000"
    assert not [f for f in plan.findings if f.code.startswith(("BUDGET", "AMOUNT"))]
    assert [t.id for t in plan.tasks] == ["1", "2"]  # the task table's rows; no source is a task


def test_the_table_gives_the_total_the_text_does_not_print() -> None:
    plan = _plan((" là 7.350 triệu đồng", ""))
    assert plan.budget is not None and plan.budget.total_vnd == 7_350 * MILLION
    assert plan.budget.source is not None and plan.budget.source.text == "7.350"


def test_every_level_of_the_table_is_summed() -> None:
    plan = _plan(("<td>3.150</td>", "<td>3.250</td>"))
    messages = [f.message for f in plan.findings if f.code == "BUDGET_SUM_MISMATCH"]
    assert len(messages) == 2
    assert "the budget total is 7.350.000.000 đồng but its parts add up to 7.450.000.000 đồng" in messages[0]
    assert "'Ngân sách tỉnh' is 3.250.000.000 đồng but its parts add up to 3.150.000.000 đồng" in messages[1]


def test_a_table_of_contents_by_year_under_a_time_header_gives_no_tasks() -> None:
    """"Nội dung" and "Thời gian thực hiện" over the years read as a task header; the rows are money."""
    data = TABLE_PLAN.read_bytes().replace("Chia ra các năm".encode(), "Thời gian thực hiện".encode())
    data = data.replace('<th rowspan="2">Nguồn kinh phí'.encode(), '<th rowspan="2">Nội dung'.encode())
    result = extract_plan(data, str(TABLE_PLAN))
    assert result.plan is not None
    assert [t.id for t in result.plan.tasks] == ["1", "2"]
    assert result.plan.budget is not None and len(result.plan.budget.items) == 3


def _budget(text: str) -> tuple[list[tuple[str, int | None]], int | None, list[str]]:
    layout = normalize_layout(read_document(("KẾ HOẠCH\nThử nghiệm\n" + text).encode(), "plan.txt"))
    budget, findings = extract_budget(build_structure(layout, TYPES), [])
    assert budget is not None
    return [(i.label, i.amount_vnd) for i in budget.items], budget.total_vnd, [f.code for f in findings]


@pytest.mark.parametrize(
    ("text", "items", "total"),
    [
        pytest.param(
            "I. KINH PHÍ THỰC HIỆN\n1. Tổng kinh phí thực hiện Kế hoạch: 5.000.000.000 đồng.\n2. Nguồn kinh phí\n"
            "a) Ngân sách tỉnh: 3.000.000.000 đồng.\nb) Huy động từ doanh nghiệp: 2.000.000.000 đồng.\n"
            "c) Vốn viện trợ không hoàn lại của tổ chức quốc tế: 150 nghìn USD.\n",
            [("Ngân sách tỉnh", 3_000 * MILLION), ("Huy động từ doanh nghiệp", 2_000 * MILLION),
             ("Vốn viện trợ không hoàn lại của tổ chức quốc tế: 150 nghìn USD", None)],
            5_000 * MILLION,
            id="a-source-in-usd",
        ),
        pytest.param(
            "I. KINH PHÍ THỰC HIỆN\nTổng kinh phí thực hiện là 11 tỷ đồng, trong đó: ngân sách tỉnh 9 tỷ đồng; "
            "xã hội hóa 2 tỷ đồng; tài trợ của tổ chức quốc tế 2 triệu EUR.\n",
            [("ngân sách tỉnh", 9_000 * MILLION), ("xã hội hóa", 2_000 * MILLION),
             ("tài trợ của tổ chức quốc tế 2 triệu EUR", None)],
            11_000 * MILLION,
            id="a-clause-in-eur",
        ),
        pytest.param(
            "I. KINH PHÍ THỰC HIỆN\nTổng kinh phí: 500.000 USD, trong đó ngân sách tỉnh 2 tỷ đồng.\n",
            [], None, id="a-total-in-usd-is-no-total-in-dong",
        ),
    ],
)
def test_other_currencies_stay_as_printed_and_out_of_the_sums(
    text: str, items: list[tuple[str, int | None]], total: int | None
) -> None:
    got_items, got_total, codes = _budget(text)
    assert (got_items, got_total) == (items, total)
    assert "AMOUNT_UNPARSEABLE" not in codes
    assert codes.count("AMOUNT_FOREIGN_CURRENCY") == 1  # said once, where it is printed


def test_a_task_table_with_costs_by_year_keeps_them_on_its_tasks() -> None:
    """A column of units makes the table a task table with its costs: no budget items come from it."""
    data = TABLE_PLAN.read_bytes().replace(
        '<th rowspan="2">Tổng cộng</th>'.encode(), '<th rowspan="2">Cơ quan chủ trì</th><th rowspan="2">Tổng cộng</th>'.encode()
    )
    result = extract_plan(data, str(TABLE_PLAN))
    assert result.plan is not None and result.plan.budget is not None
    assert result.plan.budget.total_vnd == 7_350 * MILLION  # from the text
    assert result.plan.budget.items == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Vốn viện trợ: 150 nghìn USD.", [("150 nghìn USD", "USD")]),
        ("tài trợ 2 triệu EUR và 300 triệu đồng", [("2 triệu EUR", "EUR")]),
        ("vốn vay 1,5 triệu đô la Mỹ (tương đương 35 tỷ đồng)", [("1,5 triệu đô la Mỹ", "đô la Mỹ")]),
        ("1 triệu 500 nghìn USD", [("1 triệu 500 nghìn USD", "USD")]),
        ("cuộc sống bình yên của 300 hộ dân", []),
    ],
)
def test_amounts_in_other_currencies_are_found_and_never_read_as_dong(text: str, found: list[tuple[str, str]]) -> None:
    foreign = find_foreign_amounts(text)
    assert [(f.text, f.currency) for f in foreign] == found
    assert not any(r.start < f.end and f.start < r.end for r in find_amounts(text) for f in foreign)
