"""Comparing plans side by side: who issued them, national task groups covered, targets, budgets, leads.

Works on Plans only, never on documents. `compare_plans` builds a `Comparison` (plain data); the
renderers turn it into a terminal table, Markdown, CSV (one row per cell) or JSON.

Coverage of a national programme. A plan carries out the programmes it cites among its legal bases
("Căn cứ Quyết định số 996/QĐ-TTg ...", or a document the programme's data lists as related, such as
the ministry's plan carrying it out): each of its tasks is scored against each task group of that
programme and assigned to the best one. A group's vocabulary is its keyword phrases (from the
programme's data file) plus every two-syllable window of its name and of the variant names provinces
use. A term found in a text scores its syllable count divided by the number of the programme's
groups whose vocabulary holds it, so "truyền thông" counts fully for the communication group while
"đo lường", in every name, counts a sixth. A task's score for a group is that sum over its own title,
plus CONTEXT_WEIGHT times the sum over the title of the plan group that encloses it (provinces usually
copy the programme's outline, so the heading is good evidence but not the only one). Matching is on
comparison keys (casefolded, tone placement folded, punctuation as spaces, whole syllables). The best
group wins; the assignment is marked low-confidence when the best score is under LOW_SCORE, when the
runner-up reaches RUNNER_UP_SHARE of it, or when the task's own title gives the winner nothing (the
heading alone decided). A task scoring zero everywhere stays unassigned (the "other" row).

Targets side by side. A target's milestone is its year, or for a task's target with no year, the end
year of that task's period. What it counts is its unit phrase normalized (comparison key, a leading
"lượt"/"số" dropped, a few synonyms folded: "lượt người", "người", "học viên" all count people) and
its subject: the last action word before the quantity ("bồi dưỡng" / "đào tạo" / "tập huấn": trained;
"hỗ trợ": supported; ...). Targets match across plans when year, normalized unit, subject and
per-year flag are equal.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from extractors.vntext import comparison_key
from schemas import Plan, Target, Task

CONTEXT_WEIGHT = 0.5
LOW_SCORE = 5.0
RUNNER_UP_SHARE = 0.75
TOP_LEADS = 3
OTHER_GROUP = "other"

_NON_WORD = re.compile(r"[^\w%]+")

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
# Budget sources, matched on the comparison key of an item's label (the first that fits wins).
_BUDGET_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("science and technology funds", ("sự nghiệp khoa học",)),
    ("development investment", ("đầu tư phát triển",)),
    ("central budget", ("ngân sách trung ương",)),
    ("local budget", ("ngân sách tỉnh", "ngân sách địa phương")),
    ("state budget", ("ngân sách nhà nước",)),
    ("enterprises and other sources", ("doanh nghiệp", "xã hội hóa", "huy động", "hợp pháp khác")),
)

_COMPARATOR_SIGNS = {"at_least": "≥", "at_most": "≤", "over": ">", "exactly": ""}


# --- programmes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeGroup:
    id: str
    title: str
    keywords: tuple[str, ...] = ()
    number: str | None = None
    variants: tuple[str, ...] = ()  # other headings provinces give the group

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Programme:
    number: str
    name: str
    groups: tuple[ProgrammeGroup, ...]
    related: tuple[str, ...] = ()  # numbers of documents carrying it out nationally ("82/QĐ-BKHCN")


def _get(obj: object, name: str, default: object = None) -> Any:
    value = obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)
    return default if value is None else value


def programme_from_data(data: object) -> Programme:
    """A Programme from the reference type or the raw JSON of `pipeline/data/programmes/*.json`."""
    groups = []
    for index, group in enumerate(_get(data, "task_groups") or _get(data, "groups", []), start=1):
        number = _get(group, "number")
        groups.append(ProgrammeGroup(
            id=str(_get(group, "id") or number or index),
            title=str(_get(group, "name") or _get(group, "title", "")),
            keywords=tuple(str(k) for k in _get(group, "keywords", ())),
            number=str(number) if number is not None else None,
            variants=tuple(str(v) for v in _get(group, "name_variants", ())),
        ))
    return Programme(
        number=str(_get(data, "number", "")),
        name=str(_get(data, "short_name") or _get(data, "title", "")),
        groups=tuple(groups),
        related=tuple(str(r) for r in _get(data, "related", ())),
    )


def _programme_files() -> list[object]:
    import json as _json
    from importlib.resources import files

    folder = files("pipeline").joinpath("data", "programmes")
    return [
        _json.loads(item.read_text(encoding="utf-8"))
        for item in sorted(folder.iterdir(), key=lambda f: f.name)
        if item.name.endswith(".json")
    ]


def load_programmes() -> list[Programme]:
    """The national programmes in the reference data (`pipeline/data/programmes/`)."""
    try:
        from pipeline.reference import load_reference
    except ImportError:
        items: Iterable[object] = _programme_files()
    else:
        found = _get(load_reference(), "programmes", None)
        if found is None:
            items = _programme_files()
        else:
            items = found.values() if isinstance(found, dict) else found
    return [programme_from_data(item) for item in items]


def _number_key(number: str) -> str:
    """"996/QĐ-TTg", "996/QD-TTg" and "996 / QĐ - TTg" give one key."""
    return re.sub(r"\s+", "", comparison_key(number)).replace("đ", "d")


def cited_programme(plan: Plan, programmes: Sequence[Programme]) -> Programme | None:
    """The first programme the plan cites among its legal bases, by its number or a related one's."""
    by_number = {_number_key(n): p for p in programmes for n in (p.number, *p.related) if n}
    for basis in plan.document.legal_bases:
        if basis.number and (programme := by_number.get(_number_key(basis.number))):
            return programme
    return None


