"""The helper commands: `kehoach schema`, `kehoach layout` (debugging a reading) and
`kehoach learn-glyphs` (glyph tables from the user's own PDFs)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kehoach.pipeline.cli.common import RunOptions, run_one, runner_options


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the Plan (schema_version 1.1)."""
    from kehoach.schemas import plan_json_schema

    click.echo(json.dumps(plan_json_schema(), ensure_ascii=False, indent=2))


@click.command("layout")
@click.argument("input_path")
@runner_options(jobs=False)
def layout_command(input_path: str, run: RunOptions) -> None:
    """Dump a document's normalized Layout and outline as JSON (for debugging a reading)."""
    outcome = run_one(input_path, "layout", run)
    click.echo(json.dumps(outcome.layout, ensure_ascii=False, indent=1))


@click.command("learn-glyphs")
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The glyph table to write.")
def learn_glyphs_command(pdfs: tuple[str, ...], output: str) -> None:
    """Learn glyph ids from your own born-digital PDFs, to repair garbled ones.

    Use the table with KEHOACH_GLYPHS=table.json: it extends the shipped Times New Roman table.
    """
    from datetime import date

    from kehoach.pipeline.reading import learn_glyphs

    table = learn_glyphs(
        (Path(p).read_bytes() for p in pdfs), source=f"learnt from {len(pdfs)} PDF(s)",
        as_of=date.today().isoformat(),
    )
    Path(output).write_text(json.dumps(table, ensure_ascii=False, indent=0), encoding="utf-8")
    click.echo(f"kehoach: glyph table written to {output}", err=True)
