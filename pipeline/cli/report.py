"""`kehoach report`: the self-contained HTML review page of one plan document."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kehoach.pipeline.cli.common import EXIT_INPUT_FAILED, RunOptions, report_failure, run_one, runner_options


@click.command("report")
@click.argument("input_path")
@click.option("-o", "--output", required=True, help="The HTML file to write.")
@runner_options(jobs=False)
def report_command(input_path: str, output: str, run: RunOptions) -> None:
    """Write a self-contained HTML review page: the text with every extracted value highlighted."""
    from kehoach.pipeline.job import plan_of
    from kehoach.pipeline.report import render_report

    if input_path.lower().endswith(".json"):
        report_failure(input_path, "report needs the plan document itself (its text), not its JSON output")
        sys.exit(EXIT_INPUT_FAILED)
    outcome = run_one(input_path, "review", run)
    assert outcome.text is not None
    Path(output).write_text(render_report(plan_of(outcome), outcome.text), encoding="utf-8")
    click.echo(f"kehoach: review page written to {output}", err=True)
