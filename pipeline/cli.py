"""The kehoach command line: thin click commands over the pipeline.

Importing this module imports no pdfplumber, python-docx or spaCy, so `kehoach --help` is instant.
Bad input is one line on stderr naming the file and the reason; a batch goes on with the other files
and exits 2 when any input failed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from extractors.errors import KehoachError

EXIT_FINDING_ERRORS = 1
EXIT_INPUT_FAILED = 2


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kehoach")
    except PackageNotFoundError:
        return "0+unknown"


def expand_inputs(paths: tuple[str, ...]) -> Iterator[tuple[str, str | None]]:
    """Each input file with the folder it was found under (None for files named directly)."""
    from extractors.readers import EXTENSIONS

    for path in paths:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file() and file.suffix.lower() in EXTENSIONS and not file.name.startswith("."):
                    yield str(file), path
        else:
            yield path, None


def _report_error(path: str, reason: str) -> None:
    click.echo(f"kehoach: error: {path}: {reason}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), prog_name="kehoach")
def main() -> None:
    """Read Vietnamese official plans (Kế hoạch) into structured, validated JSON.

    PDF, DOCX, DOC, HTML and text go in; the tasks, who leads and coordinates them, periods,
    targets, phases and budget come out, with findings where the plan does not add up.
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False), help="Write one NAME.json per input here.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default=None, help="json for one input, jsonl for several (default).")
def extract(inputs: tuple[str, ...], output_dir: str | None, fmt: str | None) -> None:
    """Extract plans from files, folders, or - for standard input."""
    from pipeline.export import output_name, plan_to_json, plan_to_jsonl, write_atomic
    from pipeline.run import process_path

    files = list(expand_inputs(inputs))
    if not files:
        raise click.UsageError("no input files found")
    fmt = fmt or ("json" if len(files) == 1 and not output_dir else "jsonl")
    failed = 0
    for path, root in files:
        result = process_path(path)
        if result.plan is None:
            failed += 1
            _report_error(result.path, result.error or "unknown error")
            continue
        for problem in result.rule_errors:
            click.echo(f"kehoach: internal error: {result.path}: {problem}", err=True)
        if output_dir:
            write_atomic(Path(output_dir) / output_name(path, root), plan_to_json(result.plan))
        elif fmt == "json":
            click.echo(plan_to_json(result.plan))
        else:
            click.echo(plan_to_jsonl(result.plan))
    if output_dir:
        click.echo(f"kehoach: {len(files) - failed} of {len(files)} inputs extracted to {output_dir}", err=True)
    if failed:
        sys.exit(EXIT_INPUT_FAILED)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON Lines.")
def validate(inputs: tuple[str, ...], as_json: bool) -> None:
    """Check plans; exit 1 when any error-severity finding exists, 2 on unreadable input."""
    from pipeline.run import process_path

    failed = 0
    errors = 0
    for path, _root in expand_inputs(inputs):
        result = process_path(path)
        if result.plan is None:
            failed += 1
            _report_error(result.path, result.error or "unknown error")
            continue
        for item in result.plan.findings:
            errors += item.severity == "error"
            page = item.source.page if item.source else None
            if as_json:
                record = {"path": result.path, **item.model_dump(mode="json")}
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                where = f"{result.path}:p{page}" if page else result.path
                click.echo(f"{where}: {item.severity}: {item.code}: {item.message}")
    if failed:
        sys.exit(EXIT_INPUT_FAILED)
    if errors:
        sys.exit(EXIT_FINDING_ERRORS)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the Plan (schema_version 1)."""
    from schemas import plan_json_schema

    click.echo(json.dumps(plan_json_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.argument("input_path")
def layout(input_path: str) -> None:
    """Dump a document's normalized Layout and outline as JSON (for debugging a reading)."""
    from pipeline.run import STDIN_NAME, read_input, structure_document

    name = STDIN_NAME if input_path == "-" else input_path
    try:
        doc = structure_document(read_input(input_path), name)
    except KehoachError as exc:
        _report_error(name, getattr(exc, "reason", str(exc)))
        sys.exit(EXIT_INPUT_FAILED)
    outline = [
        {"marker": s.marker.printed if s.marker else None, "title": s.title, "start": s.block.start if s.block else None}
        for s in doc.sections()
    ]
    payload = {"layout": doc.layout.model_dump(mode="json"), "outline": outline}
    click.echo(json.dumps(payload, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
