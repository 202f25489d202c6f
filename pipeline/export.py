"""Serialization of plans: JSON, JSON Lines, CSV for spreadsheets, and output file naming.

The JSON functions take a Plan or the plain data of its JSON dump (what batch workers send back), and
give the same text for both.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kehoach.schemas import Plan


def plan_to_dict(plan: Plan) -> dict[str, object]:
    return plan.model_dump(mode="json")


def _as_data(plan: Plan | Mapping[str, Any]) -> Mapping[str, Any]:
    return plan_to_dict(plan) if isinstance(plan, Plan) else plan


def plan_to_json(plan: Plan | Mapping[str, Any], *, indent: int | None = 2) -> str:
    return json.dumps(_as_data(plan), ensure_ascii=False, indent=indent)


def plan_to_jsonl(plan: Plan | Mapping[str, Any]) -> str:
    return json.dumps(_as_data(plan), ensure_ascii=False, separators=(",", ":"))


def output_name(path: str, root: str | None) -> Path:
    """Where a plan read from `path` goes below the output folder: its path below `root`, plus .json.

    The extension is kept ("plan.pdf.json") so that renderings of one plan in several formats do
    not overwrite each other.
    """
    file = Path(path)
    if root is not None:
        try:
            relative = file.resolve().relative_to(Path(root).resolve())
            return relative.with_name(relative.name + ".json")
        except ValueError:
            pass
    return Path(file.name + ".json")


def write_atomic(target: Path, text: str) -> None:
    """Write a file so that a reader never sees half of it: a temporary file, then a rename."""
    write_atomic_bytes(target, (text + "\n").encode("utf-8"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic_bytes(target: Path, data: bytes) -> None:
    """`write_atomic` for bytes written exactly as given."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # A short temporary name: the target's own name may already be at the file system's length limit.
    fd, tmp = tempfile.mkstemp(prefix=".kehoach-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; give the file the usual permissions
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- CSV ------------------------------------------------------------------------------------------
# Flat tables for spreadsheets, one row per item, keyed by the plan's number and its source path.
# UTF-8 with a byte order mark, which Excel needs to read Vietnamese; lists are joined with "; ".

CSV_ENCODING = "utf-8-sig"
LIST_SEPARATOR = "; "
KEY_COLUMNS = ("plan_number", "source_path")
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": KEY_COLUMNS + (
        "format", "sha256", "pages", "type_code", "type_name", "issuer", "province", "place",
        "issued_date", "title", "legal_bases", "signer_name", "signer_position", "signer_on_behalf_of",
        "recipients", "units", "tasks", "targets", "phases", "budget_total_vnd", "budget_total_in_words",
        "budget_total_in_words_vnd", "findings_error", "findings_warning", "findings_info",
    ),
    "tasks": KEY_COLUMNS + (
        "id", "number", "parent_id", "kind", "title", "lead_units", "coordinating_units", "period_text",
        "start_year", "end_year", "recurrence", "years", "start_date", "end_date", "granularity", "product",
        "budget_vnd", "page", "source_text",
    ),
    "targets": KEY_COLUMNS + (
        "task_id", "year", "quantity", "quantity_max", "comparator", "approximate", "direction", "unit",
        "per_year", "text", "page",
    ),
    "budget": KEY_COLUMNS + (
        "position", "path", "level", "label", "amount_vnd", "page", "source_text",
    ),
}


# A text cell that begins with one of these is run as a formula by spreadsheets (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character is quoted with an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _cell(value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return spreadsheet_text(LIST_SEPARATOR.join(str(v) for v in value))
    if isinstance(value, (int, float)):
        return value
    return spreadsheet_text(str(value))


def _page(item: Mapping[str, Any]) -> Any:
    return (item.get("source") or {}).get("page")


def _source_text(item: Mapping[str, Any]) -> Any:
    return (item.get("source") or {}).get("text")


