"""Comparing plans: programme coverage, target matching, budgets, leads, every output format, the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.extractors.reference import Programme, TaskGroup
from kehoach.pipeline.compare import (
    FORMATS,
    OTHER_GROUP,
    assign_tasks,
    cited_programme,
    compare_plans,
    load_programmes,
    normalize_unit,
    plan_years,
    render,
    target_subject,
)
from kehoach.schemas import Budget, BudgetItem, Finding, Phase, Plan, Source, Target, Task
from kehoach.schemas.plan import Document, LegalBasis, Period

ROOT = Path(__file__).resolve().parents[2]
LANG_SON = ROOT / "samples" / "lang-son-129-KH-UBND-2019.txt"
AN_GIANG = ROOT / "samples" / "an-giang-27-KH-SKHCN-2021.txt"

BASIS_996 = LegalBasis(type_name="Quyết định", number="996/QĐ-TTg", text="Quyết định số 996/QĐ-TTg ngày 10/8/2018")


def _plan(
    province: str, number: str, *, tasks: list[Task] = (), targets: list[Target] = (),  # type: ignore[assignment]
    budget: Budget | None = None, phases: list[Phase] = (), findings: list[Finding] = (),  # type: ignore[assignment]
    bases: list[LegalBasis] = (BASIS_996,),  # type: ignore[assignment]
) -> Plan:
    return Plan(
        source=Source(path=f"{number.replace('/', '-')}.txt", format="txt", sha256="0" * 64),
        document=Document(
            number=number, issuer=f"Ủy ban nhân dân tỉnh {province}", province=province, place=province,
            issued_date="2019-07-23", legal_bases=list(bases),
        ),
        tasks=list(tasks), targets=list(targets), budget=budget, phases=list(phases), findings=list(findings),
    )


def _task(id: str, title: str, parent: str | None = None, lead: tuple[str, ...] = (), period: Period | None = None,
          kind: str = "task") -> Task:
    return Task(id=id, number=id, parent_id=parent, kind=kind, title=title, lead_units=list(lead), period=period)  # type: ignore[arg-type]


def _programme(number: str, *groups: TaskGroup) -> Programme:
    return Programme(source="test", as_of="2018-08-10", number=number, type_name="Quyết định",
                     issuer="Thủ tướng Chính phủ", date="2018-08-10", title="P", task_groups=list(groups))


def _group(id: str, name: str, keywords: tuple[str, ...], number: int) -> TaskGroup:
    return TaskGroup(id=id, number=number, name=name, keywords=list(keywords))


SO = "Sở Khoa học và Công nghệ"
CHI_CUC = "Chi cục Tiêu chuẩn Đo lường Chất lượng"


@pytest.fixture(scope="module")
def programmes() -> list[Programme]:
    return load_programmes()


@pytest.fixture(scope="module")
def lang_son() -> Plan:
    return _plan(
        "Lạng Sơn", "129/KH-UBND",
        tasks=[
            _task("1", "Áp dụng cơ chế, chính sách tạo thuận lợi hoạt động đo lường hỗ trợ doanh nghiệp", kind="group"),
            _task("1.a", "Xây dựng kế hoạch định kỳ rà soát các văn bản quy phạm pháp luật, cơ chế chính sách", "1", (SO,)),
            _task("1.b", "Thúc đẩy xã hội hóa hoạt động đo lường", "1", (SO,)),
            _task("2", "Tăng cường phát triển hạ tầng đo lường của tỉnh", kind="group"),
            _task("2.a", "Duy trì hệ thống chuẩn đo lường, đảm bảo tính liên kết với chuẩn quốc gia", "2", (SO,)),
            _task("2.c", "Bồi dưỡng, nâng cao chuyên môn nghiệp vụ về đo lường cho cán bộ", "2", (CHI_CUC,)),
            _task("6", "Đẩy mạnh công tác truyền thông về hoạt động đo lường", kind="group"),
            _task("6.a", "Tổ chức hội nghị, hội thảo về đo lường; kỷ niệm Ngày Đo lường Việt Nam 20/1", "6", (SO,)),
            _task("7", "Các nhiệm vụ khác: xây dựng báo cáo hàng năm, tổ chức sơ kết, tổng kết", None, (SO,)),
        ],
        targets=[
            Target(year=2025, quantity=300, comparator="at_least", unit="lượt người",
                   text="Bồi dưỡng, nâng cao chuyên môn nghiệp vụ về đo lường ít nhất 300 lượt người tham gia"),
            Target(year=2025, quantity=60, comparator="exactly", unit="lượt người", per_year=True,
                   text="Bồi dưỡng, nâng cao chuyên môn nghiệp vụ về đo lường ít nhất 300 lượt người tham gia "
                        "hoạt động đo lường, dự kiến 60 lượt người/năm"),
            Target(year=2025, quantity=1, comparator="at_least", unit="phòng thí nghiệm",
                   text="Triển khai áp dụng Bộ tiêu chí quốc gia ít nhất 01 phòng thí nghiệm được công nhận"),
            Target(year=2030, quantity=20, comparator="at_least", unit="lượt doanh nghiệp",
                   text="thử nghiệm phương tiện đo cho ít nhất 20 lượt doanh nghiệp"),
        ],
        budget=Budget(total_vnd=16_925_000_000, items=[
            BudgetItem(label="Ngân sách nhà nước", amount_vnd=13_500_000_000, items=[
                BudgetItem(label="Nguồn kinh phí sự nghiệp khoa học", amount_vnd=6_000_000_000),
                BudgetItem(label="Nguồn kinh phí chi đầu tư phát triển", amount_vnd=7_500_000_000),
            ]),
            BudgetItem(label="Huy động từ các doanh nghiệp và các nguồn hợp pháp khác", amount_vnd=3_425_000_000),
        ]),
        phases=[Phase(name="Giai đoạn 1", start_year=2019, end_year=2025),
                Phase(name="Giai đoạn 2", start_year=2026, end_year=2030)],
        findings=[Finding(code="BUDGET_SUM_MISMATCH", severity="error", message="parts do not add up")],
    )


@pytest.fixture(scope="module")
def other() -> Plan:
    yearly = Period(text="Hàng năm 2021-2030", start_year=2021, end_year=2030, recurrence="annual")
    return _plan(
        "An Giang", "27/KH-SKHCN",
        tasks=[
            _task("2", "Tăng cường phát triển hạ tầng đo lường của tỉnh", kind="group"),
            _task("2.4", "Triển khai áp dụng bộ tiêu chí quốc gia ít nhất 01 phòng thí nghiệm được công nhận", "2",
                  (CHI_CUC,), Period(text="2021-2025", start_year=2021, end_year=2025)),
            _task("2.5", "Đào tạo, tập huấn cho các cán bộ tham gia hoạt động đo lường của doanh nghiệp", "2",
                  (CHI_CUC,), Period(text="2021-2025", start_year=2021, end_year=2025)),
            _task("5.1", "Hợp tác quốc tế trong công tác nghiên cứu, đào tạo", None, ("Phòng Quản lý Khoa học",), yearly),
            _task("6.1", "Tuyên truyền, phổ biến trên các phương tiện thông tin đại chúng", None, (CHI_CUC,), yearly),
        ],
        targets=[
            Target(quantity=250, comparator="at_least", unit="người", task_id="2.5",
                   text="Đào tạo, tập huấn ít nhất 250 người"),
            Target(quantity=1, comparator="at_least", unit="phòng thí nghiệm", task_id="2.4",
                   text="Triển khai áp dụng bộ tiêu chí quốc gia ít nhất 01 phòng thí nghiệm được công nhận"),
        ],
        bases=[LegalBasis(number="82/QĐ-BKHCN", text="Quyết định 82/QĐ-BKHCN"), BASIS_996],
    )


# --- programmes and scoring -------------------------------------------------------------------------


def test_programme_data_has_six_groups_with_keywords(programmes: list[Programme]) -> None:
    (decision,) = [p for p in programmes if p.number == "996/QĐ-TTg"]
    assert [g.number for g in decision.task_groups] == [1, 2, 3, 4, 5, 6]
    assert all(len(g.keywords) >= 5 for g in decision.task_groups)


@pytest.mark.parametrize("number", ["996/QĐ-TTg", "996/QD-TTg", "996 / QĐ - TTg", "996/qđ-ttg", "82/QĐ-BKHCN"],
                         ids=["as-printed", "ascii-d", "spaced", "lowercase", "related-ministry-plan"])
def test_cited_programme_by_number(programmes: list[Programme], number: str) -> None:
    plan = _plan("X", "1/KH", bases=[LegalBasis(number=number, text=number)])
    programme = cited_programme(plan, programmes)
    assert programme is not None and programme.number == "996/QĐ-TTg"


def test_no_programme_cited(programmes: list[Programme]) -> None:
    plan = _plan("X", "1/KH", bases=[LegalBasis(number="1/2020/NĐ-CP", text="Nghị định")],
                 tasks=[_task("1", "Tuyên truyền")])
    comparison = compare_plans([plan], programmes)
    assert comparison.coverage == [] and comparison.plans[0].programme is None
    assert "no plan cites a programme" in render(comparison)


def test_tasks_assigned_to_groups(lang_son: Plan, programmes: list[Programme]) -> None:
    groups = {a.task_id: a for a in assign_tasks(lang_son, cited_programme(lang_son, programmes))}  # type: ignore[arg-type]
    assert {k: a.group_id for k, a in groups.items()} == {
        "1.a": "mechanisms", "1.b": "mechanisms", "2.a": "infrastructure", "2.c": "infrastructure",
        "6.a": "communication", "7": "communication",
    }
    assert not groups["1.a"].low_confidence and not groups["2.a"].low_confidence
    assert groups["1.a"].score > groups["1.b"].score > 0


def test_enclosing_group_title_breaks_ties() -> None:
    programme = _programme(
        "1/QĐ-TTg", _group("a", "Hạ tầng đo lường", ("đào tạo",), 1), _group("b", "Truyền thông", ("đào tạo",), 2),
    )
    plan = _plan("X", "1/KH", bases=[LegalBasis(number="1/QĐ-TTg", text="")], tasks=[
        _task("2", "Phát triển hạ tầng đo lường", kind="group"), _task("2.1", "Đào tạo cán bộ", "2"),
        _task("9", "Đào tạo cán bộ"),
    ])
    a, b = assign_tasks(plan, programme)
    assert a.group_id == "a" and a.score > b.score
    assert b.low_confidence  # "đào tạo" alone cannot choose between the two groups


def test_unmatched_task_goes_to_other() -> None:
    programme = _programme("1/QĐ-TTg", _group("a", "Hạ tầng đo lường", ("chuẩn",), 1))
    plan = _plan("X", "1/KH", bases=[LegalBasis(number="1/QĐ-TTg", text="")], tasks=[_task("1", "Việc khác")])
    comparison = compare_plans([plan], [programme])
    assert comparison.assignments[0][0].group_id == OTHER_GROUP
    assert [r.title for r in comparison.coverage] == ["1. Hạ tầng đo lường", "(no group matched)"]
    assert render(comparison, "csv").count("(no group matched)") == 1


def test_low_confidence_marked_in_the_cell() -> None:
    programme = _programme(
        "1/QĐ-TTg", _group("a", "Hạ tầng", ("chuẩn đo lường", "hạ tầng đo lường", "đào tạo"), 1),
        _group("b", "Truyền thông", ("tuyên truyền", "đào tạo"), 2),
    )
    plan = _plan("X", "1/KH", bases=[LegalBasis(number="1/QĐ-TTg", text="")], tasks=[
        _task("1", "Duy trì chuẩn đo lường, hạ tầng đo lường"), _task("2", "Nâng cấp hạ tầng đo lường, chuẩn đo lường"), _task("3", "Đào tạo cán bộ"),
    ])  # the third: "đào tạo" is in both groups, a tie goes to the first, marked doubtful
    text = render(compare_plans([plan], [programme]))
    assert "1. Hạ tầng" in text and "3 (1?)" in text


# --- targets ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("unit", "key"), [
    ("lượt người", "người"), ("người", "người"), ("học viên", "người"), ("Lượt doanh nghiệp", "doanh nghiệp"),
    ("phòng thí nghiệm", "phòng thí nghiệm"), ("%", "%"), (None, ""),
], ids=["turns-of-people", "people", "trainees", "turns-of-enterprises", "labs", "percent", "none"])
def test_normalize_unit(unit: str | None, key: str) -> None:
    assert normalize_unit(unit) == key


@pytest.mark.parametrize(("text", "unit", "subject"), [
    ("Bồi dưỡng, nâng cao chuyên môn nghiệp vụ về đo lường ít nhất 300 lượt người", "lượt người", "trained"),
    ("Đầu tư trang thiết bị, tổ chức thành lập 03 chi nhánh", "chi nhánh", "established"),
    ("Hỗ trợ và khuyến khích xã hội hóa được ít nhất 05 chuẩn đo lường", "chuẩn đo lường", "supported"),
    ("ít nhất 10 lượt doanh nghiệp", "lượt doanh nghiệp", None),
], ids=["trained", "last-action-wins", "supported", "no-action"])
def test_target_subject(text: str, unit: str, subject: str | None) -> None:
    assert target_subject(Target(quantity=1, comparator="at_least", unit=unit, text=text)) == subject


def test_targets_matched_across_plans(lang_son: Plan, other: Plan, programmes: list[Programme]) -> None:
    rows = {(r.year, r.subject, r.unit, r.per_year): r for r in compare_plans([lang_son, other], programmes).targets}
    trained = rows[(2025, "trained", "người", False)]
    assert [[v.quantity for v in cell] for cell in trained.cells] == [[300], [250]]
    assert trained.cells[1][0].task_id == "2.5"  # the task's period gives the milestone
    # "công nhận" follows the unit: no action word before it, the unit alone matches.
    assert [[v.quantity for v in c] for c in rows[(2025, None, "phòng thí nghiệm", False)].cells] == [[1], [1]]
    assert [[v.quantity for v in c] for c in rows[(2025, "trained", "người", True)].cells] == [[60], []]
    assert rows[(2030, "calibrated", "doanh nghiệp", False)].cells[1] == []
    # Rows both plans share come first.
    first = compare_plans([lang_son, other], programmes).targets[:2]
    assert all(all(cell for cell in r.cells) for r in first)


# --- summary, budgets, leads ------------------------------------------------------------------------


def test_plan_years_from_phases_else_tasks(lang_son: Plan, other: Plan) -> None:
    assert plan_years(lang_son) == (2019, 2030)
    assert plan_years(other) == (2021, 2030)
    assert plan_years(_plan("X", "1/KH")) == (None, None)


def test_summary_budgets_and_leads(lang_son: Plan, other: Plan, programmes: list[Programme]) -> None:
    comparison = compare_plans([lang_son, other], programmes)
    first, second = comparison.plans
    assert (first.label, first.tasks, first.budget_vnd, first.errors, first.programme) == (
        "Lạng Sơn 129/KH-UBND", 6, 16_925_000_000, 1, "996/QĐ-TTg")
    assert (second.label, second.tasks, second.budget_vnd, second.programme) == (
        "An Giang 27/KH-SKHCN", 4, None, "996/QĐ-TTg")
    budgets = {r.source: r.cells for r in comparison.budgets}
    assert budgets["total"] == [[("total", 16_925_000_000)], []]
    assert budgets["state budget"][0] == [("Ngân sách nhà nước", 13_500_000_000)]
    assert budgets["science and technology funds"][0][0][1] == 6_000_000_000
    assert budgets["development investment"][0][0][1] == 7_500_000_000
    assert budgets["enterprises and other sources"][0][0][1] == 3_425_000_000
    assert comparison.leads[0][0] == (SO, 5)
    assert comparison.leads[1][0] == (CHI_CUC, 3)


# --- output formats ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(lang_son: Plan, other: Plan, programmes: list[Programme]) -> dict[str, str]:
    comparison = compare_plans([lang_son, other], programmes)
    return {fmt: render(comparison, fmt) for fmt in FORMATS}


def test_text_table(rendered: dict[str, str]) -> None:
    text = rendered["text"]
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("plan "))
    row = next(line for line in lines if line.startswith("Lạng Sơn 129/KH-UBND "))
    # Aligned: each column starts where its header starts.
    assert row.index("Ủy ban nhân dân tỉnh Lạng Sơn") == header.index("issuer")
    assert "16.925.000.000" in row and "2019-2030" in row
    coverage = lines[lines.index("Coverage of 996/QĐ-TTg"):]
    assert any(line.startswith("1. Áp dụng cơ chế") for line in coverage)
    trained = next(line for line in lines if line.startswith("2025: trained người "))
    assert trained.split()[-4:] == ["≥300", "≥250", "(task", "2.5)"]
    assert "6. Đẩy mạnh công tác truyền thông" in text


def test_markdown_table(rendered: dict[str, str]) -> None:
    md = rendered["markdown"]
    assert "| plan | issuer | province | number | date | years | tasks | budget (VND) | errors |" in md
    assert "| 2025: trained người | ≥300 | ≥250 (task 2.5) |" in md
    assert "| total | 16.925.000.000 | - |" in md
    assert "| 1 | Sở Khoa học và Công nghệ (5) | Chi cục Tiêu chuẩn Đo lường Chất lượng (3) |" in md


def test_csv_one_row_per_cell(rendered: dict[str, str]) -> None:
    rows = list(csv.DictReader(io.StringIO(rendered["csv"])))
    cell = {(r["section"], r["row"], r["column"]): r["value"] for r in rows}
    assert cell[("plans", "Lạng Sơn 129/KH-UBND", "budget (VND)")] == "16925000000"
    assert cell[("targets", "2025: trained người", "An Giang 27/KH-SKHCN")] == "≥250 (task 2.5)"
    assert cell[("coverage", "5. Tăng cường hợp tác quốc tế trong công tác nghiên cứu, đào tạo, chuyển giao "
                 "công nghệ về đo lường", "An Giang 27/KH-SKHCN")] == "1"
    assert cell[("budgets", "state budget", "Lạng Sơn 129/KH-UBND")] == "13500000000"


def test_json(rendered: dict[str, str]) -> None:
    data = json.loads(rendered["json"])
    assert [p["label"] for p in data["plans"]] == ["Lạng Sơn 129/KH-UBND", "An Giang 27/KH-SKHCN"]
    assert data["plans"][0]["budget_vnd"] == 16_925_000_000
    groups = {r["group_id"]: r["cells"] for r in data["coverage"]}
    assert groups["communication"][0]["task_ids"] == ["6.a", "7"]
    assert groups["international_cooperation"][1]["tasks"] == 1


def test_single_plan(lang_son: Plan, programmes: list[Programme]) -> None:
    comparison = compare_plans([lang_son], programmes)
    assert len(comparison.plans) == 1 and len(comparison.coverage) >= 6
    text = render(comparison, "markdown")
    assert "## Coverage of 996/QĐ-TTg" in text
    assert "| 4. Triển khai công tác hỗ trợ doanh nghiệp đảm bảo chất lượng sản phẩm hàng hóa | - |" in text


def test_same_label_twice_is_disambiguated(lang_son: Plan, programmes: list[Programme]) -> None:
    labels = [p.label for p in compare_plans([lang_son, lang_son], programmes).plans]
    assert labels == ["Lạng Sơn 129/KH-UBND (1)", "Lạng Sơn 129/KH-UBND (2)"]


def test_unknown_format(lang_son: Plan, programmes: list[Programme]) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(compare_plans([lang_son], programmes), "xml")


# --- the command ------------------------------------------------------------------------------------


def _main():  # type: ignore[no-untyped-def]
    from kehoach.pipeline.cli import main

    return main


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_on_json_outputs(tmp_path: Path, lang_son: Plan, other: Plan, fmt: str) -> None:
    files = []
    for plan in (lang_son, other):
        path = tmp_path / f"{plan.document.province}.json"
        path.write_text(plan.model_dump_json(), encoding="utf-8")
        files.append(str(path))
    result = CliRunner().invoke(_main(), ["compare", *files, "--format", fmt], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Lạng Sơn 129/KH-UBND" in result.output and "An Giang 27/KH-SKHCN" in result.output
    assert "16.925.000.000" in result.output or "16925000000" in result.output


def test_cli_bad_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"tasks": 1}', encoding="utf-8")
    result = CliRunner().invoke(_main(), ["compare", str(bad)])
    assert result.exit_code == 2
    assert "not a kehoach plan JSON" in result.output


# --- the two seeds, end to end ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> list[Plan]:
    from kehoach.pipeline.run import process_path

    plans = []
    for path in (AN_GIANG, LANG_SON):
        result = process_path(str(path))
        assert result.plan is not None, result.error
        plans.append(result.plan)
    return plans


@pytest.fixture(scope="module")
def seed_comparison(seeds: list[Plan], programmes: list[Programme]):  # type: ignore[no-untyped-def]
    return compare_plans(seeds, programmes)


def test_seeds_summary(seed_comparison) -> None:  # type: ignore[no-untyped-def]
    an_giang, lang_son = seed_comparison.plans
    assert (an_giang.label, an_giang.number, an_giang.date, an_giang.province) == (
        "An Giang 27/KH-SKHCN", "27/KH-SKHCN", "2021-04-02", "An Giang")
    assert (an_giang.start_year, an_giang.end_year, an_giang.budget_vnd) == (2021, 2030, None)
    assert an_giang.issuer == "Sở Khoa học và Công nghệ tỉnh An Giang"
    assert (lang_son.label, lang_son.date, lang_son.issuer) == (
        "Lạng Sơn 129/KH-UBND", "2019-07-23", "Ủy ban nhân dân tỉnh Lạng Sơn")
    assert (lang_son.start_year, lang_son.end_year, lang_son.budget_vnd) == (2019, 2030, 16_925_000_000)
    assert an_giang.tasks >= 18 and lang_son.tasks >= 15
    assert an_giang.programme == lang_son.programme == "996/QĐ-TTg"


def test_seeds_cover_all_six_groups(seed_comparison) -> None:  # type: ignore[no-untyped-def]
    rows = {r.group_id: r.cells for r in seed_comparison.coverage}
    groups = ["mechanisms", "infrastructure", "state_management", "enterprise_support",
              "international_cooperation", "communication"]
    assert all(all(cell.tasks >= 1 for cell in rows[g]) for g in groups)


def test_seed_assignments_follow_their_outline_or_are_doubtful(seeds: list[Plan], seed_comparison) -> None:  # type: ignore[no-untyped-def]
    """Both seeds number their task groups as the decision does (1..6): an assignment that disagrees
    with the plan's own heading must be marked low-confidence, and most must agree."""
    order = ["mechanisms", "infrastructure", "state_management", "enterprise_support",
             "international_cooperation", "communication"]
    for plan, assignments in zip(seeds, seed_comparison.assignments):
        parents = {t.id: t.parent_id for t in plan.tasks}
        agree = 0
        checked = 0
        for a in assignments:
            parent = parents[a.task_id] or ""
            number = parent.rsplit(".", 1)[-1]
            if not number.isdigit() or not 1 <= int(number) <= 6:
                continue
            checked += 1
            if a.group_id == order[int(number) - 1]:
                agree += 1
            else:
                assert a.low_confidence, (a, plan.document.number)
        assert checked >= 15 and agree >= checked - 2


