"""Task rules on small Plans: unique ids, no numbering gaps, a lead unit for every task."""

from __future__ import annotations

import pytest

from kehoach.schemas import Plan, Source, Task

from kehoach.pipeline.validators.tasks import numbering_has_no_gaps, task_ids_are_unique, tasks_have_a_lead

SOURCE = Source(path="plan.txt", format="txt", sha256="0" * 64)


def task(task_id: str, number: str | None = None, parent: str | None = None, kind: str = "task",
         lead: list[str] | None = None) -> Task:
    return Task(id=task_id, number=number if number is not None else task_id, parent_id=parent,
                kind=kind, title=task_id, lead_units=lead if lead is not None else ["Sở KH&CN"])  # type: ignore[arg-type]


def plan(*tasks: Task) -> Plan:
    return Plan(source=SOURCE, tasks=list(tasks))


def test_unique_ids() -> None:
    assert task_ids_are_unique(plan(task("1", kind="group"), task("1.1", parent="1"), task("1.2", parent="1"))) == []


def test_duplicate_id() -> None:
    findings = task_ids_are_unique(plan(task("1.1", parent="1"), task("1.1", parent="1")))
    assert [(f.code, f.severity) for f in findings] == [("DUPLICATE_TASK_ID", "error")]


def test_duplicate_number_under_one_parent() -> None:
    findings = task_ids_are_unique(plan(task("II.1.a", "a", "II.1"), task("II.1.a#2", "a", "II.1")))
    assert len(findings) == 1 and "'a'" in findings[0].message
    assert task_ids_are_unique(plan(task("I.1.a", "a", "I.1"), task("II.1.a", "a", "II.1"))) == []


def test_numbering_gap_decimal() -> None:
    findings = numbering_has_no_gaps(plan(task("1.1", parent="1"), task("1.3", parent="1")))
    assert [(f.code, f.severity) for f in findings] == [("NUMBERING_GAP", "warning")]
    assert "'1.1' to '1.3'" in findings[0].message


def test_numbering_gap_letters() -> None:
    assert len(numbering_has_no_gaps(plan(task("1.a", "a", "1"), task("1.c", "c", "1")))) == 1
    assert numbering_has_no_gaps(plan(task("1.d", "d)", "1"), task("1.đ", "đ)", "1"), task("1.e", "e)", "1"))) == []
    assert numbering_has_no_gaps(plan(task("1.e", "e", "1"), task("1.g", "g", "1"))) == []
    assert numbering_has_no_gaps(plan(task("1.e", "e", "1"), task("1.f", "f", "1"))) == []


@pytest.mark.parametrize("printed", ["{}", "{})", "{}."])
def test_numbering_gap_over_dd(printed: str) -> None:
    # Lạng Sơn's general objectives run a) b) c) d) đ); lettered a) b) c) d) e), the list skips đ.
    # The extractor keeps the number as "d" (the samples' expected output); a Plan may carry "d)".
    letters = [task(f"1.{c}", printed.format(c), "1") for c in "abcde"]
    findings = numbering_has_no_gaps(plan(*letters))
    d, e = printed.format("d"), printed.format("e")
    assert [(f.code, f.message) for f in findings] == [
        ("NUMBERING_GAP", f"task numbering skips from {d!r} to {e!r} under task 1")
    ]
    assert numbering_has_no_gaps(plan(*[task(f"1.{c}", printed.format(c), "1") for c in "abcdđeg"])) == []
    # A list that prints f is in the Latin order, where e follows d.
    assert numbering_has_no_gaps(plan(*[task(f"1.{c}", printed.format(c), "1") for c in "abcdefg"])) == []


def test_numbering_roman_and_top_level() -> None:
    assert numbering_has_no_gaps(plan(task("I"), task("II"), task("III"))) == []
    assert len(numbering_has_no_gaps(plan(task("I"), task("III")))) == 1
    assert len(numbering_has_no_gaps(plan(task("1"), task("2"), task("4")))) == 1


def test_unnumbered_items_are_not_compared() -> None:
    assert numbering_has_no_gaps(plan(task("4#1", "", "4"), task("4#2", "", "4"))) == []


def test_task_without_lead_unit() -> None:
    findings = tasks_have_a_lead(plan(task("6", kind="group", lead=[]), task("6.2", parent="6", lead=[])))
    assert [(f.code, f.severity, f.message) for f in findings] == [
        ("TASK_WITHOUT_LEAD_UNIT", "info", "task 6.2 names no lead unit")
    ]


def test_top_level_numbers_under_different_headings_are_different_levels() -> None:
    tasks = [task("II.1", "1"), task("II.2", "2"), task("V.1", "1"), task("V.2", "2")]
    assert task_ids_are_unique(plan(*tasks)) == []
    assert numbering_has_no_gaps(plan(*tasks)) == []
    gap = numbering_has_no_gaps(plan(task("II.1", "1"), task("II.3", "3"), task("V.1", "1")))
    assert [f.message for f in gap] == ["task numbering skips from '1' to '3' under II"]
    # The same number twice under the same heading is a duplicate, reported once with both ids.
    dup = task_ids_are_unique(plan(task("II.1", "1"), task("II.1#x", "1", None)))
    assert [(f.code, f.message) for f in dup] == [
        ("DUPLICATE_TASK_ID", "number '1' is used twice under II (tasks II.1 and II.1#x)")
    ]
