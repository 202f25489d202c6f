"""`kehoach extract`: plans from files, folders or standard input, as JSON, JSON Lines or CSV."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kehoach.pipeline.cli.common import (
    EXIT_INPUT_FAILED, RunOptions, error_line, run_inputs, runner_options, write_failure,
)
from kehoach.pipeline.cli.progress import Progress


def _output_names(files: list[tuple[str, str | None]]) -> list[Path]:
    """Each input's file below the output folder. Inputs named alike in different folders keep the
    folders that tell them apart (d1/a.txt, d2/a.txt); the same file given twice is refused before
    anything is written, so that no output ever overwrites another."""
    import os

    from kehoach.pipeline.export import output_name
    from kehoach.pipeline.inputs import STDIN

    names = [Path("stdin.json") if path == STDIN else output_name(path, root) for path, root in files]
    by_name: dict[Path, list[int]] = {}
    for index, name in enumerate(names):
        by_name.setdefault(name, []).append(index)
    for name, indexes in by_name.items():
        if len(indexes) < 2:
            continue
        paths = [os.path.abspath(files[i][0]) for i in indexes]
        if len(set(paths)) < len(paths) or STDIN in (files[i][0] for i in indexes):
            raise click.UsageError(f"two inputs would both be written to {name}: give each file once")
        common = os.path.commonpath([os.path.dirname(p) for p in paths])
        for i, path in zip(indexes, paths):
            names[i] = output_name(path, common)
    return names


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
    from kehoach.pipeline.export import CsvTables, plan_to_json, plan_to_jsonl, write_atomic, write_atomic_bytes
    from kehoach.pipeline.inputs import expand_inputs
    from kehoach.pipeline.summary import Summary

    files = list(expand_inputs(inputs))
    if not files:
        raise click.UsageError("no input files found")
    fmt = fmt or ("json" if len(files) == 1 or output_dir else "jsonl")
    if fmt == "csv" and not output_dir:
        raise click.UsageError("--format csv writes its tables into a folder: add -o DIR")
    paths = [path for path, _root in files]
    out = Path(output_dir) if output_dir else None
    names = _output_names(files) if out is not None and fmt == "json" else []
    show_summary = not quiet and (len(files) > 1 or out is not None)
    progress = Progress(len(files), enabled=not quiet and len(files) > 1 and sys.stderr.isatty())
    summary = Summary()
    tables = CsvTables()
    lines: list[str] = []
    unwritten = 0
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
                target = out / names[outcome.index]
                try:
                    write_atomic(target, plan_to_json(outcome.plan))
                except OSError as exc:
                    unwritten += 1
                    progress.message(error_line(outcome.path, write_failure(target, exc)))
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
        if out is not None and unwritten:
            click.echo(f"kehoach: {unwritten} output(s) could not be written to {out}", err=True)
        elif out is not None:
            click.echo(f"kehoach: written to {out}", err=True)
    if summary.failed or unwritten:
        sys.exit(EXIT_INPUT_FAILED)
