"""The comparison rendered: as tables (plans, coverage, targets, budgets, leads), then as a terminal
table, Markdown or CSV (one row per cell); or the comparison's data as JSON."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from kehoach.pipeline.compare.comparison import Comparison
from kehoach.pipeline.compare.coverage import CoverageCell
from kehoach.pipeline.compare.targets import TargetRow, TargetValue
from kehoach.pipeline.export import spreadsheet_text

_COMPARATOR_SIGNS = {"at_least": "≥", "at_most": "≤", "over": ">", "under": "<", "exactly": "", "between": ""}
# A cell printed as a number ("12.345.000.000", "5") is written to CSV as one (12345000000).
_PRINTED_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")


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
    if value.quantity_max is not None:
        quantity += f"-{value.quantity_max:g}"
    if value.approximate:
        quantity = "~" + quantity
    text = _COMPARATOR_SIGNS.get(value.comparator, "") + quantity
    if value.unit == "%":
        text += "%"
    return f"{text} (task {value.task_id})" if value.task_id else text


def _coverage_cell(cell: CoverageCell | None) -> str:
    if cell is None:
        return "not classified"
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
        note="tasks per group; (n?) of them low-confidence; not classified: the plan does not carry out this programme"
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


def _csv_value(value: str) -> str:
    return value.replace(".", "") if _PRINTED_NUMBER.fullmatch(value) else value


def render_csv(tables: Iterable[Table]) -> str:
    """One row per cell: section, row (its first column), column (header), value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", "row", "column", "value"])
    for table in tables:
        for row in table.rows:
            for column, value in zip(table.header[1:], row[1:]):
                writer.writerow([spreadsheet_text(v) for v in (table.name, row[0], column, _csv_value(value))])
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