# --- scoring tasks against groups -----------------------------------------------------------------


def _padded_key(text: str) -> str:
    return " " + " ".join(_NON_WORD.sub(" ", comparison_key(text)).split()) + " "


def _title_bigrams(title: str) -> set[str]:
    words = _padded_key(title).split()
    return {f"{a} {b}" for a, b in zip(words, words[1:])}


@dataclass(frozen=True)
class _Vocabulary:
    terms: dict[str, dict[str, float]]  # group id -> term -> weight

    @classmethod
    def of(cls, programme: Programme) -> _Vocabulary:
        raw: dict[str, set[str]] = {}
        for group in programme.groups:
            keywords = {_padded_key(k).strip() for k in group.keywords}
            bigrams = set().union(*(_title_bigrams(t) for t in (group.title, *group.variants)))
            raw[group.id] = {t for t in keywords | bigrams if t}
        spread = Counter(term for terms in raw.values() for term in terms)
        return cls({gid: {t: len(t.split()) / spread[t] for t in terms} for gid, terms in raw.items()})

    def scores(self, text: str) -> dict[str, float]:
        padded = _padded_key(text)
        return {
            gid: sum(w for t, w in terms.items() if f" {t} " in padded) for gid, terms in self.terms.items()
        }


@dataclass
class Assignment:
    task_id: str
    group_id: str  # OTHER_GROUP when nothing matched
    score: float
    low_confidence: bool


def assign_tasks(plan: Plan, programme: Programme) -> list[Assignment]:
    """Each task of the plan (groups excluded) with its programme group and score."""
    vocabulary = _Vocabulary.of(programme)
    titles = {t.id: t.title for t in plan.tasks}
    out = []
    for task in plan.tasks:
        if task.kind != "task":
            continue
        own = vocabulary.scores(task.title)
        context_title = titles.get(task.parent_id or "", "")
        context = vocabulary.scores(context_title) if context_title else {}
        totals = {gid: own[gid] + CONTEXT_WEIGHT * context.get(gid, 0.0) for gid in own}
        ranked = sorted(totals.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] <= 0:
            out.append(Assignment(task.id, OTHER_GROUP, 0.0, True))
            continue
        (best_id, best), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
        low = best < LOW_SCORE or runner_up >= RUNNER_UP_SHARE * best or own[best_id] <= 0
        out.append(Assignment(task.id, best_id, round(best, 2), low))
    return out


# --- the comparison -------------------------------------------------------------------------------


