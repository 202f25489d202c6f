"""Task rules: ids are unique, numbering does not skip, every task names who leads it.

Plans number tasks "1.", "1.1", "1.2" or "a)", "b)", "c)" (the Vietnamese letter order of legal
drafting: a b c d đ e g h i k l m n o p q r s t u v x y) or "I.", "II."; a task table gives
"Đơn vị chủ trì" for each task. Numbers are compared among siblings (same parent), by their last
component as printed; unnumbered items ("4#1") are not compared.
"""

from __future__ import annotations

from kehoach.extractors.outline import in_latin_order, letter_follows, ordinal
from kehoach.pipeline.validators import rule
from kehoach.schemas import Finding, Plan, Task
from kehoach.schemas.findings import finding


def _scope(task: Task) -> str:
    """Where a top-level task's number is unique: its id before the number ("II.1" -> "II.");
    below a parent task, the parent alone is the level."""
    if task.parent_id is not None:
        return ""
    number = (task.number or "").strip().rstrip(".)")
    at = task.id.rfind(number) if number else -1
    return task.id[:at] if at >= 0 else ""


def _siblings(tasks: list[Task]) -> dict[tuple[str | None, str], list[Task]]:
    """Tasks by level: the same parent and the same id prefix (top-level tasks under different
    headings, "II.1" and "V.1", are at different levels)."""
    out: dict[tuple[str | None, str], list[Task]] = {}
    for task in tasks:
        out.setdefault((task.parent_id, _scope(task)), []).append(task)
    return out


def _where(parent: str | None, scope: str) -> str:
    if parent:
        return f"under task {parent}"
    return f"under {scope.rstrip('.#')}" if scope.strip(".#") else "at the top level"


@rule("DUPLICATE_TASK_ID", description="no two tasks share an id, nor a number under the same parent")
def task_ids_are_unique(plan: Plan) -> list[Finding]:
    findings: list[Finding] = []
    seen_ids: dict[str, Task] = {}
    for task in plan.tasks:
        if task.id in seen_ids:
            findings.append(
                finding("DUPLICATE_TASK_ID", f"task id {task.id!r} is used twice", task.source)
            )
        seen_ids.setdefault(task.id, task)
    reported = {f.message for f in findings}
    for (parent, scope), tasks in _siblings(plan.tasks).items():
        numbers: dict[str, Task] = {}
        for task in tasks:
            if task.number is None:
                continue
            key = task.number.strip().rstrip(".)")
            if key in numbers and numbers[key].id != task.id:
                message = (
                    f"number {task.number!r} is used twice {_where(parent, scope)} "
                    f"(tasks {numbers[key].id} and {task.id})"
                )
                if message not in reported:
                    findings.append(finding("DUPLICATE_TASK_ID", message, task.source))
            numbers.setdefault(key, task)
    return findings


@rule("NUMBERING_GAP", description="sibling task numbers follow each other (1.1, 1.2; a, b)")
def numbering_has_no_gaps(plan: Plan) -> list[Finding]:
    findings: list[Finding] = []
    for (parent, scope), tasks in _siblings(plan.tasks).items():
        numbered = [(t, ordinal(t.number)) for t in tasks if t.number]
        latin: bool | None = None  # read only when letters skip: the numbers are the same throughout
        for (prev_task, prev), (task, cur) in zip(numbered, numbered[1:]):
            if prev is None or cur is None or prev[0] != cur[0] or cur[1] <= prev[1] + 1:
                continue
            if prev[0] == "letter" and latin is None:
                latin = in_latin_order([t.number for t in tasks if t.number])
            if prev[0] == "letter" and latin and letter_follows(prev_task.number or "", task.number or ""):
                continue
            where = _where(parent, scope)
            findings.append(
                finding(
                    "NUMBERING_GAP",
                    f"task numbering skips from {prev_task.number!r} to {task.number!r} {where}",
                    task.source,
                )
            )
    return findings


@rule("TASK_WITHOUT_LEAD_UNIT", description="every task (not group) names a lead unit")
def tasks_have_a_lead(plan: Plan) -> list[Finding]:
    return [
        finding("TASK_WITHOUT_LEAD_UNIT", f"task {task.id} names no lead unit", task.source)
        for task in plan.tasks
        if task.kind == "task" and not task.lead_units
    ]
