"""`kehoach query`: ready-made questions across the plans of a database, or read-only SQL, printed as
a table, CSV or JSON."""

from __future__ import annotations

from typing import Any

import click

from kehoach.pipeline.cli.common import db_option

QUESTIONS = ("plans", "tasks", "units", "targets", "budgets", "findings")
CELL_CHARS = 60


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _table(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    cells = [[_cell(v) if len(_cell(v)) <= CELL_CHARS else _cell(v)[: CELL_CHARS - 1] + "…" for v in row]
             for row in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _csv(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    # A cell that a spreadsheet would read as a formula is quoted with a leading apostrophe.
    writer.writerows([["'" + c if c[:1] in ("=", "+", "-", "@") and not _number(c) else c for c in map(_cell, row)]
                      for row in rows])
    return out.getvalue().rstrip("\n")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _json(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    import json

    return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2, default=str)


@click.command("query")
@click.argument("question", type=click.Choice(QUESTIONS), required=False)
@db_option("The database: a file path (default kehoach.db here) or postgresql://...")
@click.option("--sql", default=None, help="Run this SQL statement, read-only, instead of a question.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--province", default=None, help="Plans of this province.")
@click.option("--level", type=click.Choice(["central", "province", "commune"]), default=None,
              help="Plans of this issuer level.")
@click.option("--type", "type_code", default=None, help='Plans of this type code, e.g. KH, QĐ.')
@click.option("--programme", default=None, help="Plans whose legal bases or title name this (a number or words).")
@click.option("--year", type=int, default=None, help="plans: issued this year; targets: this milestone year.")
@click.option("--unit", default=None, help="tasks, units, targets: units whose name holds this (abbreviations expanded).")
@click.option("--role", type=click.Choice(["lead", "coordinating"]), default=None, help="tasks, units: this role only.")
@click.option("--subject", default=None, help="targets: whose text holds these words.")
@click.option("--code", default=None, help="findings: every finding of this code.")
def query_command(question: str | None, db: str | None, sql: str | None, fmt: str, **filters: Any) -> None:
    """Ask a database made by kehoach ingest: plans, tasks, units, targets, budgets, findings, or --sql."""
    from kehoach.pipeline.cli.stored import read_store
    from kehoach.pipeline.store.queries import Filters, ask, run_sql

    if (question is None) == (sql is None):
        raise click.UsageError("ask one question (plans, tasks, units, targets, budgets, findings) or give --sql")
    columns, rows = read_store(db, lambda connection: run_sql(connection, sql) if sql is not None else ask(
        connection, question or "", Filters(**filters)))
    click.echo({"table": _table, "csv": _csv, "json": _json}[fmt](columns, rows))