@dataclass
class PlanSummary:
    label: str
    path: str
    issuer: str | None
    province: str | None
    number: str | None
    date: str | None
    start_year: int | None
    end_year: int | None
    tasks: int
    budget_vnd: int | None
    errors: int
    programme: str | None


@dataclass
class CoverageCell:
    tasks: int = 0
    low_confidence: int = 0
    task_ids: list[str] = field(default_factory=list)


@dataclass
class CoverageRow:
    programme: str
    group_id: str
    title: str
    cells: list[CoverageCell | None]  # None: the plan does not cite this programme


@dataclass
class TargetValue:
    quantity: float
    comparator: str
    unit: str | None
    task_id: str | None
    text: str


@dataclass
class TargetRow:
    year: int | None
    subject: str | None
    unit: str
    per_year: bool
    cells: list[list[TargetValue]]


@dataclass
class BudgetRow:
    source: str
    cells: list[list[tuple[str, int | None]]]  # per plan: (label as printed, amount)


@dataclass
class Comparison:
    plans: list[PlanSummary]
    coverage: list[CoverageRow]
    assignments: list[list[Assignment]]
    targets: list[TargetRow]
    budgets: list[BudgetRow]
    leads: list[list[tuple[str, int]]]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def plan_label(plan: Plan) -> str:
    doc = plan.document
    place = doc.province or doc.place or doc.issuer
    parts = [p for p in (place, doc.number) if p]
    if parts:
        return " ".join(parts)
    return plan.source.path.rsplit("/", 1)[-1] or "plan"


def plan_years(plan: Plan) -> tuple[int | None, int | None]:
    """The plan's span: from its phases, else from its tasks' periods."""
    starts = [p.start_year for p in plan.phases if p.start_year]
    ends = [p.end_year or p.start_year for p in plan.phases if p.end_year or p.start_year]
    if not starts and not ends:
        for task in plan.tasks:
            period = task.period
            if period is None:
                continue
            starts += [y for y in (period.start_year, *period.years) if y]
            ends += [y for y in (period.end_year, *period.years) if y]
    return (min(starts) if starts else None, max(ends) if ends else None)


def _summary(plan: Plan, label: str, programme: Programme | None) -> PlanSummary:
    start, end = plan_years(plan)
    doc = plan.document
    return PlanSummary(
        label=label, path=plan.source.path, issuer=doc.issuer, province=doc.province, number=doc.number,
        date=doc.issued_date, start_year=start, end_year=end,
        tasks=sum(t.kind == "task" for t in plan.tasks),
        budget_vnd=plan.budget.total_vnd if plan.budget else None,
        errors=sum(f.severity == "error" for f in plan.findings),
        programme=programme.number if programme else None,
    )


def _unique_labels(plans: Sequence[Plan]) -> list[str]:
    labels = [plan_label(p) for p in plans]
    counts = Counter(labels)
    seen: Counter[str] = Counter()
    out = []
    for label in labels:
        seen[label] += 1
        out.append(f"{label} ({seen[label]})" if counts[label] > 1 else label)
    return out


def _coverage(
    cited: list[Programme | None], assignments: list[list[Assignment]]
) -> list[CoverageRow]:
    rows: list[CoverageRow] = []
    programmes: list[Programme] = []
    for programme in cited:
        if programme and programme not in programmes:
            programmes.append(programme)
    for programme in programmes:
        groups = [(g.id, g.label) for g in programme.groups] + [(OTHER_GROUP, "(no group matched)")]
        for gid, title in groups:
            cells: list[CoverageCell | None] = []
            for plan_programme, plan_assignments in zip(cited, assignments):
                if plan_programme != programme:
                    cells.append(None)
                    continue
                mine = [a for a in plan_assignments if a.group_id == gid]
                cells.append(CoverageCell(len(mine), sum(a.low_confidence for a in mine), [a.task_id for a in mine]))
            if gid == OTHER_GROUP and not any(c and c.tasks for c in cells):
                continue
            rows.append(CoverageRow(programme.number, gid, title, cells))
    return rows


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
    text = _padded_key(target.text)
    unit = _padded_key(target.unit).strip() if target.unit else ""
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