def test_seed_targets_side_by_side(seed_comparison) -> None:  # type: ignore[no-untyped-def]
    rows = {(r.year, r.subject, r.unit, r.per_year): [[v.quantity for v in c] for c in r.cells]
            for r in seed_comparison.targets}
    assert rows[(2025, None, "phòng thí nghiệm", False)] == [[1], [1]]  # An Giang task 2.4 beside Lạng Sơn
    assert rows[(2025, "trained", "người", False)] == [[], [300]]
    assert rows[(2030, "trained", "người", False)] == [[], [300]]
    assert rows[(2025, "trained", "người", True)] == [[], [60]]
    assert rows[(2025, "established", "chi nhánh", False)] == [[3], []]
    assert rows[(2030, "established", "chi nhánh", False)] == [[6], []]
    assert rows[(2030, "calibrated", "doanh nghiệp", False)] == [[], [20]]


def test_seed_budgets(seed_comparison) -> None:  # type: ignore[no-untyped-def]
    budgets = {r.source: [[a for _label, a in cell] for cell in r.cells] for r in seed_comparison.budgets}
    assert budgets["total"] == [[], [16_925_000_000]]
    assert budgets["state budget"][1] == [13_500_000_000]
    assert budgets["science and technology funds"][1] == [6_000_000_000]
    assert budgets["development investment"][1] == [7_500_000_000]
    assert budgets["enterprises and other sources"][1] == [3_425_000_000]
    # An Giang names its sources without amounts.
    assert budgets["state budget"][0] and all(a is None for a in budgets["state budget"][0])


