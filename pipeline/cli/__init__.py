"""The kehoach command line: thin click commands over the pipeline, one module per command group.

Every command runs its inputs through the one runner (`pipeline/batch.py`) with the same limits
(`--timeout`, `--max-memory`); bad input is one line on stderr naming the file and the reason, and
exits 2. Importing this package imports no pdfplumber, pypdfium2 or python-docx, nor the pipeline itself,
so `kehoach --help` is instant.
"""

from __future__ import annotations

import click

from kehoach.pipeline.cli.common import EXIT_INPUT_FAILED
from kehoach.pipeline.inputs import printable

from kehoach.pipeline.cli.compare import compare_command
from kehoach.pipeline.cli.extract import extract_command
from kehoach.pipeline.cli.ingest import ingest_command
from kehoach.pipeline.cli.query import query_command
from kehoach.pipeline.cli.report import report_command
from kehoach.pipeline.cli.serve import serve_command
from kehoach.pipeline.cli.tools import layout_command, learn_glyphs_command, schema_command
from kehoach.pipeline.cli.validate import validate_command
from kehoach.pipeline.version import kehoach_version

__all__ = ["main"]


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # The version is looked up only when asked for: importlib.metadata costs a tenth of --help's time.
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"kehoach, version {kehoach_version()}")
    ctx.exit()


class _Main(click.Group):
    """The command group: an output that cannot be written (a missing folder, a full disk, a closed
    pipe) ends the command with one line and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            _detach_stdout()
            where = printable(str(exc.filename)) if exc.filename else "standard output"
            click.echo(f"kehoach: error: {where}: cannot write ({exc.strerror or type(exc).__name__})", err=True)
            ctx.exit(EXIT_INPUT_FAILED)


def _detach_stdout() -> None:
    """Nothing more can go to standard output; Python's own flush at exit must not fail again."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
def main() -> None:
    """Read Vietnamese official plans (Kế hoạch) into structured, validated JSON.

    PDF, DOCX, DOC, HTML and text go in; the tasks, who leads and coordinates them, periods,
    targets, phases and budget come out, with findings where the plan does not add up.
    """


for _command in (extract_command, validate_command, compare_command, report_command, schema_command,
                 layout_command, learn_glyphs_command):
    main.add_command(_command)
main.add_command(ingest_command)
main.add_command(query_command)
main.add_command(serve_command)