def _targets(plans: Sequence[Plan]) -> list[TargetRow]:
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
                TargetValue(target.quantity, target.comparator, target.unit, target.task_id, target.text)
            )
    # Rows several plans share first, then by year, subject and unit.
    return sorted(
        rows.values(),
        key=lambda r: (-sum(bool(c) for c in r.cells), r.year or 9999, r.subject or "~", r.unit, r.per_year),
    )


def budget_source(label: str) -> str:
    key = comparison_key(label)
    for name, words in _BUDGET_SOURCES:
        if any(word in key for word in words):
            return name
    return "other"


def _budgets(plans: Sequence[Plan]) -> list[BudgetRow]:
    rows: dict[str, BudgetRow] = {"total": BudgetRow("total", [[] for _ in plans])}
    for index, plan in enumerate(plans):
        if plan.budget is None:
            continue
        if plan.budget.total_vnd is not None:
            rows["total"].cells[index].append(("total", plan.budget.total_vnd))
        stack = [(item, 0) for item in reversed(plan.budget.items)]
        while stack:
            item, depth = stack.pop()
            source = budget_source(item.label)
            if source == "other" and depth > 0:
                continue
            row = rows.setdefault(source, BudgetRow(source, [[] for _ in plans]))
            row.cells[index].append((item.label, item.amount_vnd))
            if depth < 1:
                stack.extend((child, depth + 1) for child in reversed(item.items))
    task_sums = [sum(t.budget_vnd or 0 for t in p.tasks) for p in plans]
    if any(task_sums):
        rows["sum of task budgets"] = BudgetRow(
            "sum of task budgets", [[("tasks", s)] if s else [] for s in task_sums]
        )
    return list(rows.values())


def _leads(plan: Plan, top: int) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for task in plan.tasks:
        if task.kind != "task":
            continue
        for unit in dict.fromkeys(comparison_key(u) for u in task.lead_units):
            counts[unit] += 1
        for unit in task.lead_units:
            names.setdefault(comparison_key(unit), unit)
    return [(names[key], n) for key, n in counts.most_common(top)]


def compare_plans(
    plans: Sequence[Plan], programmes: Sequence[Programme], *, labels: Sequence[str] | None = None,
    top_leads: int = TOP_LEADS,
) -> Comparison:
    """Everything the side-by-side view shows, as data."""
    names = list(labels) if labels else _unique_labels(plans)
    cited = [cited_programme(p, programmes) for p in plans]
    assignments = [assign_tasks(p, prog) if prog else [] for p, prog in zip(plans, cited)]
    return Comparison(
        plans=[_summary(p, n, prog) for p, n, prog in zip(plans, names, cited)],
        coverage=_coverage(cited, assignments),
        assignments=assignments,
        targets=_targets(plans),
        budgets=_budgets(plans),
        leads=[_leads(p, top_leads) for p in plans],
    )


# --- rendering ------------------------------------------------------------------------------------


@dataclass
class Table:
    name: str
    title: str
    header: list[str]
    rows: list[list[str]]
    note: str = ""


def format_vnd(amount: int | None) -> str:
    return "-" if amount is None else f"{amount:,}".replace(",", ".")


def _format_quantity(value: TargetValue) -> str:
    quantity = f"{value.quantity:g}"
    text = _COMPARATOR_SIGNS.get(value.comparator, "") + quantity
    if value.unit == "%":
        text += "%"
    return f"{text} (task {value.task_id})" if value.task_id else text


def _coverage_cell(cell: CoverageCell | None) -> str:
    if cell is None:
        return "n/a"
    if not cell.tasks:
        return "-"
    return f"{cell.tasks} ({cell.low_confidence}?)" if cell.low_confidence else str(cell.tasks)


def _target_label(row: TargetRow) -> str:
    year = str(row.year) if row.year else "no year"
    what = " ".join(p for p in (row.subject, row.unit or "(no unit)") if p)
    return f"{year}: {what}{' per year' if row.per_year else ''}"


