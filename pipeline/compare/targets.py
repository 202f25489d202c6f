"""Targets side by side: what a target counts and by when, so that plans' targets can be matched.

A target's milestone is its year, or for a task's target with no year, the end year of that task's
period. What it counts is its unit phrase normalized (comparison key, a leading "lượt"/"số" dropped, a
few synonyms folded: "lượt người", "người", "học viên" all count people) and its subject: the last
action word before the quantity ("bồi dưỡng" / "đào tạo" / "tập huấn": trained; "hỗ trợ": supported;
...). Targets match across plans when year, normalized unit, subject and per-year flag are equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kehoach.extractors.vntext import comparison_key
from kehoach.pipeline.compare.keys import padded_key
from kehoach.schemas import Plan, Target, Task

# Leading counting words dropped from a unit phrase: "lượt người" counts people.
_UNIT_PREFIXES = ("lượt", "số", "cơ sở")
# Unit phrases that count the same thing (comparison keys, after the prefixes are dropped).
_UNIT_SYNONYMS = {
    "học viên": "người",
    "cán bộ": "người",
    "người tham gia": "người",
    "doanh nghiệp, tổ chức": "doanh nghiệp",
    "tổ chức, doanh nghiệp": "doanh nghiệp",
    "phòng thử nghiệm": "phòng thí nghiệm",
}
# Action words naming what a target counts; the last one before the quantity decides.
_SUBJECTS: dict[str, tuple[str, ...]] = {
    "trained": ("đào tạo", "bồi dưỡng", "tập huấn"),
    "supported": ("hỗ trợ", "khuyến khích", "xã hội hóa"),
    "inspected": ("kiểm tra", "thanh tra"),
    "established": ("thành lập", "xây dựng", "phát triển"),
    "invested": ("đầu tư",),
    "certified": ("công nhận", "chứng nhận", "đáp ứng"),
    "calibrated": ("kiểm định", "hiệu chuẩn", "thử nghiệm"),
    "communicated": ("tuyên truyền", "phổ biến"),
}


@dataclass
class TargetValue:
    quantity: float
    comparator: str
    unit: str | None
    task_id: str | None
    text: str
    quantity_max: float | None = None
    approximate: bool = False


@dataclass
class TargetRow:
    year: int | None
    subject: str | None
    unit: str
    per_year: bool
    cells: list[list[TargetValue]]


def normalize_unit(unit: str | None) -> str:
    """"lượt người" -> "người"; "Phòng thí nghiệm" -> "phòng thí nghiệm"; None -> ""."""
    key = comparison_key(unit or "").strip(" .;:,")
    for prefix in _UNIT_PREFIXES:
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1:]
            break
    return _UNIT_SYNONYMS.get(key, key)


def target_subject(target: Target) -> str | None:
    """What the target counts, from the last action word before its unit (or quantity) in its text."""
    text = padded_key(target.text)
    unit = padded_key(target.unit).strip() if target.unit else ""
    cut = text.find(f" {unit} ") if unit and unit != "%" else -1
    if cut < 0:
        quantity = f"{target.quantity:g}"
        cut = text.find(f" {quantity} ")
    if cut < 0:
        cut = len(text)
    before = text[: cut + 1]
    best: tuple[int, str] | None = None
    for subject, words in _SUBJECTS.items():
        for word in words:
            at = before.rfind(f" {comparison_key(word)} ")
            if at >= 0 and (best is None or at > best[0]):
                best = (at, subject)
    return best[1] if best else None


def target_year(target: Target, tasks: dict[str, Task]) -> int | None:
    if target.year is not None:
        return target.year
    task = tasks.get(target.task_id or "")
    if task and task.period:
        return task.period.end_year or max(task.period.years, default=None)
    return None


def target_rows(plans: Sequence[Plan]) -> list[TargetRow]:
    """A row per (milestone, subject, unit, per-year) found in any plan, a cell per plan."""
    rows: dict[tuple[int | None, str | None, str, bool], TargetRow] = {}
    for index, plan in enumerate(plans):
        tasks = {t.id: t for t in plan.tasks}
        for target in plan.targets:
            unit = normalize_unit(target.unit)
            key = (target_year(target, tasks), target_subject(target), unit, target.per_year)
            row = rows.get(key)
            if row is None:
                row = rows[key] = TargetRow(key[0], key[1], unit, target.per_year, [[] for _ in plans])
            row.cells[index].append(
                TargetValue(
                    target.quantity, target.comparator, target.unit, target.task_id, target.text,
                    target.quantity_max, target.approximate,
                )
            )
    # Rows several plans share first, then by year, subject and unit.
    return sorted(
        rows.values(),
        key=lambda r: (-sum(bool(c) for c in r.cells), r.year or 9999, r.subject or "~", r.unit, r.per_year),
    )