def test_seed_leads(seed_comparison) -> None:  # type: ignore[no-untyped-def]
    assert seed_comparison.leads[0][0] == ("Chi cục Tiêu chuẩn Đo lường Chất lượng", 10)


def test_seeds_every_format(seed_comparison) -> None:  # type: ignore[no-untyped-def]
    text = render(seed_comparison, "text")
    header = next(line for line in text.splitlines() if line.startswith("group "))
    assert header.split("  ")[0] == "group" and "An Giang 27/KH-SKHCN" in header and "Lạng Sơn 129/KH-UBND" in header
    lab = next(line for line in text.splitlines() if line.startswith("2025: phòng thí nghiệm"))
    assert "≥1 (task 2.4)" in lab and lab.endswith("≥1")
    assert "16.925.000.000" in text
    md = render(seed_comparison, "markdown")
    assert "| 2025: phòng thí nghiệm | ≥1 (task 2.4) | ≥1 |" in md
    assert "| 2025: trained người | - | ≥300 |" in md
    assert "| total | - | 16.925.000.000 |" in md
    cells = {(r["section"], r["row"], r["column"]): r["value"] for r in csv.DictReader(io.StringIO(render(seed_comparison, "csv")))}
    assert cells[("targets", "2025: trained người", "Lạng Sơn 129/KH-UBND")] == "≥300"
    assert cells[("plans", "An Giang 27/KH-SKHCN", "years")] == "2021-2030"
    assert cells[("budgets", "development investment", "Lạng Sơn 129/KH-UBND")] == "7500000000"
    data = json.loads(render(seed_comparison, "json"))
    assert [p["number"] for p in data["plans"]] == ["27/KH-SKHCN", "129/KH-UBND"]
    assert len([r for r in data["coverage"] if r["group_id"] != OTHER_GROUP]) == 6