def comparison_tables(comparison: Comparison) -> list[Table]:
    """The comparison as tables: plans (one row each), coverage, targets, budgets, leads."""
    labels = [p.label for p in comparison.plans]
    plans = Table("plans", "Plans", ["plan", "issuer", "province", "number", "date", "years", "tasks", "budget (VND)", "errors"], [
        [
            p.label, p.issuer or "-", p.province or "-", p.number or "-", p.date or "-",
            f"{p.start_year or '?'}-{p.end_year or '?'}" if p.start_year or p.end_year else "-",
            str(p.tasks), format_vnd(p.budget_vnd), str(p.errors),
        ]
        for p in comparison.plans
    ])
    cited = sorted({p.programme for p in comparison.plans if p.programme})
    coverage = Table(
        "coverage", "Coverage of " + (", ".join(cited) if cited else "national programmes"),
        ["group", *labels],
        [[r.title, *map(_coverage_cell, r.cells)]
         for r in comparison.coverage],
        note="tasks per group; (n?) of them low-confidence; n/a: plan does not cite the programme"
        if comparison.coverage else "no plan cites a programme in the reference data",
    )
    targets = Table("targets", "Targets by milestone", ["target", *labels], [
        [_target_label(r), *("; ".join(_format_quantity(v) for v in cell) or "-" for cell in r.cells)]
        for r in comparison.targets
    ])
    budgets = Table("budgets", "Budget (VND) and sources", ["source", *labels], [
        [r.source, *("; ".join(format_vnd(a) if a is not None else "(no amount)" for _l, a in cell) or "-"
                     for cell in r.cells)]
        for r in comparison.budgets
    ])
    depth = max((len(lead) for lead in comparison.leads), default=0)
    leads = Table("leads", "Units leading most tasks", ["rank", *labels], [
        [str(rank + 1), *(f"{lead[rank][0]} ({lead[rank][1]})" if rank < len(lead) else "-"
                          for lead in comparison.leads)]
        for rank in range(depth)
    ])
    return [plans, coverage, targets, budgets, leads]


def _wrap(cell: str, width: int) -> list[str]:
    return textwrap.wrap(cell, width, break_long_words=True, break_on_hyphens=False) or [""]


def render_text(tables: Iterable[Table], max_width: int = 36) -> str:
    """Plain aligned tables; long cells wrap onto more lines."""
    out: list[str] = []
    for table in tables:
        out.append(table.title)
        out.append("=" * len(table.title))
        wrapped = [[_wrap(c, max_width) for c in row] for row in [table.header, *table.rows]]
        widths = [max(len(line) for row in wrapped for line in row[i]) for i in range(len(table.header))]
        for n, row in enumerate(wrapped):
            for k in range(max(len(c) for c in row)):
                parts = [(c[k] if k < len(c) else "").ljust(w) for c, w in zip(row, widths)]
                out.append("  ".join(parts).rstrip())
            if n == 0:
                out.append("  ".join("-" * w for w in widths))
        if not table.rows:
            out.append("(none)")
        if table.note:
            out.append(table.note)
        out.append("")
    return "\n".join(out)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(tables: Iterable[Table]) -> str:
    out: list[str] = []
    for table in tables:
        out += [f"## {table.title}", ""]
        out.append("| " + " | ".join(map(_md_cell, table.header)) + " |")
        out.append("|" + "|".join(" --- " for _ in table.header) + "|")
        out += ["| " + " | ".join(map(_md_cell, row)) + " |" for row in table.rows]
        if not table.rows:
            out.append("| " + " | ".join(["(none)", *[""] * (len(table.header) - 1)]) + " |")
        if table.note:
            out += ["", f"_{table.note}_"]
        out.append("")
    return "\n".join(out)


def render_csv(tables: Iterable[Table]) -> str:
    """One row per cell: section, row (its first column), column (header), value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", "row", "column", "value"])
    for table in tables:
        for row in table.rows:
            for column, value in zip(table.header[1:], row[1:]):
                writer.writerow([table.name, row[0], column, value])
    return buffer.getvalue()


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=1)


FORMATS = ("text", "markdown", "csv", "json")


def render(comparison: Comparison, fmt: str = "text") -> str:
    if fmt == "json":
        return render_json(comparison)
    tables = comparison_tables(comparison)
    if fmt == "markdown":
        return render_markdown(tables)
    if fmt == "csv":
        return render_csv(tables)
    if fmt == "text":
        return render_text(tables)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
