"""`kehoach compare`: plans side by side, from plan documents or kehoach's JSON outputs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kehoach.pipeline.cli.common import EXIT_INPUT_FAILED, RunOptions, report_failure, run_inputs, runner_options

if TYPE_CHECKING:
    from kehoach.pipeline.job import Work


def _work(path: str) -> Work:
    """A kehoach JSON output is read back as a plan; anything else is a document for the pipeline."""
    return "saved_plan" if path.lower().endswith(".json") else "plan"


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
@runner_options()
def compare_command(inputs: tuple[str, ...], fmt: str, output: str | None, run: RunOptions) -> None:
    """Compare plans side by side: programme coverage, targets, budgets, lead units.

    INPUTS are plan documents (any format) or kehoach JSON outputs (.json).
    """
    from kehoach.pipeline.compare import compare_plans, load_programmes, render
    from kehoach.pipeline.job import plan_of

    outcomes = list(run_inputs(list(inputs), _work, run))
    failed = [outcome for outcome in outcomes if not outcome.ok]
    for outcome in failed:
        report_failure(outcome.path, outcome.error)
    if failed:
        sys.exit(EXIT_INPUT_FAILED)
    plans = [plan_of(outcome) for outcome in outcomes]
    _write(render(compare_plans(plans, load_programmes()), fmt), output)