def test_cli_on_seeds() -> None:
    result = CliRunner().invoke(_main(), ["compare", str(AN_GIANG), str(LANG_SON), "--format", "markdown"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "## Coverage of 996/QĐ-TTg" in result.output
    assert "| 2025: trained người | - | ≥300 |" in result.output


def test_plan_of_another_programme_is_not_classified(lang_son: Plan, programmes: list[Programme]) -> None:
    # Cần Thơ 153/KH-UBND carries out the national drug-prevention programme (Nghị quyết 163/2024/QH15),
    # none that the reference data holds: its tasks are not forced into Decision 996's groups.
    from kehoach.pipeline.run import extract_plan

    path = ROOT / "tests" / "corpus" / "documents" / "can-tho-153-kh-ubnd.md"
    other = extract_plan(path.read_bytes(), str(path)).plan
    assert other is not None
    comparison = compare_plans([lang_son, other], programmes)
    assert [p.programme for p in comparison.plans] == ["996/QĐ-TTg", None]
    assert comparison.assignments[1] == []
    assert all(row.cells[1] is None for row in comparison.coverage)
    cells = {(r["section"], r["column"]): r["value"] for r in csv.DictReader(io.StringIO(render(comparison, "csv")))
             if r["section"] == "coverage"}
    assert cells[("coverage", comparison.plans[1].label)] == "not classified"
