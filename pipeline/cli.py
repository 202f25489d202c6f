"""The kehoach command line: thin click commands over the pipeline.

Importing this module imports no pdfplumber, python-docx or spaCy, so `kehoach --help` is instant.
Bad input is one line on stderr naming the file and the reason; a batch goes on with the other files
and exits 2 when any input failed.
"""

from __future__ import annotations

import json
import sys
import time
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


def _report_error(path: str, reason: str) -> None:
    click.echo(f"kehoach: error: {path}: {reason}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), prog_name="kehoach")
def main() -> None:
    """Read Vietnamese official plans (Kế hoạch) into structured, validated JSON.

    PDF, DOCX, DOC, HTML and text go in; the tasks, who leads and coordinates them, periods,
    targets, phases and budget come out, with findings where the plan does not add up.
    """


class _Progress:
    """A one-line progress bar on stderr, drawn only on a terminal; messages print above it."""

    WIDTH = 28

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled
        self.start = time.monotonic()

    def _draw(self) -> None:
        filled = self.WIDTH * self.done // max(self.total, 1)
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} files  {elapsed:.0f} s  eta {eta:.0f} s\x1b[K")
        sys.stderr.flush()

    def advance(self, _outcome: object = None) -> None:
        self.done += 1
        if self.enabled:
            self._draw()

    def message(self, line: str) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
        click.echo(line, err=True)
        if self.enabled and self.done:
            self._draw()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _stdin_output_name(path: str, root: str | None) -> Path:
    from pipeline.export import output_name

    return Path("stdin.json") if path == "-" else output_name(path, root)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False),
              help="Write here: one NAME.json per input (json), plans.jsonl (jsonl), or the CSV tables (csv).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default=None,
              help="json for one input or with -o (default), jsonl for several; csv needs -o.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores); 1 runs in this process.")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=0), default=300.0, show_default=True,
              help="Seconds per file before it is given up as failed; 0 for no limit.")
@click.option("--max-memory", "max_memory_mb", type=click.IntRange(min=0), default=2048, show_default=True,
              help="Memory bound per worker in MB (address space); 0 for no limit.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def extract(inputs: tuple[str, ...], output_dir: str | None, fmt: str | None, jobs: int | None,
            timeout_s: float, max_memory_mb: int, quiet: bool) -> None:
    """Extract plans from files, folders (walked recursively), or - for standard input."""
    from pipeline.batch import BatchSettings, Job, Summary, default_jobs, in_input_order, run_batch
    from pipeline.export import CsvTables, plan_to_json, plan_to_jsonl, write_atomic, write_atomic_bytes
    from pipeline.inputs import expand_inputs

    files = list(expand_inputs(inputs))
    if not files:
        raise click.UsageError("no input files found")
    fmt = fmt or ("json" if len(files) == 1 or output_dir else "jsonl")
    if fmt == "csv" and not output_dir:
        raise click.UsageError("--format csv writes its tables into a folder: add -o DIR")
    settings = BatchSettings(
        jobs=min(jobs or default_jobs(), len(files)),
        timeout_s=timeout_s or None,
        max_memory_mb=max_memory_mb or None,
    )
    batch = [
        Job(index, path, data=sys.stdin.buffer.read() if path == "-" else None)
        for index, (path, _root) in enumerate(files)
    ]
    roots = [root for _path, root in files]
    out = Path(output_dir) if output_dir else None
    show_summary = not quiet and (len(files) > 1 or out is not None)
    progress = _Progress(len(files), enabled=not quiet and len(files) > 1 and sys.stderr.isatty())
    summary = Summary()
    tables = CsvTables()
    lines: list[str] = []
    started = time.monotonic()
    try:
        for outcome in in_input_order(run_batch(batch, settings), on_done=progress.advance):
            summary.add(outcome)
            if outcome.plan is None:
                progress.message(f"kehoach: error: {outcome.path}: {outcome.error or 'unknown error'}")
                continue
            for problem in outcome.rule_errors:
                progress.message(f"kehoach: internal error: {outcome.path}: {problem}")
            if fmt == "csv":
                tables.add(outcome.plan)
            elif fmt == "jsonl" and out is not None:
                lines.append(plan_to_jsonl(outcome.plan))
            elif out is not None:
                job = batch[outcome.index]
                write_atomic(out / _stdin_output_name(job.path, roots[outcome.index]), plan_to_json(outcome.plan))
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
        for line in summary.lines(time.monotonic() - started, settings.jobs):
            click.echo(f"kehoach: {line}", err=True)
        if out is not None:
            click.echo(f"kehoach: written to {out}", err=True)
    if summary.failed:
        sys.exit(EXIT_INPUT_FAILED)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON Lines.")
def validate(inputs: tuple[str, ...], as_json: bool) -> None:
    """Check plans; exit 1 when any error-severity finding exists, 2 on unreadable input."""
    from pipeline.inputs import expand_inputs
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
    from pipeline.inputs import STDIN_NAME, read_input
    from pipeline.run import structure_document

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


@main.command("learn-glyphs")
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The glyph table to write.")
def learn_glyphs(pdfs: tuple[str, ...], output: str) -> None:
    """Learn glyph ids from your own born-digital PDFs, to repair garbled ones.

    Use the table with KEHOACH_GLYPHS=table.json: it extends the shipped Times New Roman table.
    """
    from datetime import date

    from pipeline.reading import learn_glyphs

    table = learn_glyphs(
        (Path(p).read_bytes() for p in pdfs), source=f"learnt from {len(pdfs)} PDF(s)",
        as_of=date.today().isoformat(),
    )
    Path(output).write_text(json.dumps(table, ensure_ascii=False, indent=0), encoding="utf-8")
    click.echo(f"kehoach: glyph table written to {output}", err=True)


from pipeline.cli_compare import compare, report  # noqa: E402  (their own module, as light as this one)

main.add_command(compare)
main.add_command(report)

if __name__ == "__main__":
    main()
