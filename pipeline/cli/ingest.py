"""`kehoach ingest`: plans from files and folders into a database (SQLite by default, or PostgreSQL).

Files run through the same runner as `extract` (workers, timeout, memory bound, progress, summary);
the parent process writes each plan in input order, one transaction per file. Files this kehoach
version has ingested already are not extracted again ("unchanged").
"""

from __future__ import annotations

import hashlib
import sys
import time

import click

from kehoach.pipeline.cli.common import (
    EXIT_INPUT_FAILED,
    RunOptions,
    db_option,
    error_line,
    run_inputs,
    runner_options,
)
from kehoach.pipeline.cli.progress import Progress
from kehoach.pipeline.version import kehoach_version

DB_HELP = "The database: a file path (default kehoach.db here) or postgresql://user@host/name."



def _sha256(path: str) -> str | None:
    """The file's hash, to skip it before extracting when it is in the database; None when it cannot
    be read here (the runner then says why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option(DB_HELP)
@runner_options()
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def ingest_command(inputs: tuple[str, ...], db: str | None, quiet: bool, run: RunOptions) -> None:
    """Extract plans from files or folders into a database; files already in it are skipped."""
    from sqlalchemy.exc import SQLAlchemyError

    from kehoach.pipeline.inputs import STDIN, expand_inputs
    from kehoach.pipeline.store.connect import display_url, database_url, failure_reason, open_store
    from kehoach.pipeline.store.errors import StoreError
    from kehoach.pipeline.store.write import UNCHANGED, store_plan, unchanged_files
    from kehoach.pipeline.summary import Summary

    files = [path for path, _root in expand_inputs(inputs)]
    if not files:
        raise click.UsageError("no input files found")
    try:
        engine = open_store(db)
    except StoreError as exc:
        click.echo(f"kehoach: error: {exc}", err=True)
        sys.exit(EXIT_INPUT_FAILED)
    version = kehoach_version()
    hashes = {path: _sha256(path) for path in files if path != STDIN}
    known = unchanged_files(engine, (h for h in hashes.values() if h), version)
    todo = [path for path in files if hashes.get(path) not in known or hashes.get(path) is None]
    counts = {UNCHANGED: len(files) - len(todo)}
    summary = Summary()
    unwritten = 0
    progress = Progress(len(todo), enabled=not quiet and len(todo) > 1 and sys.stderr.isatty())
    started = time.monotonic()
    try:
        for outcome in run_inputs(todo, "plan", run, on_done=progress.advance) if todo else ():
            summary.add(outcome)
            if outcome.plan is None:
                progress.message(error_line(outcome.path, outcome.error))
                continue
            try:
                status = store_plan(engine, outcome.plan, version)
            except SQLAlchemyError as exc:
                unwritten += 1
                progress.message(error_line(outcome.path, f"not written to the database: {failure_reason(exc)}"))
                continue
            counts[status] = counts.get(status, 0) + 1
    finally:
        progress.close()
        engine.dispose()
    if not quiet:
        if todo:
            for line in summary.lines(time.monotonic() - started, run.settings(len(todo)).jobs):
                click.echo(f"kehoach: {line}", err=True)
        done = ", ".join(f"{n} {status}" for status, n in counts.items() if n or status == UNCHANGED)
        failed = f", {unwritten} not written" if unwritten else ""
        click.echo(f"kehoach: database {display_url(database_url(db))}: {done}{failed}", err=True)
    if summary.failed or unwritten:
        sys.exit(EXIT_INPUT_FAILED)