def _budget_rows(items: list[Mapping[str, Any]], position: str, path: list[str]) -> Iterator[dict[str, Any]]:
    for n, item in enumerate(items, start=1):
        here = f"{position}.{n}" if position else str(n)
        labels = path + [str(item.get("label", ""))]
        yield {
            "position": here, "path": " > ".join(labels), "level": len(labels), "label": item.get("label"),
            "amount_vnd": item.get("amount_vnd"), "page": _page(item), "source_text": _source_text(item),
        }
        yield from _budget_rows(item.get("items") or [], here, labels)


def plan_to_csv_rows(plan: Plan | Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The plan's rows for each CSV table (documents, tasks, targets, budget)."""
    data = _as_data(plan)
    document = data.get("document") or {}
    source = data.get("source") or {}
    key = {"plan_number": document.get("number"), "source_path": source.get("path")}
    signer = document.get("signer") or {}
    budget = data.get("budget") or {}
    severities = [f.get("severity") for f in data.get("findings") or []]
    documents = [{
        **key,
        "format": source.get("format"), "sha256": source.get("sha256"), "pages": source.get("pages"),
        **{name: document.get(name) for name in (
            "type_code", "type_name", "issuer", "issuer_level", "province", "place", "issued_date", "title",
            "recipients")},
        "carries_type_code": (document.get("carries") or {}).get("type_code"),
        "legal_bases": [b.get("number") or b.get("text") for b in document.get("legal_bases") or []],
        "signer_name": signer.get("name"), "signer_position": signer.get("position"),
        "signer_on_behalf_of": signer.get("on_behalf_of"),
        "units": len(data.get("units") or []), "tasks": len(data.get("tasks") or []),
        "targets": len(data.get("targets") or []), "phases": len(data.get("phases") or []),
        "budget_total_vnd": budget.get("total_vnd"), "budget_total_in_words": budget.get("total_in_words"),
        "budget_total_in_words_vnd": budget.get("total_in_words_vnd"),
        "findings_error": severities.count("error"), "findings_warning": severities.count("warning"),
        "findings_info": severities.count("info"),
    }]
    tasks = []
    for task in data.get("tasks") or []:
        period = task.get("period") or {}
        tasks.append({
            **key,
            **{name: task.get(name) for name in (
                "id", "number", "parent_id", "kind", "title", "lead_units", "coordinating_units", "budget_vnd")},
            "period_text": period.get("text"), "start_year": period.get("start_year"),
            "end_year": period.get("end_year"), "recurrence": period.get("recurrence"),
            "years": period.get("years"), "start_date": period.get("start_date"),
            "end_date": period.get("end_date"), "granularity": period.get("granularity"),
            "product": task.get("product"), "page": _page(task), "source_text": _source_text(task),
        })
    targets = [
        {**key, **{name: t.get(name) for name in (
            "task_id", "year", "quantity", "quantity_max", "comparator", "approximate", "direction", "unit",
            "per_year", "text")},
         "page": _page(t)}
        for t in data.get("targets") or []
    ]
    budget_rows = [{**key, **row} for row in _budget_rows(budget.get("items") or [], "", [])]
    return {"documents": documents, "tasks": tasks, "targets": targets, "budget": budget_rows}


def csv_text(table: str, rows: list[dict[str, Any]]) -> str:
    """One CSV table as text (without the byte order mark; `write_csv_tables` adds it)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS[table], lineterminator="\r\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _cell(row.get(name)) for name in CSV_COLUMNS[table]})
    return buffer.getvalue()


class CsvTables:
    """Rows of many plans, gathered in the order they are added, written as one file per table."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {table: [] for table in CSV_COLUMNS}

    def add(self, plan: Plan | Mapping[str, Any]) -> None:
        for table, rows in plan_to_csv_rows(plan).items():
            self.rows[table].extend(rows)

    def write(self, directory: Path) -> list[Path]:
        """Write documents.csv, tasks.csv, targets.csv and budget.csv atomically; the paths written."""
        written = []
        for table, rows in self.rows.items():
            target = directory / f"{table}.csv"
            write_atomic_bytes(target, csv_text(table, rows).encode(CSV_ENCODING))
            written.append(target)
        return written
