"""`kehoach compare`: plans side by side, from plan documents, kehoach's JSON outputs, or plans stored
by `kehoach ingest` (their ids, read from --db)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kehoach.pipeline.cli.common import (
    EXIT_INPUT_FAILED,
    RunOptions,
    db_option,
    report_failure,
    run_inputs,
    runner_options,
)

if TYPE_CHECKING:
    from kehoach.pipeline.job import Work
    from kehoach.schemas import Plan


def _work(path: str) -> Work:
    """A kehoach JSON output is read back as a plan; anything else is a document for the pipeline."""
    return "saved_plan" if path.lower().endswith(".json") else "plan"


def _is_plan_id(text: str) -> bool:
    """A number that names no file is the id of a stored plan (as `kehoach query plans` shows it)."""
    return text.isascii() and text.isdigit() and not os.path.exists(text)


def _stored(ids: list[int], db: str | None) -> list[Plan]:
    """The stored plans of these ids, in this order; a database that cannot be used, or an id it does
    not hold, is one error line and exit 2."""
    from kehoach.pipeline.cli.stored import read_store
    from kehoach.pipeline.store.read import stored_plans
    from kehoach.schemas import Plan

    found = read_store(db, lambda connection: stored_plans(connection, ids))
    return [Plan.model_validate(plan) for plan in found]


def _write(text: str, output: str | None) -> None:
    if output and output != "-":
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        click.echo(text.rstrip("\n"))


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "csv", "json"]), default="text",
              show_default=True, help="Terminal table, Markdown, CSV (one row per cell) or JSON.")
@click.option("-o", "--output", default=None, help="Write to this file instead of standard output.")
@db_option("The database of the plan ids among INPUTS: a file path (default kehoach.db here) or postgresql://...")
@runner_options()
def compare_command(inputs: tuple[str, ...], fmt: str, output: str | None, db: str | None, run: RunOptions) -> None:
    """Compare plans side by side: programme coverage, targets, budgets, lead units.

    INPUTS are plan documents (any format), kehoach JSON outputs (.json), or the ids of plans stored by
    kehoach ingest (as kehoach query plans shows them), read from --db.
    """
    from kehoach.pipeline.compare import compare_plans, load_programmes, render
    from kehoach.pipeline.job import plan_of

    files = [text for text in inputs if not _is_plan_id(text)]
    ids = [int(text) for text in inputs if _is_plan_id(text)]
    stored = iter(_stored(ids, db) if ids else [])
    outcomes = iter(list(run_inputs(files, _work, run)) if files else [])
    plans: list[Plan] = []
    failed = False
    for text in inputs:
        if _is_plan_id(text):
            plans.append(next(stored))
            continue
        outcome = next(outcomes)
        if outcome.ok:
            plans.append(plan_of(outcome))
        else:
            report_failure(outcome.path, outcome.error)
            failed = True
    if failed:
        sys.exit(EXIT_INPUT_FAILED)
    _write(render(compare_plans(plans, load_programmes()), fmt), output)
