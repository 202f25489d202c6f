"""`kehoach validate`: the findings of plans, as lines or JSON Lines; the exit code judges them."""

from __future__ import annotations

import json
import sys

import click

from kehoach.pipeline.cli.common import EXIT_FINDING_ERRORS, EXIT_INPUT_FAILED, RunOptions, report_failure, run_inputs, runner_options


@click.command("validate")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON Lines.")
@runner_options()
def validate_command(inputs: tuple[str, ...], as_json: bool, run: RunOptions) -> None:
    """Check plans; exit 1 when any error-severity finding exists, 2 on unreadable input."""
    from kehoach.pipeline.inputs import expand_inputs
    from kehoach.pipeline.job import plan_of

    paths = [path for path, _root in expand_inputs(inputs)]
    failed = 0
    errors = 0
    for outcome in run_inputs(paths, "plan", run):
        if not outcome.ok:
            failed += 1
            report_failure(outcome.path, outcome.error)
            continue
        for item in plan_of(outcome).findings:
            errors += item.severity == "error"
            page = item.source.page if item.source else None
            if as_json:
                record = {"path": outcome.path, **item.model_dump(mode="json")}
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                where = f"{outcome.path}:p{page}" if page else outcome.path
                click.echo(f"{where}: {item.severity}: {item.code}: {item.message}")
    if failed:
        sys.exit(EXIT_INPUT_FAILED)
    if errors:
        sys.exit(EXIT_FINDING_ERRORS)
