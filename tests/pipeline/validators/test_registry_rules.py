"""All rules together: every contract code but the pipeline's and the tasks extractor's has a rule,
and validation never changes what was extracted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.schemas import Budget, BudgetItem, Period, Phase, Plan, Source, Task
from kehoach.schemas.findings import FINDING_CODES

from kehoach.pipeline.validators import RULES, _load_rules, validate

SOURCE = Source(path="plan.txt", format="txt", sha256="0" * 64)
EMITTED_ELSEWHERE = {"TEXT_LAYER_UNREADABLE", "UNDEFINED_ABBREVIATION", "LEGACY_ENCODING_CONVERTED", "OCR_TEXT_DOUBTFUL",
                     "AMOUNT_FOREIGN_CURRENCY"}


def test_every_code_has_a_rule() -> None:
    _load_rules()
    covered = {code for registered in RULES.values() for code in registered.codes}
    assert covered == set(FINDING_CODES) - EMITTED_ELSEWHERE


years = st.one_of(st.none(), st.integers(1000, 3000))
amounts = st.one_of(st.none(), st.integers(0, 10**13))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    phases = [Phase(name=f"p{i}", start_year=draw(years), end_year=draw(years)) for i in range(draw(st.integers(0, 3)))]
    tasks = [
        Task(
            id=draw(st.sampled_from(["1", "1.1", "1.2", "1.4", "a", "c"])), number=draw(st.sampled_from([None, "1", "1.3", "b"])),
            parent_id=draw(st.sampled_from([None, "1"])), kind=draw(st.sampled_from(["group", "task"])), title="t",
            period=Period(text="x", start_year=draw(years), end_year=draw(years)), budget_vnd=draw(amounts),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    items = [BudgetItem(label="a", amount_vnd=draw(amounts), items=[BudgetItem(label="b", amount_vnd=draw(amounts))])]
    budget = draw(st.one_of(st.none(), st.just(Budget(total_vnd=draw(amounts), total_in_words="x", total_in_words_vnd=draw(amounts), items=items))))
    return Plan(source=SOURCE, phases=phases, tasks=tasks, budget=budget)


@settings(max_examples=200, deadline=None)
@given(plans())
def test_validation_changes_nothing_and_never_raises(plan: Plan) -> None:
    before = plan.model_dump()
    result = validate(plan)
    assert result.errors == []
    assert plan.model_dump() == before
    assert all(f.code in FINDING_CODES for f in result.findings)
