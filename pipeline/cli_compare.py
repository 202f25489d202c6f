"""The `compare` and `report` commands, registered on the main group by `pipeline/cli.py`.

Kept light like the rest of the CLI: the pipeline, the comparison and the page are imported inside
the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from schemas import Plan

EXIT_INPUT_FAILED = 2


def _fail(path: str, reason: str) -> None:
    click.echo(f"kehoach: error: {path}: {reason}", err=True)
    sys.exit(EXIT_INPUT_FAILED)


def load_plan(path: str) -> Plan:
    """A Plan from a kehoach JSON output (.json) or from a plan document run through the pipeline."""
    from pydantic import ValidationError

    from pipeline.run import process_path
    from schemas import Plan

    if path.lower().endswith(".json"):
        try:
            return Plan.model_validate_json(Path(path).read_bytes())
        except OSError as exc:
            _fail(path, f"cannot read ({exc.strerror or exc})")
        except ValidationError as exc:
            _fail(path, f"not a kehoach plan JSON ({exc.error_count()} validation errors)")
    result = process_path(path)
    if result.plan is None:
        _fail(result.path, result.error or "unknown error")
    assert result.plan is not None
    return result.plan


def _write(text: str, output: str | None) -> None:
    if output and output != "-":
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        click.echo(text.rstrip("\n"))


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "csv", "json"]), default="text",
              show_default=True, help="Terminal table, Markdown, CSV (one row per cell) or JSON.")
@click.option("-o", "--output", default=None, help="Write to this file instead of standard output.")
def compare(inputs: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Compare plans side by side: programme coverage, targets, budgets, lead units.

    INPUTS are plan documents (any format) or kehoach JSON outputs (.json).
    """
    from pipeline.compare import compare_plans, load_programmes, render

    plans = [load_plan(path) for path in inputs]
    _write(render(compare_plans(plans, load_programmes()), fmt), output)


@click.command()
@click.argument("input_path")
@click.option("-o", "--output", required=True, help="The HTML file to write.")
def report(input_path: str, output: str) -> None:
    """Write a self-contained HTML review page: the text with every extracted value highlighted."""
    from pipeline.report import render_report
    from pipeline.run import process_path

    if input_path.lower().endswith(".json"):
        raise click.UsageError("report needs the plan document itself (its text), not its JSON output")
    result = process_path(input_path, keep_layout=True)
    if result.plan is None or result.layout is None:
        _fail(result.path, result.error or "unknown error")
    assert result.plan is not None and result.layout is not None
    Path(output).write_text(render_report(result.plan, result.layout.text), encoding="utf-8")
    click.echo(f"kehoach: review page written to {output}", err=True)
