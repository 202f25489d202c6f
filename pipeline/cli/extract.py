"""`kehoach extract`: plans from files, folders or standard input, as JSON, JSON Lines or CSV."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from pipeline.cli.common import EXIT_INPUT_FAILED, RunOptions, error_line, run_inputs, runner_options
from pipeline.cli.progress import Progress


def _output_name(path: str, root: str | None) -> Path:
    from pipeline.export import output_name
    from pipeline.inputs import STDIN

    return Path("stdin.json") if path == STDIN else output_name(path, root)


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False),
              help="Write here: one NAME.json per input (json), plans.jsonl (jsonl), or the CSV tables (csv).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default=None,
              help="json for one input or with -o (default), jsonl for several; csv needs -o.")
@runner_options()
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def extract_command(inputs: tuple[str, ...], output_dir: str | None, fmt: str | None, quiet: bool,
                    run: RunOptions) -> None:
    """Extract plans from files, folders (walked recursively), or - for standard input."""
    from pipeline.export import CsvTables, plan_to_json, plan_to_jsonl, write_atomic, write_atomic_bytes
    from pipeline.inputs import expand_inputs
    from pipeline.summary import Summary

    files = list(expand_inputs(inputs))
    if not files:
        raise click.UsageError("no input files found")
    fmt = fmt or ("json" if len(files) == 1 or output_dir else "jsonl")
    if fmt == "csv" and not output_dir:
        raise click.UsageError("--format csv writes its tables into a folder: add -o DIR")
    paths = [path for path, _root in files]
    roots = [root for _path, root in files]
    out = Path(output_dir) if output_dir else None
    show_summary = not quiet and (len(files) > 1 or out is not None)
    progress = Progress(len(files), enabled=not quiet and len(files) > 1 and sys.stderr.isatty())
    summary = Summary()
    tables = CsvTables()
    lines: list[str] = []
    started = time.monotonic()
    try:
        for outcome in run_inputs(paths, "plan", run, on_done=progress.advance):
            summary.add(outcome)
            if outcome.plan is None:
                progress.message(error_line(outcome.path, outcome.error))
                continue
            for problem in outcome.rule_errors:
                progress.message(f"kehoach: internal error: {outcome.path}: {problem}")
            if fmt == "csv":
                tables.add(outcome.plan)
            elif fmt == "jsonl" and out is not None:
                lines.append(plan_to_jsonl(outcome.plan))
            elif out is not None:
                name = _output_name(paths[outcome.index], roots[outcome.index])
                write_atomic(out / name, plan_to_json(outcome.plan))
            elif fmt == "json":
                click.echo(plan_to_json(outcome.plan))
            else:
                click.echo(plan_to_jsonl(outcome.plan))
    finally:
        progress.close()
    if out is not None and fmt == "csv":
        tables.write(out)
    elif out is not None and fmt == "jsonl":
        write_atomic_bytes(out / "plans.jsonl", "".join(line + "\n" for line in lines).encode("utf-8"))
    if show_summary:
        for line in summary.lines(time.monotonic() - started, run.settings(len(files)).jobs):
            click.echo(f"kehoach: {line}", err=True)
        if out is not None:
            click.echo(f"kehoach: written to {out}", err=True)
    if summary.failed:
        sys.exit(EXIT_INPUT_FAILED)
